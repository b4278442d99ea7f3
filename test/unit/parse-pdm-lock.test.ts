// pdm.lock: pdm's own lock (lock_version 4.5) and its demo project's; non-index sources by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePdmLock } from '../../server/src/parse/locks/pdm-lock';
import { marked } from '../fixtures/parse/carets';
import { formatFixture, parsedFixture } from './helpers/parsed-fixture';

const read = (file: string): string => formatFixture('pdm-lock', file);

test("pdm's own lock: names, versions, hashes, PEP 508 edges", () => {
  const { doc } = parsedFixture('pdm-lock', 'pdm.pdm.lock', parsePdmLock, { everyVersion: true });
  assert.ok(doc.dependencies.length > 80);
  for (const d of doc.dependencies) assert.equal(d.origin, 'registry');
  const anyio = doc.dependencies.find((d) => d.name === 'anyio')!;
  assert.equal(anyio.version, '4.13.0');
  assert.deepEqual(anyio.hashes, ['sha256:08b310f9e24a9594186fd75b4f73f4a4152069e3853f1ed8bfbf58369f4ad708', 'sha256:334b70e641fd2221c1505b3890c69882fe4a2df910cba14d97019b90b24439dc']);
  assert.ok(doc.dependencies.find((d) => d.name === 'idna')!.requiredBy!.includes('anyio'));
});

test('demo lock: edges give requiredBy; roots are direct', () => {
  const doc = parsePdmLock(read('demo.pdm.lock'));
  assert.deepEqual(doc.problems, []);
  const by = Object.fromEntries(doc.dependencies.map((d) => [d.name, d]));
  assert.ok(by['py']!.requiredBy!.includes('pytest'));
  assert.equal(by['pytest']!.direct, true);
});

test('git, path, editable and url packages are not registry packages', () => {
  const { text, ranges } = marked(`[[package]]
name = "«from-git»"
version = "«0.1»"
git = "https://github.com/x/from-git.git"
revision = "0123456789abcdef0123456789abcdef01234567"

[[package]]
name = "«local»"
version = "«0.2»"
path = "./local"
editable = true

[[package]]
name = "«wheel»"
version = "«0.3»"
path = "./wheel-0.3-py3-none-any.whl"

[[package]]
name = "«remote»"
version = "«0.4»"
url = "https://example.com/remote-0.4.tar.gz"
`);
  const doc = parsePdmLock(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.dependencies.flatMap((d) => [d.range, d.versionRange]), ranges);
  assert.deepEqual(doc.dependencies.map((d) => d.origin), ['git', 'editable', 'path', 'url']);
});

test('malformed and hostile: errors reported, the rest kept, binary bounded', () => {
  const doc = parsePdmLock('[[package]]\nname = "a"\nversion = "1"\nfiles = [\n  {file = "x", hash = "sha256:' + 'a'.repeat(64) + '"\n\n[[package]]\nname = "b"\nversion = "2"\n');
  assert.ok(doc.problems.length >= 1);
  assert.ok(doc.dependencies.some((d) => d.name === 'b'));
  const bin = parsePdmLock('\u0000'.repeat(100_000) + '\n[[package]]\nname = "ok"\n');
  assert.ok(bin.problems.length <= 100);
  assert.deepEqual(bin.dependencies.map((d) => d.name), ['ok']);
});
