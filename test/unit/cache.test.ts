// The index cache: disk round-trip across instances, TTL + 304 revalidation, stale-while-revalidate,
// stale-on-error, corrupt entries, unwritable directories, size bound.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IndexCache } from '../../server/src/index/cache';
import { publicData } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { startFakeIndex } from '../fake-index/server';
import { fakeIndex, tempDirs } from '../protocol/helpers/fixtures';

const fake = fakeIndex({ data: publicData() });
const tmp = tempDirs('cache');

const NAMES = ['requests', 'tokenlib-core', 'vulnlib', 'reqeusts', 'colourama-utils'];

describe('IndexCache module', () => {
  it('round-trips entries across instances, atomically (no temp files left)', async () => {
    const dir = tmp();
    const a = new IndexCache({ dir });
    await a.set({ key: 'k1', kind: 'simple', storedAt: 5, etag: '"e"', data: { state: 'missing' } });
    const b = new IndexCache({ dir });
    assert.deepEqual(b.get('k1'), { key: 'k1', kind: 'simple', storedAt: 5, etag: '"e"', data: { state: 'missing' } });
    assert.equal(b.get('other'), undefined);
    const files = fs.readdirSync(path.join(dir, 'index-v1'));
    assert.equal(files.length, 1);
    assert.match(files[0], /^[0-9a-f]{40}\.json$/);
  });

  it('discards corrupt and foreign entries', async () => {
    const dir = tmp();
    const logs: string[] = [];
    const a = new IndexCache({ dir });
    await a.set({ key: 'k1', kind: 'json', storedAt: 1, data: 1 });
    const file = path.join(dir, 'index-v1', fs.readdirSync(path.join(dir, 'index-v1'))[0]);
    for (const junk of ['{"format":1,"key":"k1"', '\u0000\u0001binary', JSON.stringify({ format: 1, key: 'other', kind: 'json', storedAt: 1, data: 1 })]) {
      fs.writeFileSync(file, junk);
      const b = new IndexCache({ dir, log: (_l, m) => logs.push(m) });
      assert.equal(b.get('k1'), undefined);
      assert.equal(fs.existsSync(file), false, 'corrupt entry deleted');
      await a.set({ key: 'k1', kind: 'json', storedAt: 1, data: 1 });
    }
    assert.equal(logs.length, 3);
  });

  it('evicts least recently used files beyond the size bound', async () => {
    const dir = tmp();
    const c = new IndexCache({ dir, maxBytes: 5000 });
    const big = 'x'.repeat(900);
    for (let i = 0; i < 20; i++) await c.set({ key: `k${i}`, kind: 'osv', storedAt: i, data: big });
    const onDisk = fs.readdirSync(path.join(dir, 'index-v1'));
    const total = onDisk.reduce((n, f) => n + fs.statSync(path.join(dir, 'index-v1', f)).size, 0);
    assert.ok(total <= 5000, `total ${total}`);
    assert.ok(onDisk.length >= 3);
    const fresh = new IndexCache({ dir });
    assert.ok(fresh.get('k19'), 'newest kept');
    assert.equal(fresh.get('k0'), undefined, 'oldest evicted');
  });

  it('an unwritable directory or a full disk means memory-only with one log line', async () => {
    const file = path.join(tmp(), 'not-a-dir');
    fs.writeFileSync(file, '');
    const logs: string[] = [];
    const c = new IndexCache({ dir: path.join(file, 'cache'), log: (_l, m) => logs.push(m) });
    await c.set({ key: 'a', kind: 'simple', storedAt: 1, data: 1 });
    await c.set({ key: 'b', kind: 'simple', storedAt: 1, data: 2 });
    assert.equal(c.onDisk, false);
    assert.deepEqual(c.get('b')?.data, 2, 'memory still works');
    assert.equal(logs.length, 1);
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const logs2: string[] = [];
    const d = new IndexCache({ dir: tmp(), log: (_l, m) => logs2.push(m), fs: { writeFile: () => Promise.reject(enospc), rename: () => Promise.resolve() } });
    await d.set({ key: 'a', kind: 'simple', storedAt: 1, data: 1 });
    await d.set({ key: 'b', kind: 'simple', storedAt: 1, data: 1 });
    assert.equal(d.onDisk, false);
    assert.equal(logs2.length, 1);
    assert.match(logs2[0], /ENOSPC/);
  });
});

