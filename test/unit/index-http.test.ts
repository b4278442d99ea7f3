// Transport behaviour of the index client against the fake: negotiation, redirects, retries,
// timeouts, size cap, concurrency bound, in-flight sharing, circuit breaker, cancellation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { request } from 'undici';
import { Breakers } from '../../server/src/index/breaker';
import { Http } from '../../server/src/index/http';
import { fetchSimple } from '../../server/src/index/sources';
import { publicData, syntheticData } from '../fake-index/fixtures';
import { makeClient, waitFor } from '../fake-index/harness';
import { startFakeIndex } from '../fake-index/server';
import { fakeIndex } from '../protocol/helpers/fixtures';

const fake = fakeIndex({ data: publicData() });

const simpleOnly = { tuning: { jsonApi: 'never' as const }, index: { osvEnabled: false } };

describe('fake index content negotiation (PEP 691)', () => {
  it('JSON for the JSON type, HTML with no Accept, 406 for an unacceptable Accept, 301 for non-normalised names', async () => {
    const get = async (path: string, accept?: string) => {
      const r = await request(`${fake.url}${path}`, { headers: accept ? { accept } : {} });
      await r.body.text();
      return { status: r.statusCode, type: String(r.headers['content-type']), location: r.headers.location };
    };
    assert.equal((await get('/simple/requests/', 'application/vnd.pypi.simple.v1+json')).type, 'application/vnd.pypi.simple.v1+json');
    assert.match((await get('/simple/requests/')).type, /^text\/html/);
    assert.equal((await get('/simple/requests/', 'application/json')).status, 406);
    assert.deepEqual(await get('/simple/Requests/'), { status: 301, type: 'text/html', location: '/simple/requests/' });
    assert.equal((await get('/simple/no-such-project/', 'text/html')).status, 404);
  });
});

