// setup.py read from its syntax tree, never run: literal lists and dicts, a module-level list
// assigned once, and a note for everything computed (real files from accelerate, uv, poetry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSetupPy } from '../../server/src/parse/setup-py';
import { marked, slice } from '../fixtures/parse/carets';

const read = (f: string): string => readFileSync(resolve(__dirname, '../fixtures/formats/setup-py', f), 'utf8');

test('accelerate: a literal install_requires is read; extras built by assignments are noted', () => {
  const text = read('accelerate.setup.py');
  const doc = parseSetupPy(text);
  assert.equal(doc.kind, 'setup-py');
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.specifier]), [
    ['numpy', '>=1.17'],
    ['packaging', '>=20.0'],
    ['psutil', ''],
    ['pyyaml', ''],
    ['torch', '>=2.0.0'],
    ['huggingface-hub', '>=0.21.0'],
    ['safetensors', '>=0.4.3'],
  ]);
  for (const d of doc.dependencies) {
    assert.equal(slice(text, d.range), d.rawName);
    assert.equal(d.source, 'manifest');
    assert.equal(d.section, 'setup.py install_requires');
  }
  assert.deepEqual(doc.problems.map((p) => [p.severity, p.message]), [['information', 'extras_require is computed at run time; Pipwatch never runs setup.py']]);
});

test('uv test package and poetry fixture: a plain list; setup(**kwargs) is noted', () => {
  assert.deepEqual(parseSetupPy(read('uv-editable.setup.py')).dependencies.map((d) => d.name), ['httpx']);
  const kw = parseSetupPy(read('poetry-kwargs.setup.py'));
  assert.deepEqual(kw.dependencies, []);
  assert.match(kw.problems[0]!.message, /setup\(\) arguments in \*\*kwargs are computed at run time; Pipwatch never runs setup\.py/);
});

test('names assigned once, tuples, extras dicts, raw strings; dynamic forms are noted', () => {
  const { text, ranges } = marked(`import setuptools
REQUIRES = ["«requests»>=2.31", '«click»']
DOCS = ("«sphinx»",)
TWICE = ["never-read"]
TWICE = ["also-not"]
setuptools.setup(
    name="demo",
    install_requires=REQUIRES,
    setup_requires=[r"«wheel»", f"x{1}", "a" + "b"],
    tests_require=TWICE,
    extras_require={"docs": DOCS, 'dev': ["«pytest»[cov] ; python_version >= '3.9'"], "gen": [x for x in y]},
)
`);
  const doc = parseSetupPy(text);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges);
  assert.deepEqual(doc.dependencies.map((d) => d.section), [
    'setup.py install_requires',
    'setup.py install_requires',
    'setup.py extras_require[docs]',
    'setup.py setup_requires',
    'setup.py extras_require[dev]',
  ]);
  assert.equal(doc.dependencies[4]!.marker, "python_version >= '3.9'");
  assert.deepEqual(doc.problems.map((p) => p.message), [
    'an entry of setup_requires is computed at run time; Pipwatch never runs setup.py',
    'an entry of setup_requires is computed at run time; Pipwatch never runs setup.py',
    'tests_require is computed at run time; Pipwatch never runs setup.py',
    'extras_require[gen] is computed at run time; Pipwatch never runs setup.py',
  ]);
});

test('a half-typed file keeps what parses; junk and a bad requirement are bounded', () => {
  const doc = parseSetupPy('from setuptools import setup\nsetup(install_requires=["requests", "bad name!"], \n  def (((\n');
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['requests']);
  assert.ok(doc.problems.some((p) => /cannot read requirement/.test(p.message)));
  const junk = parseSetupPy('setup(' + '['.repeat(20_000));
  assert.ok(junk.problems.length <= 100);
});
