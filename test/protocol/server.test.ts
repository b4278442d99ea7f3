// Protocol tests of the bundled language server (dist/server.js --stdio): capabilities, push and
// pull diagnostics, quick fixes, allowlist command, hover, settings changes and bad input.
// Every server here runs with `offline: true`: no test touches the network.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';

const md = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
import { applyEdits } from './helpers/edits';
import { caret, ensureBuilt, pathToFileUri, ROOT, TestClient, waitFor } from './helpers/lsp-client';

const PROJECT = path.join(ROOT, 'test/fixtures/lsp/project');
const REQ = pathToFileUri(path.join(PROJECT, 'requirements.txt'));
const PYPROJECT = pathToFileUri(path.join(PROJECT, 'pyproject.toml'));
const APP = pathToFileUri(path.join(PROJECT, 'app.py'));
const REQ_TEXT = 'reqeusts==2.31.0\nflask>=2\n';
const OFFLINE = { offline: true };

const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code));
const hasCode = (code: string) => (p: PublishDiagnosticsParams) => codes(p.diagnostics).includes(code);

before(() => ensureBuilt());

describe('initialize', () => {
  it('advertises hover, quick fixes, commands; diagnosticProvider only to pull clients', async () => {
    const push = await TestClient.start({ mode: 'push', settings: OFFLINE });
    const pull = await TestClient.start({ mode: 'pull', settings: OFFLINE });
    try {
      const pc = push.init.capabilities;
      assert.equal(pc.hoverProvider, true);
      assert.deepEqual(pc.codeActionProvider, { codeActionKinds: ['quickfix'] });
      assert.deepEqual(pc.executeCommandProvider?.commands, ['pipwatch.server.addToAllowlist', 'pipwatch.server.clearCache']);
      assert.equal(pc.diagnosticProvider, undefined);
      assert.deepEqual(pull.init.capabilities.diagnosticProvider, { identifier: 'pipwatch', interFileDependencies: true, workspaceDiagnostics: false });
      assert.equal(push.init.serverInfo?.name, 'pipwatch');
      // Offline settings: the status says so right after initialized.
      const st = await waitFor(() => push.client.notificationsOf('pipwatch/status')[0], 5000, 'status');
      assert.deepEqual(st, { index: { state: 'disabled', message: 'offline mode' } });
    } finally {
      await push.client.stop();
      await pull.client.stop();
    }
  });
});

