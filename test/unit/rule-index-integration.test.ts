// End to end for the index rules: the real undici IndexClient asks the fake index (public, with
// OSV) and a private HTML-only fake as an extra index on 127.0.0.1; its PackageFacts go through
// INDEX_RULES. Each fixture project must raise exactly the rule it was built for.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { INDEX_RULES } from '../../server/src/assess/rules/index-rules';
import { escalateTyposquat } from '../../server/src/assess/rules/young-project';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Dependency, Finding } from '../../server/src/core/types';
import { pinnedVersionOf } from '../../server/src/identify/pins';
import { IndexClient } from '../../server/src/index/client';
import { FIXTURES, privateData, publicData } from '../fake-index/fixtures';
import { fixtureSha256 } from '../fake-index/model';
import { startFakeIndex, type FakeIndex } from '../fake-index/server';
import { ctx, dep } from './helpers/facts-builder';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('index rules over the real client and the fake index', () => {
  let pub: FakeIndex;
  let priv: FakeIndex;
  let client: IndexClient;
  let cacheDir: string;
  let settingsRaw: Record<string, unknown>;

  before(async () => {
    pub = await startFakeIndex({ data: publicData(NOW), now: NOW });
    priv = await startFakeIndex({ data: privateData(NOW), now: NOW, htmlOnly: true });
    cacheDir = mkdtempSync(join(tmpdir(), 'pipwatch-rules-'));
    settingsRaw = { index: { url: pub.simpleUrl, extraUrls: [priv.simpleUrl], osvUrl: pub.osvUrl, timeoutMs: 5000 } };
    client = new IndexClient({
      settings: normalizeSettings(settingsRaw),
      cacheDir,
      now: () => NOW,
      tuning: { publicIndexUrl: pub.simpleUrl, maxAttempts: 1, osvWindowMs: 5 },
    });
  });

  after(async () => {
    await client?.dispose();
    await pub?.close();
    await priv?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  async function assess(d: Dependency, offline: Finding[] = []): Promise<Finding[]> {
    const version = pinnedVersionOf(d);
    const facts = await client.lookup(d.name, version ? { version } : {});
    const c = ctx(settingsRaw, { now: new Date(NOW) });
    return INDEX_RULES.flatMap((r) => r.check(d, facts, c, offline));
  }
  const codes = (fs: Finding[]) => fs.map((f) => f.code).sort();

  it('an attested, active project raises nothing', async () => {
    assert.deepEqual(await assess(dep(FIXTURES.active, '==2.32.3')), []);
  });

  it('a nonexistent name: PW201 with the configured indexes', async () => {
    const out = await assess(dep(FIXTURES.missing));
    assert.deepEqual(codes(out), ['PW201']);
    assert.match(out[0].message, /does not exist on any configured index/);
  });

  it('a removed malicious name: PW208 only (not PW201)', async () => {
    const out = await assess(dep(FIXTURES.malicious, '==2.31.0'));
    assert.deepEqual(codes(out), ['PW208']);
    assert.deepEqual(out[0].evidence?.ids, [FIXTURES.maliciousId]);
  });

  it('quarantined, archived, deprecated (both status forms) and inactive: PW203', async () => {
    const q = await assess(dep(FIXTURES.quarantined));
    assert.deepEqual(codes(q), ['PW203']);
    assert.equal(q[0].severity, 'error');
    const a = await assess(dep(FIXTURES.archived));
    assert.equal(a.find((f) => f.code === 'PW203')?.evidence?.status, 'archived');
    const d = await assess(dep(FIXTURES.deprecated));
    assert.match(d.find((f) => f.code === 'PW203')!.message, /Superseded by newlib/);
    const m = await assess(dep(FIXTURES.deprecatedMeta));
    assert.equal(m.find((f) => f.code === 'PW203')?.evidence?.status, 'deprecated');
    const i = await assess(dep(FIXTURES.inactive));
    assert.equal(i.find((f) => f.code === 'PW203')?.severity, 'information');
  });

  it('a yanked pin and an all-yanked range: PW204 with the reason and the fix', async () => {
    const pin = (await assess(dep(FIXTURES.yanked, `==${FIXTURES.yankedPinned}`))).find((f) => f.code === 'PW204')!;
    assert.match(pin.message, new RegExp(FIXTURES.yankedPinnedReason));
    assert.equal(pin.fixes[0].newText, '==1.1.0');
    const range = await assess(dep(FIXTURES.yanked, FIXTURES.yankedRange));
    assert.deepEqual(range.find((f) => f.code === 'PW204')?.evidence?.yankedVersions, ['3.0.0', '3.0.1']);
  });

  it('a vulnerable pin: PW209 with the advisory merged across ids and the upgrade fix', async () => {
    const out = (await assess(dep(FIXTURES.vulnerable, `==${FIXTURES.vulnerableVersion}`))).filter((f) => f.code === 'PW209');
    assert.equal(out.length, 1);
    assert.match(out[0].message, /a known vulnerability: PYSEC-2024-101 \(.*GHSA-4x5v-gmq8-25ch.*\)/);
    assert.equal(out[0].fixes[0].newText, `==${FIXTURES.vulnerableFixedIn}`);
  });

  it('provenance dropped and publisher mismatch: PW206 / PW207', async () => {
    const dropped = await assess(dep(FIXTURES.provenanceDropped));
    assert.ok(codes(dropped).includes('PW206'));
    assert.ok(!codes(dropped).includes('PW205'));
    const mism = (await assess(dep(FIXTURES.publisherMismatch))).find((f) => f.code === 'PW207')!;
    assert.equal(mism.evidence?.publisherRepository, 'github.com/evil-fork/fastjsonx');
    assert.deepEqual(mism.evidence?.declaredRepositories, ['github.com/fastjsonx/fastjsonx']);
  });

  it('young and thin projects: PW210; a typosquat of a young project is escalated instead', async () => {
    const young = (await assess(dep(FIXTURES.brandNew))).find((f) => f.code === 'PW210')!;
    assert.equal(young.evidence?.ageDays, FIXTURES.brandNewDays);
    const thin = (await assess(dep(FIXTURES.thin))).find((f) => f.code === 'PW210')!;
    assert.equal(thin.evidence?.thin, true);
    const d = dep(FIXTURES.brandNew);
    const typo: Finding = { code: 'PW101', rule: 'typosquat', severity: 'warning', message: 'looks like x', range: d.range, dependency: d, fixes: [] };
    assert.ok(!codes(await assess(d, [typo])).includes('PW210'));
    const facts = await client.lookup(d.name);
    const [up] = escalateTyposquat([typo], facts, ctx(settingsRaw, { now: new Date(NOW) }));
    assert.equal(up.severity, 'error');
    assert.match(up.message, /first released 3 days ago/);
  });

  it('a name on the private extra index and on public PyPI: PW202', async () => {
    const out = (await assess(dep(FIXTURES.confusion))).filter((f) => f.code === 'PW202');
    assert.equal(out.length, 1);
    assert.deepEqual(out[0].evidence?.privateIndexes, [priv.simpleUrl]);
    assert.equal(out[0].evidence?.publicNewest, '99.0.0');
  });

  it('hashes: PW211 only when none matches a file of the pinned version', async () => {
    const v = FIXTURES.hashesVersion;
    const good = `sha256:${fixtureSha256(`${FIXTURES.hashes}-${v}-py3-none-any.whl`)}`;
    const other = `sha256:${fixtureSha256(`${FIXTURES.hashes}-1.1.0-py3-none-any.whl`)}`;
    assert.ok(!codes(await assess(dep(FIXTURES.hashes, `==${v}`, { hashes: [good] }))).includes('PW211'));
    assert.ok(codes(await assess(dep(FIXTURES.hashes, `==${v}`, { hashes: [other] }))).includes('PW211'));
  });
});
