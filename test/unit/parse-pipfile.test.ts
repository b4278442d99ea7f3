// Pipfile: pipenv's own and its fake-package fixture (an editable path), plus categories, tables,
// git entries, [[source]] indexes and malformed TOML by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePipfile } from '../../server/src/parse/locks/pipfile';
import { marked, slice } from '../fixtures/parse/carets';
import { formatFixture, parsedFixture } from './helpers/parsed-fixture';

const read = (file: string): string => formatFixture('pipfile', file);

test("pipenv's Pipfile: [packages] and [dev-packages], '*', specifiers, tables, the source", () => {
  const { text, doc } = parsedFixture('pipfile', 'pipenv.Pipfile', parsePipfile);
  assert.equal(doc.dependencies.length, 27);
  for (const d of doc.dependencies) {
    assert.equal(d.source, 'manifest');
    assert.equal(d.isKey, true);
  }
  const by = Object.fromEntries(doc.dependencies.map((d) => [d.name, d]));
  assert.equal(by['pytz']!.section, 'Pipfile [packages]');
  assert.equal(by['pytz']!.specifier, '');
  assert.equal(by['click']!.specifier, '==8.0.3');
  assert.equal(slice(text, by['click']!.specifierRange!), '==8.0.3');
  assert.equal(by['myst-parser']!.section, 'Pipfile [dev-packages]');
  assert.deepEqual(by['myst-parser']!.extras, ['linkify']);
  assert.equal(by['legacy-cgi']!.marker, "python_version >= '3.13'");
  assert.deepEqual(doc.indexes.map((i) => [i.kind, i.url, i.origin, slice(text, i.range)]), [['index-url', 'https://pypi.org/simple', 'pipfile', 'https://pypi.org/simple']]);
});

test('an editable path entry is not from an index', () => {
  const doc = parsePipfile(read('fake-package.Pipfile'));
  const fake = doc.dependencies.find((d) => d.name === 'fake-package')!;
  assert.equal(fake.origin, 'editable');
  assert.equal(fake.url, '.');
  assert.deepEqual(fake.extras, ['dev', 'tests']);
});

test('custom categories, quoted keys, git, extra sources; malformed entries', () => {
  const { text, ranges } = marked(`[[source]]
url = "https://pypi.org/simple"
name = "pypi"

[[source]]
url = "https://pkgs.example/simple"
name = "private"

[packages]
«requests» = { version = ">=2.31", index = "private" }
"«zope.interface»" = "*"
«from-git» = { git = "https://github.com/x/from-git.git", ref = "main" }

[docs]
«sphinx» = "==7.*"

[scripts]
test = "pytest"

[requires]
python_version = "3.12"
`);
  const doc = parsePipfile(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges);
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.section, d.specifier, d.origin]), [
    ['requests', 'Pipfile [packages]', '>=2.31', undefined],
    ['zope-interface', 'Pipfile [packages]', '', undefined],
    ['from-git', 'Pipfile [packages]', '', 'git'],
    ['sphinx', 'Pipfile [docs]', '==7.*', undefined],
  ]);
  assert.deepEqual(doc.indexes.map((i) => i.kind), ['index-url', 'extra-index-url']);
  const bad = parsePipfile('[packages]\nok = "*"\nbroken = "1.0\n"not a name" = "*"\nalso-ok = 3\nlast = "*"\n');
  assert.deepEqual(bad.dependencies.map((d) => d.name), ['ok', 'also-ok', 'last']);
  assert.deepEqual(bad.problems.map((p) => [p.range.start.line, p.message]), [
    [2, 'invalid TOML in Pipfile: unterminated string'],
    [3, 'Pipfile [packages]: "not a name" is not a valid project name'],
    [4, 'Pipfile [packages] also-ok: expected a version string or a table'],
  ]);
});
