// Per-origin concurrency: public PyPI and OSV get `publicConcurrency` (CDN-backed, default 32),
// private or custom indexes `concurrency` (default 8); lowering `concurrency` lowers both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/core/settings';
import { syntheticData } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fakeIndex } from '../protocol/helpers/fixtures';

const names = Array.from({ length: 24 }, (_, i) => `benchpkg-${String(i).padStart(4, '0')}`);
const simpleOnly = { tuning: { jsonApi: 'never' as const } };
const slow = fakeIndex({ data: syntheticData(24), latencyMs: 40 });
const other = fakeIndex({ data: syntheticData(1) });

describe('index concurrency', () => {
  it('defaults: 8 per private index, 32 for public PyPI; a lower concurrency lowers both', () => {
    const d = normalizeSettings({});
    assert.equal(d.index.concurrency, 8);
    assert.equal(d.index.publicConcurrency, 32);
    assert.equal(normalizeSettings({ index: { concurrency: 3 } }).index.publicConcurrency, 3);
    assert.equal(normalizeSettings({ index: { concurrency: 50 } }).index.publicConcurrency, 32);
    assert.equal(normalizeSettings({ index: { concurrency: 3, publicConcurrency: 12 } }).index.publicConcurrency, 12);
    assert.equal(normalizeSettings({ index: { publicConcurrency: 1000 } }).index.publicConcurrency, 64);
  });

  it('public PyPI gets publicConcurrency at once', async () => {
    const { client } = makeClient(slow, { ...simpleOnly, index: { osvEnabled: false, concurrency: 2, publicConcurrency: 6 } });
    slow.reset();
    await Promise.all(names.map((n) => client.lookup(n, { wantProvenance: false })));
    assert.equal(slow.maxInFlight, 6, `max in flight ${slow.maxInFlight}`);
    await client.dispose();
  });

  it('a private index keeps concurrency, whatever the public limit', async () => {
    const { client } = makeClient(slow, { ...simpleOnly, publicFake: other, index: { osvEnabled: false, concurrency: 2, publicConcurrency: 6 } });
    slow.reset();
    await Promise.all(names.map((n) => client.lookup(n, { wantProvenance: false })));
    assert.equal(slow.maxInFlight, 2, `max in flight ${slow.maxInFlight}`);
    await client.dispose();
  });
});
