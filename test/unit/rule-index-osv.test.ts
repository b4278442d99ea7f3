import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownMaliciousRule } from '../../server/src/assess/rules/known-malicious';
import { collectAdvisories, knownVulnerableRule, lowestFixedVersion } from '../../server/src/assess/rules/known-vulnerable';
import type { Finding } from '../../server/src/core/types';
import { ctx, dep, factsFor, found, json, missingFacts, run, unknown, vuln } from './helpers/facts-builder';

const suggest = () => [{ name: 'requests', rank: 3 }];

describe('known-malicious (PW208)', () => {
  it('errors with every MAL- id and a link, from project and version records', () => {
    const facts = missingFacts('reqeusts', {
      osvProject: found([{ id: 'MAL-2024-7743' }, { id: 'PYSEC-2023-74' }]),
      osvVersion: found([{ id: 'MAL-2024-9001' }, { id: 'MAL-2024-7743' }]),
    });
    const d = dep('reqeusts', '==2.31.0');
    const [f, ...rest] = run(knownMaliciousRule, d, facts, ctx({}, { suggest }));
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW208');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, d.range);
    assert.match(f.message, /known malware \(MAL-2024-7743, MAL-2024-9001\)/);
    assert.match(f.message, /https:\/\/osv\.dev\/vulnerability\/MAL-2024-7743/);
    assert.deepEqual(f.evidence, {
      ids: ['MAL-2024-7743', 'MAL-2024-9001'],
      links: ['https://osv.dev/vulnerability/MAL-2024-7743', 'https://osv.dev/vulnerability/MAL-2024-9001'],
      scope: 'version',
    });
    assert.deepEqual(f.fixes.map((x) => x.newText), ['requests']);
  });

  it('leaves the did-you-mean fix to a typosquat finding on the same dependency', () => {
    const d = dep('reqeusts');
    const typo: Finding = { code: 'PW101', rule: 'typosquat', severity: 'warning', message: 'typo', range: d.range, dependency: d, fixes: [] };
    const facts = missingFacts('reqeusts', { osvProject: found([{ id: 'MAL-2024-7743' }]) });
    const [f] = knownMaliciousRule.check(d, facts, ctx({}, { suggest }), [typo]);
    assert.deepEqual(f.fixes, []);
    assert.equal(f.evidence?.scope, 'project');
  });

  it('is silent with only vulnerability ids, with unknown OSV, and when disabled', () => {
    assert.deepEqual(run(knownMaliciousRule, dep('requests'), factsFor('requests', {}, { osvProject: found([{ id: 'PYSEC-2023-74' }]) })), []);
    assert.deepEqual(run(knownMaliciousRule, dep('reqeusts'), missingFacts('reqeusts', { osvProject: unknown(), osvVersion: unknown() })), []);
    const facts = missingFacts('reqeusts', { osvProject: found([{ id: 'MAL-2024-7743' }]) });
    assert.deepEqual(run(knownMaliciousRule, dep('reqeusts'), facts, ctx({ rules: { 'known-malicious': false } })), []);
  });
});

// requests 2.31.0 / CVE-2024-35195 shape: PYSEC in the JSON API, GHSA + PYSEC in OSV.
const V1 = vuln('PYSEC-2024-60', ['GHSA-9wx4-h78v-vm56', 'CVE-2024-35195'], ['2.32.0']);
const V2 = vuln('PYSEC-2024-99', ['CVE-2024-47081'], ['2.32.4']);

describe('known-vulnerable (PW209)', () => {
  const facts = (vulns = [V1, V2], osv = [{ id: 'GHSA-9wx4-h78v-vm56' }, { id: 'PYSEC-2024-60' }, { id: 'GHSA-9hjg-9r4m-mvj7' }]) =>
    factsFor('requests', { '2.31.0': {}, '2.32.0': {}, '2.32.4': {} }, {
      json: found(json('requests', { '2.31.0': {} }, { vulnerabilities: vulns })),
      osvVersion: found(osv),
    });

  it('warns on a pinned version with advisories grouped by alias, fixed_in, and a fix to the lowest version fixing all', () => {
    const d = dep('requests', '==2.31.0');
    const [f, ...rest] = run(knownVulnerableRule, d, facts());
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW209');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /requests 2\.31\.0 has 3 known vulnerabilities: PYSEC-2024-60 \(GHSA-9wx4-h78v-vm56, CVE-2024-35195\); PYSEC-2024-99 \(CVE-2024-47081\); GHSA-9hjg-9r4m-mvj7; fixed in 2\.32\.0, 2\.32\.4/);
    assert.deepEqual(f.evidence?.fixedIn, ['2.32.0', '2.32.4']);
    assert.equal(f.evidence?.suggestedVersion, '2.32.4');
    assert.deepEqual(f.fixes, [{ kind: 'replace', range: d.specifierRange, newText: '==2.32.4', title: 'Upgrade to 2.32.4 (lowest fixed version)', isPreferred: true }]);
  });

  it('ignores withdrawn advisories and MAL- ids; says nothing for unpinned, clean or unknown', () => {
    const withdrawn = vuln('PYSEC-2020-1', [], ['3.0'], '2021-01-01T00:00:00Z');
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '==2.31.0'), facts([withdrawn], [{ id: 'MAL-2024-1' }])), []);
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '>=2.31'), facts()), []);
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '==2.31.0'), facts([], [])), []);
    const unk = factsFor('requests', {}, { json: unknown(), osvVersion: unknown() });
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '==2.31.0'), unk), []);
  });

  it('works from OSV ids alone (no JSON API), without a fix', () => {
    const f = run(knownVulnerableRule, dep('requests', '==2.31.0'), { ...facts(), json: unknown() });
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].fixes, []);
  });

  it('offers no fix that would break the other clauses or without a specifier range; respects settings', () => {
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '==2.31.0,<2.32'), facts())[0].fixes, []);
    const d = dep('requests', '==2.31.0');
    delete d.specifierRange;
    assert.deepEqual(run(knownVulnerableRule, d, facts())[0].fixes, []);
    assert.deepEqual(run(knownVulnerableRule, dep('requests', '==2.31.0'), facts(), ctx({ rules: { 'known-vulnerable': false } })), []);
    assert.equal(run(knownVulnerableRule, dep('requests', '==2.31.0'), facts(), ctx({ rules: { 'known-vulnerable': { severity: 'error' } } }))[0].severity, 'error');
  });

  it('lowestFixedVersion respects per-branch fixed_in lists', () => {
    // PYSEC-1 is fixed on the 1.2 branch at 1.2.5 and on 2.0 at 2.0.3; PYSEC-2 at 2.0.1.
    const adv = collectAdvisories([vuln('PYSEC-1', [], ['1.2.5', '2.0.3']), vuln('PYSEC-2', [], ['2.0.1'])], []);
    assert.equal(lowestFixedVersion('2.0.0', adv), '2.0.3'); // 2.0.1 still has PYSEC-1
    assert.equal(lowestFixedVersion('1.2.0', adv), '2.0.3'); // 1.2.5 still has PYSEC-2
    assert.equal(lowestFixedVersion('3.0', adv), undefined); // fixed only below the pin
    const one = collectAdvisories([vuln('PYSEC-3', [], ['1.2.5', '2.0.3'])], []);
    assert.equal(lowestFixedVersion('1.2.1', one), '1.2.5');
    assert.equal(lowestFixedVersion('2.0.0', one), '2.0.3');
  });
});
