// The index client against the fake index: facts per fixture, trust rules, privacy, confusion.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIXTURES, privateData, publicData } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { startFakeIndex } from '../fake-index/server';
import { fakeIndex } from '../protocol/helpers/fixtures';
import { SIMPLE_ACCEPT } from '../../server/src/index/sources';

const pub = fakeIndex({ data: publicData() });
const priv = fakeIndex({ data: privateData(), htmlOnly: true });
const privAuth = fakeIndex({ data: privateData(), auth: { username: 'alice', password: 's3cr3t-Pa55' } });

describe('index client: facts from the fake index', () => {
  it('asks the Simple API with the PEP 691 Accept header and reads JSON', async () => {
    pub.reset();
    const { client } = makeClient(pub);
    const f = await client.lookup('Requests', { version: '2.32.3' });
    await client.dispose();
    assert.equal(f.name, 'requests');
    assert.equal(f.primary.state, 'found');
    const simpleReq = pub.requests.find((r) => r.path === '/simple/requests/');
    assert.equal(simpleReq?.headers.accept, SIMPLE_ACCEPT);
    assert.match(String(simpleReq?.headers['user-agent']), /^pipwatch\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/pipwatch\/pipwatch\)$/);
    if (f.primary.state !== 'found') return;
    assert.equal(f.primary.value.lastSerial, 24100001); // only the JSON form carries _last-serial
    assert.deepEqual(f.primary.value.versions, FIXTURES.activeVersions);
    assert.equal(f.primary.value.files.length, 6);
    assert.ok(f.primary.value.files.every((x) => typeof x.provenance === 'string' && x.hashes.sha256?.length === 64));
    assert.equal(f.json?.state, 'found');
    assert.equal(f.provenance?.state, 'found');
    if (f.provenance?.state === 'found') {
      assert.deepEqual(f.provenance.value.map((r) => [r.version, r.attested]), [['2.32.3', true], ['2.32.2', true], ['2.31.0', true]]);
      assert.equal(f.provenance.value[0].publishers[0].repository, 'psf/requests');
      assert.equal(f.provenance.value[1].publishersChecked, false, 'bundles fetched for the newest release only');
      assert.equal(pub.requests.filter((r) => r.path.startsWith('/integrity/')).length, 1);
    }
  });

  it('reads the same facts from an HTML-only index (PEP 503 fallback)', async () => {
    const html = await startFakeIndex({ data: publicData(), htmlOnly: true });
    const { client } = makeClient(html, { tuning: { jsonApi: 'never' } });
    const y = await client.lookup(FIXTURES.yanked);
    const dep = await client.lookup(FIXTURES.deprecated);
    const req = await client.lookup('requests');
    await client.dispose();
    await html.close();
    assert.equal(y.primary.state, 'found');
    if (y.primary.state !== 'found') return;
    const f200 = y.primary.value.files.filter((f) => f.version === FIXTURES.yankedPinned);
    assert.equal(f200.length, 2);
    assert.ok(f200.every((f) => f.yanked === FIXTURES.yankedPinnedReason));
    assert.ok(y.primary.value.files.filter((f) => f.version === '3.0.0').every((f) => f.yanked === true));
    assert.ok(y.primary.value.files.filter((f) => f.version === '1.0.0').every((f) => f.yanked === false));
    assert.deepEqual(y.primary.value.versions, ['1.0.0', '1.1.0', '2.0.0', '3.0.0', '3.0.1']);
    assert.deepEqual(dep.primary.state === 'found' && dep.primary.value.status, { status: 'deprecated', reason: FIXTURES.deprecatedReason });
    assert.equal(req.primary.state === 'found' && req.primary.value.files[0].requiresPython, undefined);
    assert.equal(req.provenance?.state, 'found', 'data-provenance read from HTML');
    if (req.primary.state === 'found') assert.equal(req.primary.value.files[5].requiresPython, '>=3.8', 'entity-decoded');
  });

  it('quarantined: found on the Simple API with status quarantined; JSON 404 is unknown, never missing', async () => {
    const { client } = makeClient(pub);
    const q = await client.lookup(FIXTURES.quarantined);
    await client.dispose();
    assert.equal(q.primary.state, 'found');
    if (q.primary.state === 'found') {
      assert.equal(q.primary.value.status?.status, 'quarantined');
      assert.equal(q.primary.value.files.length, 0);
    }
    assert.equal(q.json?.state, 'unknown');
  });

  it('a JSON API 404 never makes a project missing; a Simple API 404 does', async () => {
    pub.reset();
    pub.setFault('/pypi/requests/json', { kind: 'status', status: 404 });
    const { client } = makeClient(pub);
    const r = await client.lookup('requests');
    const m = await client.lookup(FIXTURES.missing);
    await client.dispose();
    pub.reset();
    assert.equal(r.primary.state, 'found');
    assert.equal(r.json?.state, 'unknown');
    assert.equal(m.primary.state, 'missing');
    assert.equal(m.json?.state, 'unknown');
  });

  it('both PEP 792 status shapes, malicious OSV record, vulnerable pin, provenance dropped, publisher mismatch', async () => {
    const { client } = makeClient(pub);
    const [meta, mal, vuln, dropped, mism] = await Promise.all([
      client.lookup(FIXTURES.deprecatedMeta),
      client.lookup(FIXTURES.malicious),
      client.lookup(FIXTURES.vulnerable, { version: FIXTURES.vulnerableVersion }),
      client.lookup(FIXTURES.provenanceDroppedDisplay),
      client.lookup(FIXTURES.publisherMismatch),
    ]);
    await client.dispose();
    assert.deepEqual(meta.primary.state === 'found' && meta.primary.value.status, { status: 'deprecated', reason: 'Use requests.' });
    assert.equal(mal.primary.state, 'missing');
    assert.deepEqual(mal.osvProject, { state: 'found', value: [{ id: FIXTURES.maliciousId, modified: pub.data.osv[0].modified }] });
    assert.equal(vuln.json?.state, 'found');
    if (vuln.json?.state === 'found') {
      assert.deepEqual(vuln.json.value.vulnerabilities.map((v) => v.id), [...FIXTURES.vulnerableIds]);
      assert.deepEqual(vuln.json.value.vulnerabilities[0].fixedIn, [FIXTURES.vulnerableFixedIn]);
    }
    assert.deepEqual(vuln.osvVersion?.state === 'found' && vuln.osvVersion.value.map((v) => v.id), [...FIXTURES.vulnerableIds]);
    assert.deepEqual(dropped.provenance?.state === 'found' && dropped.provenance.value.map((r) => [r.version, r.attested]), [['1.3.0', false], ['1.2.0', true], ['1.1.0', true]]);
    assert.equal(mism.provenance?.state === 'found' && mism.provenance.value[0].publishers[0].repository, 'evil-fork/fastjsonx');
    assert.equal(mism.json?.state === 'found' && mism.json.value.projectUrls.Repository, 'https://github.com/fastjsonx/fastjsonx');
  });

  it('thin, inactive, brand-new and yanked facts come through the JSON API', async () => {
    const now = Date.now();
    const fake = await startFakeIndex({ data: publicData(now) });
    const { client } = makeClient(fake);
    const [thin, inactive, young, y] = await Promise.all([
      client.lookup(FIXTURES.thin),
      client.lookup(FIXTURES.inactive),
      client.lookup(FIXTURES.brandNew),
      client.lookup(FIXTURES.yanked, { version: FIXTURES.yankedPinned }),
    ]);
    await client.dispose();
    await fake.close();
    assert.deepEqual(thin.json?.state === 'found' && thin.json.value.projectUrls, {});
    assert.ok(inactive.json?.state === 'found' && inactive.json.value.classifiers.includes('Development Status :: 7 - Inactive'));
    const first = young.json?.state === 'found' ? young.json.value.releases['0.0.1'].uploadTime : undefined;
    assert.ok(first && Math.abs(now - Date.parse(first) - FIXTURES.brandNewDays * 86400_000) < 5 * 60_000);
    assert.equal(y.json?.state, 'found');
    if (y.json?.state !== 'found') return;
    const r200 = y.json.value.releases['2.0.0'];
    assert.deepEqual(r200, { yanked: true, yankedReason: FIXTURES.yankedPinnedReason, uploadTime: r200.uploadTime });
    assert.ok(r200.uploadTime);
  });
});

