import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPopularity } from '../../server/src/identify/popularity';
import { TypoIndex } from '../../server/src/assess/typo/index';
import { FP_BUDGET } from '../../bench/quality';
import { loadLegitNames, loadTyposquatFixture, pypiProjectNames, realProjectDependencies } from '../../bench/quality-data';

const pop = getPopularity();
const ix = TypoIndex.build(pop);
const names = pypiProjectNames();
const real = realProjectDependencies();
const noShared = '../shared/data absent (pypi-projects.tsv.gz / real-projects)';
if (!names || !real) process.stdout.write(`# typo-quality: ${noShared}: FP and real-project checks skipped\n`);

test('fixture: >= 95% of hand-written typosquats caught, with the right target', () => {
  const fx = loadTyposquatFixture();
  assert.ok(fx.length >= 80, `${fx.length} fixture rows`);
  for (const f of fx) assert.ok(pop.rank(f.target) !== undefined, `fixture target ${f.target} is popular`);
  const caught = fx.filter((f) => ix.check(f.name)?.target === f.target);
  const missed = fx.filter((f) => !caught.includes(f)).map((f) => f.name);
  assert.ok(caught.length / fx.length >= 0.95, `caught ${caught.length}/${fx.length}, missed ${missed.join(' ')}`);
});

test('legit near-pairs are never flagged', () => {
  const flagged = loadLegitNames()
    .filter((l) => ix.check(l.name))
    .map((l) => `${l.name} -> ${ix.check(l.name)?.target}`);
  assert.deepEqual(flagged, []);
});

test('popular names: only obvious slips of a far bigger twin are flagged', () => {
  const flagged = pop.entries.flatMap((e) => {
    const m = ix.check(e.name);
    return m ? [{ name: e.name, rank: e.rank, m }] : [];
  });
  assert.ok(flagged.length <= 10, flagged.map((f) => f.name).join(' '));
  for (const f of flagged) {
    assert.equal(f.m.strength, 'strong', f.name);
    assert.ok(f.rank >= 20 * f.m.targetRank, `${f.name} #${f.rank} vs ${f.m.target} #${f.m.targetRank}`);
  }
});

// The full run over every name is `npm run bench` (bench/quality.ts benchQuality); the sample keeps CI fast.
test('random existing PyPI names: <= 0.70% flagged (deterministic 1-in-8 sample)', names ? {} : { skip: noShared }, () => {
  const sample = names!.filter((_, i) => i % 8 === 0);
  assert.ok(sample.length >= 100_000, `${sample.length} names`);
  const flagged = sample.filter((n) => ix.check(n)).length;
  const rate = flagged / sample.length;
  process.stdout.write(`# typo-quality: ${flagged}/${sample.length} = ${(100 * rate).toFixed(3)}% flagged\n`);
  assert.ok(rate <= FP_BUDGET, `${(100 * rate).toFixed(3)}%`);
});

// Real projects' requirement names that are flagged on purpose, with the reason. Empty today.
const EXPECTED_REAL_FINDINGS: Record<string, string> = {};

test('real projects: no requirement name is flagged', real ? {} : { skip: noShared }, () => {
  const flagged = real!
    .filter(({ dep }) => !dep.url && ix.check(dep.name) && !(dep.name in EXPECTED_REAL_FINDINGS))
    .map(({ file, dep }) => `${file}: ${dep.rawName} -> ${ix.check(dep.name)?.target}`);
  assert.ok(real!.length > 1000, `${real!.length} dependencies parsed`);
  assert.deepEqual(flagged, []);
});
