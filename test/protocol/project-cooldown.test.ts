// A project's own release cooldown, end to end (issue 10 §2): uv.toml `exclude-newer`,
// pyproject.toml `[tool.uv] exclude-newer`, Poetry's poetry.toml `[solver] min-release-age` and
// pip.conf `uploaded-prior-to` set next to a lock decide PW212 for that lock in the BUILT CLI and
// the BUILT server, over the `--cooldown-days` / `pipwatch.releaseAge.cooldownDays` setting. Offline:
// the locks record upload times. A release 5 days old passes the 1-day setting and fails a 7-day
// project cooldown, so every assertion fails if the project file is not read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { runCli } from './helpers/cli';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

const tempDir = tempDirs('cooldown');
const DAY = 86_400_000;
const uploaded = (): string => new Date(Date.now() - 5 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

function uvLock(): string {
  const up = uploaded();
  return [
    'version = 1',
    'revision = 3',
    'requires-python = ">=3.12"',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    'source = { virtual = "." }',
    'dependencies = [{ name = "six" }]',
    '',
    '[[package]]',
    'name = "six"',
    'version = "1.17.0"',
    'source = { registry = "https://pypi.org/simple" }',
    `sdist = { url = "https://files.pythonhosted.org/packages/six-1.17.0.tar.gz", hash = "sha256:${'a'.repeat(64)}", size = 4000, upload-time = "${up}" }`,
    '',
  ].join('\n');
}

function pylock(): string {
  return [
    'lock-version = "1.0"',
    'created-by = "test"',
    '',
    '[[packages]]',
    'name = "six"',
    'version = "1.17.0"',
    'index = "https://pypi.org/simple/"',
    `wheels = [{ name = "six-1.17.0-py2.py3-none-any.whl", upload-time = ${uploaded()}, hashes = { sha256 = "${'a'.repeat(64)}" } }]`,
    '',
  ].join('\n');
}

const PYPROJECT = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["six"]\n';
const pw212 = (out: string): string[] => out.split('\n').filter((l) => / PW212 /.test(l));

before(() => ensureBuilt());

describe('project cooldown files, CLI', () => {
  const cases: { what: string; files: Record<string, string>; lock: string; source: RegExp }[] = [
    { what: 'uv.toml exclude-newer', files: { 'uv.toml': 'exclude-newer = "7 days"\n' }, lock: 'uv.lock', source: /exclude-newer in uv\.toml/ },
    { what: 'pyproject.toml [tool.uv] exclude-newer', files: { 'pyproject.toml': `${PYPROJECT}\n[tool.uv]\nexclude-newer = "P7D"\n` }, lock: 'uv.lock', source: /\[tool\.uv\] exclude-newer in pyproject\.toml/ },
    { what: 'poetry.toml [solver] min-release-age', files: { 'poetry.toml': '[solver]\nmin-release-age = 7\n' }, lock: 'uv.lock', source: /min-release-age in poetry\.toml/ },
    {
      what: 'pip.conf uploaded-prior-to',
      files: { 'pip.conf': `[install]\nuploaded-prior-to = ${new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10)}\n` },
      lock: 'pylock.toml',
      source: /uploaded-prior-to in pip\.conf/,
    },
  ];
  for (const c of cases) {
    it(`${c.what}: PW212 under the project's cooldown, not the 1-day setting`, async () => {
      const lock = c.lock === 'uv.lock' ? uvLock() : pylock();
      const dir = tempDir({ 'pyproject.toml': PYPROJECT, ...c.files, [c.lock]: lock });
      const r = await runCli(['check', '--offline', '--cooldown-days', '1', '.'], { cwd: dir });
      const lines = pw212(r.stdout);
      assert.equal(lines.length, 1, r.stdout + r.stderr);
      assert.match(lines[0], new RegExp(`^${c.lock.replace('.', '\\.')}:\\d+:\\d+: warning PW212 six 1\\.17\\.0`));
      assert.match(lines[0], c.source);
      // uv's own syntax (uv CLI reference): `--exclude-newer-package PACKAGE=DATE`, DATE RFC 3339.
      if (c.lock === 'uv.lock') assert.match(lines[0], /`uv lock --upgrade-package six --exclude-newer-package six=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z`/);
      assert.equal(r.code, 1);
      // The same lock named alone (not its folder) gets the same project cooldown (the cutoff
      // instant moves with the clock between the runs, so it is left out of the comparison).
      const alone = await runCli(['check', '--offline', '--cooldown-days', '1', c.lock], { cwd: dir });
      const noClock = (ls: string[]): string[] => ls.map((l) => l.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, 'T'));
      assert.deepEqual(noClock(pw212(alone.stdout)), noClock(lines));
    });
  }

  it('without a project cooldown the 1-day setting applies: no PW212, exit 0', async () => {
    const dir = tempDir({ 'pyproject.toml': PYPROJECT, 'uv.lock': uvLock() });
    const r = await runCli(['check', '--offline', '--cooldown-days', '1', '.'], { cwd: dir });
    assert.deepEqual(pw212(r.stdout), [], r.stdout);
    assert.equal(r.code, 0, r.stderr);
  });
});