describe('push mode (client without textDocument.diagnostic)', () => {
  let c: TestClient;
  before(async () => {
    c = (await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: PROJECT, persistsAllowlist: true })).client;
  });
  after(() => c.stop());

  it('publishes PW101 on exactly the name, versioned, with codeDescription and data', async () => {
    await c.open(REQ, 'pip-requirements', REQ_TEXT, 1);
    const p = await c.waitForPushed(REQ, hasCode('PW101'));
    assert.equal(p.version, 1);
    const d = p.diagnostics.find((x) => x.code === 'PW101')!;
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.equal(d.source, 'pipwatch');
    assert.match(msg(d), /'reqeusts' looks like a typo of 'requests'/);
    assert.match(d.codeDescription!.href, /#pw101$/);
    const data = d.data as { fixes: { kind: string; newText?: string }[]; version: number; name: string };
    assert.equal(data.version, 1);
    assert.equal(data.name, 'reqeusts');
    assert.ok(data.fixes.some((f) => f.kind === 'replace' && f.newText === 'requests'));
    assert.ok(data.fixes.some((f) => f.kind === 'allowlist'));
  });

  it('decides the kind from the file name: languageId `text` (Neovim 0.7) still works', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'sub/requirements-dev.txt'));
    await c.open(uri, 'text', 'pytset\n');
    const p = await c.waitForPushed(uri, hasCode('PW101'));
    assert.match(msg(p.diagnostics[0]!), /'pytest'/);
  });

  it('finds typos in pyproject.toml and in Python imports', async () => {
    await c.open(PYPROJECT, 'toml', '[project]\nname = "demo-app"\ndependencies = [\n  "djnago>=4",\n]\n');
    const py = await c.waitForPushed(PYPROJECT, hasCode('PW101'));
    assert.deepEqual(py.diagnostics.find((d) => d.code === 'PW101')!.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 9 } });
    await c.open(APP, 'python', 'import os\nimport numpyy\n');
    const app = await c.waitForPushed(APP, hasCode('PW101'));
    const d = app.diagnostics.find((x) => x.code === 'PW101')!;
    assert.deepEqual(d.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } });
    assert.match(msg(d), /'numpy'/);
  });

  it('hover on an import names the distribution it comes from; stdlib imports get none', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'hover_imports.py'));
    await c.open(uri, 'python', 'import os\nimport yaml\n');
    await c.waitForPushed(uri);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 8 } });
    assert.match(md(h), /import `yaml`/);
    // Offline: no index answer says it is on PyPI, so the hover does not claim it (issue 8 §6).
    assert.match(md(h), /Provided by \*\*pyyaml\*\*\./);
    assert.match(md(h), /\*\*pyyaml\*\*: #\d+ of the 15,000 most downloaded on PyPI/);
    assert.match(md(h), /https:\/\/pypi\.org\/project\/pyyaml\//);
    const os = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.equal(os, null);
  });

  it('returns the preferred replace fix as a versioned TextDocumentEdit; applying it yields `requests`', async () => {
    const p = await c.waitForPushed(REQ, hasCode('PW101'));
    const diag = p.diagnostics.find((x) => x.code === 'PW101')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REQ },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `no preferred action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(preferred.kind, 'quickfix');
    const edit = preferred.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(edit.textDocument, { uri: REQ, version: 1 });
    assert.equal(applyEdits(REQ_TEXT, edit.edits as never), 'requests==2.31.0\nflask>=2\n');
    const allow = actions.find((a) => a.command?.command === 'pipwatch.server.addToAllowlist');
    assert.deepEqual(allow?.command?.arguments, ['reqeusts']);
  });

  it('refuses a replace fix once the document version moved on', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'stale/requirements.txt'));
    await c.open(uri, 'pip-requirements', 'reqeusts\n', 1);
    const p = await c.waitForPushed(uri, hasCode('PW101'));
    const diag = p.diagnostics[0]!;
    await c.change(uri, 2, '# moved\nreqeusts\n');
    await c.waitForPushed(uri, (x) => x.version === 2);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    assert.equal(actions.filter((a) => a.edit).length, 0, 'stale diagnostic must not yield an edit');
  });

  it('allowlist command clears the diagnostic and tells the client to persist the name', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'allow/requirements.txt'));
    await c.open(uri, 'pip-requirements', 'djnago\n');
    await c.waitForPushed(uri, hasCode('PW101'));
    await c.request('workspace/executeCommand', { command: 'pipwatch.server.addToAllowlist', arguments: ['djnago'] });
    const cleared = await c.waitForPushed(uri, (p) => !hasCode('PW101')(p));
    assert.deepEqual(codes(cleared.diagnostics), []);
    await waitFor(() => (c.notificationsOf('pipwatch/allowlistAdded').length > 0 ? true : undefined), 5000, 'allowlistAdded');
    assert.deepEqual(c.notificationsOf('pipwatch/allowlistAdded'), [{ name: 'djnago' }]);
    // The client persists the name in its settings; removing it there later brings the finding back.
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { pipwatch: { ...OFFLINE, allowlist: ['djnago'] } } });
    await c.change(uri, 2, 'djnago\n');
    await c.waitForPushed(uri, (p) => p.version === 2 && !hasCode('PW101')(p));
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { pipwatch: { ...OFFLINE, allowlist: [] } } });
    await c.change(uri, 3, 'djnago\n');
    await c.waitForPushed(uri, (p) => p.version === 3 && hasCode('PW101')(p));
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { pipwatch: OFFLINE } });
  });

  it('hover names the target, its rank, the reason and the PyPI link', async () => {
    const { position } = caret('req|eusts==2.31.0');
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: REQ }, position });
    assert.ok(h, 'hover expected');
    const text = md(h);
    assert.match(text, /'requests'/);
    assert.match(text, /#6 on PyPI/);
    assert.match(text, /two letters swapped/);
    assert.match(text, /https:\/\/pypi\.org\/project\/reqeusts\//);
    assert.match(text, /not among the [\d,]+ most downloaded on PyPI/);
    assert.deepEqual(h.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    const flask = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: REQ }, position: { line: 1, character: 2 } });
    assert.match(md(flask), /#\d+ of the [\d,]+ most downloaded on PyPI/);
    const nothing = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: REQ }, position: { line: 0, character: 12 } });
    assert.equal(nothing, null, 'no hover on the version');
  });

  it('a settings change (didChangeConfiguration) disabling the rule clears it without restart', async () => {
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { pipwatch: { offline: true, rules: { typosquat: { enable: false } } } } });
    const p = await c.waitForPushed(REQ, (x) => !hasCode('PW101')(x));
    assert.deepEqual(codes(p.diagnostics), []);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { pipwatch: { offline: true } } });
    await c.waitForPushed(REQ, hasCode('PW101'));
  });

  it('rapid edits: one debounced publish for the newest version, none stale', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'rapid/requirements.txt'));
    await c.open(uri, 'pip-requirements', 'flask\n', 1);
    for (let v = 2; v <= 6; v++) await c.change(uri, v, `${'#\n'.repeat(v)}pytset\n`);
    const last = await c.waitForPushed(uri, (p) => p.version === 6);
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range.start.line]), [['PW101', 6]]);
    const versions = c.pushed.get(uri)!.map((p) => p.version);
    assert.ok(versions.length < 6, `debounced: ${versions.join(',')}`);
    assert.deepEqual([...versions].sort((x, y) => x! - y!), versions, 'never an older version after a newer one');
  });

  it('closing a document clears its diagnostics', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'closing/requirements.txt'));
    await c.open(uri, 'pip-requirements', 'reqeusts\n');
    await c.waitForPushed(uri, hasCode('PW101'));
    await c.close(uri);
    await c.waitForPushed(uri, (p) => p.diagnostics.length === 0);
  });
});

describe('pull mode (client with textDocument.diagnostic)', () => {
  let c: TestClient;
  before(async () => {
    c = (await TestClient.start({ mode: 'pull', settings: OFFLINE, rootPath: PROJECT, configuration: true })).client;
  });
  after(() => c.stop());

  it('answers textDocument/diagnostic and never pushes for the open document', async () => {
    // Workspace facts land in the background and re-validate: wait for them so result ids are stable.
    await waitFor(() => (c.logs.some((l) => l.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
    await c.open(REQ, 'pip-requirements', REQ_TEXT, 3);
    const r = await c.request<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: REQ } });
    assert.equal(r.kind, 'full');
    const d = r.items.find((x) => x.code === 'PW101')!;
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.match(d.codeDescription!.href, /#pw101$/);
    assert.equal((d.data as { version: number }).version, 3);
    const again = await c.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: REQ }, previousResultId: r.resultId });
    assert.equal(again.kind, 'unchanged');
    assert.equal(c.pushed.get(REQ), undefined);
  });

  it('debounce: every earlier pull settles, with the newest version', async () => {
    const uri = pathToFileUri(path.join(PROJECT, 'debounce/requirements.txt'));
    await c.open(uri, 'pip-requirements', 'flask\n', 1);
    const a = c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    await c.change(uri, 2, 'reqeusts\n');
    const b = c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const [ra, rb] = await Promise.all([a, b]);
    assert.deepEqual(codes(rb.items), ['PW101']);
    assert.equal((rb.items[0]!.data as { version: number }).version, 2);
    assert.deepEqual(codes(ra.items), ['PW101'], 'the earlier caller got the newer result');
  });

  it('settings pulled through workspace/configuration; a change refreshes and the rule is gone', async () => {
    const refreshes = c.refreshes;
    c.settings = { offline: true, rules: { typosquat: false } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => (c.refreshes > refreshes ? true : undefined), 5000, 'workspace/diagnostic/refresh');
    const r = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: REQ } });
    assert.deepEqual(codes(r.items), []);
  });
});

describe('bad input', () => {
  let c: TestClient;
  before(async () => {
    c = (await TestClient.start({ mode: 'push', settings: OFFLINE })).client;
  });
  after(() => c.stop());

  it('binary, 10 MB, a 100,000-character line and invalid TOML: the server stays up and keeps answering', async () => {
    const dir = path.join(PROJECT, 'bad');
    const bin = pathToFileUri(path.join(dir, 'requirements.txt'));
    const big = pathToFileUri(path.join(dir, 'big/requirements.txt'));
    const longLine = pathToFileUri(path.join(dir, 'long/requirements.txt'));
    const toml = pathToFileUri(path.join(dir, 'pyproject.toml'));
    const py = pathToFileUri(path.join(dir, 'mod.py'));
    await c.open(bin, 'pip-requirements', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
    await c.open(big, 'pip-requirements', 'reqeusts\n'.repeat(1_200_000));
    await c.open(longLine, 'pip-requirements', `${'a'.repeat(100_000)}\nreqeusts\n`);
    await c.open(toml, 'toml', '[project\ndependencies = ["djnago"\n');
    await c.open(py, 'python', `x = "${'\u0000'.repeat(1000)}"\nimport (\n${'('.repeat(50_000)}\n`);
    const bigP = await c.waitForPushed(big, () => true, 20000);
    assert.deepEqual(codes(bigP.diagnostics), ['PW001']);
    assert.match(msg(bigP.diagnostics[0]!), /too large/);
    await c.waitForPushed(bin, () => true, 20000);
    const ll = await c.waitForPushed(longLine, () => true, 20000);
    assert.ok(codes(ll.diagnostics).includes('PW101'), 'the line after the long one is still checked');
    const t = await c.waitForPushed(toml, () => true, 20000);
    assert.ok(codes(t.diagnostics).includes('PW001'), 'invalid TOML is reported');
    await c.waitForPushed(py, () => true, 20000);
    // Still alive: a fresh document gets its diagnostics and hover still answers.
    const ok = pathToFileUri(path.join(dir, 'ok/requirements.txt'));
    await c.open(ok, 'pip-requirements', 'reqeusts\n');
    await c.waitForPushed(ok, hasCode('PW101'));
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: ok }, position: { line: 0, character: 1 } });
    assert.ok(h);
    assert.equal(c.exited, undefined);
  });

  it('bad parameters get an empty answer, not a crash', async () => {
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///nowhere/requirements.txt' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'pipwatch', data: { fixes: 'nope' } }] },
    });
    assert.deepEqual(actions, []);
    await c.request('workspace/executeCommand', { command: 'pipwatch.server.addToAllowlist', arguments: [42] });
    const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.py' }, position: { line: 0, character: 0 } });
    assert.equal(h, null);
    assert.equal(c.exited, undefined);
  });
});
