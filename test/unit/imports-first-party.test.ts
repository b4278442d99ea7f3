import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { firstPartyModules } from '../../server/src/identify/first-party';

const sorted = (s: Set<string>): string[] => [...s].sort();

describe('firstPartyModules', () => {
  it('flat layout: top-level modules and packages, not their submodules', () => {
    const fp = firstPartyModules([
      'setup.py',
      'manage.py',
      'myapp/__init__.py',
      'myapp/models.py',
      'myapp/sub/__init__.py',
      'myapp/sub/deep.py',
      'README.md',
      'myapp/templates/index.html',
    ]);
    assert.deepEqual(sorted(fp), ['manage', 'myapp', 'setup']);
  });

  it('src layout and monorepo sub-projects', () => {
    const fp = firstPartyModules([
      'src/pkg_a/__init__.py',
      'src/pkg_a/core.py',
      'packages/tool/src/tool_b/__init__.py',
      'packages/tool/src/tool_b/cli.py',
    ]);
    assert.ok(fp.has('pkg_a'));
    assert.ok(fp.has('tool_b'));
    assert.ok(!fp.has('src') && !fp.has('core') && !fp.has('cli') && !fp.has('packages'));
  });

  it('PEP 420 namespace packages under the root or a source root', () => {
    const fp = firstPartyModules(['nsroot/mod.py', 'src/nsx/part.py', 'src/single.py']);
    assert.ok(fp.has('nsroot'));
    assert.ok(fp.has('nsx'));
    assert.ok(fp.has('single'));
    assert.ok(!fp.has('src'));
  });

  it('scripts import their siblings', () => {
    const fp = firstPartyModules(['scripts/run.py', 'scripts/helpers.py']);
    assert.ok(fp.has('helpers') && fp.has('run'));
  });

  it('skips environments, caches and build output', () => {
    const fp = firstPartyModules([
      '.venv/lib/python3.11/site-packages/yaml/__init__.py',
      'venv/lib/python3.11/site-packages/requests/__init__.py',
      'env/lib/python3.12/site-packages/numpy/__init__.py',
      'node_modules/x/y.py',
      '.git/hooks/pre-commit.py',
      'build/lib/mypkg/__init__.py',
      'dist/thing.py',
      '.tox/py311/lib/attr/__init__.py',
      'myenv/lib/python3.11/site-packages/flask/__init__.py',
      'mypkg.egg-info/foo.py',
      '__pycache__/cached.py',
    ]);
    assert.deepEqual(sorted(fp), []);
  });

  it('ignores names that are not identifiers and non-Python files', () => {
    const fp = firstPartyModules(['my-script.py', '2fa.py', 'ok_name.pyi', 'ext.pyx', 'notes.txt', 'data/__init__.json']);
    assert.deepEqual(sorted(fp), ['ext', 'ok_name']);
  });

  it('accepts Windows separators and a root with absolute paths', () => {
    assert.ok(firstPartyModules(['src\\winpkg\\__init__.py']).has('winpkg'));
    const fp = firstPartyModules('/home/u/proj', ['/home/u/proj/app/__init__.py', '/home/u/proj/tool.py', '/elsewhere/other.py']);
    assert.deepEqual(sorted(fp), ['app', 'tool']);
    const win = firstPartyModules('C:\\work\\proj\\', ['C:\\work\\proj\\lib\\thing\\__init__.py']);
    assert.deepEqual(sorted(win), ['thing']);
  });

  it('takes pyproject hints: project name and setuptools packages', () => {
    const fp = firstPartyModules([], { projectNames: ['My-Project.Name'], packages: ['alpha', 'beta.sub', 'src/gamma'] });
    assert.ok(fp.has('My_Project_Name'));
    assert.ok(fp.has('my_project_name'));
    assert.ok(fp.has('alpha') && fp.has('beta'));
    assert.ok(!fp.has('src') && !fp.has('gamma')); // packages are dotted names, not paths
  });
});
