// PW212 release-age: offline from a lock's upload time, from the Simple API for `==` pins, with
// the project's own cooldown, dormancy and burst evidence, and the fix / re-lock advice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { releaseAgeIndexRule, releaseAgeRule, escalateReleaseAge } from '../../server/src/assess/rules/release-age';
import { CODES } from '../../server/src/core/codes';
import type { Dependency } from '../../server/src/core/types';
import { cooldownFromPyproject } from '../../server/src/parse/cooldown';
import { ctx, daysAgo, dep, factsFor, lockedDep, NOW, run } from './helpers/facts-builder';

const HOUR = 3_600_000;
const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * HOUR).toISOString();

/** A uv.lock package entry as the lock parser produces it. */
const locked = (name: string, version: string, uploadTime?: string, over: Partial<Dependency> = {}): Dependency =>
  lockedDep(name, version, { ...(uploadTime ? { uploadTime } : {}), ...over }, 4);

const lockCtx = (settings: unknown = {}, over = {}) => {
  const c = ctx(settings, over);
  c.document = { ...c.document, kind: 'uv-lock' };
  return c;
};

describe('release-age offline (lock upload-time)', () => {
  it('warns on a release uploaded 2 hours ago, with the date, the age, why, and the re-lock command', () => {
    const f = releaseAgeRule.check(locked('litellm', '1.82.7', hoursAgo(2)), lockCtx());
    assert.equal(f.length, 1);
    assert.equal(f[0].code, CODES.releaseAge.code);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /litellm 1\.82\.7 was uploaded 2026-11-26 10:00 UTC \(2 hours ago\)/);
    assert.match(f[0].message, /3-day cooldown/);
    assert.match(f[0].message, /stolen token/);
    assert.match(f[0].message, /uv lock --upgrade-package litellm --exclude-newer-package litellm=2026-11-23T12:00:00Z/);
    assert.match(f[0].message, /wait until 2026-11-29 10:00 UTC/);
    assert.deepEqual(f[0].fixes, [], 'a lock is never edited by hand');
    assert.equal(f[0].evidence?.ageHours, 2);
  });

  it('is silent for an old release, without an upload time, for git sources and when the cooldown is 0', () => {
    assert.deepEqual(releaseAgeRule.check(locked('requests', '2.32.3', daysAgo(30)), lockCtx()), []);
    assert.deepEqual(releaseAgeRule.check(locked('requests', '2.32.3'), lockCtx()), []);
    assert.deepEqual(releaseAgeRule.check(locked('mylib', '0.1', hoursAgo(1), { origin: 'git' }), lockCtx()), []);
    assert.deepEqual(releaseAgeRule.check(locked('requests', '2.32.3', hoursAgo(1)), lockCtx({ releaseAge: { cooldownDays: 0 } })), []);
    assert.deepEqual(releaseAgeRule.check(locked('requests', '2.32.3', hoursAgo(1)), lockCtx({ rules: { 'release-age': false } })), []);
  });

  it('follows the project cooldown: longer, per-package exemptions and absolute cutoffs', () => {
    const policy = cooldownFromPyproject('[tool.uv]\nexclude-newer = "14 days"\n[tool.uv.exclude-newer-package]\nmylib = false\npinned = "2026-11-25T00:00:00Z"\n')!;
    const c = lockCtx({}, { cooldown: policy });
    const tenDays = releaseAgeRule.check(locked('requests', '2.32.3', daysAgo(10)), c);
    assert.equal(tenDays.length, 1, '10 days is inside a 14-day cooldown');
    assert.match(tenDays[0].message, /project's cooldown of 14 days \(\[tool\.uv\] exclude-newer in pyproject\.toml\)/);
    assert.deepEqual(releaseAgeRule.check(locked('mylib', '1.0', hoursAgo(1)), c), [], 'exempt package');
    assert.equal(releaseAgeRule.check(locked('pinned', '1.0', daysAgo(0.5)), c).length, 1, 'after the absolute cutoff');
    assert.deepEqual(releaseAgeRule.check(locked('pinned', '1.0', daysAgo(2)), c), [], 'before the absolute cutoff');
  });

  it('the index adds dormancy evidence (error) and the release to move to', () => {
    const d = locked('oldlib', '2.0.0', hoursAgo(3));
    const offline = releaseAgeRule.check(d, lockCtx());
    const facts = factsFor('oldlib', { '1.0.0': { uploaded: daysAgo(1500) }, '1.1.0': { uploaded: daysAgo(1401) }, '2.0.0': { uploaded: hoursAgo(3) } });
    const [f] = escalateReleaseAge(offline, facts, lockCtx());
    assert.equal(f.severity, 'error');
    assert.match(f.message, /follows 1400 days without a release \(since 1\.1\.0\)/);
    assert.match(f.message, /uv lock --upgrade-package oldlib==1\.1\.0/);
    assert.equal(f.evidence?.dormantDays, 1400);
    assert.equal(f.evidence?.suggestedVersion, '1.1.0');
    assert.notEqual(offline[0], f, 'inputs are not mutated');
    assert.equal(offline[0].severity, 'warning');
  });
});

