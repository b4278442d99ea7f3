// Version-level checks on locked packages through the engine and the real index client against
// the fake index: release age (offline from the lock's upload-time, then escalated; from the
// Simple API otherwise), a locked release gone from the index, lock hashes, the locked release's
// own provenance, and the request budget (one Simple API request per name, no per-version JSON
// API request, OSV batched).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline, analyzeOnline, isRegistryLookup, type Analysis, type AnalysisInput } from '../../server/src/assess/engine';
import { OFFLINE_RULES } from '../../server/src/assess/rules/offline-rules';
import { CODES } from '../../server/src/core/codes';
import type { Dependency } from '../../server/src/core/types';
import { FIXTURES } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fixtureSha256 } from '../fake-index/model';
import { fakeIndex } from '../protocol/helpers/fixtures';
import { lockedDep } from './helpers/facts-builder';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const fake = fakeIndex({ now: NOW });

const locked = (line: number, name: string, version: string, over: Partial<Dependency> = {}): Dependency => lockedDep(name, version, over, line);

const twoHoursAgo = new Date(NOW - 2 * 3_600_000).toISOString();
const deps: Dependency[] = [
  locked(0, FIXTURES.dormant, FIXTURES.dormantVersion, { uploadTime: twoHoursAgo }), // offline PW212, escalated by the index
  locked(10, FIXTURES.fresh, FIXTURES.freshVersion), // no upload-time: PW212 from the Simple API
  locked(20, FIXTURES.active, '2.32.1'), // gone from the index: PW213
  locked(30, FIXTURES.hashes, FIXTURES.hashesVersion, { hashes: [`sha256:${fixtureSha256('hashpin-1.0.0.tar.gz')}`, `sha256:${'0'.repeat(64)}`] }),
  locked(40, FIXTURES.provenanceGap, FIXTURES.provenanceGapVersion), // unattested between attested releases
  locked(50, FIXTURES.active, '2.32.3', { hashes: [`sha256:${fixtureSha256('requests-2.32.3-py3-none-any.whl')}`] }), // clean
  locked(60, FIXTURES.vulnerable, FIXTURES.vulnerableVersion), // OSV knows this version
  locked(70, 'mylib', '0.1.0', { origin: 'git' }), // never looked up
  locked(80, FIXTURES.burst, FIXTURES.burstVersion),
];

/**
 * What analyzeOffline returns for a uv.lock holding `deps` (the uv.lock parser lands separately):
 * the offline rules over the dependencies a lock parser produces, and the registry lookups.
 */
function lockAnalysis(input: AnalysisInput): Analysis {
  const parsed = { kind: 'uv-lock' as const, dependencies: deps, problems: [], includes: [], indexes: [] };
  const ctx = { settings: input.settings, document: parsed, workspace: input.workspace, now: new Date(NOW) };
  const findings = deps.flatMap((d) => OFFLINE_RULES.flatMap((r) => r.check(d, ctx)));
  return { kind: 'uv-lock', parsed, findings, lookups: deps.filter((d) => isRegistryLookup(d, input.workspace)) };
}

