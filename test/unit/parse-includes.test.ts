import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkIncludes, resolveIncludes } from '../../server/src/parse/includes';
import { parseRequirements } from '../../server/src/parse/requirements';

const dir = resolve(__dirname, '../fixtures/parse/includes');
const reads: string[] = [];
const readFile = (p: string): string | undefined => {
  reads.push(p);
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

test('fixture tree: includes followed relative to the including file, constraints marked', () => {
  reads.length = 0;
  const r = resolveIncludes(join(dir, 'a.txt'), readFile);
  assert.deepEqual(r.files.map((f) => f.path), [join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'sub/constraints.txt'), join(dir, 'c.txt')]);
  const deps = r.files.flatMap((f) => f.parsed.dependencies.map((d) => [d.name, d.section ?? '', d.constraintOnly ?? false]));
  assert.deepEqual(deps, [
    ['flask', '', false],
    ['click', '-r b.txt', false],
    ['werkzeug', '-c sub/constraints.txt', true],
    // pip: a `-r` inside a constraints file names requirements again.
    ['itsdangerous', '-r ../c.txt', false],
  ]);
  assert.ok(!reads.some((p) => p.includes('example.com')), 'URLs are not followed');
});

test('fixture tree: cycle and missing files reported on the root include lines', () => {
  const r = resolveIncludes(join(dir, 'a.txt'), readFile);
  const msgs = r.problems.map((p) => [p.range.start.line, p.message]);
  assert.equal(msgs.length, 3);
  assert.equal(msgs[0]![0], 1);
  assert.match(String(msgs[0]![1]), /include cycle: a\.txt -> b\.txt -> a\.txt/);
  assert.equal(msgs[1]![0], 2);
  assert.match(String(msgs[1]![1]), /included file not found: "missing\.txt"/);
  assert.equal(msgs[2]![0], 3, 'a nested missing file lands on the root line that leads to it');
  assert.match(String(msgs[2]![1]), /"\.\.\/gone\.txt".*via sub\/constraints\.txt/);
  assert.deepEqual(r.problems[1]!.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 14 } });
});

test('self-include, diamonds, limits and an unreadable root', () => {
  const files: Record<string, string> = {
    '/w/self.txt': '-r self.txt\n',
    '/w/top.txt': '-r l.txt\n-r r.txt\n',
    '/w/l.txt': '-r d.txt\n',
    '/w/r.txt': '-r d.txt\n',
    '/w/d.txt': 'x\n',
  };
  const rf = (p: string) => files[p];
  assert.match(resolveIncludes('/w/self.txt', rf).problems[0]!.message, /cycle: self\.txt -> self\.txt/);
  const diamond = resolveIncludes('/w/top.txt', rf);
  assert.deepEqual(diamond.problems, []);
  assert.equal(diamond.files.length, 4, 'd.txt read once');
  const chain: Record<string, string> = {};
  for (let i = 0; i < 30; i++) chain[`/c/${i}.txt`] = `-r ${i + 1}.txt\n`;
  const deep = resolveIncludes('/c/0.txt', (p) => chain[p], { maxDepth: 5 });
  assert.equal(deep.files.length, 6);
  assert.match(deep.problems[0]!.message, /nested deeper than 5/);
  const wide = resolveIncludes('/c/0.txt', (p) => chain[p], { maxFiles: 3 });
  assert.equal(wide.files.length, 3);
  assert.match(wide.problems[0]!.message, /more than 3 included files/);
  const none = resolveIncludes('/nowhere.txt', () => undefined);
  assert.equal(none.files.length, 0);
  assert.equal(none.problems.length, 1);
  const throwing = resolveIncludes('/w/top.txt', (p) => {
    if (p === '/w/top.txt') return files[p];
    throw new Error('EACCES');
  });
  assert.equal(throwing.problems.length, 2);
});

test('checkIncludes works on an already-parsed editor buffer given a file:// URI', () => {
  const uri = pathToFileURL(join(dir, 'a.txt')).href;
  const parsed = parseRequirements('-r b.txt\n-r nope.txt\n');
  const problems = checkIncludes(uri, parsed.includes, readFile);
  assert.equal(problems.length, 2);
  assert.equal(problems[0]!.range.start.line, 0);
  assert.match(problems[0]!.message, /cycle: a\.txt -> b\.txt -> a\.txt/);
  assert.equal(problems[1]!.range.start.line, 1);
});
