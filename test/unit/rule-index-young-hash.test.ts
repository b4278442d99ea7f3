import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashMismatchRule } from '../../server/src/assess/rules/hash-mismatch';
import { escalateTyposquat, youngProjectRule } from '../../server/src/assess/rules/young-project';
import type { Finding } from '../../server/src/core/types';
import { ctx, daysAgo, dep, factsFor, found, json, run, sha256Of, simple, unknown } from './helpers/facts-builder';

const SRC = { Source: 'https://github.com/acme/fastjsonx' };

describe('young-project (PW210)', () => {
  it('informs when the first release is within youngDays, with the age', () => {
    const rel = { '0.1.0': { uploaded: daysAgo(12) }, '0.1.1': { uploaded: daysAgo(3) }, '0.2.0': { uploaded: daysAgo(1) } };
    const facts = factsFor('fastjsonx', rel, { json: found(json('fastjsonx', rel, { projectUrls: SRC })) });
    const d = dep('fastjsonx');
    const [f, ...rest] = run(youngProjectRule, d, facts);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW210');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /first released 12 days ago/);
    assert.deepEqual(f.evidence, { firstRelease: daysAgo(12), ageDays: 12, releaseCount: 3, young: true, thin: false });
    assert.deepEqual(run(youngProjectRule, d, facts, ctx({ index: { youngDays: 10 } })), []);
  });

  it('counts JSON-only releases when dating the first release', () => {
    const rel = { '1.0': { uploaded: daysAgo(3) }, '1.1': { uploaded: daysAgo(2) }, '1.2': { uploaded: daysAgo(1) } };
    const facts = factsFor('relaunched', rel, { json: found(json('relaunched', { '0.1': { uploaded: daysAgo(700) }, ...rel }, { projectUrls: SRC })) });
    assert.deepEqual(run(youngProjectRule, dep('relaunched'), facts), []);
  });

  it('informs for a thin project (≤ 2 releases, no source link) however old', () => {
    const rel = { '1.0': { uploaded: daysAgo(800) } };
    const [f] = run(youngProjectRule, dep('oldthin'), factsFor('oldthin', rel));
    assert.match(f.message, /only 1 release and no source link/);
    assert.equal(f.evidence?.thin, true);
    const withLink = factsFor('oldthin', rel, { json: found(json('oldthin', rel, { projectUrls: SRC })) });
    assert.deepEqual(run(youngProjectRule, dep('oldthin'), withLink), []);
    // Without the JSON API we cannot know there is no source link.
    assert.deepEqual(run(youngProjectRule, dep('oldthin'), factsFor('oldthin', rel, { json: unknown() })), []);
  });

  it('is silent for an established project, unknown lookups, and when disabled', () => {
    const rel = { '1.0': { uploaded: daysAgo(900) }, '1.1': { uploaded: daysAgo(400) }, '2.0': { uploaded: daysAgo(5) } };
    assert.deepEqual(run(youngProjectRule, dep('estab'), factsFor('estab', rel)), []);
    assert.deepEqual(run(youngProjectRule, dep('estab'), factsFor('estab', {}, { primary: unknown(), json: unknown() })), []);
    const young = factsFor('newpkg', { '0.1': { uploaded: daysAgo(2) } });
    assert.deepEqual(run(youngProjectRule, dep('newpkg'), young, ctx({ rules: { 'young-project': false } })), []);
    assert.equal(run(youngProjectRule, dep('newpkg'), young, ctx({ rules: { 'young-project': { severity: 'warning' } } }))[0].severity, 'warning');
  });

  it('with a typosquat finding: the rule is silent and escalateTyposquat raises that finding to error', () => {
    const d = dep('reqeusts');
    const other = dep('flask', '', {}, 1);
    const typo: Finding = { code: 'PW101', rule: 'typosquat', severity: 'warning', message: "'reqeusts' looks like 'requests'", range: d.range, dependency: d, fixes: [], evidence: { target: 'requests' } };
    const typoOther: Finding = { ...typo, range: other.range, dependency: other };
    const facts = factsFor('reqeusts', { '2.31.0': { uploaded: daysAgo(4) } });
    assert.deepEqual(youngProjectRule.check(d, facts, ctx(), [typo]), []);
    const out = escalateTyposquat([typo, typoOther], facts, ctx());
    assert.equal(out.length, 2);
    assert.equal(out[0].severity, 'error');
    assert.match(out[0].message, /^'reqeusts' looks like 'requests'; first released 4 days ago/);
    assert.equal(out[0].evidence?.target, 'requests');
    assert.equal(out[0].evidence?.escalatedBy, 'PW210');
    assert.equal(out[1], typoOther); // another dependency: untouched
    assert.equal(typo.severity, 'warning'); // input not mutated
    // Old project, unknown facts, or young-project disabled: unchanged.
    assert.equal(escalateTyposquat([typo], factsFor('reqeusts', { '1.0': { uploaded: daysAgo(500) }, '1.1': {}, '1.2': {} }), ctx())[0].severity, 'warning');
    assert.equal(escalateTyposquat([typo], factsFor('reqeusts', {}, { primary: unknown(), json: unknown() }), ctx())[0].severity, 'warning');
    assert.equal(escalateTyposquat([typo], facts, ctx({ rules: { 'young-project': false } }))[0].severity, 'warning');
  });
});

