// Workspace behaviour over LSP: the "Add dependency" quick fix for an undeclared import (nearest
// requirements file, or a new requirements.txt through CreateFile), facts updated when a manifest
// changes, and pipwatch/scanWorkspace with work-done progress over files no editor has open.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { CodeAction, CreateFile, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { applyEdits } from './helpers/edits';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

const OFFLINE = { offline: true };
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code));
const workspace = tempDirs('ws');

const scanned = (c: TestClient) => waitFor(() => (c.logs.some((l) => l.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
const pw103For = (module: string) => (p: PublishDiagnosticsParams) =>
  p.diagnostics.filter((d) => d.code === 'PW103').length === 1 && p.diagnostics.some((d) => d.code === 'PW103' && d.message.toString().includes(`'${module}'`));

before(() => ensureBuilt());

describe('workspace', () => {
  it('add dependency: appends the distribution to the nearest requirements file; opening the new manifest clears the hint', async () => {
    const root = workspace({ 'requirements.txt': 'flask\n', 'pkg/app.py': 'import yaml\nimport flask\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root });
    try {
      await scanned(c);
      const app = pathToFileUri(path.join(root, 'pkg/app.py'));
      await c.open(app, 'python', readFileSync(path.join(root, 'pkg/app.py'), 'utf8'));
      const p = await c.waitForPushed(app, pw103For('yaml'));
      const diag = p.diagnostics.find((d) => d.code === 'PW103')!;
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: app }, range: diag.range, context: { diagnostics: [diag] } });
      const add = actions.find((a) => a.edit);
      assert.ok(add, `actions: ${JSON.stringify(actions.map((a) => a.title))}`);
      const req = pathToFileUri(path.join(root, 'requirements.txt'));
      const tde = add.edit!.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(tde.textDocument, { uri: req, version: null });
      const updated = applyEdits('flask\n', tde.edits as never);
      assert.match(updated, /^flask\nPyYAML\n$/i);
      // The client applies the edit and opens the manifest: the import is declared now.
      await c.open(req, 'pip-requirements', updated);
      const after = await c.waitForPushed(app, (x) => !codes(x.diagnostics).includes('PW103'), 10000);
      assert.deepEqual(codes(after.diagnostics), []);
    } finally {
      await c.stop();
    }
  });

  it('didChangeWatchedFiles (dynamic registration): a manifest changed on disk updates the facts', async () => {
    const root = workspace({ 'requirements.txt': 'flask\n', 'app.py': 'import yaml\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root, watchFiles: true });
    try {
      await scanned(c);
      const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(reg, 'file watchers registered');
      const globs = (reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
      assert.ok(globs.includes('**/pyproject.toml'));
      const app = pathToFileUri(path.join(root, 'app.py'));
      await c.open(app, 'python', 'import yaml\n');
      await c.waitForPushed(app, pw103For('yaml'));
      writeFileSync(path.join(root, 'requirements.txt'), 'flask\nPyYAML\n');
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileUri(path.join(root, 'requirements.txt')), type: 2 }] });
      await c.waitForPushed(app, (p) => p.diagnostics.length === 0, 10000);
    } finally {
      await c.stop();
    }
  });

  it('add dependency without any manifest: CreateFile requirements.txt next to the file', async () => {
    const root = workspace({ 'tool.py': 'import yaml\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root, createFiles: true });
    try {
      await scanned(c);
      const uri = pathToFileUri(path.join(root, 'tool.py'));
      await c.open(uri, 'python', 'import yaml\n');
      const p = await c.waitForPushed(uri, pw103For('yaml'));
      const diag = p.diagnostics.find((d) => d.code === 'PW103')!;
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
      const ops = actions.find((a) => a.edit)!.edit!.documentChanges!;
      const create = ops[0] as CreateFile;
      assert.equal(create.kind, 'create');
      assert.equal(create.uri, pathToFileUri(path.join(root, 'requirements.txt')));
      assert.match(((ops[1] as TextDocumentEdit).edits[0] as { newText: string }).newText, /^PyYAML\n$/i);
    } finally {
      await c.stop();
    }
  });

  it('scanWorkspace: diagnostics for files not open, with $/progress, counted in the result', async () => {
    const root = workspace({ 'requirements.txt': 'flask\n', 'sub/requirements.txt': 'reqeusts\n', 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["djnago"]\n', 'm.py': 'import flask\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root });
    try {
      const res = await c.request<{ files: number; findings: number; cancelled: boolean }>('pipwatch/scanWorkspace', { workDoneToken: 'scan-1' });
      assert.deepEqual(res, { files: 4, findings: 2, cancelled: false });
      const sub = c.pushed.get(pathToFileUri(path.join(root, 'sub/requirements.txt')))!.at(-1)!;
      assert.deepEqual(codes(sub.diagnostics), ['PW101']);
      assert.equal(sub.version, undefined, 'closed files are published without a version');
      const progress = c.notificationsOf('$/progress') as { token: string; value: { kind: string; cancellable?: boolean } }[];
      const kinds = progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.ok(kinds.includes('report'));
    } finally {
      await c.stop();
    }
  });

  it('scanWorkspace: a file too large to read is one PW001 saying so, not silently clean', async () => {
    const root = workspace({ 'requirements.txt': 'reqeusts\n' + 'flask\n'.repeat(1_100_000) });
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root });
    try {
      const res = await c.request<{ files: number; findings: number; cancelled: boolean }>('pipwatch/scanWorkspace', {});
      assert.deepEqual(res, { files: 1, findings: 1, cancelled: false });
      const big = c.pushed.get(pathToFileUri(path.join(root, 'requirements.txt')))!.at(-1)!;
      assert.deepEqual(big.diagnostics.map((d) => [d.code, d.message]), [['PW001', 'File not checked: larger than 5 MB.']]);
    } finally {
      await c.stop();
    }
  });

  it('scanWorkspace is cancellable', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`pkg${i}/requirements.txt`] = 'reqeusts\nflask\n';
    const root = workspace(files);
    const { client: c } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: root });
    try {
      const source = new CancellationTokenSource();
      const req = c.conn.sendRequest('pipwatch/scanWorkspace', { workDoneToken: 'scan-c' }, source.token) as Promise<{ files: number; cancelled: boolean }>;
      await waitFor(() => (c.notificationsOf('$/progress').some((p) => (p as { value: { kind: string } }).value.kind === 'report') ? true : undefined), 20000, 'progress');
      source.cancel();
      const res = await req;
      assert.equal(res.cancelled, true);
      assert.ok(res.files < 400, `stopped early at ${res.files}`);
      const line = await waitFor(() => c.logs.find((l) => l.startsWith('scan workspace:')), 5000, 'scan log line');
      assert.match(line, /\(cancelled\)$/);
    } finally {
      await c.stop();
    }
  });

  it('workspace folders added later are scanned too', async () => {
    const a = workspace({ 'requirements.txt': 'flask\n' });
    const b = workspace({ 'requirements.txt': 'reqeusts\n' });
    const { client: c, init } = await TestClient.start({ mode: 'push', settings: OFFLINE, rootPath: a });
    try {
      assert.equal(init.capabilities.workspace?.workspaceFolders?.changeNotifications, true);
      await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileUri(b), name: 'b' }], removed: [] } });
      await waitFor(() => (c.logs.some((l) => l.startsWith(`workspace ${b}`)) ? true : undefined), 10000, 'scan of the added folder');
      const res = await c.request<{ files: number; findings: number }>('pipwatch/scanWorkspace', {});
      assert.deepEqual(res, { files: 2, findings: 1, cancelled: false });
      assert.deepEqual(codes(c.pushed.get(pathToFileUri(path.join(b, 'requirements.txt')))!.at(-1)!.diagnostics), ['PW101']);
    } finally {
      await c.stop();
    }
  });

  it('pull client: a scanned (pushed) file that is then opened gets its pushed set cleared', async () => {
    const root = workspace({ 'requirements.txt': 'reqeusts\n' });
    const { client: c } = await TestClient.start({ mode: 'pull', settings: OFFLINE, rootPath: root });
    try {
      const uri = pathToFileUri(path.join(root, 'requirements.txt'));
      await c.request('pipwatch/scanWorkspace', {});
      assert.deepEqual(codes(c.pushed.get(uri)!.at(-1)!.diagnostics), ['PW101']);
      await c.open(uri, 'pip-requirements', 'reqeusts\n');
      await c.waitForPushed(uri, (p) => p.diagnostics.length === 0);
      const r = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.deepEqual(codes(r.items), ['PW101']);
    } finally {
      await c.stop();
    }
  });
});