describe('index client + cache', () => {
  it('a warm cache makes zero requests, also from a new client on the same directory', async () => {
    const dir = tmp();
    fake.reset();
    const a = makeClient(fake, { cacheDir: dir });
    const cold = await Promise.all(NAMES.map((n) => a.client.lookup(n, { version: n === 'vulnlib' ? '1.0.0' : undefined })));
    assert.ok(fake.requests.length > NAMES.length);
    fake.reset();
    const warm = await Promise.all(NAMES.map((n) => a.client.lookup(n, { version: n === 'vulnlib' ? '1.0.0' : undefined })));
    assert.equal(fake.requests.length, 0);
    assert.deepEqual(warm, cold);
    await a.client.dispose();
    const b = makeClient(fake, { cacheDir: dir });
    assert.equal(b.client.peek('never-looked-up'), undefined);
    assert.deepEqual(b.client.peek('vulnlib', '1.0.0'), cold[2], 'peek reads the disk cache synchronously');
    const again = await Promise.all(NAMES.map((n) => b.client.lookup(n, { version: n === 'vulnlib' ? '1.0.0' : undefined })));
    await b.client.dispose();
    assert.equal(fake.requests.length, 0, 'zero requests after a restart');
    assert.deepEqual(again, cold);
    assert.ok(b.client.stats().cacheHits > 0);
    const c = makeClient(fake, { cacheDir: dir });
    await c.client.clearCache();
    assert.equal(c.client.peek('vulnlib', '1.0.0'), undefined);
    await c.client.lookup('requests');
    await c.client.dispose();
    assert.ok(fake.requests.length > 0, 'requests again after clearCache');
  });

  it('stale entries are served at once and revalidated in the background with If-None-Match -> 304', async () => {
    const dir = tmp();
    let now = Date.now();
    const a = makeClient(fake, { cacheDir: dir, now: () => now, index: { osvEnabled: false } });
    await a.client.lookup('requests');
    fake.reset();
    now += 2 * 3600_000; // past the 1 h simple/json TTL, within the provenance TTL
    const stale = await a.client.lookup('requests');
    assert.equal(stale.primary.state, 'found');
    await a.client.idle();
    const simple = fake.requests.find((r) => r.path === '/simple/requests/');
    assert.ok(simple?.headers['if-none-match'], 'revalidation sends the ETag');
    assert.equal(simple?.status, 304);
    assert.ok(!fake.requests.some((r) => r.path.startsWith('/integrity/')), 'provenance still fresh');
    fake.reset();
    await a.client.lookup('requests');
    assert.equal(fake.requests.length, 0, 'revalidated entries are fresh again');
    await a.client.dispose();
  });

  it('serves stale data when the index fails (stale-on-error) and refetches corrupt entries', async () => {
    const dir = tmp();
    let now = Date.now();
    const a = makeClient(fake, { cacheDir: dir, now: () => now, index: { osvEnabled: false }, tuning: { maxAttempts: 1 } });
    const first = await a.client.lookup('oldlib');
    await a.client.idle();
    fake.reset();
    fake.setFault(/.*/, { kind: 'status', status: 500 });
    now += 30 * 86400_000; // far past TTL + stale window: a blocking refresh that fails
    const second = await a.client.lookup('oldlib');
    assert.ok(fake.requests.length > 0);
    assert.deepEqual(second.primary, first.primary);
    await a.client.dispose();
    fake.reset();
    const cacheFiles = fs.readdirSync(path.join(dir, 'index-v1'));
    for (const f of cacheFiles) fs.writeFileSync(path.join(dir, 'index-v1', f), '{"format":1,"trunc');
    const b = makeClient(fake, { cacheDir: dir, index: { osvEnabled: false } });
    const third = await b.client.lookup('oldlib');
    await b.client.dispose();
    assert.equal(third.primary.state, 'found');
    assert.ok(fake.requests.some((r) => r.path === '/simple/oldlib/'), 'refetched');
  });

  it('a read-only (unwritable) cache dir still works in memory, with one log line', async () => {
    const file = path.join(tmp(), 'file');
    fs.writeFileSync(file, 'x');
    fake.reset();
    const a = makeClient(fake, { cacheDir: path.join(file, 'sub') });
    assert.equal((await a.client.lookup('requests')).primary.state, 'found');
    fake.reset();
    assert.equal((await a.client.lookup('requests')).primary.state, 'found');
    assert.equal(fake.requests.length, 0);
    await a.client.dispose();
    assert.equal(a.logs.filter((l) => /cache: cannot write/.test(l.msg)).length, 1);
  });

  it('OSV lookups that arrive together go out as one querybatch; pages are followed', async () => {
    const paged = await startFakeIndex({ data: publicData(), osvPageSize: 1 });
    const { client } = makeClient(paged, { tuning: { jsonApi: 'never' } });
    const names = ['requests', 'oldlib', 'thinpkg', 'hashpin', 'reqeusts', 'fastjsonx', 'inactive-lib', 'yankedpin'];
    const facts = await Promise.all([...names.map((n) => client.lookup(n, { wantProvenance: false })), client.lookup('vulnlib', { version: '1.0.0', wantProvenance: false })]);
    await client.dispose();
    await paged.close();
    const posts = paged.requests.filter((r) => r.path === '/v1/querybatch');
    const first = JSON.parse(posts[0].body ?? '{}') as { queries: unknown[] };
    assert.equal(first.queries.length, names.length + 2, 'one POST for all projects (+ the pinned version)');
    assert.equal(posts.length, 2, 'second POST only for the next page');
    const vuln = facts[facts.length - 1].osvProject;
    assert.deepEqual(vuln?.state === 'found' && vuln.value.map((v) => v.id), ['PYSEC-2024-101', 'GHSA-4x5v-gmq8-25ch']);
    const mal = facts[4].osvProject;
    assert.equal(mal?.state === 'found' && mal.value[0].id, 'MAL-2024-1234');
  });
});
