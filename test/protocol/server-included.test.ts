// Included files over LSP (issue 7 §2): a file that requirements.txt includes with `-r` is analysed
// as pip requirements whatever its name and language id, its declarations count for PW103, and
// the client is told its URI (pipwatch/includedFiles) so VS Code can send it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
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
});
