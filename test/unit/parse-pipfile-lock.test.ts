// Pipfile.lock: pipenv's own lock (JSON), exact key and version ranges, hashes, index URLs from
// _meta.sources; non-index entries, escapes, truncated and hostile JSON by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePipfileLock } from '../../server/src/parse/locks/pipfile-lock';
import { scanJson } from '../../server/src/parse/locks/json-scan';
import { marked } from '../fixtures/parse/carets';
import { formatFixture, parsedFixture } from './helpers/parsed-fixture';

const read = (file: string): string => formatFixture('pipfile-lock', file);

test("pipenv's Pipfile.lock: default and develop, versions, hashes, the index URL", () => {
  const { doc } = parsedFixture('pipfile-lock', 'pipenv.Pipfile.lock', parsePipfileLock);
  assert.equal(doc.dependencies.length, 110);
  const req = doc.dependencies.find((d) => d.name === 'requests')!;
  assert.equal(req.section, 'Pipfile.lock "develop"');
  assert.equal(req.version, '2.34.2');
  assert.equal(req.registryUrl, 'https://pypi.org/simple');
  assert.equal(req.origin, 'registry');
  assert.deepEqual(req.hashes, ['sha256:2a0d60c172f83ac6ab31e4554906c0f3b3588d37b5cb939b1c061f4907e278e0', 'sha256:f288924cae4e29463698d6d60bc6a4da69c89185ad1e0bcc4104f584e960b9ed']);
  assert.equal(req.marker, "python_version >= '3.10'");
});

test('git, path, editable entries; escaped keys keep exact ranges; custom categories', () => {
  const { text, ranges } = marked(`{
  "_meta": { "sources": [{ "name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": true }] },
  "default": {
    "«from-git»": { "git": "https://github.com/x/from-git.git", "ref": "0123456789abcdef" },
    "«mypkg»": { "editable": true, "path": "." },
    "«\\u0061ttrs»": { "version": "==«24.2.0»", "index": "pypi" }
  },
  "docs": { "«sphinx»": { "version": "===«7.4.7»" } }
}`);
  const doc = parsePipfileLock(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.dependencies.map((d) => d.range), [ranges[0], ranges[1], ranges[2], ranges[4]]);
  assert.deepEqual(doc.dependencies.map((d) => d.versionRange), [undefined, undefined, ranges[3], ranges[5]]);
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.origin, d.version]), [
    ['from-git', 'git', undefined],
    ['mypkg', 'editable', undefined],
    ['attrs', 'registry', '24.2.0'],
    ['sphinx', 'registry', '7.4.7'],
  ]);
});

test('truncated JSON: one PW001 where it stops, every entry before it kept', () => {
  const full = read('pipenv.Pipfile.lock');
  const cut = full.slice(0, full.indexOf('"requests"'));
  const doc = parsePipfileLock(cut);
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /^invalid JSON in Pipfile\.lock: /);
  assert.ok(doc.dependencies.length > 50);
  assert.ok(doc.dependencies.some((d) => d.name === 'pytz'));
});

test('hostile JSON: deep nesting, a 10 MB line, binary', () => {
  const deep = scanJson('['.repeat(100_000));
  assert.match(deep.error!.message, /nested deeper/);
  // A 9 MB line parses (its speed is the bench's business: no wall-clock assertion in unit tests).
  const long = scanJson('{"default": {' + '"a": "b", '.repeat(900_000) + '"z": 1}}');
  assert.equal(long.error, undefined);
  const bin = parsePipfileLock('\u0000\u0001\u0002{"default"');
  assert.equal(bin.problems.length, 1);
  assert.equal(parsePipfileLock('[1, 2]').problems[0]!.message, 'Pipfile.lock must be a JSON object');
});
