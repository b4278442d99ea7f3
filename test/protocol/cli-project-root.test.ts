// The CLI's project root (issue 8 §9): the same files give the same findings however they are
// named (`.`, a file, an absolute path, from another cwd), and a folder above the project never
// counts, even when it holds a pyproject.toml declaring what the project imports. And `-` reads
// standard input, with --stdin-filename deciding the kind. Runs the bundled dist/cli.js.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt } from './helpers/lsp-client';
import { runCli } from './helpers/cli';
import { tempDirs } from './helpers/fixtures';

const tree = tempDirs('root');

// setup.cfg marks the project root (no .git: the old walk went on up to `/`).
const PROJECT = {
  'setup.cfg': '[metadata]\nname = proj\n',
  'requirements.txt': 'flask\n',
  'app.py': 'import flask\nimport rich\nimport helper\n',
  'helper.py': 'X = 1\n',
  'tools/requirements.txt': 'httpx\n',
};
const prefixed = (prefix: string) => Object.fromEntries(Object.entries(PROJECT).map(([k, v]) => [`${prefix}/${k}`, v]));

/** Findings of app.py as comparable rows (the path is made relative to the project). */
async function appFindings(args: string[], cwd: string, project: string): Promise<string[]> {
  const r = await runCli(['check', '--offline', '--format', 'json', '--fail-on', 'never', ...args], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { path: string; line: number; code: string; message: string }[];
  return rows
    .map((f) => ({ ...f, path: path.relative(project, path.resolve(cwd, f.path)) }))
    .filter((f) => f.path === 'app.py')
    .map((f) => `${f.path}:${f.line} ${f.code} ${f.message}`);
}

before(() => ensureBuilt());

describe('pipwatch check: project root', () => {
  it('same project under two parents (one with an unrelated pyproject.toml above): identical findings, however named', async () => {
    const plain = tree(prefixed('proj'));
    const above = tree({
      'pyproject.toml': '[project]\nname = "helper"\ndependencies = ["rich"]\n',
      ...prefixed('deep/proj'),
    });
    const a = path.join(plain, 'proj');
    const b = path.join(above, 'deep/proj');
    const runs = [
      await appFindings(['.'], a, a),
      await appFindings(['app.py'], a, a),
      await appFindings([path.join(a, 'app.py')], tmpdir(), a),
      await appFindings(['requirements.txt', 'app.py'], a, a),
      await appFindings(['.'], b, b),
      await appFindings(['app.py'], b, b),
      await appFindings([path.join(b, 'app.py')], tmpdir(), b),
      await appFindings(['proj/app.py'], path.dirname(b), b),
    ];
    const first = runs[0]!;
    assert.ok(first.some((l) => /PW103 'rich'/.test(l)), `rich is undeclared in the project: ${first.join('\n')}`);
    assert.ok(!first.some((l) => /'flask'|'helper'/.test(l)), 'flask is declared, helper is first-party');
    runs.forEach((r, i) => assert.deepEqual(r, first, `run ${i}`));
  });

  it('with no marker anywhere, the root is the given path\'s own folder', async () => {
    const t = tree({ 'requirements.txt': 'rich\n', 'sub/app.py': 'import rich\n' });
    const r = await runCli(['check', '--offline', '--format', 'json', 'sub/app.py'], { cwd: t });
    // /tmp may hold markers of its own on some machines; the folder of the file must be the root then.
    const rows = JSON.parse(r.stdout) as { code: string }[];
    assert.deepEqual(rows.map((x) => x.code), ['PW103'], 'the folder above the file does not count');
  });
});

describe('pipwatch check -: standard input', () => {
  it('reads a requirements file from stdin by default, reported as "-"', async () => {
    const t = tree({ 'setup.cfg': '' });
    const r = await runCli(['check', '--offline', '-'], { cwd: t, input: 'reqeusts==2.31.0\nflask\n' });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^-:1:1: \w+ PW101 /m);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('--stdin-filename decides the kind and the project root', async () => {
    const t = tree({ 'setup.cfg': '', 'requirements.txt': 'flask\n' });
    const r = await runCli(['check', '--offline', '--format', 'json', '--fail-on', 'never', '--stdin-filename', 'src/app.py', '-'], { cwd: t, input: 'import flask\nimport rich\n' });
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { path: string; code: string; message: string }[];
    assert.deepEqual(rows.map((x) => [x.path, x.code]), [['src/app.py', 'PW103']]);
    assert.match(rows[0]!.message, /'rich'/);
  });

  it('usage errors: two "-", --stdin-filename without "-", a name of no known kind', async () => {
    const t = tree({});
    for (const args of [['-', '-'], ['--stdin-filename', 'x.txt', '.'], ['--stdin-filename', 'notes.rst', '-']]) {
      const r = await runCli(['check', '--offline', ...args], { cwd: t, input: '' });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /pipwatch: /);
    }
  });
});
