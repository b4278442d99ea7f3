// environment.yml: only the `pip:` sub-list is PyPI (xarray's CI environment); conda packages are
// skipped; `-r` includes, index options, quoting, URLs and malformed YAML by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCondaEnv } from '../../server/src/parse/conda-env';
import { marked } from '../fixtures/parse/carets';
import { parsedFixture } from './helpers/parsed-fixture';

test("xarray's CI environment: the three pip entries, none of the conda packages", () => {
  const { doc } = parsedFixture('conda-env', 'xarray.environment.yml', parseCondaEnv);
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['jax', 'types-defusedxml', 'types-pexpect']);
  for (const d of doc.dependencies) {
    assert.equal(d.source, 'manifest');
    assert.equal(d.section, 'environment.yml pip');
  }
});

test('pip entries: quoted, extras and markers, -r, index options; URLs and paths skipped', () => {
  const { text, ranges } = marked(`name: demo
dependencies:
  - python=3.12
  - numpy
  - pip
  - pip:
    - «requests»>=2.31
    - "«flask»[async]==3.0"
    - '«rich» ; python_version >= "3.9"'
    - -r «requirements/dev.txt»
    - --index-url «https://pkgs.example/simple»
    - --extra-index-url=«https://more.example/simple»
    - git+https://github.com/x/y.git#egg=y
    - ./local/pkg
    - -e .
    - "bad name!"
`);
  const doc = parseCondaEnv(text);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges.slice(0, 3));
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.specifier, d.extras]), [
    ['requests', '>=2.31', []],
    ['flask', '==3.0', ['async']],
    ['rich', '', []],
  ]);
  assert.deepEqual(doc.includes.map((i) => [i.kind, i.target, i.range]), [['requirement', 'requirements/dev.txt', ranges[3]]]);
  assert.deepEqual(doc.indexes.map((i) => [i.kind, i.url, i.range]), [
    ['index-url', 'https://pkgs.example/simple', ranges[4]],
    ['extra-index-url', 'https://more.example/simple', ranges[5]],
  ]);
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /cannot read requirement in environment\.yml pip/);
});

test('malformed YAML keeps what parsed; hostile input is bounded', () => {
  const doc = parseCondaEnv('dependencies:\n  - pip:\n    - requests\n    - [unclosed\n');
  assert.ok(doc.problems.some((p) => p.severity === 'error' && /invalid YAML/.test(p.message)));
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['requests']);
  assert.ok(parseCondaEnv('\u0000\u0001'.repeat(50_000)).problems.length <= 100);
  assert.match(parseCondaEnv('#'.repeat(3_000_000)).problems[0]!.message, /too large/);
  // Aliases are not expanded (billion laughs).
  const lol = 'a: &a [x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n') + '\ndependencies:\n  - pip:\n    - ok\n';
  assert.deepEqual(parseCondaEnv(lol).dependencies.map((d) => d.name), ['ok']);
  assert.deepEqual(parseCondaEnv('dependencies:\n  - pip: requests\n').problems.map((p) => p.message), ['environment file: `pip:` must be a list of requirements']);
});
