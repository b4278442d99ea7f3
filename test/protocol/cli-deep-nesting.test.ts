// The bundled CLI on generated deep-nesting files (issue 8 §8): exit status is never
// 0-with-silence. Each file keeps its earlier findings, and the deep part is a PW001 warning, so
// `--fail-on warning` exits 1. Builds dist/ itself when it is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const N = 20_000;

function check(dir: string, file: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--offline', '--format', 'json', '--fail-on', 'warning', file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, String(r.error));
  return r;
}

describe('CLI on deeply nested files', () => {
  let dir = '';
  before(() => {
    if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO }).status, 0);
    dir = mkdtempSync(path.join(os.tmpdir(), 'pipwatch-deep-'));
    // One folder per file, each its own project root, so no file's declarations satisfy another's imports.
    const files: Record<string, string> = {
      'pyproject.toml': `[project]\nname = "x"\ndependencies = ["reqeusts"]\n[tool.x]\na = ${'['.repeat(N)}${']'.repeat(N)}\n`,
      'tool.py': `# /// script\n# dependencies = ["reqeusts"]\n# [tool.x]\n# a = ${'{b='.repeat(N)}1${'}'.repeat(N)}\n# ///\n`,
      'requirements.txt': `reqeusts\nflask ; ${'('.repeat(N)}python_version > "3"${')'.repeat(N)}\n`,
      'app.py': `import reqeusts\nx = ${'['.repeat(N)}${']'.repeat(N)}\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const sub = path.join(dir, name.replace('.', '-'));
      mkdirSync(path.join(sub, '.git'), { recursive: true });
      writeFileSync(path.join(sub, name), text);
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [file, deepLine] of [['pyproject.toml', 5], ['tool.py', 4], ['requirements.txt', 2], ['app.py', 2]] as const) {
    it(`${file}: the typo before the deep part is kept and the run fails`, () => {
      const r = check(path.join(dir, file.replace('.', '-')), file);
      assert.equal(r.status, 1, `exit ${r.status}; stdout ${r.stdout.slice(0, 500)} stderr ${r.stderr.slice(0, 500)}`);
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