describe('release-age from the Simple API (== pins)', () => {
  const facts = factsFor('fastpkg', {
    '1.0.0': { uploaded: daysAgo(60) },
    '1.1.0': { uploaded: daysAgo(20) },
    '1.2.0rc1': { uploaded: daysAgo(5) },
    '1.2.0': { uploaded: hoursAgo(2) },
  });

  it('warns on a pin to a 2-hour-old release and offers the newest release older than the cooldown', () => {
    const f = run(releaseAgeIndexRule, dep('fastpkg', '==1.2.0'), facts);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /uploaded 2026-11-26 10:00 UTC \(2 hours ago\)/);
    assert.equal(f[0].fixes[0]?.newText, '==1.1.0', 'pre-releases are not offered to a stable pin');
    assert.equal(f[0].fixes[0]?.isPreferred, true);
  });

  it('a burst of releases within an hour is an error', () => {
    const burst = factsFor('bursty', {
      '0.9.0': { uploaded: daysAgo(100) },
      '1.0.0': { uploaded: hoursAgo(2.5) },
      '1.0.1': { uploaded: hoursAgo(2) },
      '1.0.2': { uploaded: hoursAgo(1.8) },
    });
    const f = run(releaseAgeIndexRule, dep('bursty', '==1.0.1'), burst);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /3 releases \(1\.0\.0, 1\.0\.1, 1\.0\.2\) went up within an hour/);
  });

  it('says nothing for ranges, old pins, and deps whose lock recorded the time (the offline rule speaks)', () => {
    assert.deepEqual(run(releaseAgeIndexRule, dep('fastpkg', '>=1.0'), facts), []);
    assert.deepEqual(run(releaseAgeIndexRule, dep('fastpkg', '==1.1.0'), facts), []);
    assert.deepEqual(run(releaseAgeIndexRule, locked('fastpkg', '1.2.0', hoursAgo(2)), facts), []);
  });

  it('a lock without upload times (poetry.lock) is checked from the index, with advice and no edit', () => {
    const c = ctx();
    c.document = { ...c.document, kind: 'poetry-lock' };
    const f = run(releaseAgeIndexRule, locked('fastpkg', '1.2.0'), facts, c);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /constrain fastpkg to ==1\.1\.0 and run `poetry lock`/);
    assert.deepEqual(f[0].fixes, []);
  });

  it('a hashed pin gets advice instead of an edit that would break its hashes', () => {
    const f = run(releaseAgeIndexRule, dep('fastpkg', '==1.2.0', { hashes: ['sha256:' + 'a'.repeat(64)] }), facts);
    assert.match(f[0].message, /pin 1\.1\.0 and regenerate the hashes/);
    assert.deepEqual(f[0].fixes, []);
  });
});
