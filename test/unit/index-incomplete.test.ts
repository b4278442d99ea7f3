// Every lookup that was asked for and did not complete is a visible fact (issue 8 §2): through the
// real undici client against the fake index, each fault (401, 403, invalid JSON, an oversized
// body, a refused cross-origin redirect, an unreachable host) leaves a `failure` on the lookup, a
// group in the client's incomplete() report and a status that is not `ok`; a later answer
// clears the status.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import type { Fault, FakeIndex } from '../fake-index/server';
import { fakeIndex } from '../protocol/helpers/fixtures';
import { lookupIncompleteRule } from '../../server/src/assess/rules/lookup-incomplete';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Dependency } from '../../server/src/core/types';

const fake = fakeIndex();

const simpleOnly = { index: { osvEnabled: false }, tuning: { jsonApi: 'never' as const, maxResponseBytes: 64 * 1024, maxAttempts: 1 } };
const PATH = /^\/simple\/requests\/$/;

const CASES: [string, Fault, RegExp][] = [
  ['HTTP 401', { kind: 'status', status: 401 }, /^HTTP 401 Unauthorized$/],
  ['HTTP 403', { kind: 'status', status: 403 }, /^HTTP 403 Forbidden$/],
  ['invalid JSON', { kind: 'invalid-json' }, /^invalid answer$/],
  ['an oversized body', { kind: 'oversize', bytes: 1024 * 1024 }, /^answer too large$/],
  ['a cross-origin redirect', { kind: 'redirect', location: 'http://localhost:9/simple/requests/' }, /^redirect to another origin refused$/],
];

describe('incomplete lookups are recorded, grouped and shown in the status', () => {
  for (const [what, fault, cause] of CASES) {
    it(`${what}: failure on the lookup, a report group, status degraded, cleared by a later answer`, async () => {
      fake.reset();
      fake.setFault(PATH, { ...fault, times: 1 });
      const { client } = makeClient(fake, simpleOnly);
      const statuses: string[] = [];
      client.onStatusChange((s) => statuses.push(`${s.state}: ${s.message ?? ''}`));
      const f = await client.lookup('requests');
      assert.equal(f.primary.state, 'unknown');
      const failure = f.primary.state === 'unknown' ? f.primary.failure : undefined;
      assert.ok(failure, `a failure, not just unknown: ${JSON.stringify(f.primary)}`);
      assert.match(failure.cause, cause);
      assert.equal(failure.source, `index ${fake.simpleUrl}`);
      const ok = await client.lookup(FIXTURES.yanked); // another package, answered
      assert.equal(ok.primary.state, 'found');
      const report = client.incomplete();
      assert.equal(report.total, 2);
      assert.deepEqual(report.groups.map((g) => [g.source, g.packages]), [[`index ${fake.simpleUrl}`, ['requests']]]);
      assert.equal(client.status().state, 'degraded');
      assert.match(client.status().message ?? '', new RegExp(`index ${fake.simpleUrl.replace(/[.?*+/]/g, '\\$&')}: ${cause.source.slice(1, -1)}`));
      // The fault fired once: the next lookup of requests answers and the status is ok again.
      const again = await client.lookup('requests');
      assert.equal(again.primary.state, 'found');
      assert.equal(client.status().state, 'ok');
      assert.deepEqual(statuses.map((s) => s.split(':')[0]), ['degraded', 'ok']);
      // The CLI's report is cumulative: requests stays listed as not checked in that run.
      assert.deepEqual(client.incomplete().groups[0]?.packages, ['requests']);
      await client.dispose();
    });
  }

  it('an unreachable index: every package in one group, the cause names the error', async () => {
    const dead = { ...fake, simpleUrl: 'http://127.0.0.1:9/simple/', osvUrl: 'http://127.0.0.1:9' } as FakeIndex;
    const { client } = makeClient(dead, { ...simpleOnly, tuning: { ...simpleOnly.tuning, breakerThreshold: 2 } });
    for (const n of ['requests', 'flask', 'numpy', 'django']) await client.lookup(n);
    const r = client.incomplete();
    await client.dispose();
    assert.equal(r.groups.length, 1, JSON.stringify(r.groups));
    assert.equal(r.groups[0]!.cause, 'unreachable (ECONNREFUSED)');
    assert.deepEqual(r.groups[0]!.packages, ['django', 'flask', 'numpy', 'requests']);
    assert.equal(r.total, 4);
  });

  it('a failed OSV query and a failed version-advisory lookup are failures too', async () => {
    fake.reset();
    fake.setFault('/v1/querybatch', { kind: 'status', status: 503 });
    fake.setFault(`/pypi/${FIXTURES.vulnerable}/${FIXTURES.vulnerableVersion}/json`, { kind: 'status', status: 401 });
    const { client } = makeClient(fake, { tuning: { maxAttempts: 1 } });
    const f = await client.lookup(FIXTURES.vulnerable, { version: FIXTURES.vulnerableVersion });
    const r = client.incomplete();
    await client.dispose();
    assert.equal(f.osvProject?.state === 'unknown' && f.osvProject.failure?.cause, 'HTTP 503 Service Unavailable');
    assert.equal(f.json?.state, 'found');
    assert.ok(f.json?.state === 'found' && f.json.value.vulnerabilitiesUnknown, 'advisories of the pin are unknown, not none');
    assert.deepEqual(r.groups.map((g) => g.source.split(' ')[0]).sort(), ['JSON', 'OSV']);
  });

  it('PW002 names the cause and the source on the dependency line', async () => {
    fake.reset();
    fake.setFault(PATH, { kind: 'status', status: 401 });
    const { client } = makeClient(fake, simpleOnly);
    const facts = await client.lookup('requests');
    await client.dispose();
    const dep = { name: 'requests', rawName: 'requests', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } } } as Dependency;
    const settings = normalizeSettings({});
    const out = lookupIncompleteRule.check(dep, facts, { settings, document: {} as never, workspace: { declared: new Set(), firstParty: new Set() }, now: new Date() }, []);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.code, 'PW002');
    assert.equal(out[0]!.severity, 'hint');
    assert.equal(out[0]!.message, `index lookup for 'requests' did not complete: HTTP 401 Unauthorized from index ${fake.simpleUrl} (check credentials); its index findings are unknown`);
  });

  it('configured "do not ask" is no failure: privatePackages and offline', async () => {
    fake.reset();
    const { client } = makeClient(fake, { index: { privatePackages: ['acme-*'], osvEnabled: false }, tuning: { jsonApi: 'never' } });
    await client.lookup('acme-secret');
    assert.deepEqual(client.incomplete().groups, []);
    assert.equal(client.status().state, 'ok');
    await client.dispose();
  });
});
