// Issue 8 §11 over LSP: an untrusted workspace's own values of the restricted settings (marked by
// the VS Code client as `workspaceScoped`) are ignored until trust is granted; a plain-LSP client's
// settings (no marks, as Neovim sends them) are the user's and apply while untrusted. Offline.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code));
const tempDir = tempDirs('trust');
let dir: string;

before(() => {
  ensureBuilt();
  dir = tempDir();
});

async function pull(c: TestClient, uri: string): Promise<string[]> {
  const r = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  return codes(r.items);
}

describe('trust-restricted settings', () => {
  it('workspace-scoped allowlist and rules are ignored while untrusted, applied once trusted', async () => {
    const settings = {
      offline: true,
      allowlist: ['reqeusts'],
      rules: { 'import-name-as-requirement': { enable: false } },
      workspaceScoped: { allowlist: {}, rules: { userValue: {} } },
    };
    const { client: c } = await TestClient.start({ mode: 'pull', settings, configuration: true });
    try {
      const uri = pathToFileUri(path.join(dir, 'a/requirements.txt'));
      await c.open(uri, 'pip-requirements', 'reqeusts\nsklearn\n');
      assert.deepEqual((await pull(c, uri)).sort(), ['PW101', 'PW102'], 'the workspace cannot silence its own findings');
      assert.ok(c.logs.some((l) => /untrusted workspace: ignoring its values of pipwatch\.allowlist, pipwatch\.rules/.test(l)), c.logs.join('\n'));
      const refreshes = c.refreshes;
      await c.conn.sendNotification('pipwatch/workspaceTrustChanged', { trusted: true });
      await waitFor(() => (c.refreshes > refreshes ? true : undefined), 5000, 'refresh after trust');
      assert.deepEqual(await pull(c, uri), [], 'trusted: the workspace values apply');
    } finally {
      await c.stop();
    }
  });

  it('a plain-LSP client (no workspaceScoped marks) is the user: its allowlist applies while untrusted', async () => {
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true, allowlist: ['reqeusts'] } });
    try {
      const uri = pathToFileUri(path.join(dir, 'b/requirements.txt'));
      await c.open(uri, 'pip-requirements', 'reqeusts\nsklearn\n');
      const p = await c.waitForPushed(uri, (x) => x.diagnostics.length > 0);
      assert.deepEqual(codes(p.diagnostics), ['PW102']);
    } finally {
      await c.stop();
    }
  });
});