describe('locked versions through the engine and the real client', () => {
  it('finds age, removal, hash and provenance problems of the locked releases, with one Simple API request per name', async () => {
    const { client, settings } = makeClient(fake, { now: () => NOW });
    try {
      const input: AnalysisInput = { uri: '/p/uv.lock', text: '', settings, workspace: { declared: new Set(), firstParty: new Set() }, now: new Date(NOW) };
      const analysis = lockAnalysis(input);
      // Offline: the lock's upload-time alone gives PW212 on the first package.
      assert.deepEqual(analysis.findings.map((f) => `${f.range.start.line}:${f.code}`), ['0:PW212']);
      assert.equal(analysis.findings[0].severity, 'warning');
      fake.reset();
      const all = await analyzeOnline(analysis, input, client);
      const at = (line: number): string[] => all.filter((f) => f.range.start.line === line).map((f) => f.code).sort();

      const dormant = all.find((f) => f.range.start.line === 0 && f.code === CODES.releaseAge.code)!;
      assert.equal(dormant.severity, 'error', 'dormancy raises the offline finding');
      assert.match(dormant.message, /1500 days without a release \(since 1\.0\.0\)/);
      assert.match(dormant.message, /uv lock --upgrade-package dormantlib==1\.0\.0/);

      assert.deepEqual(at(10), [CODES.releaseAge.code]);
      const fresh = all.find((f) => f.range.start.line === 10)!;
      assert.match(fresh.message, /freshrel 1\.2\.0 was uploaded 2026-11-26 10:00 UTC \(2 hours ago\)/);
      assert.match(fresh.message, /uv lock --upgrade-package freshrel==1\.1\.0/);
      assert.deepEqual(fresh.fixes, []);

      assert.deepEqual(at(20), [CODES.releaseMissing.code]);
      assert.deepEqual(at(30), [CODES.hashMismatch.code]);
      assert.match(all.find((f) => f.range.start.line === 30)!.message, /^1 hash the lock records/);
      assert.deepEqual(at(40), [CODES.provenanceDropped.code]);
      assert.deepEqual(at(50), []);
      assert.ok(at(60).includes(CODES.vulnerable.code), `OSV per version: ${at(60).join(',')}`);
      assert.deepEqual(at(70), []);
      const burst = all.find((f) => f.range.start.line === 80)!;
      assert.equal(burst.code, CODES.releaseAge.code);
      assert.equal(burst.severity, 'error');
      assert.match(burst.message, /3 releases \(1\.0\.1, 1\.0\.2, 1\.0\.3\) went up within an hour/);

      const paths = fake.requests.map((r) => r.path);
      const simple = paths.filter((p) => p.startsWith('/simple/'));
      assert.equal(simple.length, new Set(analysis.lookups.map((d) => d.name)).size, `one Simple API request per name: ${simple.join(' ')}`);
      // Transitive locked packages (no `direct`) are answered by the Simple API and OSV alone.
      assert.deepEqual(paths.filter((p) => p.startsWith('/pypi/') || p.includes('/integrity/')), [], 'no JSON or Integrity API request for transitive locks');
      const osv = paths.filter((p) => p.includes('querybatch')).length;
      assert.ok(osv >= 1 && osv <= 2, `OSV queries batched: ${osv} POSTs`);
      assert.equal(paths.length, simple.length + osv, `nothing else: ${paths.join(' ')}`);
      assert.ok(!paths.some((p) => p.includes('mylib')), 'git sources are not looked up');

      // Warm: the same analysis again costs no request.
      fake.reset();
      await analyzeOnline(analysis, input, client);
      await client.idle();
      assert.deepEqual(fake.requests.map((r) => r.path), []);
    } finally {
      await client.dispose();
    }
  });

  it('an == pin in a requirements file gets PW212 from the Simple API with a fix to the newest old-enough release', async () => {
    const { client, settings } = makeClient(fake, { now: () => NOW });
    try {
      const text = `${FIXTURES.fresh}==${FIXTURES.freshVersion}\n`;
      const input: AnalysisInput = { uri: '/p/requirements.txt', text, settings, workspace: { declared: new Set(), firstParty: new Set() }, now: new Date(NOW) };
      const all = await analyzeOnline(analyzeOffline(input), input, client);
      const f = all.find((x) => x.code === CODES.releaseAge.code);
      assert.ok(f, all.map((x) => x.code).join(','));
      assert.equal(f.fixes[0]?.newText, `==${FIXTURES.freshOld}`);
      // A trusted project's own cooldown of 1 hour lets the 2-hour-old release through; an
      // untrusted one may only tighten the setting, so the release is still too new.
      const cooldown = { all: { kind: 'relative' as const, ms: 3_600_000, text: '1 hour' }, perPackage: new Map(), source: 'uv.toml' };
      const cool: AnalysisInput = { ...input, settings: { ...settings, workspaceTrusted: true }, workspace: { ...input.workspace, cooldown } };
      const none = await analyzeOnline(analyzeOffline(cool), cool, client);
      assert.equal(none.filter((x) => x.code === CODES.releaseAge.code).length, 0);
      const hostile: AnalysisInput = { ...cool, settings: { ...settings, workspaceTrusted: false } };
      const still = await analyzeOnline(analyzeOffline(hostile), hostile, client);
      assert.equal(still.filter((x) => x.code === CODES.releaseAge.code).length, 1);
    } finally {
      await client.dispose();
    }
  });
});
