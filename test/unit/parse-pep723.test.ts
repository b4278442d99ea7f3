import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScriptMetadata } from '../../server/src/parse/pep723';
import { marked, slice } from '../fixtures/parse/carets';

test('fixture script: names mapped back to the .py file', () => {
  const text = readFileSync(join(__dirname, '../fixtures/parse/script.py'), 'utf8');
  const r = parseScriptMetadata(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.dependencies.map((d) => [d.name, d.specifier, d.source, d.section]), [
    ['requests', '<3', 'script', 'script.dependencies'],
    ['rich', '>=13', 'script', 'script.dependencies'],
  ]);
  assert.deepEqual(r.dependencies[0]!.range, { start: { line: 4, character: 5 }, end: { line: 4, character: 13 } });
  for (const d of r.dependencies) assert.equal(slice(text, d.range), d.rawName);
  assert.deepEqual(r.dependencies[1]!.extras, ['jupyter']);
});

test('one-line arrays, a bare `#` line and CRLF', () => {
  const { text, ranges } = marked('# /// script\r\n#\r\n# dependencies = ["«httpx»", \'«anyio»\']\r\n# ///\r\nprint(1)\r\n');
  const r = parseScriptMetadata(text);
  assert.deepEqual(r.dependencies.map((d) => d.range), ranges);
});

test('the LAST `# ///` of the comment run closes the block (the PEP regex is greedy)', () => {
  const { text, ranges } = marked('# /// script\n# dependencies = ["«a»"]\n# note = """\n# ///\n# """\n# ///\nx = 1\n');
  const r = parseScriptMetadata(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.dependencies.map((d) => d.range), ranges);
});

test('other block types and lookalikes are ignored', () => {
  const text = '# /// pyproject\n# dependencies = ["x"]\n# ///\n#/// script\n# ///  script\n';
  assert.deepEqual(parseScriptMetadata(text), { dependencies: [], problems: [] });
  assert.deepEqual(parseScriptMetadata('import os\n'), { dependencies: [], problems: [] });
});

test('two script blocks: a problem on the second, the first is read', () => {
  const text = '# /// script\n# dependencies = ["a"]\n# ///\n\n# /// script\n# dependencies = ["b"]\n# ///\n';
  const r = parseScriptMetadata(text);
  assert.deepEqual(r.dependencies.map((d) => d.name), ['a']);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.range.start.line, 4);
  assert.match(r.problems[0]!.message, /more than one/);
});

test('an unclosed block and invalid TOML are problems, not exceptions', () => {
  const unclosed = parseScriptMetadata('# /// script\n# dependencies = ["a"]\nimport a\n');
  assert.equal(unclosed.problems.length, 1);
  assert.match(unclosed.problems[0]!.message, /not closed/);
  const bad = parseScriptMetadata('x = 1\n# /// script\n# dependencies = ["a",\n# ///\n');
  assert.equal(bad.dependencies.length, 0);
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0]!.message, /^invalid TOML/);
  assert.ok(bad.problems[0]!.range.start.line >= 2 && bad.problems[0]!.range.start.line <= 3);
  const badReq = parseScriptMetadata('# /// script\n# dependencies = ["?bad"]\n# ///\n');
  assert.equal(badReq.problems.length, 1);
  assert.deepEqual(badReq.problems[0]!.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 24 } });
});

test('a long run of comment lines is scanned in linear time', () => {
  const text = '# /// script\n' + '# x\n'.repeat(200_000);
  const r = parseScriptMetadata(text);
  assert.equal(r.problems.length, 1);
});
