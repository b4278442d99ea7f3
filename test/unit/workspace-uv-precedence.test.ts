// uv reads a project uv.toml and ignores the [tool.uv] of the pyproject.toml beside it
// (https://docs.astral.sh/uv/concepts/configuration-files/), and a [tool.uv.sources] pin names an
// index wherever uv's settings define it (issue 9 follow-up, index trust §2, §3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorkspaceFacts, FactsBuilder } from '../../server/src/workspace/facts';

const ROOT = '/w';
const PY = '[project]\nname = "app"\nversion = "0"\ndependencies = ["x"]\n';

describe('uv.toml beside pyproject.toml', () => {
  it('the cooldown comes from uv.toml even when uv.toml sets none: [tool.uv] beside it is ignored', () => {
    const facts = buildWorkspaceFacts(ROOT, [
      { path: '/w/pyproject.toml', text: `${PY}[tool.uv]\nexclude-newer = "30 days"\n` },
      { path: '/w/uv.toml', text: 'index-strategy = "first-index"\n' },
    ]);
    assert.equal(facts.cooldown, undefined);
    const alone = buildWorkspaceFacts(ROOT, [{ path: '/w/pyproject.toml', text: `${PY}[tool.uv]\nexclude-newer = "30 days"\n` }]);
    assert.equal(alone.cooldown?.all?.text, '30 days');
  });

  it('[[tool.uv.index]] beside a uv.toml is not asked; uv.toml indexes and Poetry sources are', () => {
    const facts = buildWorkspaceFacts(ROOT, [
      { path: '/w/pyproject.toml', text: `${PY}[[tool.uv.index]]\nname = "shadow"\nurl = "https://shadow.example/simple/"\n\n[[tool.poetry.source]]\nname = "po"\nurl = "https://po.example/simple/"\n` },
      { path: '/w/uv.toml', text: '[[index]]\nname = "corp"\nurl = "https://corp.example/simple/"\n' },
    ]);
    assert.deepEqual(facts.projectIndexes?.map((i) => i.url), ['https://corp.example/simple/', 'https://po.example/simple/']);
  });

  it('a [tool.uv.sources] pin attaches to an explicit index defined in uv.toml', () => {
    const facts = buildWorkspaceFacts(ROOT, [
      { path: '/w/pyproject.toml', text: `${PY}[tool.uv.sources]\nx = { index = "corp" }\n` },
      { path: '/w/uv.toml', text: '[[index]]\nname = "corp"\nurl = "https://corp.example/simple/"\nexplicit = true\n' },
    ]);
    assert.deepEqual(facts.projectIndexes?.map((i) => [i.name, i.kind, i.packages]), [['corp', 'explicit', ['x']]]);
  });

  it('a member pin resolves to the root uv.toml index; the parsed contribution is not mutated', () => {
    const b = new FactsBuilder(ROOT);
    b.set('/w/uv.toml', '[[index]]\nname = "corp"\nurl = "https://corp.example/simple/"\nexplicit = true\n');
    b.set('/w/pkg/pyproject.toml', `${PY}[tool.uv.sources]\nx = { index = "corp" }\n`);
    assert.deepEqual(b.facts().projectIndexes?.[0]?.packages, ['x']);
    b.set('/w/pkg/pyproject.toml', PY);
    assert.equal(b.facts().projectIndexes?.[0]?.packages, undefined, 'the pin is gone with its file');
  });

  it('a uv.toml appearing or going shadows or restores [tool.uv] incrementally', () => {
    const b = new FactsBuilder(ROOT);
    b.set('/w/pyproject.toml', `${PY}[tool.uv]\nexclude-newer = "30 days"\n\n[[tool.uv.index]]\nname = "a"\nurl = "https://a.example/simple/"\n`);
    assert.equal(b.facts().cooldown?.all?.text, '30 days');
    assert.equal(b.facts().projectIndexes?.length, 1);
    b.set('/w/uv.toml', '# settings live here now\n');
    assert.equal(b.facts().cooldown, undefined);
    assert.equal(b.facts().projectIndexes, undefined);
    b.delete('/w/uv.toml');
    assert.equal(b.facts().cooldown?.all?.text, '30 days');
    assert.equal(b.facts().projectIndexes?.length, 1);
  });
});
