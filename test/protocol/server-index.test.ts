// The index phase over LSP, against the fake index on 127.0.0.1 (test/fake-index): offline
// findings first, index findings when lookups land (push: a second publish; pull: a
// workspace/diagnostic/refresh), a warm cache making zero requests on the next start, and a dead
// index leaving the offline findings alone with an `offline` status. No test leaves 127.0.0.1:
// `privatePackages: ['*']` keeps the client from asking public PyPI about any name.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startFakeIndex } from '../fake-index/server';
import { FIXTURES } from '../fake-index/fixtures';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor, type Mode } from './helpers/lsp-client';

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code));
const has = (code: string) => (p: PublishDiagnosticsParams) => codes(p.diagnostics).includes(code);
const TEXT = `reqeusts\n${FIXTURES.missing}\n${FIXTURES.active}\n`;

function indexSettings(simpleUrl: string, osvUrl: string): Record<string, unknown> {
  return { index: { url: simpleUrl, osvUrl, privatePackages: ['*'], timeoutMs: 2000 } };
}

before(() => ensureBuilt());
const fake = fakeIndex();
const tempDir = tempDirs('lsp');

async function start(mode: Mode, cacheDir: string, settings = indexSettings(fake.simpleUrl, fake.osvUrl)): Promise<TestClient> {
  return (await TestClient.start({ mode, settings, cacheDir })).client;
}

