import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { provenanceDroppedRule, provenanceMissingRule, publisherMismatchRule } from '../../server/src/assess/rules/provenance';
import { ctx, dep, factsFor, found, json, prov, run, unknown } from './helpers/facts-builder';

const RELEASES = { '2.31.0': {}, '2.32.2': {}, '2.32.3': {} };
const withProv = (list: ReturnType<typeof prov>[], projectUrls: Record<string, string> = { Source: 'https://github.com/psf/requests' }, homePage?: string) =>
  factsFor('requests', RELEASES, {
    provenance: found(list),
    json: found(json('requests', RELEASES, { projectUrls, ...(homePage !== undefined ? { homePage } : {}) })),
  });

describe('provenance-missing (PW205)', () => {
  it('hints when the newest release has no attestation and none ever had', () => {
    const d = dep('requests', '>=2.31');
    const [f, ...rest] = run(provenanceMissingRule, d, withProv([prov('2.32.3', false), prov('2.32.2', false)]));
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW205');
    assert.equal(f.severity, 'hint');
    assert.deepEqual(f.range, d.range);
    assert.deepEqual(f.evidence, { version: '2.32.3' });
  });

  it('is silent for an attested newest release, unknown provenance, and when disabled', () => {
    assert.deepEqual(run(provenanceMissingRule, dep('requests'), withProv([prov('2.32.3', true)])), []);
    assert.deepEqual(run(provenanceMissingRule, dep('requests'), factsFor('requests', RELEASES, { provenance: unknown('403') })), []);
    assert.deepEqual(run(provenanceMissingRule, dep('requests'), withProv([prov('2.32.3', false)]), ctx({ rules: { 'provenance-missing': false } })), []);
  });

  it('steps aside for provenance-dropped unless that rule is disabled', () => {
    const facts = withProv([prov('2.32.3', false), prov('2.32.2', true)]);
    assert.deepEqual(run(provenanceMissingRule, dep('requests'), facts), []);
    assert.equal(run(provenanceDroppedRule, dep('requests'), facts).length, 1);
    const c = ctx({ rules: { 'provenance-dropped': false } });
    assert.deepEqual(run(provenanceDroppedRule, dep('requests'), facts, c), []);
    assert.equal(run(provenanceMissingRule, dep('requests'), facts, c).length, 1);
  });
});

describe('provenance-dropped (PW206)', () => {
  it('warns when earlier releases were attested and the newest is not, with the old publisher as evidence', () => {
    const d = dep('requests');
    const [f] = run(provenanceDroppedRule, d, withProv([prov('2.32.3', false), prov('2.32.2', true), prov('2.31.0', true)]));
    assert.equal(f.code, 'PW206');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /requests 2\.32\.3 has no attestation, but 2\.32\.2 was attested \(published by GitHub psf\/requests publish\.yml environment pypi\): this is what a release from a stolen token looks like/);
    assert.deepEqual(f.evidence, {
      version: '2.32.3',
      attestedVersion: '2.32.2',
      publishers: [{ kind: 'GitHub', repository: 'psf/requests', workflow: 'publish.yml', environment: 'pypi' }],
    });
  });

  it('is silent when the newest is attested, when nothing was ever attested, or when unknown', () => {
    assert.deepEqual(run(provenanceDroppedRule, dep('requests'), withProv([prov('2.32.3', true), prov('2.32.2', false)])), []);
    assert.deepEqual(run(provenanceDroppedRule, dep('requests'), withProv([prov('2.32.3', false), prov('2.32.2', false)])), []);
    assert.deepEqual(run(provenanceDroppedRule, dep('requests'), factsFor('requests', RELEASES, { provenance: unknown() })), []);
  });
});

describe('publisher-mismatch (PW207)', () => {
  it('warns when the attestation publisher repository differs from the declared source', () => {
    const d = dep('requests');
    const [f] = run(publisherMismatchRule, d, withProv([prov('2.32.3', true, 'requests-fork/requests')]));
    assert.equal(f.code, 'PW207');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /published from github\.com\/requests-fork\/requests .* declares its source at github\.com\/psf\/requests/);
    assert.deepEqual(f.evidence, {
      version: '2.32.3',
      publisher: { kind: 'GitHub', repository: 'requests-fork/requests', workflow: 'publish.yml', environment: 'pypi' },
      publisherRepository: 'github.com/requests-fork/requests',
      declaredRepositories: ['github.com/psf/requests'],
    });
  });

  it('normalises case, www., trailing .git and slashes, and reads Homepage / home_page too', () => {
    const p = [prov('2.32.3', true, 'PSF/Requests')];
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, { 'Source Code': 'https://www.github.com/psf/requests.git/' })), []);
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, { Homepage: 'https://GitHub.com/psf/requests' })), []);
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, {}, 'https://github.com/psf/requests')), []);
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, { Repository: 'https://github.com/psf/requests/tree/main' })), []);
  });

  it('matches GitLab publishers with subgroups', () => {
    const p = [prov('1.0', true, 'acme/tools/pkg', 'GitLab')];
    const facts = (url: string) => withProv(p, { Source: url });
    assert.deepEqual(run(publisherMismatchRule, dep('pkg'), facts('https://gitlab.com/acme/tools/pkg/-/tree/main')), []);
    assert.equal(run(publisherMismatchRule, dep('pkg'), facts('https://gitlab.com/acme/other/pkg')).length, 1);
  });

  it('says nothing when nothing is declared, only docs links are declared, JSON is unknown, or the publisher is not a repository', () => {
    const p = [prov('2.32.3', true, 'someone/else')];
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, {})), []);
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p, { Documentation: 'https://github.com/psf/requests-docs' })), []);
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), { ...withProv(p), json: unknown() }), []);
    const google = [{ version: '1.0', attested: true, publishers: [{ kind: 'Google', email: 'ci@acme.iam.gserviceaccount.com' }] }];
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(google)), []);
    const c = ctx({ rules: { 'publisher-mismatch': { enable: false } } });
    assert.deepEqual(run(publisherMismatchRule, dep('requests'), withProv(p), c), []);
  });
});
