// The terminal check (issue 9 §4), offline: a command line and its output -> each name's findings,
// where the name came from, and the uninstall command of the tool that installed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommand, uninstallFor } from '../../server/src/assess/check-command';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { commandDetails } from '../../server/src/present/command-report';
import { parseCheckCommandParams, parseCheckCommandResult, uninstallCommand, MAX_COMMAND_OUTPUT_CHARS } from '../../shared/protocol';

const settings = { ...DEFAULT_SETTINGS, offline: true };
const rows = (r: Awaited<ReturnType<typeof checkCommand>>) => r.packages.map((p) => [p.input, p.source, p.verdict, p.uninstall ?? null]);

test('a command that runs no installer checks nothing', async () => {
  for (const c of ['ls -la', 'echo pip install reqeusts', 'conda install reqeusts', 'git commit -m "pip install x"']) {
    const r = await checkCommand({ command: c }, settings);
    assert.equal(r.install, false, c);
    assert.deepEqual(r.packages, []);
  }
});

test('typed names are checked, each once, with the uninstall of the tool as typed', async () => {
  const r = await checkCommand({ command: 'python3 -m pip install -U reqeusts "fastapi[standard]>=0.115" reqeusts' }, settings);
  assert.equal(r.install, true);
  assert.equal(r.mode, 'offline');
  assert.deepEqual(rows(r), [
    ['reqeusts', 'command', 'error', 'python3 -m pip uninstall -y'],
    ['fastapi[standard]>=0.115', 'command', 'ok', 'python3 -m pip uninstall -y'],
  ]);
  assert.equal(r.packages[0]!.findings[0]!.code, 'PW101');
  assert.equal(r.packages[0]!.findings[0]!.fix, 'requests');
  assert.match(r.notes.join('\n'), /Checked offline/);
});

test('uv, Poetry, PDM, pipx: each tool\'s own inverse; ephemeral runs have none', async () => {
  const r = await checkCommand({ command: 'uv pip install nunpy && uv add djnago; poetry add reqeusts && pdm add flsk && pipx install blakc && uvx ruff && pip download six' }, settings);
  assert.deepEqual(r.packages.map((p) => [p.name, p.uninstall ?? null]), [
    ['nunpy', 'uv pip uninstall'],
    ['djnago', 'uv remove'],
    ['reqeusts', 'poetry remove'],
    ['flsk', 'pdm remove'],
    ['blakc', 'pipx uninstall'],
    ['ruff', null],
    ['six', null],
  ]);
  assert.equal(uninstallFor({ command: 'pip install', runner: 'C:\\Program Files\\pip.exe' }), 'pip uninstall -y', 'an unquotable runner falls back to the plain tool');
});

test('the output adds what came in with the command, pinned to the installed version', async () => {
  const output = 'Collecting reqeusts\nInstalling collected packages: nunpy, reqeusts\nSuccessfully installed nunpy-1.0 reqeusts-2.0 six-1.16.0\n';
  const r = await checkCommand({ command: 'pip install reqeusts', output }, settings);
  assert.deepEqual(rows(r), [
    ['reqeusts', 'command', 'error', 'pip uninstall -y'],
    ['nunpy==1.0', 'output', 'warning', 'pip uninstall -y'],
    ['six==1.16.0', 'output', 'ok', 'pip uninstall -y'],
  ]);
  // uv's lines; a project tool's dependencies get no one-package uninstall (its lock would re-add them).
  const uv = await checkCommand({ command: 'uv add reqeusts', output: 'Resolved 3 packages\n + nunpy==1.0\n + reqeusts==2.0\n' }, settings);
  assert.deepEqual(rows(uv), [
    ['reqeusts', 'command', 'error', 'uv remove'],
    ['nunpy==1.0', 'output', 'warning', null],
  ]);
  // `pip install -r requirements.txt` names nothing itself: everything comes from the output.
  const req = await checkCommand({ command: 'pip install -r requirements.txt', output: 'Successfully installed reqeusts-2.0\n' }, settings);
  assert.deepEqual(rows(req), [['reqeusts==2.0', 'output', 'error', 'pip uninstall -y']]);
});

test('index URLs typed in the command are reported, not used; credentials are redacted', async () => {
  const r = await checkCommand({ command: 'pip install --index-url https://user:secret@evil.example/simple reqeusts' }, settings);
  assert.deepEqual(r.ignoredIndexes, ['https://***@evil.example/simple']);
  const md = commandDetails('pip install …', r);
  assert.match(md, /names the index `https:\/\/\*\*\*@evil\.example\/simple`/);
  assert.doesNotMatch(JSON.stringify(r), /secret/);
});

test('hostile input: over-long commands and huge output are bounded and said so', async () => {
  const many = `pip install ${Array.from({ length: 250 }, (_, i) => `pkg${i}`).join(' ')}`;
  const r = await checkCommand({ command: many }, settings);
  assert.equal(r.packages.length, 200);
  assert.match(r.notes.join('\n'), /50 more names not checked/);
  const long = await checkCommand({ command: `pip install reqeusts ${'x'.repeat(200_000)}` }, settings);
  assert.match(long.notes.join('\n'), /only its start was read/);
  assert.equal(long.packages[0]!.name, 'reqeusts');
  const params = parseCheckCommandParams({ command: 'pip install x', output: 'y'.repeat(MAX_COMMAND_OUTPUT_CHARS + 5) + 'END' });
  assert.equal(params!.output!.length, MAX_COMMAND_OUTPUT_CHARS);
  assert.ok(params!.output!.endsWith('END'), 'the tail is kept');
  assert.equal(parseCheckCommandParams({ command: 42 }), undefined);
  assert.equal(parseCheckCommandParams(null), undefined);
});

test('details explain each finding with its docs link and the undo command; the result survives its validator', async () => {
  const r = await checkCommand({ command: 'pip install reqeusts', output: 'Successfully installed reqeusts-2.0 nunpy-1.0\n' }, settings);
  const md = commandDetails('pip install reqeusts', r);
  assert.match(md, /\[PW101\]\(https:\/\/github\.com\/pipwatch\/pipwatch\/blob\/main\/README\.md#pw101\)/);
  assert.match(md, /install `requests` instead/);
  assert.match(md, /cannot stop or undo the install/);
  assert.match(md, /`pip uninstall -y reqeusts nunpy`/);
  assert.match(md, /## Installed with it \(read from the output\)/);
  assert.deepEqual(parseCheckCommandResult(JSON.parse(JSON.stringify({ ...r, details: md }))), { ...r, details: md });
  assert.equal(parseCheckCommandResult({ install: true, packages: [{ input: 'x' }], mode: 'online' })!.packages.length, 0, 'a malformed package is dropped');
});

test('uninstallCommand groups names by tool, skips what cannot be uninstalled', () => {
  const pkg = (name: string, uninstall?: string) => ({ input: name, name, source: 'command' as const, verdict: 'warning' as const, findings: [], lookup: 'offline', ...(uninstall ? { uninstall } : {}) });
  assert.equal(uninstallCommand([pkg('a', 'pip uninstall -y'), pkg('b', 'uv pip uninstall'), pkg('c', 'pip uninstall -y'), pkg('d')]), 'pip uninstall -y a c; uv pip uninstall b');
  assert.equal(uninstallCommand([pkg('x; rm -rf ~', 'pip uninstall -y')]), undefined, 'a name that is not PEP 503 normal is never pasted');
  assert.equal(uninstallCommand([]), undefined);
});
