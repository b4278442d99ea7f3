// Lost findings (issue 8 §8): deeply nested input must never turn a file into "no findings".
// Every parser gets generated deep nesting; the findings before (and after) the deep part stay,
// and the deep part itself is a PW001 warning naming its line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline } from '../../server/src/assess/engine';
import type { WorkspaceFacts } from '../../server/src/assess/rule';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings } from '../../server/src/core/settings';
import { limitPythonNesting, limitTomlNesting, MAX_PYTHON_DEPTH, MAX_TOML_DEPTH } from '../../server/src/parse/nesting';
import { parseScriptMetadata } from '../../server/src/parse/pep723';
import { parsePyproject } from '../../server/src/parse/pyproject';

const WS: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };
const DEPTHS = [150, 20_000];

function analyse(uri: string, text: string) {
  return analyzeOffline({ uri, text, settings: normalizeSettings({}), workspace: WS });
}

function lines(a: ReturnType<typeof analyse>): string[] {
  return a.findings.map((f) => `${f.range.start.line}:${f.code}`);
}

function deepProblem(a: ReturnType<typeof analyse>, line: number): void {
  const f = a.findings.find((x) => x.code === CODES.parse.code && /nesting too deep/.test(x.message));
  assert.ok(f, `a PW001 about nesting in ${JSON.stringify(a.findings.map((x) => x.message))}`);
  assert.equal(f.range.start.line, line);
  assert.match(f.message, new RegExp(`at line ${line + 1}\\b`));
  assert.equal(f.severity, 'warning');
}

describe('deep nesting keeps every other finding', () => {
  for (const n of DEPTHS) {
    it(`pyproject.toml: ${n} nested arrays and inline tables`, () => {
      const text = [
        '[project]',
        'name = "x"',
        'dependencies = ["reqeusts", "flask"]',
        '[tool.junk]',
        `a = ${'['.repeat(n)}${']'.repeat(n)}`,
        `b = ${'{ c = '.repeat(n)}1${' }'.repeat(n)}`,
        '[project.optional-dependencies]',
        'dev = ["pytset"]',
        '',
      ].join('\n');
      const a = analyse('file:///p/pyproject.toml', text);
      assert.deepEqual(a.parsed.dependencies.map((d) => d.name), ['reqeusts', 'flask', 'pytset']);
      assert.ok(lines(a).includes('2:PW101'), lines(a).join(' '));
      assert.ok(lines(a).includes('7:PW101'), lines(a).join(' '));
      deepProblem(a, 4);
      assert.ok(lines(a).includes('5:PW001'), 'the inline-table statement is reported too');
    });

    it(`PEP 723 block: ${n} nested arrays`, () => {
      const text = `# /// script\n# dependencies = ["reqeusts"]\n# [tool.x]\n# y = ${'['.repeat(n)}${']'.repeat(n)}\n# ///\nimport os\n`;
      const a = analyse('file:///p/tool.py', text);
      assert.deepEqual(a.parsed.dependencies.map((d) => d.name), ['reqeusts', 'os']);
      assert.ok(lines(a).includes('1:PW101'));
      deepProblem(a, 3);
    });

    it(`requirements: ${n} nested marker parentheses`, () => {
      const text = `reqeusts\nflask ; ${'('.repeat(n)}python_version > "3"${')'.repeat(n)}\nnumpy\n`;
      const a = analyse('file:///p/requirements.txt', text);
      assert.deepEqual(a.parsed.dependencies.map((d) => d.name), ['reqeusts', 'numpy']);
      assert.deepEqual(lines(a), ['0:PW101', '1:PW001']);
    });

    it(`python: ${n} nested brackets and calls`, () => {
      const text = [
        'import reqeusts',
        `x = ${'['.repeat(n)}${']'.repeat(n)}`,
        `y = ${'f('.repeat(n)}1${')'.repeat(n)}`,
        'import flask',
        '',
      ].join('\n');
      const a = analyse('file:///p/app.py', text);
      assert.deepEqual(a.parsed.dependencies.map((d) => d.name), ['reqeusts', 'flask']);
      // Past CPython's own limit of 200 brackets the rest of the statement is not parsed: PW001 says so.
      assert.deepEqual(lines(a), n > 200 ? ['0:PW101', '1:PW001', '2:PW001', '3:PW103'] : ['0:PW101', '3:PW103']);
      if (n > 200) deepProblem(a, 1);
    });
  }

  it('python: 390,000 nested brackets: blanked past 200, both imports kept, one PW001 warning', () => {
    const n = 390_000;
    const a = analyse('file:///p/app.py', `import reqeusts\nx = ${'['.repeat(n)}${']'.repeat(n)}\nimport flask\n`);
    assert.deepEqual(a.parsed.dependencies.map((d) => d.name), ['reqeusts', 'flask']);
    deepProblem(a, 1);
  });

  it('python: brackets in strings and comments do not count', () => {
    const deepText = '['.repeat(500);
    const r = limitPythonNesting(`s = "${deepText}"\nt = """${deepText}\n"""\nu = r'\\'${deepText}'\n# ${deepText}\nv = f"{x}${deepText}"\n`);
    assert.deepEqual(r.deep, []);
    const d = limitPythonNesting(`x = ${'('.repeat(MAX_PYTHON_DEPTH + 1)}1${')'.repeat(MAX_PYTHON_DEPTH + 1)}\ny = 2\n`);
    assert.deepEqual(d.deep, [4 + MAX_PYTHON_DEPTH]);
    assert.match(d.text, /^x = \(+ {3}\)+\ny = 2\n$/);
  });

  it('python: 1,000 nested blocks keep the innermost import and its guard', () => {
    const blocks = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('');
    const guard = `${' '.repeat(1000)}try:\n${' '.repeat(1001)}import yaml\n${' '.repeat(1000)}except ImportError:\n${' '.repeat(1001)}pass\n`;
    const a = analyse('file:///p/app.py', `import reqeusts\n${blocks}${guard}`);
    const yaml = a.parsed.dependencies.find((d) => d.name === 'yaml');
    assert.ok(yaml?.optional, 'the guard is still seen 1,000 levels down');
  });
});

