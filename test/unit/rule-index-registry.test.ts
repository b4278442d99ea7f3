// Properties every index rule shares: a distinct registered code, silence on unknown lookups,
// the enable and severity settings, findings on the dependency's name range, and no crash on junk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IndexRule } from '../../server/src/assess/rule';
import { INDEX_RULES } from '../../server/src/assess/rules/index-rules';
import { OFFLINE_RULES } from '../../server/src/assess/rules/offline-rules';
import { CODES } from '../../server/src/core/codes';
import type { Dependency } from '../../server/src/core/types';
import type { PackageFacts } from '../../server/src/index/facts';
import { ctx, daysAgo, dep, factsFor, found, json, missingFacts, prov, simple, unknown, vuln } from './helpers/facts-builder';

const CORP = 'https://pkgs.corp.example/simple/';

/** One scenario per rule in which it must fire. */
const POSITIVE: Record<string, { d: Dependency; facts: PackageFacts }> = {
  'not-on-index': { d: dep('reqeusts-toolkit'), facts: missingFacts('reqeusts-toolkit') },
  'dependency-confusion': {
    d: dep('acme-auth'),
    facts: factsFor('acme-auth', { '99.0': {} }, { extras: [{ indexUrl: CORP, result: found(simple('acme-auth', { '1.0': {} }, { indexUrl: CORP })) }] }),
  },
  'project-status': { d: dep('oldlib'), facts: factsFor('oldlib', { '1.0': {} }, { primary: found(simple('oldlib', { '1.0': {} }, { status: { status: 'archived' } })) }) },
  yanked: { d: dep('urllib3', '==2.0.0'), facts: factsFor('urllib3', { '2.0.0': { yanked: 'bad' }, '2.0.1': {} }) },
  'provenance-missing': { d: dep('requests'), facts: factsFor('requests', { '2.32.3': {} }, { provenance: found([prov('2.32.3', false)]) }) },
  'provenance-dropped': {
    d: dep('requests'),
    facts: factsFor('requests', { '2.32.3': {} }, { provenance: found([prov('2.32.3', false), prov('2.32.2', true)]) }),
  },
  'publisher-mismatch': {
    d: dep('requests'),
    facts: factsFor('requests', { '2.32.3': {} }, {
      provenance: found([prov('2.32.3', true, 'evil/requests')]),
      json: found(json('requests', { '2.32.3': {} }, { projectUrls: { Source: 'https://github.com/psf/requests' } })),
    }),
  },
  'known-malicious': { d: dep('reqeusts'), facts: missingFacts('reqeusts', { osvProject: found([{ id: 'MAL-2024-7743' }]) }) },
  'known-vulnerable': {
    d: dep('requests', '==2.31.0'),
    facts: factsFor('requests', { '2.31.0': {} }, { json: found(json('requests', { '2.31.0': {} }, { vulnerabilities: [vuln('PYSEC-2024-60', [], ['2.32.0'])] })) }),
  },
  'young-project': { d: dep('newpkg'), facts: factsFor('newpkg', { '0.1': { uploaded: daysAgo(2) } }) },
  'hash-mismatch': { d: dep('requests', '==2.31.0', { hashes: ['sha256:' + '00'.repeat(32)] }), facts: factsFor('requests', { '2.31.0': {} }) },
  'lookup-incomplete': {
    d: dep('acme-auth'),
    facts: missingFacts('acme-auth', {
      primary: { state: 'unknown', reason: `${CORP} answered HTTP 401`, failure: { cause: 'HTTP 401 Unauthorized', source: `index ${CORP}`, hint: 'check credentials' } },
    }),
  },
  'release-missing': { d: dep('requests', '==2.31.1'), facts: factsFor('requests', { '2.31.0': {}, '2.32.0': {} }) },
  'release-age': { d: dep('fastpkg', '==1.1'), facts: factsFor('fastpkg', { '1.0': { uploaded: daysAgo(40) }, '1.1': { uploaded: daysAgo(0.1) } }) },
};

