// Locked packages: offline rules run on transitive ones too, and a finding on one says who pulls
// it in; packages from git/path/workspace sources are never looked up on an index (issue 7 §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline, isRegistryLookup } from '../../server/src/assess/engine';
import { pulledInBySuffix, withPulledInBy } from '../../server/src/assess/pulled-in-by';
import type { RuleContext, WorkspaceFacts } from '../../server/src/assess/rule';
import { typosquatRule } from '../../server/src/assess/rules/typosquat';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';
import { parseUvLock } from '../../server/src/parse/locks/uv-lock';
import { hoverMarkdown } from '../../server/src/present/hover';

const WS: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };

const LOCK = `version = 1
revision = 3

[[package]]
name = "app"
version = "1.0"
source = { editable = "." }
dependencies = [{ name = "httpx" }, { name = "colourama" }, { name = "mylib" }]

[[package]]
name = "httpx"
version = "0.28.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "reqeusts" }]

[[package]]
name = "rich"
version = "13.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "reqeusts" }]

[[package]]
name = "reqeusts"
version = "2.31.0"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://files.pythonhosted.org/r.whl", hash = "sha256:${'c'.repeat(64)}", upload-time = "2026-11-25T10:00:00Z" }]

[[package]]
name = "colourama"
version = "0.4.6"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "mylib"
version = "0.1"
source = { git = "https://github.com/me/mylib#0123456789abcdef0123456789abcdef01234567" }
`;

test('a typosquat deep in the lock is found and says who pulls it in; a direct one does not', () => {
  const doc = parseUvLock(LOCK);
  const ctx: RuleContext = { settings: DEFAULT_SETTINGS, document: doc, workspace: WS, now: new Date('2026-11-26T00:00:00Z') };
  const findings = doc.dependencies.flatMap((d) => typosquatRule.check(d, ctx)).map(withPulledInBy);
  const byName = Object.fromEntries(findings.map((f) => [f.dependency!.name, f.message]));
  assert.match(byName['reqeusts']!, /looks like a typo of 'requests'.* \(pulled in by httpx, rich\)$/);
  assert.ok(byName['colourama'], 'a direct typo is found too');
  assert.doesNotMatch(byName['colourama']!, /pulled in by/);
});

test('pulled-in-by lists at most three names', () => {
  const dep = { rawName: 'x', name: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source: 'lock' as const, direct: false, requiredBy: ['a', 'b', 'c', 'd', 'e'] };
  assert.equal(pulledInBySuffix(dep), ' (pulled in by a, b, c and 2 more)');
  assert.equal(pulledInBySuffix({ ...dep, direct: true }), '');
  assert.equal(pulledInBySuffix({ ...dep, source: 'requirements' }), '');
});

test('only registry packages are looked up', () => {
  const doc = parseUvLock(LOCK);
  const looked = doc.dependencies.filter((d) => isRegistryLookup(d, WS)).map((d) => d.name);
  assert.deepEqual(looked, ['httpx', 'rich', 'reqeusts', 'colourama']);
});

test('hover of a locked package: version, who requires it, upload time', () => {
  const doc = parseUvLock(LOCK);
  const dep = doc.dependencies.find((d) => d.name === 'reqeusts')!;
  const now = new Date('2026-11-25T12:00:00Z');
  const md = hoverMarkdown({ dependency: dep, distributions: ['reqeusts'], findings: [], facts: new Map(), lookup: 'off', popularity: { rank: () => undefined, snapshotDate: '2026-11', size: 15000 }, now });
  assert.match(md, /locked package `reqeusts 2\.31\.0` in `uv\.lock`/);
  assert.match(md, /Required by: \*\*httpx\*\*, \*\*rich\*\*/);
  // With its age since release-age (PW212): the date alone does not say "two hours ago".
  assert.match(md, /Uploaded \(newest file, per the lock\): 2026-11-25 10:00 UTC \(2 hours ago\)/);
  const git = doc.dependencies.find((d) => d.name === 'mylib')!;
  assert.match(hoverMarkdown({ dependency: git, distributions: ['mylib'], findings: [], facts: new Map(), lookup: 'off', popularity: { rank: () => undefined, snapshotDate: '2026-11', size: 15000 } }), /from git, not an index/);
});

