// The analysis engine: document kinds, PW001 from parse and include problems, rule settings,
// the allowlist, lookup selection, the online phase over a stub client, and robustness on junk.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline, analyzeOnline, type AnalysisInput } from '../../server/src/assess/engine';
import { pinnedVersionOf } from '../../server/src/identify/pins';
import type { WorkspaceFacts } from '../../server/src/assess/rule';
import { OFFLINE_RULES } from '../../server/src/assess/rules/offline-rules';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings, type Settings } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';
import type { IndexClient } from '../../server/src/index/client';
import type { PackageFacts } from '../../server/src/index/facts';
import { textOfRange } from '../../server/src/parse/text';

const WS: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };

function input(uri: string, text: string, over: Partial<AnalysisInput> = {}): AnalysisInput {
  return { uri, text, settings: normalizeSettings({}), workspace: WS, ...over };
}

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line}:${f.code}`);
}

describe('analyzeOffline by document kind', () => {
  it('requirements: typosquat on the name token, lookups de-duplicated, direct references skipped', () => {
    const text = 'reqeusts==2.31.0\nflask>=3\nflask[async]\nmypkg @ https://example.org/mypkg-1.0.whl\n';
    const a = analyzeOffline(input('file:///proj/requirements.txt', text));
    assert.equal(a.kind, 'requirements');
    const typo = a.findings.find((f) => f.code === CODES.typosquat.code);
    assert.ok(typo, 'reqeusts is flagged');
    assert.equal(textOfRange(text, typo.range), 'reqeusts');
    assert.deepEqual(
      a.lookups.map((d) => d.name),
      ['reqeusts', 'flask'],
    );
  });

  it('decides the kind from the file name even when the language id is wrong (Neovim sends `text`)', () => {
    const a = analyzeOffline(input('/proj/requirements-dev.txt', 'reqeusts\n', { languageId: 'text' }));
    assert.equal(a.kind, 'requirements');
    assert.ok(a.findings.some((f) => f.code === CODES.typosquat.code));
  });

  it('pyproject: import name as requirement (PW102)', () => {
    const text = '[project]\nname = "x"\ndependencies = ["sklearn>=0.0", "requests"]\n';
    const a = analyzeOffline(input('file:///proj/pyproject.toml', text));
    assert.equal(a.kind, 'pyproject');
    const f = a.findings.find((x) => x.code === CODES.importName.code);
    assert.ok(f);
    assert.equal(textOfRange(text, f.range), 'sklearn');
  });

  it('python: imports and the PEP 723 block are both read; stdlib and first-party are not looked up', () => {
    const text = [
      '# /// script',
      '# dependencies = ["reqeusts"]',
      '# ///',
      'import os, json',
      'import mylocal.sub',
      'import zzzunknownmod',
      'import numpy',
      '',
    ].join('\n');
    const ws: WorkspaceFacts = { declared: new Set(['numpy']), firstParty: new Set(['mylocal']) };
    const a = analyzeOffline(input('file:///proj/tool.py', text, { workspace: ws }));
    assert.equal(a.kind, 'python');
    assert.ok(a.findings.some((f) => f.code === CODES.typosquat.code && f.range.start.line === 1), 'PEP 723 typo flagged');
    const undeclared = a.findings.filter((f) => f.code === CODES.undeclared.code).map((f) => textOfRange(text, f.range));
    assert.deepEqual(undeclared, ['zzzunknownmod']);
    // The script's registry name, and the unknown undeclared import; not os/json/mylocal/numpy.
    assert.deepEqual(a.lookups.map((d) => d.name).sort(), ['reqeusts', 'zzzunknownmod']);
  });

  it('imports the curated map resolves (yaml -> PyYAML) are not looked up under the import name', () => {
    const a = analyzeOffline(input('/proj/a.py', 'import yaml\nimport cv2\n'));
    assert.deepEqual(a.lookups, []);
  });

  it('an unknown kind yields nothing and no lookups', () => {
    // (README.md was the example here; Markdown is a format since issue 9.)
    const a = analyzeOffline(input('/proj/notes.txt', 'reqeusts\n'));
    assert.equal(a.kind, 'unknown');
    assert.deepEqual(a.findings, []);
    assert.deepEqual(a.lookups, []);
  });
});

describe('analyzeOffline: problems and includes', () => {
  it('invalid TOML becomes one PW001', () => {
    const a = analyzeOffline(input('/proj/pyproject.toml', '[project\nname = "x"\n'));
    assert.ok(a.findings.length >= 1);
    assert.ok(a.findings.every((f) => f.code === CODES.parse.code));
  });

  it('a missing include is a PW001 on that line; a cycle is reported too', () => {
    const files: Record<string, string> = {
      '/proj/base.txt': '-r requirements.txt\nflask\n',
    };
    const readFile = (p: string): string | undefined => files[p];
    const text = 'requests\n-r missing.txt\n-r base.txt\n';
    files['/proj/requirements.txt'] = text;
    const a = analyzeOffline(input('/proj/requirements.txt', text, { readFile }));
    const pw001 = a.findings.filter((f) => f.code === CODES.parse.code);
    assert.deepEqual(
      pw001.map((f) => f.range.start.line),
      [1, 2],
    );
    assert.match(pw001[0]!.message, /missing\.txt/);
    assert.match(pw001[1]!.message, /cycle/);
  });

  it('without readFile includes are not checked (an unsaved buffer has no directory)', () => {
    const a = analyzeOffline(input('untitled:Untitled-1', '-r missing.txt\n', { languageId: 'pip-requirements' }));
    assert.deepEqual(codes(a.findings), []);
  });
});

describe('analyzeOffline: settings', () => {
  const text = 'reqeusts\nsklearn\n';
  const run = (raw: unknown): Finding[] => analyzeOffline(input('/p/requirements.txt', text, { settings: normalizeSettings(raw) })).findings;

  it('default: both rules fire', () => {
    assert.deepEqual(codes(run({})), ['0:PW101', '1:PW102']);
  });
  it('a disabled rule is not run', () => {
    assert.deepEqual(codes(run({ rules: { typosquat: { enable: false } } })), ['1:PW102']);
  });
  it('a severity override wins', () => {
    const f = run({ rules: { 'import-name-as-requirement': { severity: 'error' } } }).find((x) => x.code === 'PW102');
    assert.equal(f?.severity, 'error');
  });
  it('the allowlist silences name-based rules for that name (PEP 503 spelling)', () => {
    assert.deepEqual(codes(run({ allowlist: ['Reqeusts'] })), ['1:PW102']);
  });
  it('enable=false silences everything', () => {
    assert.deepEqual(run({ enable: false }), []);
  });
});

describe('analyzeOffline never throws', () => {
  const junk: [string, string][] = [
    ['binary', '\u0000\u0001\u0002PK\u0003\u0004'.repeat(2000)],
    ['long line', 'a'.repeat(100_000)],
    ['lone surrogates', '\ud800\udc00\ud800 reqeusts \udfff\n'],
    ['only continuations', '\\\n'.repeat(1000)],
  ];
  for (const uri of ['/p/requirements.txt', '/p/pyproject.toml', '/p/x.py']) {
    for (const [label, text] of junk) {
      it(`${uri}: ${label}`, () => {
        const a = analyzeOffline(input(uri, text));
        assert.ok(Array.isArray(a.findings));
      });
    }
  }

  it('a rule that throws is logged and skipped; other rules still report', () => {
    const rules = OFFLINE_RULES as unknown as { info: unknown; check: () => never }[];
    const boom = { info: { ...CODES.typosquat, rule: 'boom' }, check: (): never => { throw new Error('kaboom'); } };
    rules.unshift(boom);
    const logs: string[] = [];
    try {
      const a = analyzeOffline(input('/p/requirements.txt', 'reqeusts\n', { log: (m) => logs.push(m) }));
      assert.ok(a.findings.some((f) => f.code === CODES.typosquat.code));
      assert.equal(logs.length, 1);
      assert.match(logs[0]!, /boom.*kaboom/);
    } finally {
      rules.splice(rules.indexOf(boom), 1);
    }
  });
});

describe('analyzeOnline over a stub client', () => {
  const missing = (name: string): PackageFacts => ({ name, primary: { state: 'missing' }, extras: [] });
  function stub(facts: (name: string) => PackageFacts | Promise<PackageFacts>) {
    const calls: { name: string; version?: string }[] = [];
    const client = {
      lookup: async (name: string, o: { version?: string } = {}) => {
        calls.push({ name, ...(o.version ? { version: o.version } : {}) });
        return facts(name);
      },
    } as unknown as IndexClient;
    return { client, calls };
  }

  it('looks up each name once, passes == pins, runs index rules on every occurrence and keeps offline findings', async () => {
    const text = 'zzz-not-a-real-pkg==1.0\nreqeusts\nzzz-not-a-real-pkg ; python_version < "3"\n';
    const inp = input('/p/requirements.txt', text);
    const a = analyzeOffline(inp);
    const { client, calls } = stub(missing);
    const all = await analyzeOnline(a, inp, client);
    assert.deepEqual(calls, [{ name: 'zzz-not-a-real-pkg', version: '1.0' }, { name: 'reqeusts' }]);
    assert.deepEqual(codes(all.filter((f) => f.code === CODES.notOnIndex.code)), ['0:PW201', '1:PW201', '2:PW201']);
    assert.ok(all.some((f) => f.code === CODES.typosquat.code), 'offline finding kept');
  });

  it('never throws when the client does: the offline findings plus a PW002 saying the lookup did not run', async () => {
    const inp = input('/p/requirements.txt', 'reqeusts\n');
    const a = analyzeOffline(inp);
    const { client } = stub(() => {
      throw new Error('socket hang up');
    });
    const logs: string[] = [];
    const all = await analyzeOnline(a, { ...inp, log: (m) => logs.push(m) }, client);
    assert.deepEqual(codes(all).sort(), [...codes(a.findings), '0:PW002'].sort());
    assert.match(all.find((f) => f.code === 'PW002')!.message, /could not run on 'reqeusts' \(socket hang up\)/);
    assert.match(logs.join('\n'), /socket hang up/);
  });

  it('offline settings make no lookup', async () => {
    const s: Settings = normalizeSettings({ offline: true });
    const inp = input('/p/requirements.txt', 'flask\n', { settings: s });
    const { client, calls } = stub(missing);
    await analyzeOnline(analyzeOffline(inp), inp, client);
    assert.equal(calls.length, 0);
  });

  // One pin parser for the lookup and the rules (issue 7): an `==` clause pins whatever sits next
  // to it. The old expectation (`>=1,==1.2` -> no pin) made PW209 miss `cobaltjet==2.4.0,<3`.
  it('pinnedVersionOf takes exact pins, also next to other clauses', () => {
    const dep = (specifier: string) => ({ rawName: 'a', name: 'a', source: 'requirements' as const, specifier, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
    assert.equal(pinnedVersionOf(dep('==1.2.3')), '1.2.3');
    assert.equal(pinnedVersionOf(dep('===1.0')), '1.0');
    assert.equal(pinnedVersionOf(dep('==1.*')), undefined);
    assert.equal(pinnedVersionOf(dep('>=1,==1.2')), '1.2');
    assert.equal(pinnedVersionOf(dep('==2.4.0,<3')), '2.4.0');
    assert.equal(pinnedVersionOf(dep('>=1,<2')), undefined);
    assert.equal(pinnedVersionOf(dep('')), undefined);
    assert.equal(pinnedVersionOf({ ...dep(''), version: '3.1' }), '3.1', 'a lock\'s resolved version');
  });
});