describe('an untrusted project cooldown only tightens (issue 9 follow-up, index trust), CLI', () => {
  // The release is 5 days old and the setting is 7 days: PW212 unless the project's value is used.
  const cases: { what: string; files: Record<string, string>; note: RegExp }[] = [
    {
      what: 'pyproject.toml exclude-newer-package six = false',
      files: { 'pyproject.toml': `${PYPROJECT}\n[tool.uv]\nexclude-newer-package = { six = false }\n` },
      note: /^pipwatch: project cooldown exemption for six \(\[tool\.uv\] exclude-newer in pyproject\.toml\) ignored: untrusted workspace \(pass --trust-workspace to use it\)$/m,
    },
    {
      what: 'uv.toml exclude-newer = "1 day" (shorter than the setting)',
      files: { 'uv.toml': 'exclude-newer = "1 day"\n' },
      note: /^pipwatch: project cooldown 1 day \(exclude-newer in uv\.toml\) ignored: untrusted workspace \(looser than the 7-day cooldown of pipwatch\.releaseAge\.cooldownDays\) \(pass --trust-workspace to use it\)$/m,
    },
    {
      what: 'poetry.toml min-release-age-exclude',
      files: { 'poetry.toml': '[solver]\nmin-release-age = 1\nmin-release-age-exclude = ["six"]\n' },
      note: /^pipwatch: project cooldown exemption for six \(\[solver\] min-release-age in poetry\.toml\) ignored: untrusted workspace/m,
    },
  ];
  for (const c of cases) {
    it(`${c.what}: ignored and named untrusted, honoured with --trust-workspace (and its old name)`, async () => {
      const dir = tempDir({ 'pyproject.toml': PYPROJECT, ...c.files, 'uv.lock': uvLock() });
      const untrusted = await runCli(['check', '--offline', '--cooldown-days', '7', '.'], { cwd: dir });
      assert.equal(pw212(untrusted.stdout).length, 1, untrusted.stdout + untrusted.stderr);
      assert.match(pw212(untrusted.stdout)[0], /pipwatch\.releaseAge\.cooldownDays/);
      assert.match(untrusted.stderr, c.note);
      assert.equal(untrusted.stderr.split('\n').filter((l) => new RegExp(c.note.source).test(l)).length, 1, 'said once');
      for (const flag of ['--trust-workspace', '--trust-workspace-indexes']) {
        const trusted = await runCli(['check', '--offline', '--cooldown-days', '7', flag, '.'], { cwd: dir });
        assert.deepEqual(pw212(trusted.stdout), [], `${flag}: ${trusted.stdout}`);
        assert.doesNotMatch(trusted.stderr, /ignored: untrusted/);
      }
    });
  }
});

describe('project cooldown files, server', () => {
  it('an untrusted workspace cannot exempt a package from PW212: the exemption is logged and hovered', async () => {
    const root = tempDir({ 'pyproject.toml': `${PYPROJECT}\n[tool.uv]\nexclude-newer-package = { six = false }\n`, 'uv.lock': uvLock() });
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true, releaseAge: { cooldownDays: 7 } }, rootPath: root });
    try {
      await waitFor(() => (c.logs.some((l) => l.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
      const lock = pathToFileUri(path.join(root, 'uv.lock'));
      await c.open(lock, 'toml', uvLock());
      await c.waitForPushed(lock, (x) => x.diagnostics.some((d) => d.code === 'PW212'), 10000);
      const line = uvLock().split('\n').indexOf('name = "six"');
      const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: lock }, position: { line, character: 9 } })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /project cooldown exemption for six .*ignored: untrusted workspace/);
      await waitFor(() => c.logs.find((l) => /project cooldown exemption for six \(\[tool\.uv\] exclude-newer in pyproject\.toml\) ignored: untrusted workspace/.test(l)), 10000, 'log note');
    } finally {
      await c.stop();
    }
  });


  it('uv.toml in the workspace decides PW212 on an open uv.lock; removing it on disk clears it', async () => {
    const root = tempDir({ 'pyproject.toml': PYPROJECT, 'uv.toml': 'exclude-newer = "7 days"\n', 'uv.lock': uvLock() });
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true, releaseAge: { cooldownDays: 1 } }, rootPath: root, watchFiles: true });
    try {
      await waitFor(() => (c.logs.some((l) => l.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
      const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      const globs = (reg?.registerOptions as { watchers: { globPattern: string }[] } | undefined)?.watchers.map((w) => w.globPattern) ?? [];
      assert.ok(globs.includes('**/uv.toml'), `watchers: ${globs.join(', ')}`);
      const lock = pathToFileUri(path.join(root, 'uv.lock'));
      await c.open(lock, 'toml', uvLock());
      const has212 = (ds: readonly Diagnostic[]): Diagnostic | undefined => ds.find((d) => d.code === 'PW212');
      const p = await c.waitForPushed(lock, (x) => !!has212(x.diagnostics), 10000);
      assert.match(String(has212(p.diagnostics)!.message), /exclude-newer in uv\.toml/);
      writeFileSync(path.join(root, 'uv.toml'), '# no cooldown\n');
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileUri(path.join(root, 'uv.toml')), type: 2 }] });
      await c.waitForPushed(lock, (x) => !has212(x.diagnostics), 10000);
    } finally {
      await c.stop();
    }
  });
});
