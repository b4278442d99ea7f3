import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownMaliciousRule } from '../../server/src/assess/rules/known-malicious';
import { notOnIndexRule } from '../../server/src/assess/rules/not-on-index';
import { ctx, dep, found, missing, missingFacts, run, simple, unknown } from './helpers/facts-builder';

const suggest = (name: string, limit: number) =>
  name === 'reqeusts-toolkit'
    ? [
        { name: 'requests-toolkit', rank: 1200 },
        { name: 'requests', rank: 3 },
        { name: 'requests-oauthlib', rank: 150 },
        { name: 'requests-mock', rank: 400 },
      ].slice(0, limit)
    : [];

describe('not-on-index (PW201)', () => {
  it('flags a name missing from PyPI as an error with a reason and did-you-mean fixes', () => {
    const d = dep('reqeusts-toolkit', '>=1.0');
    const [f, ...rest] = run(notOnIndexRule, d, missingFacts('reqeusts-toolkit'), ctx({}, { suggest }));
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW201');
    assert.equal(f.rule, 'not-on-index');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, d.range);
    assert.match(f.message, /'reqeusts-toolkit' does not exist on PyPI: anyone can register it, and AI assistants invent names like this/);
    assert.deepEqual(
      f.fixes.map((x) => [x.kind, x.newText, x.isPreferred]),
      [
        ['replace', 'requests-toolkit', true],
        ['replace', 'requests', false],
        ['replace', 'requests-oauthlib', false],
      ],
    );
    assert.deepEqual(f.fixes[0].range, d.range);
    assert.deepEqual(f.evidence?.indexes, ['https://pypi.org/simple/']);
  });

  it('is a warning for an import, and names every configured index when there are several', () => {
    const d = dep('fastjsonx', '', { source: 'import' });
    const facts = missingFacts('fastjsonx', { extras: [{ indexUrl: 'https://pkgs.corp.example/simple/', result: missing() }] });
    const [f] = run(notOnIndexRule, d, facts);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /is imported but no project of that name exists on any configured index \(https:\/\/pypi\.org\/simple\/, https:\/\/pkgs\.corp\.example\/simple\/\)/);
    assert.deepEqual(f.fixes, []); // no suggest() in this context
  });

  it('never flags a stdlib or first-party import', () => {
    assert.deepEqual(run(notOnIndexRule, dep('tomllib', '', { source: 'import', module: 'tomllib' }), missingFacts('tomllib')), []);
    const c = ctx({}, { workspace: { declared: new Set(), firstParty: new Set(['myapp']) } });
    assert.deepEqual(run(notOnIndexRule, dep('myapp', '', { source: 'import', module: 'myapp.models' }), missingFacts('myapp'), c), []);
    assert.equal(run(notOnIndexRule, dep('myapp', '', { source: 'import' }), missingFacts('myapp')).length, 1);
  });

  it('says nothing when any index has the name, or when any lookup is unknown', () => {
    const onExtra = missingFacts('corp-utils', {
      extras: [{ indexUrl: 'https://pkgs.corp.example/simple/', result: found(simple('corp-utils', { '1.0': {} }, { indexUrl: 'https://pkgs.corp.example/simple/' })) }],
    });
    assert.deepEqual(run(notOnIndexRule, dep('corp-utils'), onExtra), []);
    assert.deepEqual(run(notOnIndexRule, dep('corp-utils'), missingFacts('corp-utils', { primary: unknown('offline') })), []);
    const extraUnknown = missingFacts('corp-utils', { extras: [{ indexUrl: 'https://pkgs.corp.example/simple/', result: unknown() }] });
    assert.deepEqual(run(notOnIndexRule, dep('corp-utils'), extraUnknown), []);
  });

  it('skips direct references, constraint-only entries and allowlisted names', () => {
    const facts = missingFacts('mylib');
    assert.deepEqual(run(notOnIndexRule, dep('mylib', '', { url: 'https://host.example/mylib-1.0-py3-none-any.whl' }), facts), []);
    assert.deepEqual(run(notOnIndexRule, dep('mylib', '==1.0', { constraintOnly: true }), facts), []);
    assert.deepEqual(run(notOnIndexRule, dep('MyLib'), facts, ctx({ allowlist: ['mylib'] })), []);
    assert.equal(run(notOnIndexRule, dep('mylib'), facts).length, 1);
  });

  it('leaves a missing name with an OSV MAL- record to known-malicious (no double report)', () => {
    const facts = missingFacts('reqeusts', { osvProject: found([{ id: 'MAL-2024-7743', modified: '2024-05-01T00:00:00Z' }]) });
    const d = dep('reqeusts', '==2.31.0');
    assert.deepEqual(run(notOnIndexRule, d, facts), []);
    const mal = run(knownMaliciousRule, d, facts);
    assert.equal(mal.length, 1);
    assert.equal(mal[0].code, 'PW208');
    // With known-malicious switched off, the name is still missing: PW201 must not go quiet too.
    const off = ctx({ rules: { 'known-malicious': false } });
    assert.deepEqual(run(knownMaliciousRule, d, facts, off), []);
    assert.equal(run(notOnIndexRule, d, facts, off)[0].code, 'PW201');
  });

  it('redacts credentials from a configured index URL in the message', () => {
    const facts = missingFacts('x-internal-lib');
    const [f] = run(notOnIndexRule, dep('x-internal-lib'), facts, ctx({ index: { url: 'https://user:s3cret@pkgs.corp.example/simple/' } }));
    assert.doesNotMatch(f.message, /s3cret|user/);
    assert.match(f.message, /https:\/\/pkgs\.corp\.example\/simple\//);
  });
});
