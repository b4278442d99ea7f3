import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyproject } from '../../server/src/parse/pyproject';
import { marked, slice } from '../fixtures/parse/carets';

function expectNames(src: string) {
  const { text, ranges } = marked(src);
  const doc = parsePyproject(text);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges, 'name ranges');
  return { doc, text };
}

test('PEP 621 dependencies and optional dependencies, with sections', () => {
  const { doc, text } = expectNames(`[project]
name = "demo"
dependencies = [
  "«requests»[socks] >= 2.31 ; python_version >= '3.9'",
  '«attrs»>=22',  # literal string
  """«click»""",
]

[project.optional-dependencies]
dev = ["«pytest»>=8", "«ruff»"]
docs = ["«Sphinx»"]
`);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.dependencies.map((d) => [d.section, d.name, d.specifier]), [
    ['project.dependencies', 'requests', '>=2.31'],
    ['project.dependencies', 'attrs', '>=22'],
    ['project.dependencies', 'click', ''],
    ['project.optional-dependencies.dev', 'pytest', '>=8'],
    ['project.optional-dependencies.dev', 'ruff', ''],
    ['project.optional-dependencies.docs', 'sphinx', ''],
  ]);
  const req = doc.dependencies[0]!;
  assert.deepEqual(req.extras, ['socks']);
  assert.equal(req.marker, "python_version >= '3.9'");
  assert.equal(req.source, 'pyproject');
  assert.equal(slice(text, req.specifierRange!), '>= 2.31');
  for (const d of doc.dependencies) assert.equal(slice(text, d.range), d.rawName);
});

test('multi-line strings: the newline after the opening quotes is skipped', () => {
  expectNames('[project]\ndependencies = ["""\n«numpy»>=1"""]\n');
  expectNames("[project]\ndependencies = ['''\r\n«scipy»''']\r\n");
});

test('escapes map to the exact source characters of the name', () => {
  const text = '[project]\ndependencies = ["\\u0072equests>=2", "a\\tb"]\n';
  const doc = parsePyproject(text);
  const d = doc.dependencies[0]!;
  assert.equal(d.rawName, 'requests');
  assert.equal(slice(text, d.range), '\\u0072equests');
  assert.equal(doc.problems.length, 1, 'a tab inside a name is not PEP 508');
});

test('dotted keys and inline tables reach the same tables', () => {
  const { doc } = expectNames('project.dependencies = ["«a»"]\nbuild-system = { requires = ["«setuptools»>=61", "«wheel»"] }\n');
  assert.deepEqual(doc.dependencies.map((d) => d.section), ['project.dependencies', 'build-system.requires', 'build-system.requires']);
});

test('PEP 735 dependency groups: strings are names, include-group tables are checked', () => {
  const { doc, text } = expectNames(`[dependency-groups]
test = ["«pytest»", {include-group = "Dev_Tools"}, {include-group = "nope"}]
dev-tools = ["«mypy»"]
`);
  assert.deepEqual(doc.dependencies.map((d) => d.section), ['dependency-groups.test', 'dependency-groups.dev-tools']);
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /include-group names a group that does not exist: "nope"/);
  assert.equal(slice(text, doc.problems[0]!.range), 'nope');
});

