// Workspace scanning (skips, bounds, symlink loops, cancellation) and workspace facts
// (declared names, first-party modules, nearest manifest), on real temporary folders.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildWorkspaceFacts, projectName } from '../../server/src/workspace/facts';
import { nearestManifest } from '../../server/src/workspace/manifests';
import { readTextFileSync } from '../../server/src/workspace/files';
import { scannedFiles, scanWorkspace } from '../../server/src/workspace/scan';

let root = '';
function put(rel: string, text = ''): string {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}
const rel = (ps: string[]): string[] => ps.map((p) => path.relative(root, p).split(path.sep).join('/'));

before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pipwatch-ws-'));
  put('requirements.txt', 'flask\n');
  put('requirements/dev.txt', 'pytest\n');
  put('constraints.txt', 'urllib3<3\n');
  put('pyproject.toml', '[project]\nname = "my-app"\ndependencies = ["httpx"]\n');
  put('src/my_app/__init__.py', '');
  put('src/my_app/core.py', 'import httpx\n');
  put('tools/run.py', '# /// script\n# dependencies = ["rich"]\n# ///\nimport rich\n');
  put('packages/sub/pyproject.toml', '[project]\nname = "sub"\n');
  put('README.md', 'not scanned\n');
  // Everything below must be skipped.
  put('.git/requirements.txt', 'x\n');
  put('node_modules/pkg/requirements.txt', 'x\n');
  put('.venv/lib/python3.12/site-packages/six.py', '');
  put('venv/requirements.txt', 'x\n');
  put('myenv/pyvenv.cfg', 'home = /usr/bin\n'); // a venv by PEP 405's marker, whatever its name
  put('myenv/lib/thing.py', '');
  put('build/lib/my_app/__init__.py', '');
  put('dist/requirements.txt', 'x\n');
  put('src/my_app/__pycache__/core.cpython-312.py', '');
  put('.tox/py312/requirements.txt', 'x\n');
  put('.mypy_cache/x.py', '');
  // A symlink loop: src/loop -> the root.
  try {
    symlinkSync(root, path.join(root, 'src', 'loop'), 'dir');
  } catch {
    // platforms without symlinks: the loop case is simply absent
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('scanWorkspace', () => {
  it('finds manifests and Python files, skipping VCS, dependency trees, venvs, caches and build output', async () => {
    const r = await scanWorkspace(root);
    assert.deepEqual(rel(r.requirements), ['constraints.txt', 'requirements.txt', 'requirements/dev.txt']);
    assert.deepEqual(rel(r.pyprojects), ['packages/sub/pyproject.toml', 'pyproject.toml']);
    assert.deepEqual(rel(r.python), ['src/my_app/__init__.py', 'src/my_app/core.py', 'tools/run.py']);
    assert.ok(!r.truncated);
  });

  it('is bounded by maxFiles and says so', async () => {
    const r = await scanWorkspace(root, { maxFiles: 3 });
    assert.equal(r.truncated, true);
    assert.ok(r.requirements.length + r.pyprojects.length + r.python.length <= 3);
  });

  it('directories count against the budget (a tree of empty folders ends)', async () => {
    const deep = mkdtempSync(path.join(os.tmpdir(), 'pipwatch-ws-dirs-'));
    try {
      for (let i = 0; i < 30; i++) mkdirSync(path.join(deep, `d${i}`, 'e', 'f'), { recursive: true });
      writeFileSync(path.join(deep, 'requirements.txt'), 'flask\n');
      const r = await scanWorkspace(deep, { maxFiles: 10 });
      assert.equal(r.truncated, true);
      assert.equal(r.requirements.length, 1, 'top-level files are found first (breadth-first)');
    } finally {
      rmSync(deep, { recursive: true, force: true });
    }
  });

  it('stops when the signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await scanWorkspace(root, { signal: ac.signal });
    assert.equal(r.cancelled, true);
    assert.equal(r.python.length, 0);
  });

  it('a missing root gives empty lists, not an exception', async () => {
    const r = await scanWorkspace(path.join(root, 'nope'));
    assert.deepEqual([r.requirements, r.pyprojects, r.python], [[], [], []]);
  });
});

describe('buildWorkspaceFacts', () => {
  it('collects declared names from every manifest and PEP 723 block, and first-party modules', async () => {
    const scan = await scanWorkspace(root);
    const files = scannedFiles(scan).map((p) => {
      const r = readTextFileSync(p);
      return { path: p, text: r.ok ? r.text : '' };
    });
    const facts = buildWorkspaceFacts(root, files);
    for (const n of ['flask', 'pytest', 'urllib3', 'httpx', 'rich', 'my-app', 'sub']) assert.ok(facts.declared.has(n), n);
    assert.ok(facts.firstParty.has('my_app'));
    assert.ok(facts.firstParty.has('sub'), 'project name of a nested pyproject');
    assert.ok(!facts.firstParty.has('six'), 'nothing from the venv');
  });

  it('survives junk manifests', () => {
    const facts = buildWorkspaceFacts(root, [
      { path: path.join(root, 'pyproject.toml'), text: '[project\n\u0000' },
      { path: path.join(root, 'requirements.txt'), text: '\u0000\u0001'.repeat(1000) },
    ]);
    assert.equal(facts.declared.size, 0);
  });

  it('projectName reads [project] name', () => {
    assert.deepEqual(projectName('[project]\nname = "a-b"\n'), { name: 'a-b', hasProjectTable: true });
    assert.deepEqual(projectName('[tool.black]\nline-length = 1\n'), { hasProjectTable: false });
    assert.deepEqual(projectName('not toml ['), { hasProjectTable: false });
  });
});

describe('nearestManifest', () => {
  const m = (p: string, kind: 'requirements' | 'pyproject', hasProjectTable?: boolean) => ({
    path: path.join('/w', p),
    kind,
    ...(hasProjectTable === undefined ? {} : { hasProjectTable }),
  });
  const manifests = [
    m('requirements.txt', 'requirements'),
    m('pyproject.toml', 'pyproject', true),
    m('svc/requirements-dev.txt', 'requirements'),
    m('svc/requirements.txt', 'requirements'),
    m('lib/pyproject.toml', 'pyproject', false),
    m('lib/requirements.in', 'requirements'),
  ];
  it('prefers the closest folder upwards', () => {
    assert.equal(nearestManifest('/w/svc/app/main.py', manifests)?.path, '/w/svc/requirements.txt');
    assert.equal(nearestManifest('/w/other/x.py', manifests)?.path, '/w/pyproject.toml');
  });
  it('a pyproject without [project] ranks below requirements files', () => {
    assert.equal(nearestManifest('/w/lib/x.py', manifests)?.path, '/w/lib/requirements.in');
  });
  it('accepts plain paths and returns undefined with no manifest above', () => {
    assert.equal(nearestManifest('/w/svc/x.py', ['/w/svc/requirements-dev.txt'])?.kind, 'requirements');
    assert.equal(nearestManifest('/elsewhere/x.py', manifests), undefined);
  });
});
