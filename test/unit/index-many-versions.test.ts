// A project with 100,000 versions (issue 8 §7) through the real client and the fake index: the
// lookup keeps the newest MAX_RELEASES releases by upload order plus the pinned one, says so in
// the facts and in the findings' evidence, and the rules still see the pinned release (here a
// yanked one, far outside the newest releases). Speed is measured in bench/releases.ts, not here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeOffline, analyzeOnline } from '../../server/src/assess/engine';
import { normalizeSettings } from '../../server/src/core/settings';
import { capSimpleProject, MAX_RELEASES } from '../../server/src/index/cap';
import type { IndexFile, SimpleProject } from '../../server/src/index/facts';
import { manyVersionsData } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fakeIndex } from '../protocol/helpers/fixtures';

const N = 100_000;
const data = manyVersionsData(N);
const fake = fakeIndex({ data });

describe('a project with 100,000 versions', () => {
  it('the lookup keeps the newest releases plus the pinned one, and reports the cap', async () => {
    // The body is ~30 MB: past the default 20 MB response cap, so the test raises it.
    const { client } = makeClient(fake, { index: { timeoutMs: 120_000 }, tuning: { maxResponseBytes: 256 * 1024 * 1024 } });
    try {
      const f = await client.lookup(data.name, { version: data.pinned });
      assert.equal(f.primary.state, 'found');
      if (f.primary.state !== 'found') return;
      const p = f.primary.value;
      assert.deepEqual(p.releaseCap, { kept: MAX_RELEASES + 1, total: N });
      assert.equal(new Set(p.files.map((x) => x.version)).size, MAX_RELEASES + 1);
      assert.ok(p.versions.includes(data.pinned), 'the pinned release is kept');
      assert.ok(p.versions.includes(`0.${Math.floor((N - 1) / 1000)}.${(N - 1) % 1000}`), 'the newest upload is kept');
      assert.equal(f.json?.state, 'found');
      if (f.json?.state === 'found') {
        assert.equal(Object.keys(f.json.value.releases).length, MAX_RELEASES + 1);
        assert.ok(data.pinned in f.json.value.releases);
      }

      const input = { uri: '/w/requirements.txt', text: `${data.name}==${data.pinned}\n`, settings: normalizeSettings({}), workspace: { declared: new Set<string>(), firstParty: new Set<string>() } };
      const findings = await analyzeOnline(analyzeOffline(input), input, client);
      const yanked = findings.find((x) => x.rule === 'yanked');
      assert.ok(yanked, `the pinned release is yanked: ${findings.map((x) => x.code).join(', ')}`);
      assert.deepEqual(yanked.evidence?.releaseCap, { kept: MAX_RELEASES + 1, total: N }, 'the cap is visible in evidence');
    } finally {
      await client.dispose();
    }
  });

  it('capSimpleProject: newest by upload time, pin by PEP 440 equality, nothing cut under the cap', () => {
    const file = (version: string, day: number): IndexFile => ({ filename: `x-${version}.tar.gz`, url: 'https://h/x', version, hashes: {}, yanked: false, uploadTime: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z` });
    // Upload order is not version order: 9.0 is the oldest upload.
    const files = [file('9.0', 1), file('1.0.0', 2), file('1.1', 3), file('1.2', 4), file('1.3', 5)];
    const p: SimpleProject = { indexUrl: 'https://h/simple/', name: 'x', versions: files.map((f) => f.version!), files };
    assert.equal(capSimpleProject(p, undefined, 10), p, 'under the cap: the same object');
    const c = capSimpleProject(p, '1.0', 2);
    assert.deepEqual(c.versions, ['1.0.0', '1.2', '1.3'], "the two newest uploads and the pin spelled '1.0'");
    assert.deepEqual(c.releaseCap, { kept: 3, total: 5 });
    assert.equal(capSimpleProject(c, '1.0', 2), c, 'a capped project is not cut again');
  });
});
