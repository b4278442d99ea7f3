// Cache integrity (issue 8 §5): an entry whose envelope is valid but whose `data` is not what the
// client stored (null, wrong types, a foreign project's name, truncated JSON) is detected, dropped,
// refetched and overwritten; the lookup gives the same facts as a cold one and never rejects.
// A Simple API answer for a different project than the one asked for is never accepted or cached.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fakeIndex, tempDirs } from '../protocol/helpers/fixtures';
import type { PackageFacts } from '../../server/src/index/facts';

const fake = fakeIndex();
const tempDir = tempDirs('cache-integrity');

interface OnDisk {
  file: string;
  entry: { key: string; kind: string; data: unknown } & Record<string, unknown>;
}

function entries(dir: string): OnDisk[] {
  const d = path.join(dir, 'index-v1');
  return fs
    .readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: path.join(d, f), entry: JSON.parse(fs.readFileSync(path.join(d, f), 'utf8')) as OnDisk['entry'] }));
}

/** A lookup of `name` (pinned `version`) into a fresh cache dir; its facts and the dir. */
async function warm(name: string, version: string): Promise<{ dir: string; facts: PackageFacts }> {
  const dir = tempDir();
  const { client } = makeClient(fake, { cacheDir: dir });
  const facts = await client.lookup(name, { version });
  await client.dispose();
  return { dir, facts };
}

type Tamper = (e: OnDisk['entry']) => unknown;
const TAMPERS: [string, Tamper][] = [
  ['null data', (e) => ({ ...e, data: null })],
  ['data a string', (e) => ({ ...e, data: 'found' })],
  ['state found without value', (e) => ({ ...e, data: { state: 'found' } })],
  ['value null', (e) => ({ ...e, data: { state: 'found', value: null } })],
  ['unknown without reason', (e) => ({ ...e, data: { state: 'unknown' } })],
  ['unknown state name', (e) => ({ ...e, data: { state: 'fine', value: {} } })],
  [
    'wrong field types inside value',
    (e) => {
      const d = e.data as { state: string; value?: unknown };
      if (d.state !== 'found' || typeof d.value !== 'object' || d.value === null) return { ...e, data: { state: 'found', value: 42 } };
      const v = Array.isArray(d.value) ? [{ id: 7 }] : Object.fromEntries(Object.entries(d.value).map(([k]) => [k, { bogus: true }]));
      return { ...e, data: { state: 'found', value: v } };
    },
  ],
];

describe('cache integrity: bad cached data is a miss', () => {
  for (const [what, tamper] of TAMPERS) {
    it(`${what}: every entry refetched, same facts as cold, entries overwritten`, async () => {
      const { dir, facts: cold } = await warm(FIXTURES.active, '2.32.3');
      const before = entries(dir);
      assert.ok(before.length >= 4, `simple, json, provenance, osv and facts entries cached: ${before.map((e) => e.entry.key).join(', ')}`);
      for (const { file, entry } of before) fs.writeFileSync(file, JSON.stringify(tamper(entry)));
      fake.reset();
      const { client, logs } = makeClient(fake, { cacheDir: dir });
      assert.equal(client.peek(FIXTURES.active, '2.32.3'), undefined, 'a tampered facts entry is not served to hovers');
      const again = await client.lookup(FIXTURES.active, { version: '2.32.3' });
      await client.dispose();
      assert.deepEqual(again, cold);
      assert.ok(fake.requests.some((r) => r.path === '/simple/requests/'), 'the Simple API answer was refetched');
      assert.ok(fake.requests.some((r) => r.path === '/pypi/requests/json'), 'the JSON API answer was refetched');
      assert.ok(logs.some((l) => /cache: discarding/.test(l.msg)), JSON.stringify(logs));
      // On disk again, valid: a third client answers from the cache alone.
      fake.reset();
      const third = makeClient(fake, { cacheDir: dir }).client;
      assert.deepEqual(await third.lookup(FIXTURES.active, { version: '2.32.3' }), cold);
      await third.dispose();
      assert.equal(fake.requests.length, 0, `served from the rewritten cache: ${fake.requests.map((r) => r.path).join(', ')}`);
    });
  }

  it('truncated JSON files: refetched, no crash', async () => {
    const { dir, facts: cold } = await warm(FIXTURES.vulnerable, FIXTURES.vulnerableVersion);
    for (const { file } of entries(dir)) {
      const t = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, t.slice(0, Math.floor(t.length / 2)));
    }
    const { client } = makeClient(fake, { cacheDir: dir });
    assert.deepEqual(await client.lookup(FIXTURES.vulnerable, { version: FIXTURES.vulnerableVersion }), cold);
    await client.dispose();
  });

  it('a cached Simple API answer naming another project is discarded', async () => {
    const { dir, facts: cold } = await warm(FIXTURES.active, '2.32.3');
    for (const { file, entry } of entries(dir)) {
      if (!entry.key.startsWith('simple ')) continue;
      const d = entry.data as { state: string; value: { name: string } };
      d.value.name = 'evil-other-project';
      fs.writeFileSync(file, JSON.stringify(entry));
    }
    fake.reset();
    const { client } = makeClient(fake, { cacheDir: dir });
    const f = await client.lookup(FIXTURES.active, { version: '2.32.3' });
    await client.dispose();
    assert.deepEqual(f, cold);
    assert.ok(fake.requests.some((r) => r.path === '/simple/requests/'));
  });

  it('a fresh Simple API answer naming another project is an invalid answer, not cached', async () => {
    const dir = tempDir();
    const other = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'totally-different', files: [], versions: [] });
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'status', status: 200, body: other });
    const { client } = makeClient(fake, { cacheDir: dir });
    const f = await client.lookup(FIXTURES.active);
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    if (f.primary.state === 'unknown') assert.match(f.primary.reason, /answered for a different project/);
    assert.ok(!entries(dir).some((e) => e.entry.key.startsWith('simple ')), 'the foreign answer was not cached');
  });
});
