// The bundled CLI on generated deep-nesting files (issue 8 §8): exit status is never
// 0-with-silence. Each file keeps its earlier findings, and the deep part is a PW001 warning, so
// `--fail-on warning` exits 1. Builds dist/ itself when it is missing or stale.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, type CliRun } from './helpers/cli';
import { tempDirs, writeTree } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

const N = 20_000;
const tempDir = tempDirs('deep');

const check = (dir: string, file: string): Promise<CliRun> => runCli(['check', '--offline', '--format', 'json', '--fail-on', 'warning', file], { cwd: dir, timeoutMs: 60_000 });

describe('CLI on deeply nested files', () => {
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = tempDir();
    // One folder per file, each its own project root, so no file's declarations satisfy another's imports.
    const files: Record<string, string> = {
      'pyproject.toml': `[project]\nname = "x"\ndependencies = ["reqeusts"]\n[tool.x]\na = ${'['.repeat(N)}${']'.repeat(N)}\n`,
      'tool.py': `# /// script\n# dependencies = ["reqeusts"]\n# [tool.x]\n# a = ${'{b='.repeat(N)}1${'}'.repeat(N)}\n# ///\n`,
      'requirements.txt': `reqeusts\nflask ; ${'('.repeat(N)}python_version > "3"${')'.repeat(N)}\n`,
      'app.py': `import reqeusts\nx = ${'['.repeat(N)}${']'.repeat(N)}\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      writeTree(path.join(dir, name.replace('.', '-')), { '.git/HEAD': '', [name]: text });
    }
  });

  for (const [file, deepLine] of [['pyproject.toml', 5], ['tool.py', 4], ['requirements.txt', 2], ['app.py', 2]] as const) {
    it(`${file}: the typo before the deep part is kept and the run fails`, async () => {
      const r = await check(path.join(dir, file.replace('.', '-')), file);
      assert.equal(r.code, 1, `exit ${r.code}; stdout ${r.stdout.slice(0, 500)} stderr ${r.stderr.slice(0, 500)}`);
      const out = JSON.stringify(JSON.parse(r.stdout));
      assert.match(out, /PW101/);
      assert.match(out, /reqeusts/);
      if (deepLine !== undefined) {
        assert.match(out, /PW001/);
        if (file !== 'requirements.txt') assert.match(out, new RegExp(`nesting too deep at line ${deepLine}`));
      }
    });
  }
});