test('Poetry: the key is the name, python is skipped, non-registry sources carry a url', () => {
  const { doc, text } = expectNames(`[tool.poetry.dependencies]
python = "^3.9"
«requests» = "^2.31"
"«Flask»" = "2.3.2"
«django» = { version = ">=4.2,<5", extras = ["argon2"], markers = "sys_platform != 'win32'" }
«mylib» = { path = "../mylib", develop = true }
«tool» = { git = "https://github.com/org/tool.git", branch = "main" }
«multi» = [{ version = "<2", python = "<3.10" }, { version = ">=2", python = ">=3.10" }]

[tool.poetry.dev-dependencies]
«black» = "*"

[tool.poetry.group.test.dependencies]
«pytest-cov» = "^4"

[tool.poetry.dependencies.«sqlalchemy»]
version = "^2.0"
extras = ["asyncio"]
`);
  assert.deepEqual(doc.problems, []);
  for (const d of doc.dependencies) assert.equal(d.isKey, true);
  const by = Object.fromEntries(doc.dependencies.map((d) => [d.name, d]));
  assert.equal(by.requests?.specifier, '^2.31');
  assert.equal(by.flask?.specifier, '==2.3.2', 'a bare Poetry version is exact');
  assert.equal(slice(text, by.flask!.specifierRange!), '2.3.2');
  assert.equal(by.django?.specifier, '>=4.2,<5');
  assert.deepEqual(by.django?.extras, ['argon2']);
  assert.equal(by.django?.marker, "sys_platform != 'win32'");
  assert.equal(by.mylib?.url, '../mylib');
  assert.equal(by.tool?.url, 'git+https://github.com/org/tool.git');
  assert.equal(by.multi?.specifier, '');
  assert.equal(by.black?.specifier, '');
  assert.equal(by.black?.section, 'tool.poetry.dev-dependencies');
  assert.equal(by['pytest-cov']?.section, 'tool.poetry.group.test.dependencies');
  assert.equal(by.sqlalchemy?.specifier, '^2.0');
  assert.deepEqual(by.sqlalchemy?.extras, ['asyncio']);
});

test('uv tables: dev/override/constraint dependencies, sources are not names, indexes', () => {
  const { doc, text } = expectNames(`[tool.uv]
dev-dependencies = ["«ipython»"]
constraint-dependencies = ["«urllib3»<2"]

[tool.uv.sources]
httpx = { git = "https://github.com/encode/httpx" }

[[tool.uv.index]]
name = "internal"
url = "https://pypi.internal.example/simple"

[[tool.uv.index]]
url = "https://primary.example/simple"
default = true

[[tool.poetry.source]]
name = "corp"
url = "https://corp.example/simple"
priority = "supplemental"
`);
  assert.equal(doc.dependencies[0]?.section, 'tool.uv.dev-dependencies');
  assert.equal(doc.dependencies[1]?.constraintOnly, true);
  assert.deepEqual(doc.indexes.map((i) => [i.kind, i.url, i.origin]), [
    ['extra-index-url', 'https://pypi.internal.example/simple', 'uv'],
    ['index-url', 'https://primary.example/simple', 'uv'],
    ['extra-index-url', 'https://corp.example/simple', 'poetry'],
  ]);
  assert.equal(slice(text, doc.indexes[0]!.range), 'https://pypi.internal.example/simple');
});

test('bad entries are warnings on the entry; the rest is still read', () => {
  const text = '[project]\ndependencies = ["ok", 42, "not a name!", "./local"]\n[project.optional-dependencies]\nx = "flat"\n';
  const doc = parsePyproject(text);
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['ok']);
  assert.equal(doc.problems.length, 4);
  assert.equal(slice(text, doc.problems[0]!.range), '42');
  assert.equal(slice(text, doc.problems[1]!.range), '"not a name!"');
  assert.match(doc.problems[3]!.message, /must be an array/);
});

test('invalid TOML: one problem at the parser position, nothing else, no throw', () => {
  const text = '[project]\nname = "x"\ndependencies = ["a",\n[tool.x]\n';
  const doc = parsePyproject(text);
  assert.equal(doc.dependencies.length, 0);
  assert.equal(doc.problems.length, 1);
  const p = doc.problems[0]!;
  assert.equal(p.severity, 'error');
  assert.match(p.message, /^invalid TOML: /);
  assert.equal(p.range.start.line, 3);
  const dupes = parsePyproject('[project]\nname = "a"\nname = "b"\n');
  assert.equal(dupes.problems.length, 1);
  assert.equal(dupes.problems[0]!.range.start.line, 2);
});

test('BOM and CRLF: columns as the editor shows them', () => {
  const doc = parsePyproject('\uFEFF[project]\r\ndependencies = ["requests"]\r\n');
  assert.deepEqual(doc.dependencies[0]?.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 25 } });
});
