import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yankedRule } from '../../server/src/assess/rules/yanked';
import { ctx, dep, factsFor, found, json, run, unknown } from './helpers/facts-builder';

// urllib3-like history: 2.0.0 yanked with a reason, 2.0.1 fine, 2.1.0 fine, 3.0.0rc1 pre-release.
const RELEASES = {
  '1.26.18': {},
  '2.0.0': { yanked: 'Breaks TLS verification on macOS' },
  '2.0.1': {},
  '2.1.0': {},
  '3.0.0rc1': {},
};

describe('yanked (PW204)', () => {
  it('flags a == pin on a yanked release with the reason and fixes to the newest non-yanked release', () => {
    const d = dep('urllib3', '==2.0.0');
    const [f, ...rest] = run(yankedRule, d, factsFor('urllib3', RELEASES));
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW204');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, d.range);
    assert.match(f.message, /urllib3 2\.0\.0 is yanked \(reason: Breaks TLS verification on macOS\)/);
    assert.deepEqual(f.evidence, { version: '2.0.0', reason: 'Breaks TLS verification on macOS', suggestedVersion: '2.1.0' });
    assert.equal(f.fixes.length, 1);
    assert.deepEqual(f.fixes[0], {
      kind: 'replace',
      range: d.specifierRange,
      newText: '==2.1.0',
      title: 'Pin to 2.1.0 (newest release that is not yanked)',
      isPreferred: true,
    });
  });

  it('keeps the other clauses and picks a version that satisfies them', () => {
    const d = dep('urllib3', '==2.0.0,<2.1');
    const [f] = run(yankedRule, d, factsFor('urllib3', RELEASES));
    assert.equal(f.fixes[0].newText, '==2.0.1,<2.1');
  });

  it('treats === like ==, and gives no fix without a specifier range (finding stays)', () => {
    const d = dep('urllib3', '===2.0.0');
    delete d.specifierRange;
    const [f] = run(yankedRule, d, factsFor('urllib3', RELEASES));
    assert.equal(f.code, 'PW204');
    assert.deepEqual(f.fixes, []);
    assert.equal(f.evidence?.suggestedVersion, '2.1.0');
  });

  it('a release is yanked only when all of its files are (PEP 592)', () => {
    const facts = factsFor('urllib3', RELEASES);
    if (facts.primary.state !== 'found') throw new Error('fixture');
    const wheel = facts.primary.value.files.find((x) => x.filename === 'urllib3-2.0.0-py3-none-any.whl')!;
    wheel.yanked = false; // sdist stays yanked, wheel not
    assert.deepEqual(run(yankedRule, dep('urllib3', '==2.0.0'), facts), []);
  });

  it('falls back to the JSON API when the Simple API is unknown', () => {
    const facts = factsFor('urllib3', RELEASES, { primary: unknown() });
    const [f] = run(yankedRule, dep('urllib3', '==2.0.0'), facts);
    assert.equal(f.evidence?.reason, 'Breaks TLS verification on macOS');
  });

  it('flags a range whose only matching versions are yanked, but not one with a good match', () => {
    const facts = factsFor('tinylib', { '1.0': {}, '2.0': { yanked: true }, '2.1': { yanked: 'bad build' } });
    const [f] = run(yankedRule, dep('tinylib', '>=2.0'), facts);
    assert.match(f.message, /Every release of tinylib matching '>=2\.0' is yanked \(newest: 2\.1 \(reason: bad build\)\)/);
    assert.deepEqual(f.evidence?.yankedVersions, ['2.0', '2.1']);
    assert.equal(run(yankedRule, dep('tinylib', '~=2.0'), facts).length, 1);
    assert.deepEqual(run(yankedRule, dep('tinylib', '>=1.0'), facts), []);
    assert.deepEqual(run(yankedRule, dep('tinylib', '>=5'), facts), []); // nothing matches: not this rule
  });

  it('is silent for a good pin, an unknown version, unknown lookups, and when disabled; severity overridable', () => {
    const facts = factsFor('urllib3', RELEASES);
    assert.deepEqual(run(yankedRule, dep('urllib3', '==2.1.0'), facts), []);
    assert.deepEqual(run(yankedRule, dep('urllib3', '==9.9.9'), facts), []);
    assert.deepEqual(run(yankedRule, dep('urllib3', '==2.0.0'), factsFor('urllib3', {}, { primary: unknown(), json: unknown() })), []);
    assert.deepEqual(run(yankedRule, dep('urllib3', '==2.0.0'), facts, ctx({ rules: { yanked: { enable: false } } })), []);
    const [f] = run(yankedRule, dep('urllib3', '==2.0.0'), facts, ctx({ rules: { yanked: { severity: 'error' } } }));
    assert.equal(f.severity, 'error');
  });

  it('a pin to a yanked pre-release may be fixed to a newer pre-release', () => {
    const facts = factsFor('betalib', { '1.0b1': { yanked: true }, '1.0b2': {} }, { json: found(json('betalib', {})) });
    const [f] = run(yankedRule, dep('betalib', '==1.0b1'), facts);
    assert.equal(f.fixes[0].newText, '==1.0b2');
  });
});