describe('index phase', () => {
  it('push: offline findings at once, PW201 in a second publish when lookups land', async () => {
    const c = await start('push', tempDir());
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', TEXT);
      const last = await c.waitForPushed(uri, has('PW201'), 15000);
      const first = c.pushed.get(uri)![0]!;
      assert.ok(codes(first.diagnostics).includes('PW101'), 'typosquat is offline: in the first publish');
      assert.ok(!codes(first.diagnostics).includes('PW201'), 'index findings are not in the first publish');
      assert.equal(last.version, 1);
      const missing = last.diagnostics.filter((d) => d.code === 'PW201').map((d) => d.range.start.line).sort();
      assert.deepEqual(missing, [0, 1], 'both absent names flagged on their lines; requests (on the index) is not');
      assert.ok(fake.requests.some((r) => r.path.includes(FIXTURES.missing)));
      // Hover reads the facts the lookups left in the cache.
      const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
      const hv = h?.contents.value ?? '';
      assert.match(hv, /#6 of the 15,000 most downloaded on PyPI, snapshot \d{4}-\d{2}/);
      assert.match(hv, /Latest version: 2\.32\.3/);
      assert.match(hv, /Provenance \(2\.32\.3\): publisher GitHub, repository `psf\/requests`, workflow `publish\.yml`/);
      assert.doesNotMatch(hv, /Looking up/);
      const m = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
      const mv = m?.contents.value ?? '';
      assert.match(mv, /Not found on the index/);
      assert.match(mv, /PW201: .*does not exist/);
    } finally {
      await c.stop();
    }
  });

  it('hover never waits on a slow index: "Looking up…" first, the data on the next hover', async () => {
    const slow = await startFakeIndex({ latencyMs: 1500 });
    const c = await start('push', tempDir(), indexSettings(slow.simpleUrl, slow.osvUrl));
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', `${FIXTURES.active}\n`);
      await c.waitForPushed(uri);
      const t0 = Date.now();
      const h1 = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      const took = Date.now() - t0;
      assert.match(h1?.contents.value ?? '', /Looking up on the index…/);
      assert.ok(took < 1200, `hover took ${took} ms`);
      await waitFor(() => ((c.pushed.get(uri) ?? []).length >= 2 ? true : undefined), 20000, 'lookups landed');
      const h2 = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.match(h2?.contents.value ?? '', /Latest version: 2\.32\.3/);
      assert.doesNotMatch(h2?.contents.value ?? '', /Looking up/);
    } finally {
      await c.stop();
      await slow.close();
    }
  });

  it('pull: the first answer is offline, a workspace/diagnostic/refresh follows, the next pull has PW201', async () => {
    const c = await start('pull', tempDir());
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', TEXT);
      const r1 = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.ok(codes(r1.items).includes('PW101'));
      assert.ok(!codes(r1.items).includes('PW201'));
      await waitFor(() => (c.refreshes > 0 ? true : undefined), 15000, 'workspace/diagnostic/refresh');
      const r2 = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.ok(codes(r2.items).includes('PW201'));
      assert.equal(c.pushed.get(uri), undefined, 'a pull client never gets pushed diagnostics for an open document');
    } finally {
      await c.stop();
    }
  });

  it('a warm cache makes zero requests on the next server start with the same cacheDir', async () => {
    const cacheDir = tempDir();
    const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
    const a = await start('push', cacheDir);
    try {
      await a.open(uri, 'pip-requirements', TEXT);
      await a.waitForPushed(uri, has('PW201'), 15000);
    } finally {
      await a.stop();
    }
    fake.reset();
    const b = await start('push', cacheDir);
    try {
      await b.open(uri, 'pip-requirements', TEXT);
      const p = await b.waitForPushed(uri, has('PW201'), 15000);
      assert.ok(codes(p.diagnostics).includes('PW101'));
      assert.deepEqual(fake.requests.map((r) => r.path), [], 'second start answered from the cache');
      // Clear Cache: the next validation asks the index again.
      await b.request('workspace/executeCommand', { command: 'pipwatch.server.clearCache', arguments: [] });
      await waitFor(() => (fake.requests.length > 0 ? true : undefined), 10000, 'requests after clearCache');
    } finally {
      await b.stop();
    }
  });

  it('workspace trust: --index-url in a requirements file is honoured only after pipwatch/workspaceTrustChanged', async () => {
    const dead = await startFakeIndex();
    const deadUrl = dead.simpleUrl;
    await dead.close();
    const c = await start('push', tempDir(), indexSettings(deadUrl, fake.osvUrl));
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', `--index-url ${fake.simpleUrl}\n${FIXTURES.missing}\n`);
      // Untrusted: the file's index is ignored, the configured (dead) one fails: nothing is claimed.
      await waitFor(() => ((c.pushed.get(uri) ?? []).length >= 2 ? true : undefined), 30000, 'lookups settled');
      assert.ok(!codes(c.pushed.get(uri)!.at(-1)!.diagnostics).includes('PW201'));
      assert.ok(c.logs.some((l) => /^index http:\/\/127\.0\.0\.1:\d+\/simple\/ named in .*requirements\.txt --index-url ignored: untrusted workspace$/.test(l)), c.logs.join('\n'));
      await c.conn.sendNotification('pipwatch/workspaceTrustChanged', { trusted: true });
      const p = await c.waitForPushed(uri, has('PW201'), 15000);
      assert.match(String(p.diagnostics.find((d) => d.code === 'PW201')!.message), new RegExp(fake.simpleUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    } finally {
      await c.stop();
    }
  });

  it('index down: offline findings stay, one status notification says offline', async () => {
    const dead = await startFakeIndex();
    const url = dead.simpleUrl;
    const osv = dead.osvUrl;
    await dead.close(); // the port is now closed: every request is refused
    const c = await start('push', tempDir(), indexSettings(url, osv));
    try {
      assert.deepEqual(c.notificationsOf('pipwatch/status'), [], 'no status before the first lookup');
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      const names = ['reqeusts', 'flask', 'numpy', 'pandas', 'django', 'scipy', 'boto3', 'click'];
      await c.open(uri, 'pip-requirements', names.join('\n') + '\n');
      await c.waitForPushed(uri, has('PW101'));
      const offline = await waitFor(
        () => c.notificationsOf('pipwatch/status').find((s) => (s as { index: { state: string } }).index.state === 'offline'),
        30000,
        'status offline',
      );
      assert.match((offline as { index: { message: string } }).index.message, /Cannot reach the package index/);
      // Lookups settle (failed): the document keeps its offline findings and gets no index finding,
      // only PW002 hints saying its lookups did not complete (issue 8 §2).
      await waitFor(() => ((c.pushed.get(uri) ?? []).length >= 2 ? true : undefined), 30000, 'second publish after failed lookups');
      const last = c.pushed.get(uri)!.at(-1)!;
      assert.deepEqual([...new Set(codes(last.diagnostics))].sort(), ['PW002', 'PW101']);
      assert.equal(c.logs.filter((l) => /index status: offline/.test(l)).length, 1, 'one log line, not one per dependency');
    } finally {
      await c.stop();
    }
  });
});