describe('limitTomlNesting', () => {
  it('blanks only the too-deep statement, keeping every offset', () => {
    const deep = `${'['.repeat(MAX_TOML_DEPTH + 1)}${']'.repeat(MAX_TOML_DEPTH + 1)}`;
    const text = `a = 1\nb = ${deep}\nc = "[[[[ not brackets"  # [[[[\n`;
    const r = limitTomlNesting(text);
    assert.equal(r.text.length, text.length);
    assert.equal(r.deep.length, 1);
    assert.equal(r.text, `a = 1\n${' '.repeat(4 + deep.length)}\nc = "[[[[ not brackets"  # [[[[\n`);
    assert.equal(r.deep[0]!.at, 6 + 4 + MAX_TOML_DEPTH);
  });

  it('leaves nesting at the limit, strings and comments alone', () => {
    const ok = `a = ${'['.repeat(MAX_TOML_DEPTH)}${']'.repeat(MAX_TOML_DEPTH)}\n`;
    assert.deepEqual(limitTomlNesting(ok).deep, []);
    const strings = `a = """${'['.repeat(500)}"""\nb = '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\nc = "\\"${'['.repeat(500)}"\n`;
    assert.deepEqual(limitTomlNesting(strings).deep, []);
    assert.equal(parsePyproject(strings).problems.length, 0);
  });

  it('an unclosed deep value is blanked to the end; what came before still parses', () => {
    const r = parsePyproject(`[project]\ndependencies = ["reqeusts"]\nx = ${'['.repeat(5000)}\n`);
    assert.deepEqual(r.dependencies.map((d) => d.name), ['reqeusts']);
    assert.match(r.problems[0]!.message, /nesting too deep at line 3/);
  });

  it('a deep value inside the dependency array costs that array, not the file', () => {
    const r = parseScriptMetadata(`# /// script\n# requires-python = ">=3.9"\n# dependencies = ["a", ${'['.repeat(200)}${']'.repeat(200)}]\n# [tool.x]\n# deps = ["b"]\n# ///\n`);
    assert.deepEqual(r.dependencies, []);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message, /line 3/);
  });
});

describe('the engine never answers a failure with silence', () => {
  it('an analysis that throws is one PW001, not an empty clean file', () => {
    const settings = normalizeSettings({});
    // A settings object whose allowlist cannot be read: the engine's last-resort catch.
    const broken = { ...settings, get allowlist(): string[] { throw new RangeError('Maximum call stack size exceeded'); } };
    const a = analyzeOffline({ uri: 'file:///p/requirements.txt', text: 'flask\n', settings: broken, workspace: WS });
    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0]!.code, CODES.parse.code);
    assert.equal(a.findings[0]!.severity, 'warning');
    assert.match(a.findings[0]!.message, /could not be fully analysed: nesting too deep/);
  });
});
