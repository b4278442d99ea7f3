// Every lockfile format through the BUNDLED CLI (issue 7 §2): a folder holding only a lockfile (no
// pyproject.toml, no requirements file) is still checked, a lockfile given by path is checked, and
// a typo deep in the lock's tree is found and names who pulls it in and through which of the
// project's own dependencies. Fixtures: test/fixtures/cli/locks/<format>/ (flask -> werkzeug ->
// reqeusts); Pipfile.lock records no edges, so its finding names no one.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from './helpers/cli';
import { ensureBuilt } from './helpers/lsp-client';

const LOCKS = path.resolve(__dirname, '../fixtures/cli/locks');

const CASES: [folder: string, file: string, line: number, through: boolean][] = [
  ['uv', 'uv.lock', 35, true],
  ['poetry', 'poetry.lock', 24, true],
  ['pdm', 'pdm.lock', 22, true],
  ['pylock', 'pylock.toml', 17, true],
  ['pipfile', 'Pipfile.lock', 6, false],
];

describe('pipwatch check on every lockfile format', () => {
  before(() => ensureBuilt());

  for (const [folder, file, line, through] of CASES) {
    it(`${file}: the folder alone and the file by path; the transitive typo names its way in`, async () => {
      const dir = path.join(LOCKS, folder);
      const byFolder = await runCli(['check', '--offline', '.'], { cwd: dir });
      const byPath = await runCli(['check', '--offline', file], { cwd: dir });
      for (const r of [byFolder, byPath]) {
        const out = r.stdout.split('\n').filter((l) => l.length > 0);
        assert.equal(out.length, 1, r.stdout + r.stderr);
        assert.match(out[0]!, new RegExp(`^${file.replace('.', '\\.')}:${line}:\\d+: error PW101 'reqeusts' looks like a typo of 'requests'`));
        if (through) assert.match(out[0]!, /\(pulled in by werkzeug, through your dependency flask\)$/);
        else assert.doesNotMatch(out[0]!, /pulled in by/);
        assert.match(r.stderr, /in 1 file$/m);
        assert.equal(r.code, 1);
      }
    });
  }
});
