// The bundled CLI on a uv.lock: release age offline from the lock's upload-time (--offline makes
// no request), then online against the fake index: the dormancy raises it to an error, a release
// without upload-time is dated by the Simple API, a locked release gone from the index (PW213)
// and a lock hash that matches no file (PW211). Builds dist/ first when it is stale.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES } from '../fake-index/fixtures';
import { fixtureSha256 } from '../fake-index/model';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

const tempDir = tempDirs('cli-lock');

/** One `[[package]]` of a uv.lock with an sdist and a wheel (hashes as the fake index has them). */
function pkg(name: string, version: string, o: { uploaded?: string; badHash?: boolean } = {}): string[] {
  const dist = name.replace(/-/g, '_');
  const up = o.uploaded ? `, upload-time = "${o.uploaded}"` : '';
  const sdist = `${dist}-${version}.tar.gz`;
  const wheel = `${dist}-${version}-py3-none-any.whl`;
  const wheelHash = o.badHash ? 'f'.repeat(64) : fixtureSha256(wheel);
  return [
    '[[package]]',
    `name = "${name}"`,
    `version = "${version}"`,
    'source = { registry = "https://pypi.org/simple" }',
    `sdist = { url = "https://files.example/${sdist}", hash = "sha256:${fixtureSha256(sdist)}", size = 4000${up} }`,
    'wheels = [',
    `    { url = "https://files.example/${wheel}", hash = "sha256:${wheelHash}", size = 4000${up} },`,
    ']',
    '',
  ];
}

describe('pipwatch check on a uv.lock', () => {
  const fake = fakeIndex();
  let dir = '';
  let text = '';
  const lineOf = (name: string): number => text.split('\n').indexOf(`name = "${name}"`) + 1;
  before(() => {
    ensureBuilt();
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    text = [
      'version = 1',
      'revision = 3',
      'requires-python = ">=3.12"',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'source = { virtual = "." }',
      'dependencies = [',
      `    { name = "${FIXTURES.dormant}" },`,
      `    { name = "${FIXTURES.fresh}" },`,
      `    { name = "${FIXTURES.active}" },`,
      `    { name = "${FIXTURES.hashes}" },`,
      ']',
      '',
      ...pkg(FIXTURES.dormant, FIXTURES.dormantVersion, { uploaded: twoHoursAgo }),
      ...pkg(FIXTURES.fresh, FIXTURES.freshVersion),
      ...pkg(FIXTURES.active, '2.32.1'),
      ...pkg(FIXTURES.hashes, FIXTURES.hashesVersion, { badHash: true }),
    ].join('\n');
    dir = tempDir({ 'uv.lock': text });
  });

  it('--offline: release age from the lock upload-time, no request made', async () => {
    fake.reset();
    const r = await runCli(['check', '--offline', 'uv.lock'], { cwd: dir });
    assert.equal(fake.requests.length, 0);
    const out = r.stdout.split('\n').filter((l) => l.includes(' PW2'));
    assert.equal(out.length, 1, r.stdout + r.stderr);
    assert.match(out[0], new RegExp(`^uv\\.lock:${lineOf(FIXTURES.dormant)}:\\d+: warning PW212 dormantlib 2\\.0\\.0 was uploaded .* \\(2 hours ago\\)`));
    assert.match(out[0], /uv lock --upgrade-package dormantlib --exclude-newer-package dormantlib=/);
    assert.equal(r.code, 1);
  });

  it('online: dormancy escalates, the Simple API dates the rest, removed release and bad lock hash', async () => {
    fake.reset();
    const env = { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl };
    const r = await runCli(['check', '--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', path.join(dir, '.cache'), 'uv.lock'], { cwd: dir, env });
    const has = (line: number, re: RegExp): boolean => r.stdout.split('\n').some((l) => l.startsWith(`uv.lock:${line}:`) && re.test(l));
    assert.ok(has(lineOf(FIXTURES.dormant), / error PW212 .*1500 days without a release/), r.stdout + r.stderr);
    assert.ok(has(lineOf(FIXTURES.dormant), /uv lock --upgrade-package dormantlib==1\.0\.0/), r.stdout);
    assert.ok(has(lineOf(FIXTURES.fresh), / warning PW212 freshrel 1\.2\.0 was uploaded .*uv lock --upgrade-package freshrel==1\.1\.0/), r.stdout);
    assert.ok(has(lineOf(FIXTURES.active), / error PW213 requests 2\.32\.1, which this lock resolved/), r.stdout);
    assert.ok(has(lineOf(FIXTURES.hashes), / error PW211 1 hash the lock records for hashpin 1\.0\.0/), r.stdout);
    assert.equal(r.code, 1);
  });
});
