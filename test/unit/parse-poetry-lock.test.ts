// poetry.lock: real locks from python-poetry/poetry (its own, trimmed; test fixtures for the old
// `[metadata.files]` layout and a directory dependency) and hand-written source kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePoetryLock } from '../../server/src/parse/locks/poetry-lock';
import { marked } from '../fixtures/parse/carets';
import { formatFixture, parsedFixture } from './helpers/parsed-fixture';

const read = (file: string): string => formatFixture('poetry-lock', file);

test("poetry's own lock: names, versions, hashes from files = [...], edges, git source", () => {
  const { doc } = parsedFixture('poetry-lock', 'poetry.poetry.lock', parsePoetryLock, { everyVersion: true });
  assert.equal(doc.dependencies.length, 16);
  for (const d of doc.dependencies) assert.equal(d.source, 'lock');
  const req = doc.dependencies.find((d) => d.name === 'requests')!;
  assert.equal(req.version, '2.33.1');
  assert.deepEqual(req.hashes, ['sha256:4e6d1ef462f3626a1f0a0a9c42dd93c63bad33f9f1c1937509b8c5c8718ab56a', 'sha256:18817f8c57c6263968bc123d237e3b8b08ac046f5456bd1e307ee8f4250d3517']);
  assert.equal(req.origin, 'registry');
  // `charset_normalizer = ...` in [package.dependencies] is an edge to charset-normalizer.
  assert.deepEqual(doc.dependencies.find((d) => d.name === 'charset-normalizer')!.requiredBy, ['requests']);
  assert.equal(doc.dependencies.find((d) => d.name === 'charset-normalizer')!.direct, undefined, 'the lock cannot tell');
  const core = doc.dependencies.find((d) => d.name === 'poetry-core')!;
  assert.equal(core.origin, 'git');
  assert.match(core.section!, /git https:\/\/github\.com\/python-poetry\/poetry-core\.git/);
  assert.equal(doc.dependencies.find((d) => d.name === 'build')!.direct, true, 'nothing in the lock depends on it');
});

test('old layout: hashes in [metadata.files]; a directory dependency (develop = true)', () => {
  const old = parsePoetryLock(read('old-metadata-files.poetry.lock'));
  assert.deepEqual(old.problems, []);
  assert.equal(old.dependencies[0]!.name, 'sampleproject');
  assert.equal(old.dependencies[0]!.hashes!.length, 3);
  const path = parsePoetryLock(read('path-dependency.poetry.lock'));
  const bazz = path.dependencies.find((d) => d.name === 'bazz')!;
  assert.equal(bazz.origin, 'editable');
  assert.ok(path.dependencies.find((d) => d.name === 'requests')!.requiredBy!.includes('bazz'));
});

test('source kinds: legacy index, url, file; exact ranges through escapes', () => {
  const { text, ranges } = marked(`[[package]]
name = "«private-lib»"
version = "«1.0»"
[package.source]
type = "legacy"
url = "https://pkgs.example/simple"
reference = "internal"

[[package]]
name = "«tarball»"
version = "«2»"
[package.source]
type = "url"
url = "https://example.com/tarball-2.tar.gz"

[[package]]
name = "«wheel-file»"
version = "«3»"
[package.source]
type = "file"
url = "dist/wheel_file-3-py3-none-any.whl"

[[package]]
name = "«\\u0061ttrs»"
version = "«24.1»"
`);
  const doc = parsePoetryLock(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.dependencies.flatMap((d) => [d.range, d.versionRange]), ranges);
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.origin, d.registryUrl]), [
    ['private-lib', 'registry', 'https://pkgs.example/simple'],
    ['tarball', 'url', undefined],
    ['wheel-file', 'path', undefined],
    ['attrs', 'registry', undefined],
  ]);
});

test('malformed: the broken package is reported, the rest kept', () => {
  const doc = parsePoetryLock('[[package]]\nname = "a"\nversion = "1"\n\n[[package]]\nname = "b\nversion = "2"\n\n[[package]]\nname = "c"\nversion = "3"\n');
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['a', 'c']);
  assert.equal(doc.problems[0]!.range.start.line, 5);
  assert.match(doc.problems[0]!.message, /invalid TOML in poetry\.lock: unterminated string/);
});
