// Noise (issue 8 §10) and unchecked names (§8): one finding per token, Python 2 stdlib in compat
// guards is stdlib, a severity override never raises a guarded import, over-long names are said
// to be unchecked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline } from '../../server/src/assess/engine';
import { dedupFindings } from '../../server/src/assess/dedup';
import type { WorkspaceFacts } from '../../server/src/assess/rule';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Finding, Range } from '../../server/src/core/types';
import { naiveCheck, TypoIndex } from '../../server/src/assess/typo/index';
import { getPopularity } from '../../server/src/identify/popularity';

const WS: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };

function analyse(uri: string, text: string, settings: Record<string, unknown> = {}) {
  return analyzeOffline({ uri, text, settings: normalizeSettings(settings), workspace: WS });
}

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line}:${f.code}`);
}

describe('one finding per range', () => {
  it("'yaml' in requirements is one PW102 (install PyYAML), not also a typo guess", () => {
    const a = analyse('file:///p/requirements.txt', 'yaml\nbs4\nreqeusts\n');
    assert.deepEqual(codes(a.findings), ['0:PW102', '1:PW102', '2:PW101']);
    assert.match(a.findings[0]!.message, /PyYAML/);
  });

  it('the policy: an index answer or curated fact beats a guess, a guess beats the hint; other codes stay', () => {
    const r: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const other: Range = { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } };
    const f = (code: string, range = r): Finding => ({ code, rule: code, severity: 'warning', message: code, range, fixes: [] });
    const keep = (...fs: Finding[]) => dedupFindings(fs).map((x) => x.code).join(' ');
    assert.equal(keep(f('PW101'), f('PW102'), f('PW103')), 'PW102');
    assert.equal(keep(f('PW103'), f('PW101')), 'PW101');
    assert.equal(keep(f('PW103'), f('PW201')), 'PW201');
    assert.equal(keep(f('PW101'), f('PW201'), f('PW208'), f('PW209')), 'PW101 PW201 PW208 PW209');
    assert.equal(keep(f('PW102'), f('PW101', other)), 'PW102 PW101');
  });

  it('an import flagged as a typo loses its "install it" hint', () => {
    const a = analyse('file:///p/app.py', 'import seaborm\n');
    assert.deepEqual(codes(a.findings), ['0:PW101']);
  });
});

describe('Python 2 standard library in compat code', () => {
  const py2 = ['StringIO', 'urlparse', 'md5', 'cPickle', 'ConfigParser', 'Queue', 'urllib2', 'httplib', 'cStringIO', 'HTMLParser', 'Tkinter', '__builtin__', 'commands', 'sets', 'exceptions', 'thread', 'dummy_thread', 'SocketServer', 'SimpleHTTPServer', 'BaseHTTPServer', 'Cookie', 'cookielib', 'xmlrpclib', 'htmlentitydefs', 'anydbm', 'dbhash', 'whichdb', 'copy_reg', 'repr', 'UserDict', 'UserList', 'UserString', 'robotparser', 'markupbase', 'sha', 'new', 'imp'];

  it('guarded imports are never told "install StringIO" and never looked up', () => {
    const body = py2.map((m) => `    import ${m}\n`).join('');
    const text = `try:\n${body}except ImportError:\n    import io\nfrom urlparse import urljoin\n`;
    const a = analyse('file:///p/compat.py', text);
    assert.deepEqual(codes(a.findings), []);
    assert.deepEqual(a.lookups, []);
  });
});

describe('severity overrides and guarded imports', () => {
  const text = 'try:\n    import yaml\nexcept ImportError:\n    yaml = None\nimport toml\n';
  for (const severity of ['error', 'warning', 'information'] as const) {
    it(`rules.undeclared-import = ${severity} raises the unguarded import only`, () => {
      const a = analyse('file:///p/app.py', text, { rules: { 'undeclared-import': { severity } } });
      const by = new Map(a.findings.map((f) => [f.range.start.line, f.severity]));
      assert.equal(by.get(1), 'hint');
      assert.equal(by.get(4), severity);
    });
  }
});

describe('names no index is asked about', () => {
  it('a name over 200 characters is a visible PW001, not silently skipped', () => {
    const long = 'a'.repeat(250);
    const a = analyse('file:///p/requirements.txt', `${long}==1.0\nflask\n`);
    assert.deepEqual(a.lookups.map((d) => d.name), ['flask']);
    const f = a.findings.find((x) => x.code === CODES.parse.code);
    assert.ok(f, codes(a.findings).join(' '));
    assert.equal(f.range.start.line, 0);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /250 characters long.*not checked on the index/);
  });

  it('offline, nothing is looked up, so nothing is said about it', () => {
    const a = analyse('file:///p/requirements.txt', `${'a'.repeat(250)}\n`, { offline: true });
    assert.deepEqual(codes(a.findings), []);
  });
});

describe('typo target: the closest popular name', () => {
  const pop = getPopularity();
  const ix = TypoIndex.build(pop);
  it("'flake9' is a typo of flake8 (one digit), not flake8-2020", () => {
    for (const n of ['flake9', 'flake7']) {
      const m = ix.check(n);
      assert.equal(m?.target, 'flake8', n);
      assert.match(m!.transformation, /'8' changed to/);
      assert.deepEqual(naiveCheck(pop, n), m, `${n}: index == naive`);
    }
    const a = analyse('file:///p/requirements.txt', 'flake9\n');
    assert.match(a.findings[0]!.message, /typo of 'flake8'/);
  });

  it('an affix slip is near: ldap stays python-ldap (not ldap3), py-hjson names hjson (not pyjson)', () => {
    for (const [n, t] of [['ldap', 'python-ldap'], ['iso639', 'python-iso639'], ['py-hjson', 'hjson'], ['python-patch', 'patch']]) {
      assert.equal(ix.check(n)?.target, t, n);
      assert.deepEqual(naiveCheck(pop, n), ix.check(n), `${n}: index == naive`);
    }
  });

  it('targets that were already the closest stay', () => {
    for (const [n, t] of [['reqeusts', 'requests'], ['urllib4', 'urllib3'], ['boto4', 'boto3'], ['djnago', 'django']]) {
      assert.equal(ix.check(n)?.target, t, n);
      assert.deepEqual(naiveCheck(pop, n), ix.check(n));
    }
  });
});

describe('a module guarded once is optional in the whole file', () => {
  it('the import behind the guard\'s flag stays a hint (requests\' compat.py)', () => {
    const text = 'has_simplejson = False\ntry:\n    import simplejson as json\n    has_simplejson = True\nexcept ImportError:\n    import json\n\nif has_simplejson:\n    from simplejson import JSONDecodeError\nimport toml\n';
    const a = analyse('file:///p/compat.py', text, { rules: { 'undeclared-import': { severity: 'warning' } } });
    assert.deepEqual(a.findings.map((f) => `${f.range.start.line}:${f.severity}`), ['2:hint', '8:hint', '9:warning']);
    assert.deepEqual(a.lookups.map((d) => d.name), ['toml']);
  });
});

describe('setup.py', () => {
  it('imports setuptools from the PEP 518 default build environment: not undeclared', () => {
    const text = 'import setuptools\nfrom setuptools import setup\nimport toml\n';
    assert.deepEqual(codes(analyse('file:///p/setup.py', text).findings), ['2:PW103']);
    assert.deepEqual(codes(analyse('file:///p/build_tool.py', text).findings), ['0:PW103', '1:PW103', '2:PW103']);
  });
});
