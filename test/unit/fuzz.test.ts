// A bounded, seeded subset of bench/fuzz.ts (issue 8, "Measure after"): mutated real manifests
// (when ../shared is present), random bytes, deep nesting and huge lines through analyzeOffline
// for every format the engine knows. Deterministic: a failing case is replayed by its index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { caseAt, formatUris, realCorpus, runCase, type CaseOptions } from '../../bench/fuzz-cases';
import { SHARED } from '../../bench/quality-data';

const CASES = 200;

test(`fuzz: ${CASES} seeded cases, no crash, no lost file`, () => {
  const corpus = realCorpus(path.join(SHARED, 'real-projects'));
  if (corpus.length === 0) console.log('# SKIP mutations of real manifests: ../shared/data/real-projects absent (generated cases still run)');
  const o: CaseOptions = { seed: 42, corpus, uris: formatUris(), maxDepth: 5000, maxBytes: 16 * 1024 };
  assert.ok(o.uris.length >= 4, `formats: ${o.uris.join(' ')}`);
  const crashes: string[] = [];
  let max = 0;
  for (let i = 0; i < CASES; i++) {
    const c = caseAt(i, o);
    const r = runCase(c);
    max = Math.max(max, r.ms);
    if (r.crash) crashes.push(`#${i} ${c.origin} as ${c.uri}: ${r.crash}`);
  }
  console.log(`# fuzz: ${CASES} cases (${corpus.length} real manifests), slowest ${max.toFixed(0)} ms`);
  assert.deepEqual(crashes, []);
});

test('fuzz: cases depend only on (seed, index)', () => {
  const o: CaseOptions = { seed: 7, corpus: [{ file: 'requirements.txt', text: 'requests==2\nflask\n' }], uris: formatUris() };
  for (const i of [0, 5, 99]) assert.deepEqual(caseAt(i, o), caseAt(i, o));
  assert.notDeepEqual(caseAt(1, o).text, caseAt(2, o).text);
});

test('fuzz: a parse problem is not a crash; an echoed error text is not either', () => {
  assert.equal(runCase({ index: 0, origin: 'test', uri: 'file:///fuzz/requirements.txt', text: 'flask ; (python_version > "3"\n' }).crash, undefined);
  assert.equal(runCase({ index: 0, origin: 'test', uri: 'file:///fuzz/requirements.txt', text: 'flask[Maximum call stack size exceeded\n' }).crash, undefined);
  assert.equal(runCase({ index: 0, origin: 'test', uri: 'file:///fuzz/pyproject.toml', text: `a = ${'['.repeat(20000)}${']'.repeat(20000)}\n` }).crash, undefined);
});
