import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dependencyConfusionRule } from '../../server/src/assess/rules/dependency-confusion';
import { projectStatusRule } from '../../server/src/assess/rules/project-status';
import { ctx, dep, factsFor, found, json, missing, PYPI, run, simple, unknown } from './helpers/facts-builder';

const CORP = 'https://pkgs.corp.example/simple/';

describe('dependency-confusion (PW202)', () => {
  it('warns when a private extra index and PyPI (primary) both serve the name, naming both', () => {
    const facts = factsFor('acme-auth', { '0.0.1': {}, '99.0.0': {} }, {
      extras: [{ indexUrl: CORP, result: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: CORP })) }],
    });
    const d = dep('acme-auth', '>=1.4');
    const [f, ...rest] = run(dependencyConfusionRule, d, facts);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'PW202');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, d.range);
    assert.match(f.message, /private index https:\/\/pkgs\.corp\.example\/simple\/ and on public PyPI \(https:\/\/pypi\.org\/simple\/\)/);
    assert.match(f.message, /newest 1\.4\.0 there, 99\.0\.0 on PyPI/);
    assert.match(f.message, /pip takes the highest version from either index/);
    assert.match(f.message, /PyPI is your primary index and the private one an extra/);
    assert.match(f.message, /Make the private index the only one \(--index-url to a private index that proxies PyPI, no --extra-index-url\)/);
    assert.deepEqual(f.evidence, { privateIndexes: [CORP], publicIndex: PYPI, privateNewest: '1.4.0', publicNewest: '99.0.0' });
  });

  it('uses the separate public lookup when the primary itself is private', () => {
    const MIRROR = 'https://mirror.corp.example/simple/';
    const facts = factsFor('acme-auth', {}, {
      primary: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: MIRROR })),
      extras: [{ indexUrl: CORP, result: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: CORP })) }],
      publicPypi: found(simple('acme-auth', { '2.0.0': {} })),
    });
    const out = run(dependencyConfusionRule, dep('acme-auth'), facts);
    assert.equal(out.length, 1);
    assert.match(out[0]!.message, /your primary index https:\/\/mirror\.corp\.example\/simple\/ proxies PyPI next to the private extra index/);
  });

  it('warns for a private primary plus PyPI as an extra index', () => {
    const facts = factsFor('acme-auth', {}, {
      primary: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: CORP })),
      extras: [{ indexUrl: PYPI, result: found(simple('acme-auth', { '3.0': {} })) }],
    });
    const [f] = run(dependencyConfusionRule, dep('acme-auth'), facts);
    assert.deepEqual(f.evidence?.privateIndexes, [CORP]);
    // Issue 8 §4: the old advice ("--index-url to the private index") was already in place here.
    assert.match(f.message, /the private index is your primary and PyPI an extra/);
    assert.match(f.message, /Remove PyPI as an extra index/);
    assert.doesNotMatch(f.message, /--index-url to/);
  });

  it('is silent when only one side has the name, when a side is unknown, or when the private index is the only one', () => {
    const pypiOnly = factsFor('requests', { '2.32.3': {} }, { extras: [{ indexUrl: CORP, result: missing() }] });
    assert.deepEqual(run(dependencyConfusionRule, dep('requests'), pypiOnly), []);
    const privUnknown = factsFor('acme-auth', { '1.0': {} }, { extras: [{ indexUrl: CORP, result: unknown() }] });
    assert.deepEqual(run(dependencyConfusionRule, dep('acme-auth'), privUnknown), []);
    const pubUnknown = factsFor('acme-auth', {}, {
      primary: unknown(),
      extras: [{ indexUrl: CORP, result: found(simple('acme-auth', { '1.0': {} }, { indexUrl: CORP })) }],
      publicPypi: unknown(),
    });
    assert.deepEqual(run(dependencyConfusionRule, dep('acme-auth'), pubUnknown), []);
    // --index-url private only (public PyPI known to have it, but pip never asks PyPI).
    const privatePrimaryOnly = factsFor('acme-auth', {}, {
      primary: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: CORP })),
      publicPypi: found(simple('acme-auth', { '99.0': {} })),
    });
    assert.deepEqual(run(dependencyConfusionRule, dep('acme-auth'), privatePrimaryOnly), []);
    // A private primary that lacks a name PyPI has does not proxy PyPI: the public copy is unreachable.
    const noProxy = factsFor('acme-auth', {}, {
      primary: missing(),
      extras: [{ indexUrl: CORP, result: found(simple('acme-auth', { '1.4.0': {} }, { indexUrl: CORP })) }],
      publicPypi: found(simple('acme-auth', { '99.0': {} })),
    });
    assert.deepEqual(run(dependencyConfusionRule, dep('acme-auth'), noProxy, ctx({ index: { url: 'https://mirror.corp.example/simple/' } })), []);
  });
});

describe('project-status (PW203)', () => {
  const withStatus = (status: string, reason?: string) =>
    factsFor('oldlib', {}, { primary: found(simple('oldlib', { '1.0': {} }, { status: { status, ...(reason ? { reason } : {}) } })) });

  it('quarantined is an error that says installers must not use it', () => {
    const facts = factsFor('evilpkg', {}, { primary: found(simple('evilpkg', {}, { status: { status: 'quarantined' } })), json: missing() });
    const [f] = run(projectStatusRule, dep('evilpkg'), facts);
    assert.equal(f.code, 'PW203');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /held for malware review; installers must not use it/);
    assert.equal(f.evidence?.status, 'quarantined');
  });

  it('archived and deprecated are warnings; deprecated carries its reason', () => {
    const [a] = run(projectStatusRule, dep('oldlib'), withStatus('archived'));
    assert.equal(a.severity, 'warning');
    assert.match(a.message, /archived/);
    const [d] = run(projectStatusRule, dep('oldlib'), withStatus('deprecated', 'use newlib instead'));
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /'oldlib' is deprecated: use newlib instead/);
    assert.equal(d.evidence?.reason, 'use newlib instead');
  });

  it('the Inactive classifier is information, and a stronger status wins over it', () => {
    const classifiers = ['Development Status :: 7 - Inactive', 'Programming Language :: Python :: 3'];
    const inactive = factsFor('oldlib', { '1.0': {} }, { json: found(json('oldlib', { '1.0': {} }, { classifiers })) });
    const [i] = run(projectStatusRule, dep('oldlib'), inactive);
    assert.equal(i.severity, 'information');
    assert.equal(i.evidence?.classifier, 'Development Status :: 7 - Inactive');
    const both = { ...withStatus('archived'), json: found(json('oldlib', { '1.0': {} }, { classifiers })) };
    const out = run(projectStatusRule, dep('oldlib'), both);
    assert.equal(out.length, 1);
    assert.equal(out[0].evidence?.status, 'archived');
  });

  it('active, unknown and disabled say nothing; severity can be overridden', () => {
    assert.deepEqual(run(projectStatusRule, dep('oldlib'), withStatus('active')), []);
    assert.deepEqual(run(projectStatusRule, dep('oldlib'), factsFor('oldlib', {}, { primary: unknown(), json: unknown() })), []);
    assert.deepEqual(run(projectStatusRule, dep('oldlib'), withStatus('archived'), ctx({ rules: { 'project-status': false } })), []);
    const [f] = run(projectStatusRule, dep('oldlib'), withStatus('archived'), ctx({ rules: { 'project-status': { severity: 'error' } } }));
    assert.equal(f.severity, 'error');
  });
});