describe('index client transport', () => {
  it('follows a same-origin 301 (non-normalised name) and refuses a cross-origin redirect', async () => {
    fake.reset();
    const log: string[] = [];
    const http = new Http({
      concurrency: 2, timeoutMs: 2000, userAgent: 't', maxBytes: 1e6, maxAttempts: 1, backoffMs: 10, retryAfterCapMs: 100,
      maxRedirects: 5, credentials: new Map(), breakers: new Breakers(), log: (_l, m) => log.push(m),
    });
    const r = await fetchSimple(http, fake.simpleUrl, 'Tokenlib_Core', undefined);
    await http.close();
    assert.ok(!r.notModified && r.result.state === 'found');
    assert.deepEqual(fake.requests.map((q) => [q.path, q.status]), [['/simple/Tokenlib_Core/', 301], ['/simple/tokenlib-core/', 200]]);

    fake.reset();
    const other = fake.url.replace('127.0.0.1', 'localhost'); // same server, different origin
    fake.setFault('/simple/requests/', { kind: 'redirect', location: `${other}/simple/requests/` });
    const { client } = makeClient(fake, simpleOnly);
    const f = await client.lookup('requests');
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    assert.match(f.primary.state === 'unknown' ? f.primary.reason : '', /another origin/);
    assert.equal(fake.requests.length, 1);
  });

  it('a redirect loop ends in unknown', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'redirect-loop' });
    const { client } = makeClient(fake, simpleOnly);
    const f = await client.lookup('requests');
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    assert.ok(fake.requests.length <= 7);
  });

  it('respects the concurrency bound and shares duplicate in-flight requests', async () => {
    const slow = await startFakeIndex({ data: syntheticData(30), latencyMs: 40 });
    const { client } = makeClient(slow, { ...simpleOnly, index: { osvEnabled: false, concurrency: 3 } });
    const names = Array.from({ length: 30 }, (_, i) => `benchpkg-${String(i).padStart(4, '0')}`);
    await Promise.all(names.map((n) => client.lookup(n, { wantProvenance: false })));
    assert.ok(slow.maxInFlight <= 3, `max in flight ${slow.maxInFlight}`);
    assert.equal(slow.maxInFlight, 3, 'the bound is actually used');
    slow.reset();
    const dup = await Promise.all(Array.from({ length: 5 }, () => client.lookup('requests-like-missing', { wantProvenance: false })));
    assert.equal(slow.requests.length, 1, 'five concurrent lookups -> one request');
    assert.ok(dup.every((d) => d.primary.state === 'missing'));
    assert.ok(client.stats().inflightShared >= 4);
    await client.dispose();
    await slow.close();
  });

  it('retries 429 honouring Retry-After, 500 and connection resets', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'status', status: 429, retryAfter: '1', times: 1 });
    fake.setFault('/simple/oldlib/', { kind: 'status', status: 500, times: 2 });
    fake.setFault('/simple/thinpkg/', { kind: 'reset', times: 1 });
    const { client } = makeClient(fake, simpleOnly);
    const t0 = Date.now();
    const r = await client.lookup('requests');
    const waited = Date.now() - t0;
    const [o, t] = await Promise.all([client.lookup('oldlib'), client.lookup('thinpkg')]);
    await client.dispose();
    assert.equal(r.primary.state, 'found');
    assert.ok(waited >= 900, `waited ${waited} ms for Retry-After: 1`);
    assert.equal(o.primary.state, 'found');
    assert.equal(t.primary.state, 'found');
    const count = (p: string) => fake.requests.filter((q) => q.path === p).length;
    assert.equal(count('/simple/requests/'), 2);
    assert.equal(count('/simple/oldlib/'), 3);
    assert.equal(count('/simple/thinpkg/'), 2);
  });

  it('gives up after bounded attempts on persistent 503', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'status', status: 503 });
    const { client } = makeClient(fake, simpleOnly);
    const f = await client.lookup('requests');
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    assert.equal(fake.requests.length, 3);
  });

  it('a slow drip times out in bounded time; an oversized body is refused', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'drip', intervalMs: 100 });
    fake.setFault('/simple/oldlib/', { kind: 'oversize', bytes: 5_000_000 });
    const { client } = makeClient(fake, { ...simpleOnly, index: { osvEnabled: false, timeoutMs: 500 }, tuning: { jsonApi: 'never', maxResponseBytes: 200_000 } });
    const t0 = Date.now();
    const [d, o] = await Promise.all([client.lookup('requests'), client.lookup('oldlib')]);
    const took = Date.now() - t0;
    await client.dispose();
    assert.equal(d.primary.state, 'unknown');
    assert.match(d.primary.state === 'unknown' ? d.primary.reason : '', /timed out/);
    assert.ok(took < 2500, `took ${took} ms`);
    assert.match(o.primary.state === 'unknown' ? o.primary.reason : '', /exceeds 200000 bytes/);
  });

  it('invalid and truncated JSON become unknown, never a crash', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'invalid-json' });
    fake.setFault('/simple/oldlib/', { kind: 'truncate' });
    const { client } = makeClient(fake, { ...simpleOnly, tuning: { jsonApi: 'never', maxAttempts: 1 } });
    const [a, b] = await Promise.all([client.lookup('requests'), client.lookup('oldlib')]);
    await client.dispose();
    assert.equal(a.primary.state, 'unknown');
    assert.match(a.primary.state === 'unknown' ? a.primary.reason : '', /invalid JSON/);
    assert.equal(b.primary.state, 'unknown');
  });

  it('a missing required field is unknown with the reason', async () => {
    const { client } = makeClient(fake, simpleOnly);
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'status', status: 200, body: JSON.stringify({ meta: { 'api-version': '1.4' }, name: 'requests' }) });
    const f = await client.lookup('requests');
    await client.dispose();
    assert.match(f.primary.state === 'unknown' ? f.primary.reason : '', /missing required field "files"/);
  });

  it('the breaker opens after repeated hard failures: status offline with one message, then a half-open probe recovers', async () => {
    fake.reset();
    let now = Date.now();
    fake.setFault(/.*/, { kind: 'reset' });
    const { client, logs } = makeClient(fake, {
      ...simpleOnly,
      now: () => now,
      tuning: { jsonApi: 'never', maxAttempts: 1, breakerThreshold: 3, breakerCooldownMs: 30_000 },
    });
    const seen: string[] = [];
    client.onStatusChange((s) => seen.push(`${s.state}: ${s.message ?? ''}`));
    const names = ['requests', 'oldlib', 'thinpkg', 'vulnlib', 'hashpin', 'yankedpin', 'fastjsonx', 'inactive-lib'];
    for (const n of names) assert.equal((await client.lookup(n)).primary.state, 'unknown');
    assert.equal(client.status().state, 'offline');
    // The first failed lookups make the status degraded (issue 8 §2), then the breaker opens.
    assert.deepEqual(seen.map((s) => s.split(':')[0]), ['degraded', 'offline']);
    assert.match(seen[1], /^offline: Cannot reach the package index http:\/\/127\.0\.0\.1:\d+\/simple\/ .*paused/);
    assert.equal(logs.filter((l) => l.level === 'warn').length, 2, 'one log line per status change, not one per package');
    assert.equal(fake.requests.length, 3, 'no requests while open');
    fake.reset();
    now += 60_000; // past the cool-down: one probe goes through
    assert.equal((await client.lookup('requests')).primary.state, 'found');
    assert.equal(client.status().state, 'ok', 'an answer clears the transport failures of the other packages too');
    // The breaker closes a moment before the answer clears the failure record: offline -> (degraded) -> ok.
    assert.equal(seen.at(-1)?.split(':')[0], 'ok');
    assert.ok(seen.length <= 4, seen.join('\n'));
    await client.dispose();
  });

  it('an aborted lookup returns unknown promptly', async () => {
    fake.reset();
    fake.setFault('/simple/requests/', { kind: 'latency', ms: 3000 });
    const { client } = makeClient(fake, simpleOnly);
    const ac = new AbortController();
    const t0 = Date.now();
    const p = client.lookup('requests', { signal: ac.signal });
    await waitFor(() => fake.requests.length === 1, 2000, 'request sent');
    ac.abort();
    const f = await p;
    assert.equal(f.primary.state, 'unknown');
    assert.ok(Date.now() - t0 < 2000);
    await client.dispose();
  });
});
