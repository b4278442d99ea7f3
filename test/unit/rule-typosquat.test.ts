import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typosquatRule, suggestSimilar } from '../../server/src/assess/rules/typosquat';
import type { RuleContext } from '../../server/src/assess/rule';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';
import type { Dependency, ParsedDocument } from '../../server/src/core/types';

const doc: ParsedDocument = { kind: 'requirements', dependencies: [], problems: [], includes: [], indexes: [] };

function ctx(settings: unknown = {}, ws: Partial<RuleContext['workspace']> = {}): RuleContext {
  return {
    settings: normalizeSettings(settings, DEFAULT_SETTINGS),
    document: doc,
    workspace: { declared: new Set(), firstParty: new Set(), ...ws },
    now: new Date('2026-11-26T00:00:00Z'),
  };
}

function dep(rawName: string, extra: Partial<Dependency> = {}): Dependency {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: rawName.length } };
  return { rawName, name: rawName.toLowerCase().replace(/[-_.]+/g, '-'), range, source: 'requirements', ...extra };
}

test('reqeusts: message, severity, fixes and evidence', () => {
  const [f, ...rest] = typosquatRule.check(dep('reqeusts'), ctx());
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'PW101');
  assert.equal(f.rule, 'typosquat');
  assert.equal(f.message, "'reqeusts' looks like a typo of 'requests' (#6 on PyPI): two letters swapped");
  assert.equal(f.severity, 'error'); // strong edit of a top-100 project
  assert.deepEqual(f.fixes, [
    { kind: 'replace', range: f.range, newText: 'requests', isPreferred: true, title: "Replace with 'requests'" },
    { kind: 'allowlist', name: 'reqeusts', title: "Add 'reqeusts' to the Pipwatch allowlist" },
  ]);
  assert.deepEqual(f.evidence, { target: 'requests', targetRank: 6, transformation: 'two letters swapped', kind: 'swap', strength: 'strong' });
});

test('popular names and direct references are not flagged', () => {
  for (const n of ['requests', 'boto', 'boto3', 'botocore', 'pyyaml', 'ruamel.yaml', 'jinja2', 'python-dateutil', 'msgpack-python']) {
    assert.deepEqual(typosquatRule.check(dep(n), ctx()), [], n);
  }
  assert.deepEqual(typosquatRule.check(dep('reqeusts', { url: 'https://example.com/r.whl' }), ctx()), []);
});

test('allowlist (PEP 503 compare), disable and severity override', () => {
  assert.deepEqual(typosquatRule.check(dep('Reqeusts'), ctx({ allowlist: ['REQEUSTS'] })), []);
  assert.deepEqual(typosquatRule.check(dep('reqeusts'), ctx({ rules: { typosquat: { enable: false } } })), []);
  const [f] = typosquatRule.check(dep('reqeusts'), ctx({ rules: { typosquat: { severity: 'hint' } } }));
  assert.equal(f.severity, 'hint');
});

test('suggestSimilar offers the popular twin first', () => {
  assert.equal(suggestSimilar('reqeusts', 3)[0]?.name, 'requests');
});

test('severity follows the evidence: weak -> information, medium -> warning', () => {
  const [weak] = typosquatRule.check(dep('pyrequests'), ctx());
  assert.equal(weak.evidence?.strength, 'weak');
  assert.equal(weak.severity, 'information');
  const [medium] = typosquatRule.check(dep('reqests'), ctx());
  assert.equal(medium.evidence?.strength, 'medium');
  assert.equal(medium.severity, 'warning');
  assert.equal(medium.message, "'reqests' looks like a typo of 'requests' (#6 on PyPI): letter 'u' left out");
});

test('pyproject and PEP 723 dependencies are checked like requirements; constraints too', () => {
  for (const source of ['pyproject', 'script'] as const) {
    assert.equal(typosquatRule.check(dep('colourama', { source }), ctx())[0]?.evidence?.target, 'colorama');
  }
  assert.equal(typosquatRule.check(dep('urlib3', { constraintOnly: true }), ctx()).length, 1);
});

test('imports: compared with import names, fix uses the canonical import name', () => {
  const imp = (raw: string, ws: Partial<RuleContext['workspace']> = {}) =>
    typosquatRule.check(dep(raw, { source: 'import', module: raw }), ctx({}, ws));
  const [np] = imp('nunpy');
  assert.equal(np.message, "'nunpy' looks like a typo of 'numpy' (#20 on PyPI): neighbouring key 'n' for 'm'");
  assert.equal(np.fixes[0].newText, 'numpy');
  const [y] = imp('yamll');
  assert.equal(y.fixes[0].newText, 'yaml');
  assert.equal(y.evidence?.target, 'pyyaml');
  assert.match(y.message, /import name of 'pyyaml'/);
  // stdlib, known imports, first-party and declared modules are left alone
  for (const m of ['os', 'json', 'yaml', 'dateutil', 'sklearn', 'cv2', 'utils', 'models']) assert.deepEqual(imp(m), [], m);
  assert.deepEqual(imp('nunpy', { firstParty: new Set(['nunpy']) }), []);
  assert.deepEqual(imp('nunpy', { declared: new Set(['nunpy']) }), []);
  assert.deepEqual(typosquatRule.check(dep('nunpy', { source: 'import' }), ctx({ allowlist: ['nunpy'] })), []);
});
