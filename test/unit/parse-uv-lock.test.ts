// uv.lock: exact name and version ranges, origins per source kind, edges (requiredBy / direct),
// hashes and upload times, on real lockfiles (pydantic's, trimmed; uv's own test package) and on
// small hand-written ones for the source kinds and revisions those do not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseUvLock } from '../../server/src/parse/locks/uv-lock';
import { marked, slice } from '../fixtures/parse/carets';

const DIR = resolve(__dirname, '../fixtures/formats/uv-lock');
const read = (f: string): string => readFileSync(resolve(DIR, f), 'utf8');

test('pydantic: registry packages, workspace members and the project are roots, git source, edges', () => {
  const text = read('pydantic.uv.lock');
  const doc = parseUvLock(text);
  assert.equal(doc.kind, 'uv-lock');
  assert.deepEqual(doc.problems, []);
  const names = doc.dependencies.map((d) => d.name);
  // `pydantic` (editable ".") and `pydantic-core` ([manifest] member) are the project, not dependencies.
  assert.ok(!names.includes('pydantic') && !names.includes('pydantic-core'));
  assert.equal(names.length, 21);
  for (const d of doc.dependencies) {
    assert.equal(slice(text, d.range), d.rawName);
    assert.equal(d.source, 'lock');
    if (d.version !== undefined) assert.equal(slice(text, d.versionRange!), d.version);
  }
  const te = doc.dependencies.find((d) => d.name === 'typing-extensions')!;
  assert.equal(te.version, '4.15.0');
  assert.equal(te.specifier, '==4.15.0');
  assert.equal(te.origin, 'registry');
  assert.equal(te.registryUrl, 'https://pypi.org/simple');
  assert.equal(te.direct, true, 'pydantic depends on it');
  assert.ok(te.requiredBy!.includes('pydantic') && te.requiredBy!.includes('pydantic-core'));
  assert.ok(te.hashes!.length >= 2 && te.hashes!.every((h) => /^sha256:[0-9a-f]{64}$/.test(h)));
  const docs = doc.dependencies.find((d) => d.name === 'pydantic-docs')!;
  assert.equal(docs.origin, 'git');
  assert.equal(docs.direct, true, 'a dev group of the project');
  // Pulled in only by other packages: not direct, and the lock says by whom.
  const pluggy = doc.dependencies.find((d) => d.name === 'pluggy')!;
  assert.equal(pluggy.direct, false);
  assert.deepEqual(pluggy.requiredBy, ['pytest']);
});

test('upload-time: the newest of the release files (sdist and wheels)', () => {
  const doc = parseUvLock(read('pydantic.uv.lock'));
  const ah = doc.dependencies.find((d) => d.name === 'aiohappyeyeballs')!;
  // sdist 2025-03-12T01:42:48.764Z, wheel 2025-03-12T01:42:47.083Z
  assert.equal(ah.uploadTime, '2025-03-12T01:42:48.764Z');
  assert.deepEqual(ah.hashes, [
    'sha256:c3f9d0113123803ccadfdf3f0faa505bc78e6a72d1cc4806cbd719826e943558',
    'sha256:f349ba8f4b75cb25c99c5c2d84e997e485204d2902a9597802b0371f09331fb8',
  ]);
});

test('an old lock without revision or upload times (uv test package): editable root, dev group', () => {
  const text = read('built-by-uv.uv.lock');
  const doc = parseUvLock(text);
  assert.deepEqual(doc.problems, []);
  assert.ok(!doc.dependencies.some((d) => d.name === 'built-by-uv'));
  const anyio = doc.dependencies.find((d) => d.name === 'anyio')!;
  assert.equal(anyio.version, '4.6.2.post1');
  assert.equal(anyio.uploadTime, undefined);
  assert.equal(anyio.direct, true);
  const pytest = doc.dependencies.find((d) => d.name === 'pytest')!;
  assert.equal(pytest.direct, true, 'the dev group is the project’s own');
  const idna = doc.dependencies.find((d) => d.name === 'idna')!;
  assert.equal(idna.direct, false);
  assert.deepEqual(idna.requiredBy, ['anyio']);
});

