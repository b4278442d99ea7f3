// Installer output -> the packages it says it installed (issue 9 §4): pip's "Successfully installed",
// uv's " + name==ver", Poetry's "Installing name (ver)"; escapes stripped, sizes bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_INSTALLED, MAX_OUTPUT_CHARS, parseInstallOutput, stripAnsi } from '../../server/src/parse/install-output';

const pairs = (text: string): string[] => parseInstallOutput(text).installed.map((p) => `${p.tool}:${p.name}==${p.version}`);

test('pip: every name-version of "Successfully installed", names with dashes kept whole', () => {
  const out = [
    'Collecting reqeusts',
    '  Downloading reqeusts-2.0-py3-none-any.whl (1.2 kB)',
    'Requirement already satisfied: urllib3 in ./venv/lib/python3.12/site-packages (2.2.1)',
    'Installing collected packages: charset-normalizer, reqeusts',
    'Successfully installed charset-normalizer-3.3.2 reqeusts-2.0 zope.interface-6.4.post2 torch-2.3.0+cu121',
    '',
  ].join('\n');
  assert.deepEqual(pairs(out), ['pip:charset-normalizer==3.3.2', 'pip:reqeusts==2.0', 'pip:zope.interface==6.4.post2', 'pip:torch==2.3.0+cu121']);
});

test('uv: " + name==ver" and " ~ name==ver" lines; removals and other lines are not installs', () => {
  const out = [
    'Resolved 5 packages in 120ms',
    'Prepared 2 packages in 30ms',
    'Uninstalled 1 package in 2ms',
    'Installed 3 packages in 4ms',
    ' - idna==3.6',
    ' + idna==3.7',
    ' + reqeusts==2.0',
    ' ~ certifi==2024.2.2',
    ' + mylib==0.1.0 (from file:///src/mylib)',
    ' + not a package line',
  ].join('\n');
  assert.deepEqual(pairs(out), ['uv:idna==3.7', 'uv:reqeusts==2.0', 'uv:certifi==2024.2.2', 'uv:mylib==0.1.0']);
});

test('Poetry: "Installing name (ver)" with either bullet', () => {
  const out = 'Package operations: 2 installs, 0 updates, 0 removals\n\n  - Installing reqeusts (2.0)\n  • Installing nunpy (1.0.0): Downloading... 40%\r  • Installing nunpy (1.0.0)\n';
  assert.deepEqual(pairs(out), ['poetry:reqeusts==2.0', 'poetry:nunpy==1.0.0']);
});

test('colours, cursor moves and VS Code shell-integration marks are stripped before reading', () => {
  const out = '\x1b]633;C\x07\x1b[1;32mSuccessfully installed\x1b[0m \x1b[1mreqeusts-2.0\x1b[0m\r\n \x1b[32m+\x1b[39m \x1b[1mnunpy\x1b[0m\x1b[2m==1.0\x1b[0m\n\x1b]633;D;0\x1b\\';
  assert.deepEqual(pairs(out), ['pip:reqeusts==2.0', 'uv:nunpy==1.0']);
  assert.equal(stripAnsi('a\x1b[2Kb\x1b]0;title\x07c\x9b1md\x1bMe'), 'abcde');
  // An unterminated OSC runs to the end: dropped, not read as text.
  assert.equal(stripAnsi('ok\x1b]633;E;Successfully installed evil-1.0'), 'ok');
});

test('a carriage return restarts the line (progress bars), as the terminal shows it', () => {
  assert.deepEqual(pairs('Downloading 10%\rDownloading 90%\rSuccessfully installed six-1.16.0\n'), ['pip:six==1.16.0']);
  // Text overwritten by \r is not what pip printed last on that line.
  assert.deepEqual(pairs('Successfully installed fake-1.0\rDone\n'), []);
});

test('each name once (PEP 503 spelling), in order; junk items are skipped', () => {
  const out = 'Successfully installed Foo_Bar-1.0 foo-bar-1.0 -1.0 noversion bad!name-1.0\n + foo.bar==1.0\n';
  assert.deepEqual(pairs(out), ['pip:Foo_Bar==1.0']);
});

test('hostile sizes: output is cut to its tail, names are capped, long lines are bounded', () => {
  const names = Array.from({ length: MAX_INSTALLED + 20 }, (_, i) => `pkg${i}-1.0`).join(' ');
  const many = parseInstallOutput(`Successfully installed ${names}\n`);
  assert.equal(many.installed.length, MAX_INSTALLED);
  assert.equal(many.dropped, 20);
  assert.equal(many.truncated, false);

  const huge = 'x'.repeat(MAX_OUTPUT_CHARS + 10) + '\nSuccessfully installed reqeusts-2.0\n';
  const r = parseInstallOutput(huge);
  assert.equal(r.truncated, true);
  assert.deepEqual(r.installed.map((p) => p.name), ['reqeusts'], 'the tail, where installers report, is read');

  const longLine = parseInstallOutput(`Successfully installed ${'a'.repeat(300_000)}-1.0 b-1.0\n`);
  assert.deepEqual(longLine.installed, [], 'a line is read only up to MAX_LINE_CHARS');

  const escapes = parseInstallOutput('\x1b['.repeat(200_000) + 'm\nSuccessfully installed six-1.16.0\n');
  assert.deepEqual(escapes.installed.map((p) => p.name), ['six']);
});
