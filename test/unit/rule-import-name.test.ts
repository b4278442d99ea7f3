import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RuleContext } from '../../server/src/assess/rule';
import { importNameRule } from '../../server/src/assess/rules/import-name';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Dependency } from '../../server/src/core/types';
import { parsePyproject } from '../../server/src/parse/pyproject';
import { parsePythonImports } from '../../server/src/parse/python-imports';
import { parseRequirements } from '../../server/src/parse/requirements';
import { textOfRange } from '../../server/src/parse/text';

function ctx(settings: unknown = {}): RuleContext {
  return {
    settings: normalizeSettings(settings),
    document: { kind: 'requirements', dependencies: [], problems: [], includes: [], indexes: [] },
    workspace: { declared: new Set(), firstParty: new Set() },
    now: new Date('2026-11-26T12:00:00Z'),
  };
}

function req(line: string): { dep: Dependency; text: string } {
  const text = `${line}\n`;
  const dep = parseRequirements(text).dependencies[0];
  assert.ok(dep, `no dependency parsed from ${line}`);
  return { dep, text };
}

describe('importNameRule (PW102)', () => {
  it('flags sklearn with the replacement and allowlist fixes', () => {
    const { dep, text } = req('sklearn>=1.0');
    const [f, ...rest] = importNameRule.check(dep, ctx());
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.code, CODES.importName.code);
    assert.equal(f.rule, 'import-name-as-requirement');
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, "'sklearn' is an import name, not the package: it installs a deprecated stub (use 'scikit-learn')");
    assert.equal(textOfRange(text, f.range), 'sklearn');
    assert.deepEqual(f.fixes, [
      { kind: 'replace', range: dep.range, newText: 'scikit-learn', isPreferred: true, title: "Replace with 'scikit-learn'" },
      { kind: 'allowlist', name: 'sklearn', title: "Add 'sklearn' to the Pipwatch allowlist" },
    ]);
    assert.deepEqual(f.evidence, { importName: 'sklearn', distributions: ['scikit-learn'], why: 'deprecated-stub' });
  });

  it('one replace fix per candidate, the first preferred', () => {
    const { dep } = req('cv2');
    const [f] = importNameRule.check(dep, ctx());
    const replaces = f!.fixes.filter((x) => x.kind === 'replace');
    assert.deepEqual(replaces.map((x) => x.newText), ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless']);
    assert.deepEqual(replaces.map((x) => x.isPreferred), [true, false, false, false]);
    assert.match(f!.message, /PyPI has no installable release of it \(use 'opencv-python' or 'opencv-python-headless'/);
  });

  it('says what each kind of name installs', () => {
    const msg = (line: string): string => importNameRule.check(req(line).dep, ctx())[0]?.message ?? '';
    assert.match(msg('jwt==1.3'), /different project \(use 'PyJWT'\)/);
    assert.match(msg('PIL'), /no installable release/);
    assert.match(msg('bs4'), /placeholder that only pulls in 'beautifulsoup4'/);
    assert.match(msg('Crypto'), /'Crypto' is an import name.*use 'pycryptodome' or 'pycrypto'/);
    assert.match(msg('azure'), /deprecated stub \(name the specific 'azure-…' distributions you import\)/);
    assert.match(msg('dotenv'), /it is not the project's distribution on PyPI \(use 'python-dotenv'\)/);
  });

  it('compares PEP 503 names: case, `_`, `.` do not matter', () => {
    assert.equal(importNameRule.check(req('SKLearn').dep, ctx()).length, 1);
    assert.equal(importNameRule.check(req('pil').dep, ctx()).length, 1);
    assert.equal(importNameRule.check(req('python_dateutil').dep, ctx()).length, 0);
  });

  it('does not flag real distributions, including ones that share an import name', () => {
    for (const line of ['multipart==1.3.1', 'snappy', 'google', 'requests', 'numpy', 'attrs', 'scikit-learn', 'PyYAML', 'psycopg2', 'Levenshtein', 'crontab', 'beautifulsoup4', 'opencv-python']) {
      assert.deepEqual(importNameRule.check(req(line).dep, ctx()), [], line);
    }
  });

  it('skips imports, direct references, allowlisted names and a disabled rule', () => {
    const imp = parsePythonImports('import sklearn\n').dependencies[0]!;
    assert.deepEqual(importNameRule.check(imp, ctx()), []);
    assert.deepEqual(importNameRule.check(req('sklearn @ https://example.com/sklearn-0.0.tar.gz').dep, ctx()), []);
    assert.deepEqual(importNameRule.check(req('sklearn').dep, ctx({ allowlist: ['SKLEARN'] })), []);
    assert.deepEqual(importNameRule.check(req('sklearn').dep, ctx({ rules: { 'import-name-as-requirement': false } })), []);
  });

  it('honours a severity override', () => {
    const [f] = importNameRule.check(req('yaml').dep, ctx({ rules: { 'import-name-as-requirement': { severity: 'error' } } }));
    assert.equal(f?.severity, 'error');
  });
});

// Real manifests of 26 projects (read in place): well-maintained projects never name an import.
const REAL = join(__dirname, '..', '..', '..', 'shared', 'data', 'real-projects');

describe('importNameRule on real projects', { skip: existsSync(REAL) ? false : `${REAL} not present` }, () => {
  it('flags nothing in the real requirements / pyproject files', () => {
    let deps = 0;
    let files = 0;
    const hits: string[] = [];
    for (const f of readdirSync(REAL, { recursive: true, encoding: 'utf8' })) {
      const isToml = f.endsWith('pyproject.toml');
      if (!isToml && !/\.(txt|in)$/.test(f)) continue;
      const text = readFileSync(join(REAL, f), 'utf8');
      const doc = isToml ? parsePyproject(text) : parseRequirements(text);
      files++;
      for (const d of doc.dependencies) {
        deps++;
        for (const x of importNameRule.check(d, ctx())) hits.push(`${f}: ${x.message}`);
      }
    }
    assert.ok(files >= 60, `${files} files read`);
    assert.ok(deps > 1000, `${deps} dependencies read`);
    assert.deepEqual(hits, []);
  });
});