describe('hash-mismatch (PW211)', () => {
  const REL = { '2.31.0': {}, '2.32.3': {} };
  const goodWheel = `sha256:${sha256Of('requests-2.31.0-py3-none-any.whl')}`;
  const otherVersion = `sha256:${sha256Of('requests-2.32.3-py3-none-any.whl')}`;
  const bogus = 'sha256:' + 'ab'.repeat(32);

  it('errors when no --hash matches any file of the pinned version', () => {
    const d = dep('requests', '==2.31.0', { hashes: [bogus, otherVersion] });
    const [f, ...rest] = run(hashMismatchRule, d, factsFor('requests', REL));
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW211');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, d.range);
    assert.match(f.message, /None of the 2 --hash values for requests==2\.31\.0 matches any of its 2 files/);
    assert.equal(f.evidence?.version, '2.31.0');
    assert.deepEqual(f.evidence?.algorithms, ['sha256']);
    assert.equal((f.evidence?.files as unknown[]).length, 2);
  });

  it('is satisfied by one matching hash (case-insensitive), including one on an extra index', () => {
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==2.31.0', { hashes: [bogus, goodWheel.toUpperCase().replace('SHA256', 'sha256')] }), factsFor('requests', REL)), []);
    const CORP = 'https://pkgs.corp.example/simple/';
    const facts = factsFor('requests', REL, {
      extras: [{ indexUrl: CORP, result: found(simple('requests', { '2.31.0': { wheelOnly: true } }, { indexUrl: CORP })) }],
    });
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==2.31.0', { hashes: [goodWheel] }), facts), []);
  });

  it('cannot tell (no finding) when the index has no digest of that algorithm, the version is absent, or lookups are unknown', () => {
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==2.31.0', { hashes: ['sha512:' + 'cd'.repeat(64)] }), factsFor('requests', REL)), []);
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==9.9', { hashes: [bogus] }), factsFor('requests', REL)), []);
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==2.31.0', { hashes: [bogus] }), factsFor('requests', REL, { primary: unknown() })), []);
    assert.deepEqual(run(hashMismatchRule, dep('requests', '>=2.31', { hashes: [bogus] }), factsFor('requests', REL)), []);
    assert.deepEqual(run(hashMismatchRule, dep('requests', '==2.31.0'), factsFor('requests', REL)), []);
  });

  it('respects settings', () => {
    const d = dep('requests', '==2.31.0', { hashes: [bogus] });
    assert.deepEqual(run(hashMismatchRule, d, factsFor('requests', REL), ctx({ rules: { 'hash-mismatch': false } })), []);
    assert.equal(run(hashMismatchRule, d, factsFor('requests', REL), ctx({ rules: { 'hash-mismatch': { severity: 'warning' } } }))[0].severity, 'warning');
  });
});