test('the engine analyses uv.lock: a transitive typosquat with who pulls it in, no lookup for git', () => {
  const a = analyzeOffline({ uri: 'file:///proj/uv.lock', text: LOCK, settings: normalizeSettings({}), workspace: WS });
  assert.equal(a.kind, 'uv-lock');
  const typo = a.findings.find((f) => f.code === 'PW101' && f.dependency?.name === 'reqeusts');
  assert.match(typo!.message, /\(pulled in by httpx, rich\)$/);
  assert.ok(!a.lookups.some((d) => d.name === 'mylib'));
});

test('deep in the tree: the finding names the direct dependency it comes through, in every lock format with edges', () => {
  // app -> flask -> werkzeug -> reqeusts, and app -> httpx -> reqeusts: who needs it is werkzeug
  // and httpx; what the user asked for is flask and httpx.
  const uv = [
    'version = 1',
    '[[package]]\nname = "app"\nversion = "1"\nsource = { virtual = "." }\ndependencies = [{ name = "flask" }, { name = "httpx" }]',
    '[[package]]\nname = "flask"\nversion = "3"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "werkzeug" }]',
    '[[package]]\nname = "httpx"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "reqeusts" }]',
    '[[package]]\nname = "werkzeug"\nversion = "3"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "reqeusts" }, { name = "werkzeug" }]',
    '[[package]]\nname = "reqeusts"\nversion = "2"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "werkzeug" }]',
  ].join('\n\n');
  const poetry = [
    '[[package]]\nname = "flask"\nversion = "3"\n\n[package.dependencies]\nwerkzeug = "*"',
    '[[package]]\nname = "werkzeug"\nversion = "3"\n\n[package.dependencies]\nreqeusts = "*"',
    '[[package]]\nname = "reqeusts"\nversion = "2"',
    '[metadata]\nlock-version = "2.0"',
  ].join('\n\n');
  const pdm = [
    '[metadata]\nlock_version = "4.5.0"',
    '[[package]]\nname = "flask"\nversion = "3"\ndependencies = ["werkzeug>=3"]',
    '[[package]]\nname = "werkzeug"\nversion = "3"\ndependencies = ["reqeusts"]',
    '[[package]]\nname = "reqeusts"\nversion = "2"',
  ].join('\n\n');
  const pylock = [
    'lock-version = "1.0"\ncreated-by = "x"',
    '[[packages]]\nname = "flask"\nversion = "3"\ndependencies = [{ name = "werkzeug" }]',
    '[[packages]]\nname = "werkzeug"\nversion = "3"\ndependencies = [{ name = "reqeusts" }]',
    '[[packages]]\nname = "reqeusts"\nversion = "2"',
  ].join('\n\n');
  const cases: [string, string, RegExp][] = [
    ['uv.lock', uv, /\(pulled in by httpx, werkzeug, through your dependency flask\)$/],
    ['poetry.lock', poetry, /\(pulled in by werkzeug, through your dependency flask\)$/],
    ['pdm.lock', pdm, /\(pulled in by werkzeug, through your dependency flask\)$/],
    ['pylock.toml', pylock, /\(pulled in by werkzeug, through your dependency flask\)$/],
  ];
  for (const [name, text, want] of cases) {
    const a = analyzeOffline({ uri: `file:///proj/${name}`, text, settings: normalizeSettings({}), workspace: WS });
    const typo = a.findings.find((f) => f.code === 'PW101' && f.dependency?.name === 'reqeusts');
    assert.ok(typo, `${name}: the transitive typo is found`);
    assert.match(typo.message, want, name);
    assert.deepEqual(typo.evidence?.directVia, ['flask', ...(name === 'uv.lock' ? ['httpx'] : [])], name);
  }
});

test('pulled-in-by: a direct parent needs no "through"; more than three are counted', () => {
  const base = { rawName: 'x', name: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source: 'lock' as const, direct: false };
  assert.equal(pulledInBySuffix({ ...base, requiredBy: ['flask'], directVia: ['flask'] }), ' (pulled in by flask)');
  assert.equal(pulledInBySuffix({ ...base, requiredBy: ['w'], directVia: ['a', 'b', 'c', 'd'] }), ' (pulled in by w, through your dependencies a, b, c and 1 more)');
});
