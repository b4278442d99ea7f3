// Version-level checks on locked packages: the locked release missing from the index (PW213),
// lock hashes that match no file (PW211), the locked release's own attestation (PW206), and the
// yanked / vulnerable checks reading a lock's version as the pin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashMismatchRule } from '../../server/src/assess/rules/hash-mismatch';
import { provenanceDroppedRule, provenanceMissingRule } from '../../server/src/assess/rules/provenance';
import { releaseMissingRule } from '../../server/src/assess/rules/release-missing';
import { knownVulnerableRule } from '../../server/src/assess/rules/known-vulnerable';
import { yankedRule } from '../../server/src/assess/rules/yanked';
import type { Dependency } from '../../server/src/core/types';
import { dep, factsFor, found, lockedDep, run, sha256Of, simple } from './helpers/facts-builder';

const locked = (name: string, version: string, over: Partial<Dependency> = {}): Dependency => lockedDep(name, version, over, 10);

describe('PW213 release-missing', () => {
  const facts = factsFor('litellm', { '1.82.5': {}, '1.82.6': {} });

  it('a locked release gone from the index is an error that says removed or quarantined', () => {
    const f = run(releaseMissingRule, locked('litellm', '1.82.7'), facts);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /litellm 1\.82\.7, which this lock resolved, is not on the index \(newest release: 1\.82\.6\)/);
    assert.match(f[0].message, /quarantine/);
  });

  it('an == pin to a version the index lacks is a warning (maybe a typo)', () => {
    const f = run(releaseMissingRule, dep('litellm', '==1.82.9'), facts);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /mistyped version/);
  });

  it('a version listed without files (PEP 700 versions) still counts as gone', () => {
    const p = simple('litellm', { '1.82.6': {} });
    p.versions.push('1.82.7');
    const f = run(releaseMissingRule, locked('litellm', '1.82.7'), factsFor('litellm', {}, { primary: found(p) }));
    assert.match(f[0].message, /listed on the index with no files left/);
  });

  it('silent when the release exists (here or on an extra index), is yanked, or the project is quarantined or unknown', () => {
    assert.deepEqual(run(releaseMissingRule, locked('litellm', '1.82.6'), facts), []);
    assert.deepEqual(run(releaseMissingRule, locked('litellm', '1.82.6'), factsFor('litellm', { '1.82.6': { yanked: 'malware' } })), []);
    const extra = factsFor('litellm', { '1.0': {} }, { extras: [{ indexUrl: 'https://corp/simple/', result: found(simple('litellm', { '1.82.7': {} })) }] });
    assert.deepEqual(run(releaseMissingRule, locked('litellm', '1.82.7'), extra), []);
    const q = factsFor('litellm', { '1.0': {} }, { primary: found(simple('litellm', { '1.0': {} }, { status: { status: 'quarantined' } })) });
    assert.deepEqual(run(releaseMissingRule, locked('litellm', '1.82.7'), q), []);
    assert.deepEqual(run(releaseMissingRule, dep('litellm', '>=1'), facts), []);
  });
});

describe('PW211 on lock hashes', () => {
  const facts = factsFor('six', { '1.16.0': {}, '1.17.0': {} });
  const good = [`sha256:${sha256Of('six-1.17.0-py3-none-any.whl')}`, `sha256:${sha256Of('six-1.17.0.tar.gz')}`];

  it('every lock hash matching a file of the locked release is clean', () => {
    assert.deepEqual(run(hashMismatchRule, locked('six', '1.17.0', { hashes: good }), facts), []);
  });

  it('one lock hash that matches no file is an error, even when the others match', () => {
    const bad = `sha256:${'ab'.repeat(32)}`;
    const f = run(hashMismatchRule, locked('six', '1.17.0', { hashes: [good[0], bad] }), facts);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /1 hash the lock records for six 1\.17\.0 matches no file of that release on the index \(2 files there\)/);
    assert.deepEqual(f[0].evidence?.hashes, [bad]);
  });

  it('hashes of another release do not match this one', () => {
    const f = run(hashMismatchRule, locked('six', '1.16.0', { hashes: good }), facts);
    assert.match(f[0].message, /^2 hashes/);
  });
});

describe('PW206 on the locked release', () => {
  const mixed = factsFor('requests', { '2.31.0': { attested: true }, '2.32.0': { attested: false }, '2.32.3': { attested: true } });

  it('an unattested locked release after an attested one is flagged, whatever the newest release is', () => {
    const f = run(provenanceDroppedRule, locked('requests', '2.32.0'), mixed);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /requests 2\.32\.0, the locked release, has no attestation, but 2\.31\.0 before it was attested/);
  });

  it('silent for an attested locked release, when the release before was not attested, and PW205 stays quiet on locks', () => {
    assert.deepEqual(run(provenanceDroppedRule, locked('requests', '2.32.3'), mixed), []);
    const never = factsFor('tiny', { '1.0': {}, '1.1': {} });
    assert.deepEqual(run(provenanceDroppedRule, locked('tiny', '1.1'), never), []);
    assert.deepEqual(run(provenanceMissingRule, locked('tiny', '1.1'), never), []);
  });
});

describe('yanked and vulnerable read the locked version', () => {
  it('a locked yanked release is flagged without an edit fix', () => {
    const f = run(yankedRule, locked('urllib3', '2.0.0'), factsFor('urllib3', { '2.0.0': { yanked: 'broken' }, '2.0.1': {} }));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /urllib3 2\.0\.0 is yanked \(reason: broken\)/);
    assert.deepEqual(f[0].fixes, []);
  });

  it('OSV ids for the locked version give PW209', () => {
    const f = run(knownVulnerableRule, locked('jinja2', '3.1.2'), factsFor('jinja2', { '3.1.2': {} }, { osvVersion: found([{ id: 'GHSA-h5c8-rqwp-cp95' }]) }));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /GHSA-h5c8-rqwp-cp95/);
  });
});
