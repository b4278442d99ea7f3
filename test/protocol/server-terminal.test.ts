// `pipwatch/checkCommand` (issue 9 §4) through the BUILT server over stdio: the request VS Code's
// terminal integration sends when an install command starts and when it ends with its output.
// Offline findings, names read from the output, online findings from the fake index (127.0.0.1),
// typed index URLs never asked, and a failed lookup said as "not checked", never silent.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, TestClient } from './helpers/lsp-client';
import { CHECK_COMMAND_REQUEST, parseCheckCommandResult, type CheckCommandResult } from '../../shared/protocol';

before(() => ensureBuilt());
const fake = fakeIndex();
const tempDir = tempDirs('lsp-terminal');

async function check(c: TestClient, params: unknown): Promise<CheckCommandResult> {
  const raw = await c.request<unknown>(CHECK_COMMAND_REQUEST, params);
  const r = parseCheckCommandResult(raw);
  assert.ok(r, `a valid result: ${JSON.stringify(raw).slice(0, 300)}`);
  return r;
}

describe('server: pipwatch/checkCommand', () => {
  it('offline: typed names and names from the output, with findings, uninstall and details', async () => {
    const { client: c } = await TestClient.start({ mode: 'pull', settings: { offline: true }, cacheDir: tempDir() });
    try {
      const start = await check(c, { command: 'pip install reqeusts' });
      assert.equal(start.install, true);
      assert.equal(start.mode, 'offline');
      assert.deepEqual(start.packages.map((p) => [p.input, p.source, p.verdict, p.uninstall]), [['reqeusts', 'command', 'error', 'pip uninstall -y']]);
      assert.equal(start.packages[0]!.findings[0]!.code, 'PW101');
      assert.match(start.details, /typo of 'requests'/);

      const end = await check(c, { command: 'pip install reqeusts', output: '\x1b[32mSuccessfully installed\x1b[0m nunpy-1.0 reqeusts-2.0\r\n' });
      assert.deepEqual(end.packages.map((p) => [p.input, p.source, p.verdict]), [['reqeusts', 'command', 'error'], ['nunpy==1.0', 'output', 'warning']]);

      const none = await check(c, { command: 'ls -la' });
      assert.equal(none.install, false);
      // Bad parameters are an empty answer, not a crashed server.
      assert.equal((await check(c, { command: 7 })).install, false);
      assert.equal((await check(c, 'pip install x')).install, false);
      assert.equal((await check(c, { command: 'pip install requests' })).packages[0]!.verdict, 'ok');
    } finally {
      await c.stop();
    }
    assert.equal(fake.requests.length, 0, 'offline: no request');
  });

  it('online: a hallucinated name is an error from the index; typed index URLs are not asked', async () => {
    fake.reset();
    const settings = { index: { url: fake.simpleUrl, osvUrl: fake.osvUrl, privatePackages: ['*'], timeoutMs: 2000 } };
    const { client: c } = await TestClient.start({ mode: 'pull', settings, cacheDir: tempDir() });
    try {
      // The quick pass the client sends first: offline rules only, the index is not asked.
      const quick = await check(c, { command: `pip install ${FIXTURES.missing} reqeusts`, offline: true });
      assert.equal(quick.mode, 'offline');
      assert.deepEqual(quick.packages.map((p) => [p.name, p.verdict, p.lookup]), [[FIXTURES.missing, 'ok', 'offline'], ['reqeusts', 'error', 'offline']]);
      assert.equal(fake.requests.length, 0, 'offline: true asks no index');

      const r = await check(c, { command: `pip install --extra-index-url https://evil.example/simple ${FIXTURES.missing} ${FIXTURES.active}` });
      assert.equal(r.mode, 'online');
      const missing = r.packages.find((p) => p.name === FIXTURES.missing)!;
      assert.equal(missing.verdict, 'error');
      assert.ok(missing.findings.some((f) => f.code === 'PW201'), JSON.stringify(missing.findings));
      assert.equal(missing.lookup, 'complete');
      assert.equal(r.packages.find((p) => p.name === FIXTURES.active)!.verdict, 'ok');
      assert.deepEqual(r.ignoredIndexes, ['https://evil.example/simple']);
      assert.match(r.details, /names the index `https:\/\/evil\.example\/simple`.*not used/);
      assert.ok(fake.requests.some((q) => q.path.includes(FIXTURES.missing)), 'the configured index was asked');
    } finally {
      await c.stop();
    }
  });

  it('a lookup that fails is "not checked" with its reason, never a silent ok', async () => {
    fake.reset();
    fake.setFault(/^\/simple\/requests\/$/, { kind: 'status', status: 401 });
    const settings = { index: { url: fake.simpleUrl, osvUrl: fake.osvUrl, privatePackages: ['*'], timeoutMs: 2000 } };
    const { client: c } = await TestClient.start({ mode: 'pull', settings, cacheDir: tempDir() });
    try {
      const r = await check(c, { command: `uv pip install ${FIXTURES.active}` });
      const p = r.packages[0]!;
      assert.match(p.lookup, /^incomplete: .*401/);
      assert.match(r.notes.join('\n'), /did not complete/);
      assert.match(r.details, /Not checked on the index: .*401/);
    } finally {
      await c.stop();
      fake.reset();
    }
  });
});
