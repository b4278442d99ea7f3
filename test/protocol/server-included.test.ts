// Included files over LSP (issue 7 §2): a file that requirements.txt includes with `-r` is analysed
// as pip requirements whatever its name and language id, its declarations count for PW103, and
// the client is told its URI (pipwatch/includedFiles) so VS Code can send it. When the included
// file changes — edited in the editor and not saved, or on disk while not open — the facts and the
// including file's diagnostics follow.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

const tempDir = tempDirs('inc');
let root: string;
before(() => {
  ensureBuilt();
  root = tempDir({ 'requirements.txt': 'flask\n-r deps/prod.txt\n', 'deps/prod.txt': 'reqeusts==2.0\npyyaml\n', 'app.py': 'import yaml\n' });
});

describe('included files', () => {
  it('deps/prod.txt: announced to the client, analysed as requirements when opened as plain text, declares for PW103', async () => {
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: root });
    try {
      const prod = pathToFileUri(path.join(root, 'deps/prod.txt'));
      const note = await waitFor(
        () => c.notificationsOf('pipwatch/includedFiles').find((p) => (p as { uris: string[] }).uris.includes(prod)),
        10000,
        'pipwatch/includedFiles',
      );
      assert.deepEqual(note, { uris: [prod] });
      await c.open(prod, 'plaintext', readFileSync(path.join(root, 'deps/prod.txt'), 'utf8'));
      const p = await c.waitForPushed(prod, (x) => x.diagnostics.some((d) => d.code === 'PW101'));
      const typo = p.diagnostics.find((d) => d.code === 'PW101')!;
      assert.deepEqual(typo.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
      // pyyaml is declared only in the included file: `import yaml` is not undeclared.
      const app = pathToFileUri(path.join(root, 'app.py'));
      await c.open(app, 'python', 'import yaml\n');
      const a = await c.waitForPushed(app);
      assert.deepEqual(a.diagnostics.map((d) => d.code), []);
    } finally {
      await c.stop();
    }
  });

  it('an unsaved edit of the open included file updates the facts and the including file\'s diagnostics', async () => {
    const dir = tempDir({ 'requirements.txt': 'flask\n-r deps/prod.txt\n', 'deps/prod.txt': 'pyyaml\n', 'app.py': 'import yaml\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: dir });
    try {
      const req = pathToFileUri(path.join(dir, 'requirements.txt'));
      const prod = pathToFileUri(path.join(dir, 'deps/prod.txt'));
      const app = pathToFileUri(path.join(dir, 'app.py'));
      await c.open(req, 'pip-requirements', 'flask\n-r deps/prod.txt\n');
      await c.open(prod, 'plaintext', 'pyyaml\n');
      await c.open(app, 'python', 'import yaml\n');
      await c.waitForPushed(app, (p) => p.diagnostics.length === 0);
      await c.waitForPushed(req, (p) => p.diagnostics.length === 0);
      // Not saved: the disk still says pyyaml. The import is now undeclared, and the nested
      // include is missing — reported on requirements.txt's include line.
      await c.change(prod, 2, 'requests\n-r missing.txt\n');
      const a = await c.waitForPushed(app, pw103For('yaml'));
      assert.equal(a.diagnostics.length, 1);
      const r = await c.waitForPushed(req, (p) => p.diagnostics.some((d) => d.code === 'PW001'));
      const pw001 = r.diagnostics.find((d) => d.code === 'PW001')!;
      assert.match(String(pw001.message), /included file not found: "missing\.txt".*\(via deps\/prod\.txt\)/);
      assert.equal(pw001.range.start.line, 1);
      // Closed without saving: the disk's text counts again.
      await c.close(prod);
      await c.waitForPushed(app, (p) => p.diagnostics.length === 0);
      await c.waitForPushed(req, (p) => p.diagnostics.length === 0);
    } finally {
      await c.stop();
    }
  });

  it('an included file changed on disk, not open: watched, and the facts and diagnostics follow', async () => {
    const dir = tempDir({ 'requirements.txt': 'flask\n-r deps/prod.txt\n-r deps/later.txt\n', 'deps/prod.txt': 'pyyaml\n', 'app.py': 'import yaml\n' });
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: dir, watchFiles: true });
    try {
      const req = pathToFileUri(path.join(dir, 'requirements.txt'));
      const prodPath = path.join(dir, 'deps/prod.txt');
      const laterPath = path.join(dir, 'deps/later.txt');
      const app = pathToFileUri(path.join(dir, 'app.py'));
      // Both targets are watched, the missing one too (its creation must be seen).
      const watched = await waitFor(() => {
        const globs = c.registrations.flatMap((x) => (x.registerOptions as { watchers?: { globPattern: unknown }[] } | undefined)?.watchers ?? []).map((w) => w.globPattern);
        return globs.includes(prodPath) && globs.includes(laterPath) ? globs : undefined;
      }, 10000, 'include watchers');
      assert.ok(watched.includes('**/pyproject.toml'));
      await c.open(req, 'pip-requirements', 'flask\n-r deps/prod.txt\n-r deps/later.txt\n');
      await c.open(app, 'python', 'import yaml\n');
      await c.waitForPushed(app, (p) => p.diagnostics.length === 0);
      await c.waitForPushed(req, (p) => p.diagnostics.some((d) => /included file not found: "deps\/later\.txt"/.test(String(d.message))));
      writeFileSync(prodPath, 'requests\n');
      writeFileSync(laterPath, 'idna\n');
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: pathToFileUri(prodPath), type: 2 },
          { uri: pathToFileUri(laterPath), type: 1 },
        ],
      });
      await c.waitForPushed(app, pw103For('yaml'));
      await c.waitForPushed(req, (p) => p.diagnostics.length === 0);
      // The new file is an included file now: announced, and declares for PW103.
      await waitFor(() => c.notificationsOf('pipwatch/includedFiles').find((p) => (p as { uris: string[] }).uris.includes(pathToFileUri(laterPath))), 10000, 'later.txt announced');
    } finally {
      await c.stop();
    }
  });
});

const pw103For = (module: string) => (p: PublishDiagnosticsParams) =>
  p.diagnostics.some((d) => d.code === 'PW103' && d.message.toString().includes(`'${module}'`));