test('every source kind, revision 2, virtual workspace root, [manifest] requirements', () => {
  const { text, ranges } = marked(`version = 1
revision = 2
requires-python = ">=3.12"

[manifest]
members = ["app", "lib-a"]
requirements = [{ name = "tomli" }]

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "lib-a" }, { name = "Flask" }]

[[package]]
name = "lib-a"
version = "0.2.0"
source = { editable = "libs/a" }
dependencies = [{ name = "vendored" }, { name = "from-git" }, { name = "from-url" }, { name = "local-dir" }, { name = "wheelhouse" }]

[[package]]
name = "«Flask»"
version = "«3.1.0»"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "werkzeug" }]
sdist = { url = "https://files.pythonhosted.org/flask-3.1.0.tar.gz", hash = "sha256:${'a'.repeat(64)}", size = 1, upload-time = "2024-11-13T18:24:38Z" }

[[package]]
name = "«werkzeug»"
version = "«3.1.3»"
source = { registry = "https://private.example/simple" }
wheels = [{ url = "https://private.example/werkzeug-3.1.3-py3-none-any.whl", hash = "sha256:${'B'.repeat(64)}", size = 2, upload-time = 2024-11-08T15:52:16Z }]

[[package]]
name = "«vendored»"
version = "«1.0»"
source = { path = "vendor/vendored-1.0-py3-none-any.whl" }

[[package]]
name = "«from-git»"
version = "«0.9»"
source = { git = "https://github.com/example/from-git?rev=main#0123456789abcdef0123456789abcdef01234567" }

[[package]]
name = "«from-url»"
version = "«2.0»"
source = { url = "https://example.com/from_url-2.0.tar.gz" }

[[package]]
name = "«local-dir»"
version = "«0.0.1»"
source = { directory = "../local-dir" }

[[package]]
name = "«wheelhouse»"
version = "«5»"
source = { registry = "./wheels" }

[[package]]
name = "«tomli»"
version = "«2.2.1»"
source = { registry = "https://pypi.org/simple" }
`);
  const doc = parseUvLock(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(
    doc.dependencies.flatMap((d) => [d.range, d.versionRange]),
    ranges,
  );
  const by = Object.fromEntries(doc.dependencies.map((d) => [d.name, d]));
  assert.deepEqual(
    doc.dependencies.map((d) => [d.name, d.origin, d.direct]),
    [
      ['flask', 'registry', true],
      ['werkzeug', 'registry', false],
      ['vendored', 'path', true],
      ['from-git', 'git', true],
      ['from-url', 'url', true],
      ['local-dir', 'path', true],
      ['wheelhouse', 'path', true],
      ['tomli', 'registry', true],
    ],
  );
  assert.equal(by['werkzeug']!.registryUrl, 'https://private.example/simple');
  assert.deepEqual(by['werkzeug']!.hashes, [`sha256:${'b'.repeat(64)}`]);
  assert.equal(by['werkzeug']!.uploadTime, '2024-11-08T15:52:16Z', 'a TOML datetime is read too');
  assert.deepEqual(by['werkzeug']!.requiredBy, ['flask']);
  assert.equal(by['flask']!.rawName, 'Flask');
  assert.deepEqual(by['flask']!.requiredBy, ['app']);
});

test('malformed: one bad package is reported, the others are kept; unknown version noted', () => {
  const text = `version = 2
[[package]]
name = "good-one"
version = "1.0"

[[package]]
name = "broken
version = "1.0"

[[package]]
version = "1.0"

[[package]]
name = "not a name!"
version = "1"

[[package]]
name = "good-two"
version = "2.0"
`;
  const doc = parseUvLock(text);
  assert.deepEqual(
    doc.dependencies.map((d) => d.name),
    ['good-one', 'good-two'],
  );
  assert.deepEqual(
    doc.problems.map((p) => [p.range.start.line, p.severity, p.message]),
    [
      [6, 'error', 'invalid TOML in uv.lock: unterminated string'],
      [0, 'information', 'uv.lock version 2 is not one Pipwatch knows (1); reading it as version 1'],
      [5, 'warning', 'uv.lock: a [[package]] without a name'],
      [9, 'warning', 'uv.lock: a [[package]] without a name'],
      [13, 'warning', 'uv.lock: "not a name!" is not a valid project name'],
    ],
  );
});

test('hostile: 10 MB is refused with a warning at once; binary and deep nesting stay bounded', () => {
  const big = parseUvLock('#'.repeat(10_000_000));
  assert.equal(big.dependencies.length, 0);
  assert.match(big.problems[0]!.message, /too large to check/);
  const bin = parseUvLock(Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
  assert.ok(bin.problems.length <= 100);
  const deep = parseUvLock('[[package]]\nname = "a"\ndependencies = ' + '['.repeat(50_000) + '\n[[package]]\nname = "b"\nversion = "1"\n');
  assert.deepEqual(
    deep.dependencies.map((d) => d.name),
    ['a', 'b'],
  );
});
