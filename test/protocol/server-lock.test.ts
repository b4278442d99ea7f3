// Lockfiles in the language server (issue 7 §2): an open uv.lock gets findings on every locked
// package, transitive ones included, saying which of the project's own dependencies pulls them
// in, and an entry whose files leave its index's host is flagged (PW104) — as in the CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient } from './helpers/lsp-client';

const LOCK = readFileSync(path.resolve(__dirname, '../fixtures/cli/locks/uv/uv.lock'), 'utf8').replace(
  'source = { registry = "https://evil.example/simple" }',
  'source = { registry = "https://pypi.org/simple" }',
);

describe('lockfiles over LSP', () => {
  before(() => ensureBuilt());
  const tempDir = tempDirs('lock');

  it('uv.lock: a transitive typo names its way in; a file on another host is PW104', async () => {
    const dir = tempDir({ 'uv.lock': LOCK });
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: dir });
    try {
      const uri = pathToFileUri(path.join(dir, 'uv.lock'));
      await c.open(uri, 'toml', LOCK);
      const p = await c.waitForPushed(uri, (x) => x.diagnostics.some((d) => d.code === 'PW104'));
      const got = p.diagnostics.map((d) => [d.code, d.range.start.line + 1, String(d.message).replace(/ looks like.*swapped/, '')]).sort();
      assert.deepEqual(got, [
        ['PW101', 35, "'reqeusts' (pulled in by werkzeug, through your dependency flask)"],
        ['PW104', 35, "'reqeusts' is locked from pypi.org but its files download from evil.example: the lock entry points at another host, which serves whatever it likes under this name (re-lock it from its index) (pulled in by werkzeug, through your dependency flask)"],
      ]);
    } finally {
      await c.stop();
    }
  });
});
