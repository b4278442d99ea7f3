// Bad input never crashes or hangs: every parser must return (not throw) on binary junk, huge
// files, huge lines and odd Unicode, and whatever it returns must still be well-formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency, ParseProblem, Range } from '../../server/src/core/types';
import { isValidProjectName } from '../../server/src/identify/normalize';
import { resolveIncludes } from '../../server/src/parse/includes';
import { parsePdmLock } from '../../server/src/parse/locks/pdm-lock';
import { parsePipfile } from '../../server/src/parse/locks/pipfile';
import { parsePipfileLock } from '../../server/src/parse/locks/pipfile-lock';
import { parsePoetryLock } from '../../server/src/parse/locks/poetry-lock';
import { parsePylock } from '../../server/src/parse/locks/pylock';
import { parseUvLock } from '../../server/src/parse/locks/uv-lock';
import { parseScriptMetadata } from '../../server/src/parse/pep723';
import { parsePyproject } from '../../server/src/parse/pyproject';
import { parseRequirements } from '../../server/src/parse/requirements';
import { LineIndex, MAX_DEPENDENCIES, stripBom } from '../../server/src/parse/text';
import { slice } from '../fixtures/parse/carets';

const parsers: [string, (t: string) => { dependencies: Dependency[]; problems: ParseProblem[] }][] = [
  ['requirements', parseRequirements],
  ['pyproject', parsePyproject],
  ['pep723', parseScriptMetadata],
];

function inBounds(idx: LineIndex, r: Range): boolean {
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < idx.lineCount && p.character >= 0 && p.character <= idx.lineEnd(p.line) - idx.lineStart(p.line);
  return ok(r.start) && ok(r.end);
}

/** Runs every parser and checks the output is well-formed; returns the results by parser. */
function checkAll(text: string) {
  const idx = new LineIndex(stripBom(text));
  const out: Record<string, { dependencies: Dependency[]; problems: ParseProblem[] }> = {};
  for (const [name, parse] of parsers) {
    const r = parse(text);
    for (const d of r.dependencies) {
      assert.ok(isValidProjectName(d.rawName) || d.isKey, `${name}: invalid name ${JSON.stringify(d.rawName.slice(0, 40))}`);
      assert.ok(inBounds(idx, d.range), `${name}: dependency range out of bounds`);
    }
    for (const p of r.problems) assert.ok(inBounds(idx, p.range), `${name}: problem range out of bounds`);
    assert.ok(r.problems.length <= 101, `${name}: ${r.problems.length} problems`);
    out[name] = r;
  }
  return out;
}

/** Deterministic bytes (xorshift), so a failure can be replayed. */
function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

test('binary content: NUL bytes and random bytes as UTF-8 and Latin-1', () => {
  checkAll('\u0000'.repeat(1000));
  checkAll('requests\u0000==1\nflask\n\u0000\u0000\n');
  const r = checkAll('requests\u0000==1\nflask\n');
  assert.deepEqual(r.requirements!.dependencies.map((d) => d.name), ['flask']);
  for (let seed = 1; seed <= 20; seed++) {
    const bytes = randomBytes(64 * 1024, seed);
    checkAll(bytes.toString('utf8'));
    checkAll(bytes.toString('latin1'));
  }
});

test('a 10 MB requirements file: names capped, comments and hashes read to the end', () => {
  const line = 'requests[socks]==2.31.0 --hash=sha256:0123456789abcdef ; python_version >= "3.8"\n';
  const text = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
  const t0 = performance.now();
  const doc = parseRequirements(text);
  console.log(`# 10 MB requirements: ${doc.dependencies.length} dependencies in ${(performance.now() - t0).toFixed(0)} ms`);
  assert.equal(doc.dependencies.length, MAX_DEPENDENCIES);
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /more than 20000 requirements/);
  assert.equal(doc.problems[0]!.range.start.line, MAX_DEPENDENCIES);
  assert.deepEqual(doc.dependencies.at(-1)!.hashes, ['sha256:0123456789abcdef']);
  // A lock-file shape under the cap, padded to 10 MB with comments: read to the last line.
  const lock = `${'#    via -r requirements.in\n'.repeat(370_000)}six==1.16.0 \\\n    --hash=sha256:abc\n`;
  const t1 = performance.now();
  const tail = parseRequirements(lock);
  console.log(`# ${(lock.length / 1e6).toFixed(1)} MB of comments: ${(performance.now() - t1).toFixed(0)} ms`);
  assert.deepEqual(tail.dependencies.map((d) => [d.name, d.range.start.line, d.hashes]), [['six', 370_000, ['sha256:abc']]]);
});

