// pylock.toml (PEP 751): uv's export (pydantic's people action) with upload times as TOML
// datetimes, PDM's export with edges under [packages.tool.pdm], and every source kind by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePylock } from '../../server/src/parse/locks/pylock';
import { marked } from '../fixtures/parse/carets';
import { formatFixture, parsedFixture } from './helpers/parsed-fixture';

const read = (file: string): string => formatFixture('pylock', file);

test('uv export: names, versions, hashes tables, newest upload-time', () => {
  const { doc } = parsedFixture('pylock', 'pydantic-people.pylock.toml', parsePylock, { everyVersion: true });
  const at = doc.dependencies.find((d) => d.name === 'annotated-types')!;
  assert.equal(at.version, '0.7.0');
  assert.equal(at.uploadTime, '2024-05-20T21:33:25Z');
  assert.deepEqual(at.hashes, ['sha256:aff07c09a53a08bc8cfccb9c85b05f1aa9a2a6f23728d790723543408344ce89', 'sha256:1f02e8b43a8fbbc3f3e0d4f0f4bfc8131bcb4eebe8849b8e5c773f3a1c582a53']);
  assert.equal(at.direct, undefined, 'no edges in this lock: who is direct is unknown');
});

test('PDM export: edges from [packages.tool.pdm] dependencies', () => {
  const doc = parsePylock(read('pdm-demo.pylock.toml'));
  assert.deepEqual(doc.problems, []);
  const by = Object.fromEntries(doc.dependencies.map((d) => [d.name, d]));
  assert.deepEqual(by['urllib3']!.requiredBy, ['requests']);
  assert.equal(by['requests']!.direct, true);
});

test('index, vcs, directory, archive sources; lock-version check; ranges', () => {
  const { text, ranges } = marked(`lock-version = "2.0"
created-by = "hand"

[[packages]]
name = "«idx»"
version = "«1.0»"
index = "https://pkgs.example/simple/"
wheels = [{ name = "idx-1.0-py3-none-any.whl", upload-time = 2026-01-02T03:04:05Z, hashes = { sha256 = "${'a'.repeat(64)}", sha512 = "${'b'.repeat(128)}" } }]
dependencies = [{ name = "vcs-pkg" }]

[[packages]]
name = "«vcs-pkg»"
version = "«2»"
vcs = { type = "git", url = "https://github.com/x/vcs-pkg", commit-id = "0123456789abcdef0123456789abcdef01234567" }

[[packages]]
name = "«dir-pkg»"
directory = { path = "./dir-pkg", editable = true }

[[packages]]
name = "«arch»"
version = "«3»"
archive = { url = "https://example.com/arch-3.tar.gz", hashes = { sha256 = "${'c'.repeat(64)}" } }
`);
  const doc = parsePylock(text);
  assert.deepEqual(doc.problems.map((p) => p.message), ['pylock.toml lock-version 2.0 is not one Pipwatch knows (1.0); reading it as 1.0']);
  assert.deepEqual(doc.dependencies.flatMap((d) => [d.range, ...(d.versionRange ? [d.versionRange] : [])]), ranges);
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.origin, d.registryUrl]), [
    ['idx', 'registry', 'https://pkgs.example/simple/'],
    ['vcs-pkg', 'git', undefined],
    ['dir-pkg', 'editable', undefined],
    ['arch', 'url', undefined],
  ]);
  assert.equal(doc.dependencies[0]!.uploadTime, '2026-01-02T03:04:05Z');
  assert.equal(doc.dependencies[0]!.hashes!.length, 2);
  assert.deepEqual(doc.dependencies[1]!.requiredBy, ['idx']);
  assert.deepEqual(doc.dependencies[3]!.hashes, [`sha256:${'c'.repeat(64)}`]);
});

test('malformed: a bad entry costs only itself', () => {
  const doc = parsePylock('[[packages]]\nname = "a"\nversion = "1"\nwheels = [{ name = "x" \n\n[[packages]]\nname = "b"\nversion = "2"\n');
  assert.ok(doc.problems.length >= 1 && doc.problems[0]!.severity === 'error');
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['a', 'b']);
});