/** The same facts with every lookup turned unknown. */
function allUnknown(f: PackageFacts): PackageFacts {
  return {
    name: f.name,
    primary: unknown('offline'),
    extras: f.extras.map((e) => ({ indexUrl: e.indexUrl, result: unknown('offline') })),
    ...(f.publicPypi ? { publicPypi: unknown('offline') } : {}),
    json: unknown('offline'),
    provenance: unknown('offline'),
    osvProject: unknown('offline'),
    osvVersion: unknown('offline'),
  };
}

describe('INDEX_RULES', () => {
  it('lists every online code once, each registered in CODES', () => {
    const codes = INDEX_RULES.map((r) => r.info.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const r of INDEX_RULES) assert.deepEqual(Object.values(CODES).find((c) => c.code === r.info.code), r.info);
    const online = Object.values(CODES).filter((c) => c.online).map((c) => c.code).sort();
    // A rule may run offline when the document has the data (release-age reads a lock's
    // upload-time) and from the index otherwise: then it is in both lists.
    const both = new Set(OFFLINE_RULES.map((r) => r.info.code));
    assert.deepEqual([...codes].filter((c) => !both.has(c)).sort(), online);
  });

  for (const rule of INDEX_RULES) {
    const id = rule.info.rule;
    describe(`${rule.info.code} ${id}`, () => {
      const s = POSITIVE[id];
      it('fires in its scenario on the name range, with evidence and its default severity', () => {
        const out = rule.check(s.d, s.facts, ctx(), []);
        assert.equal(out.length, 1);
        assert.equal(out[0].code, rule.info.code);
        assert.equal(out[0].rule, id);
        assert.equal(out[0].severity, rule.info.defaultSeverity);
        assert.deepEqual(out[0].range, s.d.range);
        assert.equal(out[0].dependency, s.d);
        assert.ok(out[0].evidence && Object.keys(out[0].evidence).length > 0);
        assert.ok(out[0].message.length > 20);
      });
      it('says nothing when every lookup is unknown', () => {
        assert.deepEqual(rule.check(s.d, allUnknown(s.facts), ctx(), []), []);
      });
      it('follows the enable and severity settings', () => {
        assert.deepEqual(rule.check(s.d, s.facts, ctx({ rules: { [id]: false } }), []), []);
        const [f] = rule.check(s.d, s.facts, ctx({ rules: { [id]: { severity: 'hint' } } }), []);
        assert.equal(f.severity, 'hint');
      });
    });
  }

  it('no rule throws on junk versions, specifiers, hashes and URLs', () => {
    const junkFiles = simple('junk', { 'not a version': {}, '1.0': { yanked: true } }, { indexUrl: CORP });
    junkFiles.files.push({ filename: '\u0000garbage', url: 'x', hashes: {}, yanked: 'x'.repeat(100_000) });
    const facts: PackageFacts = {
      name: 'junk',
      primary: found(junkFiles),
      extras: [{ indexUrl: 'not a url', result: found(junkFiles) }],
      publicPypi: found(junkFiles),
      json: found({ ...json('junk', { '???': { uploaded: 'yesterday' } }, { projectUrls: { Source: 'http://[::1' }, homePage: '::' }) }),
      provenance: found([{ version: '', attested: false, publishers: [] }, { version: 'x', attested: true, publishers: [{ kind: '', repository: '' }] }]),
      osvProject: found([{ id: '' }]),
      osvVersion: found([{ id: 'MAL-' }]),
    };
    const specs = ['==', '===', '==not a version', '>=<', '==1.0.*', '~=', ',,,', '==1.0,' + 'x'.repeat(100_000)];
    for (const rule of INDEX_RULES) {
      for (const sp of specs) {
        const d = dep('junk', sp, { hashes: ['', 'sha256:', ':::', 'md5:zz'] });
        assert.doesNotThrow(() => rule.check(d, facts, ctx(), []), `${rule.info.rule} with '${sp.slice(0, 20)}'`);
      }
    }
  });
});

// Keep the positive table in step with the list.
it('every index rule has a positive scenario', () => {
  const ids = INDEX_RULES.map((r: IndexRule) => r.info.rule).sort();
  assert.deepEqual(Object.keys(POSITIVE).sort(), ids);
});