test('pyproject: 1.8 MB is parsed (names capped), 10 MB is reported as too large; a 10 MB Python file', () => {
  const entry = '  "package-name-number-x>=1.0",\n';
  const big = `[project]\ndependencies = [\n${entry.repeat(55_000)}]\n`;
  const t0 = performance.now();
  const doc = parsePyproject(big);
  console.log(`# ${(big.length / 1e6).toFixed(1)} MB pyproject: ${doc.dependencies.length} dependencies in ${(performance.now() - t0).toFixed(0)} ms`);
  assert.equal(doc.dependencies.length, MAX_DEPENDENCIES);
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /more than 20000 requirements/);
  const huge = `[project]\ndependencies = [\n${entry.repeat(330_000)}]\n`;
  const tooBig = parsePyproject(huge);
  assert.equal(tooBig.dependencies.length, 0);
  assert.equal(tooBig.problems.length, 1);
  assert.match(tooBig.problems[0]!.message, /too large/);
  const py = `# /// script\n# dependencies = ["a"]\n# ///\n${'x = 1  # comment\n'.repeat(600_000)}`;
  const t1 = performance.now();
  assert.deepEqual(parseScriptMetadata(py).dependencies.map((d) => d.name), ['a']);
  console.log(`# ${(py.length / 1e6).toFixed(1)} MB python: ${(performance.now() - t1).toFixed(0)} ms`);
  const hugeBlock = `# /// script\n${'# x = 1\n'.repeat(400_000)}# ///\n`;
  assert.match(parseScriptMetadata(hugeBlock).problems[0]!.message, /too large/);
});

test('single 100,000-character lines of every awkward shape', () => {
  const n = 100_000;
  const shapes = [
    'a'.repeat(n),
    'a-'.repeat(n / 2),
    '-'.repeat(n),
    '#'.repeat(n),
    '\\'.repeat(n),
    '['.repeat(n),
    '"'.repeat(n),
    `a${'>=1,'.repeat(n / 4)}`,
    `a; ${'('.repeat(n)}`,
    `a @ ${'x'.repeat(n)}`,
    `-r ${'x'.repeat(n)}`,
    `${'a '.repeat(n / 2)}`,
    `x = "${'a'.repeat(n)}`,
    `# /// script\n# ${'#'.repeat(n)}\n# ///`,
    `dependencies = ["${'a'.repeat(n)}"]`,
  ];
  for (const s of shapes) {
    const t0 = performance.now();
    checkAll(s);
    const ms = performance.now() - t0;
    if (ms > 200) console.log(`# slow shape ${JSON.stringify(s.slice(0, 12))}: ${ms.toFixed(0)} ms`);
  }
  const req = parseRequirements(`${'a'.repeat(n)}==1`);
  assert.equal(req.dependencies[0]?.rawName.length, n);
});

test('unterminated continuation at EOF in every parser', () => {
  const r = checkAll('flask==3 \\\n  --hash=sha256:ab \\');
  assert.deepEqual(r.requirements!.dependencies[0]!.hashes, ['sha256:ab']);
});

test('weird Unicode never becomes a name; ranges stay exact', () => {
  const text = [
    'ｒｅｑｕｅｓｔｓ', // fullwidth
    'requеsts', // Cyrillic e
    'req\u200buests', // zero-width space
    'req\u202euests', // right-to-left override
    '\u{1F40D}==1', // emoji
    'e\u0301clair', // combining accent
    '\uD800bad', // lone surrogate
    'ok-name==1',
    '',
  ].join('\n');
  const r = checkAll(text);
  assert.deepEqual(r.requirements!.dependencies.map((d) => d.name), ['ok-name']);
  assert.equal(r.requirements!.problems.length, 7);
  assert.equal(slice(text, r.requirements!.dependencies[0]!.range), 'ok-name');
  // Astral characters before a name on the same line count as two UTF-16 units.
  const toml = '# \u{1F40D}\u{1F40D}\n[project]\ndependencies = [ "x", "\u{1F40D}" ]  # \u{1F40D}\n';
  const p = parsePyproject(toml);
  assert.deepEqual(p.dependencies.map((d) => d.name), ['x']);
  assert.equal(p.problems.length, 1);
  assert.equal(slice(toml, p.problems[0]!.range), '"\u{1F40D}"');
});

test('includes over junk files and a long cycle terminate', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 200; i++) files[`/j/${i}.txt`] = `-r ${(i + 1) % 200}.txt\n${randomBytes(256, i + 1).toString('latin1')}\n`;
  const r = resolveIncludes('/j/0.txt', (p) => files[p], { maxFiles: 500, maxDepth: 500 });
  assert.equal(r.files.length, 200);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /include cycle/);
});

test('every lock parser refuses a text over 8 MB with one warning that names its file', () => {
  const big = '\uFEFF' + '#'.repeat(8_000_001);
  for (const [parse, kind, file] of [
    [parsePdmLock, 'pdm-lock', 'pdm.lock'],
    [parsePipfile, 'pipfile', 'Pipfile'],
    [parsePipfileLock, 'pipfile-lock', 'Pipfile.lock'],
    [parsePoetryLock, 'poetry-lock', 'poetry.lock'],
    [parsePylock, 'pylock', 'pylock.toml'],
    [parseUvLock, 'uv-lock', 'uv.lock'],
  ] as const) {
    const doc = parse(big);
    assert.equal(doc.kind, kind);
    assert.deepEqual(doc.dependencies, []);
    // The BOM is not counted: 8,000,001 characters is one over the cap.
    assert.deepEqual(doc.problems.map((p) => [p.severity, p.message]), [['warning', `${file} too large to check (8000001 characters; the limit is 8000000)`]]);
  }
  // At the cap the text is read (a comment-only TOML lock has no packages and no problems).
  assert.deepEqual(parseUvLock('#'.repeat(8_000_000)).problems, []);
});