describe('index client: trust, privacy, dependency confusion', () => {
  it('dependency confusion: private primary + public PyPI as an extra; extras filled in order', async () => {
    // Public PyPI is asked only when it is a configured index (issue 8 §4: a name goes only where
    // the installer would send it); then its answer is reused, not asked twice.
    pub.reset();
    const a = makeClient(priv, { publicFake: pub, index: { extraUrls: [pub.simpleUrl] } });
    const f = await a.client.lookup(FIXTURES.confusion);
    await a.client.dispose();
    assert.deepEqual(f.primary.state === 'found' && f.primary.value.versions, ['1.0.0']);
    assert.deepEqual(f.publicPypi?.state === 'found' && f.publicPypi.value.versions, ['99.0.0']);
    assert.equal(pub.requests.filter((r) => r.path.startsWith('/simple/')).length, 1, 'one Simple request to the public index');
    const b = makeClient(pub, { index: { extraUrls: [priv.simpleUrl] } });
    const g = await b.client.lookup(FIXTURES.confusion);
    await b.client.dispose();
    assert.equal(g.extras.length, 1);
    assert.equal(g.extras[0].indexUrl, priv.simpleUrl);
    assert.deepEqual(g.extras[0].result.state === 'found' && g.extras[0].result.value.versions, ['1.0.0']);
    assert.deepEqual(g.publicPypi?.state === 'found' && g.publicPypi.value.versions, ['99.0.0']);
  });

  it('privatePackages are never sent to public PyPI or OSV', async () => {
    pub.reset();
    const a = makeClient(priv, { publicFake: pub, index: { privatePackages: ['acme-*'] } });
    const s = await a.client.lookup('ACME_Secret', { version: '0.3.0' });
    const c = await a.client.lookup(FIXTURES.confusion);
    await a.client.dispose();
    assert.equal(s.primary.state, 'found');
    assert.equal(c.primary.state, 'found');
    assert.equal(s.publicPypi, undefined);
    assert.equal(s.osvProject, undefined);
    assert.deepEqual(pub.requests.filter((r) => /acme/i.test(r.path + (r.body ?? ''))), []);
    // With public PyPI as primary, the name is not sent at all.
    const b = makeClient(pub, { index: { privatePackages: ['acme-secret'] } });
    const t = await b.client.lookup('acme-secret');
    await b.client.dispose();
    assert.equal(t.primary.state, 'unknown');
    assert.deepEqual(pub.requests.filter((r) => /acme/i.test(r.path + (r.body ?? ''))), []);
  });

  it('credentials from URL userinfo go only to their origin and never appear in logs, status or facts', async () => {
    pub.reset();
    privAuth.reset();
    const url = privAuth.simpleUrl.replace('http://', 'http://alice:s3cr3t-Pa55@');
    privAuth.setFault('/simple/acme-secret/', { kind: 'redirect', location: `${pub.url}/simple/acme-secret/` });
    privAuth.setFault('/simple/acme-internal/', { kind: 'status', status: 500, times: 1 }); // makes the client log a retry
    // privatePackages keeps the confusion lookup off public PyPI, so any public request would be the redirect.
    const { client, logs } = makeClient(privAuth, { publicFake: pub, index: { url, privatePackages: ['acme-secret'] } });
    const f = await client.lookup(FIXTURES.confusion);
    const r = await client.lookup('acme-secret');
    const st = client.status();
    await client.dispose();
    assert.equal(f.primary.state, 'found', 'authenticated against the private index');
    assert.equal(r.primary.state, 'unknown', 'cross-origin redirect refused');
    assert.ok(privAuth.requests.some((q) => q.headers.authorization?.startsWith('Basic ')));
    assert.deepEqual(pub.requests.filter((q) => q.headers.authorization !== undefined), []);
    assert.deepEqual(pub.requests.filter((q) => q.path === '/simple/acme-secret/'), []);
    assert.ok(logs.some((l) => l.msg.includes('/simple/acme-internal/')), 'the retry was logged (so the leak check below means something)');
    const everything = JSON.stringify({ f, r, st, logs });
    assert.ok(!everything.includes('s3cr3t'), 'password leaked');
    assert.ok(f.primary.state === 'found' && !f.primary.value.indexUrl.includes('alice'));
  });

  it('credentials from PIPWATCH_INDEX_* env and from a netrc file', async () => {
    privAuth.reset();
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const a = makeClient(privAuth, { publicFake: pub, tuning: { env: { PIPWATCH_INDEX_USERNAME: 'alice', PIPWATCH_INDEX_PASSWORD: 's3cr3t-Pa55' } } });
    assert.equal((await a.client.lookup('acme-secret')).primary.state, 'found');
    await a.client.dispose();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-netrc-'));
    const netrc = path.join(dir, 'netrc');
    fs.writeFileSync(netrc, '# test\nmachine 127.0.0.1\n  login alice\n  password s3cr3t-Pa55\n');
    const b = makeClient(privAuth, { publicFake: pub, tuning: { env: { NETRC: netrc } } });
    assert.equal((await b.client.lookup('acme-secret')).primary.state, 'found');
    await b.client.dispose();
    const c = makeClient(privAuth, { publicFake: pub });
    const none = await c.client.lookup('acme-secret');
    await c.client.lookup('acme-internal');
    await c.client.dispose();
    assert.equal(none.primary.state, 'unknown', 'without credentials the private index answers 401');
    // One detail line for the 401 and one status change naming it (issue 8 §2), not one per package.
    assert.equal(c.logs.filter((l) => /HTTP 401/.test(l.msg) && !/^index status:/.test(l.msg)).length, 1, 'one log line for the 401, not one per package');
    assert.equal(c.logs.filter((l) => /^index status: degraded .*HTTP 401 Unauthorized/.test(l.msg)).length, 1);
  });

  it('plain HTTP to a non-loopback host is refused with a redacted status message', async () => {
    const { client } = makeClient(pub, { index: { url: 'http://bob:hunter2@packages.example.com/simple/' } });
    const f = await client.lookup('requests');
    const st = client.status();
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    assert.equal(st.state, 'degraded');
    assert.match(st.message ?? '', /plain HTTP refused/);
    assert.ok(!JSON.stringify({ f, st }).includes('hunter2'));
  });

  it('workspace index URLs are honoured only in a trusted workspace', async () => {
    priv.reset();
    const ws = [{ kind: 'extra-index-url' as const, url: priv.simpleUrl }];
    const a = makeClient(pub, { workspaceIndexes: ws });
    const f = await a.client.lookup(FIXTURES.confusion);
    await a.client.dispose();
    assert.equal(f.extras.length, 0);
    assert.equal(priv.requests.length, 0);
    const b = makeClient(pub, { workspaceIndexes: ws, settings: { workspaceTrusted: true } });
    const g = await b.client.lookup(FIXTURES.confusion);
    await b.client.dispose();
    assert.equal(g.extras.length, 1);
    assert.equal(g.extras[0].result.state, 'found');
  });

  it('offline setting: status disabled, no requests, everything unknown', async () => {
    pub.reset();
    const { client } = makeClient(pub, { settings: { offline: true } });
    const f = await client.lookup('requests', { version: '2.32.3' });
    assert.equal(client.status().state, 'disabled');
    await client.dispose();
    assert.equal(pub.requests.length, 0);
    for (const k of ['primary', 'json', 'provenance', 'osvProject', 'osvVersion'] as const) assert.equal(f[k]?.state, 'unknown', k);
  });

  it('an invalid name is never sent', async () => {
    pub.reset();
    const { client } = makeClient(pub);
    const f = await client.lookup('../../etc/passwd');
    await client.dispose();
    assert.equal(f.primary.state, 'unknown');
    assert.equal(pub.requests.length, 0);
  });
});

describe('factsFor (fixtures for rule tests)', () => {
  it('returns real client facts keyed by name and name==version, with a pinned clock', async () => {
    const { factsFor } = await import('../fake-index/facts.js');
    const pick = <T,>(l: { state: string; value?: T } | undefined): T | undefined => (l?.state === 'found' ? l.value : undefined);
    const now = Date.parse('2026-01-15T00:00:00Z');
    const f = await factsFor([FIXTURES.quarantined, { name: FIXTURES.vulnerable, version: FIXTURES.vulnerableVersion }, FIXTURES.brandNew], { now });
    assert.equal(pick(f[FIXTURES.quarantined].primary)?.status?.status, 'quarantined');
    assert.equal(f[`${FIXTURES.vulnerable}==${FIXTURES.vulnerableVersion}`].osvVersion?.state, 'found');
    const young = f[FIXTURES.brandNew].json;
    assert.equal(young?.state === 'found' && young.value.releases['0.0.1'].uploadTime?.slice(0, 10), '2026-01-12');
    const g = await factsFor([FIXTURES.confusion], { withPrivateIndex: true });
    assert.deepEqual(pick(g[FIXTURES.confusion].publicPypi)?.versions, ['99.0.0']);
  });
});
