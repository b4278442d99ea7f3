// Install-command surfaces through the BUNDLED CLI (issue 9): every surface of
// test/fixtures/surfaces/bad carries a typo'd name that `pipwatch check` flags, and the real files
// of well-known projects in test/fixtures/surfaces/real (see its SOURCES.md) give no warning or error.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { HERMETIC_ENV } from './helpers/hermetic-env';
import { runCli } from './helpers/cli';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FIX = path.join(REPO, 'test/fixtures/surfaces');

interface J {
  path: string;
  line: number;
  column: number;
  cell?: number;
  severity: string;
  code: string;
  message: string;
  fix?: string;
}

function check(args: string[]): { code: number | null; json: J[]; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--offline', ...args], { cwd: FIX, encoding: 'utf8', env: { ...process.env, ...HERMETIC_ENV } });
  let json: J[] = [];
  if (args.includes('json')) json = JSON.parse(r.stdout) as J[];
  return { code: r.status, json, stderr: r.stderr, stdout: r.stdout };
}

describe('install-command surfaces in the CLI', () => {
  before(() => ensureBuilt());

  it('flags the typo on every surface, at its exact position', () => {
    const r = check(['--format', 'json', 'bad']);
    const typos = r.json.filter((f) => f.code === 'PW101').map((f) => [f.path, f.cell, f.line, f.column, f.fix]);
    assert.deepEqual(typos.sort(), [
      ['bad/.github/workflows/ci.yml', undefined, 8, 23, 'pandas'], // run: | block scalar
      ['bad/.gitlab-ci.yml', undefined, 3, 17, 'pandas'], // an anchored list, used as before_script: *setup
      ['bad/.gitlab-ci.yml', undefined, 9, 7, 'seaborn'], // script: > folded over two lines
      ['bad/Dockerfile', undefined, 3, 5, 'numpy'], // shell form, continued with \
      ['bad/Dockerfile', undefined, 4, 43, 'flask'], // exec form
      ['bad/Dockerfile', undefined, 7, 13, 'django'], // heredoc
      ['bad/Makefile', undefined, 2, 14, 'matplotlib'],
      ['bad/README.md', undefined, 4, 13, 'requests'], // ```bash
      ['bad/README.md', undefined, 8, 25, 'pandas'], // ```console with a $ prompt
      ['bad/install.sh', undefined, 3, 21, 'flask'],
      ['bad/scripts/bootstrap', undefined, 5, 23, 'django'], // extensionless, by its shebang
      ['bad/nb/demo.ipynb', 2, 1, 14, 'seaborn'],
      ['bad/tox.ini', undefined, 3, 5, 'pytest'], // deps
      ['bad/tox.ini', undefined, 5, 27, 'matplotlib'], // commands
    ].sort());
    assert.equal(r.code, 1);
  });

  it('prints notebook positions as path:cell N:line:col', () => {
    const r = check(['bad/nb/demo.ipynb']);
    assert.match(r.stdout, /^bad\/nb\/demo\.ipynb:cell 2:1:14: \w+ PW101 'seabron'/m);
  });

  it('is quiet on real READMEs, workflows, GitLab CI, Dockerfiles, Makefiles, tox.ini, scripts and notebooks', () => {
    const r = check(['--format', 'json', 'real']);
    const loud = r.json.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(loud, [], JSON.stringify(loud, null, 1));
    assert.equal(r.code, 0, r.stderr);
    // The files were read: the summary counts them (15 real files, 4 files they include and
    // SOURCES.md); test/unit/surfaces-real.test.ts checks what each one's commands name.
    assert.match(r.stderr, /20 files/);
  });

  it('follows -r from every surface that has includes; reports a missing one only where the base folder is known', async () => {
    const dir = tempDirs('surf-inc')({
      'environment.yml': 'dependencies:\n  - pip:\n    - -r env/extra.txt\n    - -r env/gone.txt\n',
      'env/extra.txt': 'flaks\n',
      'Makefile': 'install:\n\tpip install -r make-deps.txt\n',
      'Dockerfile': 'FROM python:3.12\nCOPY . /app\nRUN pip install -r docker/deps.txt -r not/in/context.txt\n',
      'docker/deps.txt': 'nunpy\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pip install -r ci/deps.txt\n',
      // A CI job runs at the checkout root, not next to the workflow file.
      'ci/deps.txt': 'pandsa\n',
    });
    const r = await runCli(['check', '--offline', '.'], { cwd: dir });
    const lines = r.stdout.split('\n').filter((l) => l.length > 0).map((l) => l.replace(/ looks like.*| \(\/.*$/, ''));
    assert.deepEqual(lines, [
      'Makefile:2:17: warning PW001 included file not found: "make-deps.txt"',
      "ci/deps.txt:1:1: error PW101 'pandsa'",
      "docker/deps.txt:1:1: warning PW101 'nunpy'",
      "env/extra.txt:1:1: warning PW101 'flaks'",
      'environment.yml:4:10: warning PW001 included file not found: "env/gone.txt"',
    ]);
  });
});
