// Incremental workspace facts (issue 8 §7): an edit re-parses only the edited file, and the union
// (declared names, first-party modules, manifests, cooldown) is what a full rebuild would give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkspaceFacts, FactsBuilder, fileContribution } from '../../server/src/workspace/facts';

const ROOT = '/w';

function bigWorkspace(n: number): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [{ path: '/w/pyproject.toml', text: '[project]\nname = "my-app"\ndependencies = ["flask"]\n' }];
  for (let i = 0; i < n; i++) {
    files.push({ path: `/w/svc${i}/requirements.txt`, text: `pkg-${i}\nrequests\n` });
    files.push({ path: `/w/svc${i}/mod${i}.py`, text: '' });
  }
  return files;
}

const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('FactsBuilder', () => {
  it('a manifest edit re-parses that one file, and the union matches a full rebuild', () => {
    const files = bigWorkspace(500);
    const b = new FactsBuilder(ROOT);
    for (const f of files) b.set(f.path, f.text);
    const first = b.facts();
    assert.equal(b.parses, files.length);
    assert.ok(first.declared.has('pkg-7') && first.declared.has('requests') && first.declared.has('my-app'));
    assert.ok(first.firstParty.has('my_app'));

    const parsesBefore = b.parses;
    b.set('/w/svc7/requirements.txt', 'httpx\n');
    const after = b.facts();
    assert.equal(b.parses - parsesBefore, 1, 'only the edited file is parsed again');
    assert.ok(after.declared.has('httpx'));
    assert.ok(!after.declared.has('pkg-7'), 'a name no other file declares is gone');
    assert.ok(after.declared.has('requests'), 'a name other files still declare stays');

    const full = buildWorkspaceFacts(ROOT, files.map((f) => (f.path === '/w/svc7/requirements.txt' ? { ...f, text: 'httpx\n' } : f)));
    assert.deepEqual(sorted(after.declared), sorted(full.declared));
    assert.deepEqual(sorted(after.firstParty), sorted(full.firstParty));
    assert.deepEqual(after.manifests, full.manifests);
  });

  it('an edit that changes nothing keeps the same facts object and generation', () => {
    const b = new FactsBuilder(ROOT);
    b.set('/w/requirements.txt', 'flask\n');
    const f1 = b.facts();
    const g = b.generation;
    b.set('/w/requirements.txt', 'flask  # same name\n');
    assert.equal(b.facts(), f1);
    assert.equal(b.generation, g);
  });

  it('delete removes a file: its names, its manifest and its first-party module', () => {
    const b = new FactsBuilder(ROOT);
    b.set('/w/requirements.txt', 'flask\n');
    b.set('/w/tools/helper.py', '');
    b.set('/w/app/requirements.txt', 'rich\n');
    assert.equal(b.nearest('/w/app/x.py')?.path, '/w/app/requirements.txt');
    b.delete('/w/app/requirements.txt');
    b.delete('/w/tools/helper.py');
    const f = b.facts();
    assert.deepEqual(sorted(f.declared), ['flask']);
    assert.equal(f.firstParty.has('helper'), false);
    assert.equal(b.nearest('/w/app/x.py')?.path, '/w/requirements.txt', 'the per-directory index follows the change');
  });

  it('fileContribution is format-agnostic data: declared names, manifest ref, Python path, project name, cooldown', () => {
    assert.deepEqual(fileContribution(ROOT, '/w/requirements.txt', 'Flask\n-r other.txt\n'), { declared: ['flask'], manifest: { path: '/w/requirements.txt', kind: 'requirements' }, includes: ['/w/other.txt'] });
    const py = fileContribution(ROOT, '/w/src/pkg/tool.py', '# /// script\n# dependencies = ["rich"]\n# ///\n');
    assert.deepEqual(py, { declared: ['rich'], pythonPath: 'src/pkg/tool.py' });
    const pp = fileContribution(ROOT, '/w/pyproject.toml', '[project]\nname = "A.B"\ndependencies = ["x"]\n[tool.uv]\nexclude-newer = "7 days"\n');
    assert.deepEqual(pp.declared, ['x', 'a-b']);
    assert.equal(pp.projectName, 'A.B');
    assert.equal(pp.manifest?.hasProjectTable, true);
    assert.ok(pp.cooldown, 'pyproject [tool.uv] cooldown');
    assert.deepEqual(fileContribution(ROOT, '/w/pyproject.toml', '[project\n\u0000').declared, []);
  });
});
