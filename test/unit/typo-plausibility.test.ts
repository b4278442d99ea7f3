import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CharModel } from '../../server/src/assess/typo/plausibility';
import { getPopularity } from '../../server/src/identify/popularity';
import { charModel, naiveCheck, TypoIndex } from '../../server/src/assess/typo/index';
import { classifyPair } from '../../server/src/assess/typo/classify';
import { accept, RARE_STEPS, rankLimit, rareShift } from '../../server/src/assess/typo/policy';

/** The strictest and the most lenient drop any target rank asks for. */
const STRICT = Math.max(...RARE_STEPS.map(([, s]) => s));
const LENIENT = Math.min(...RARE_STEPS.map(([, s]) => s));

describe('CharModel.editShift', () => {
  // A toy corpus of pronounceable names, weighted so counts outweigh add-one smoothing.
  const toy = new CharModel(Array.from({ length: 50 }, () => ['robot', 'roboflow', 'rotor', 'overflow', 'robin', 'rover', 'motor']).flat());

  it('matches the add-one smoothed trigram formula exactly', () => {
    // Corpus `abc`: ^ab, abc, bc$ seen once. In `abd` the rarest touched trigram is abd,
    // P = (0 + 1) / (count(ab) + 38); in `abc` it is (1 + 1) / (1 + 38): a shift of -ln 2.
    const m = new CharModel(['abc']);
    assert.ok(Math.abs(m.editShift('abd', 'abc') + Math.LN2) < 1e-12, String(m.editShift('abd', 'abc')));
  });

  it('is strongly negative when the slip makes an unseen letter run', () => {
    assert.ok(toy.editShift('rzboflow', 'roboflow') <= -STRICT, String(toy.editShift('rzboflow', 'roboflow')));
  });

  it('stays above the rare-slip threshold when the slip yields letter runs the corpus knows', () => {
    assert.ok(toy.editShift('roverflow', 'overflow') > -LENIENT, String(toy.editShift('roverflow', 'overflow')));
  });

  it('is zero for identical names and looks only near the edit', () => {
    assert.equal(toy.editShift('roboflow', 'roboflow'), 0);
    // A rare run far from the edit (`qqx`) is in both names and never counts against the candidate.
    assert.equal(toy.editShift('qqxroboflov', 'qqxroboflow'), toy.editShift('roboflov', 'roboflow'));
  });

  it('handles deletions, insertions and edits at either end, including the boundary markers', () => {
    for (const [a, b] of [['obot', 'robot'], ['robo', 'robot'], ['xrobot', 'robot'], ['robotx', 'robot'], ['rbot', 'robot'], ['', 'r']]) {
      assert.ok(Number.isFinite(toy.editShift(a, b)), `${a} / ${b}`);
    }
    // Dropping the `o` of `robot` makes `rb`, never seen: less plausible.
    assert.ok(toy.editShift('rbot', 'robot') < 0);
  });

  it('never crashes on characters outside the name alphabet', () => {
    assert.ok(Number.isFinite(toy.editShift('r\u00e9bot', 'robot')));
    assert.ok(Number.isFinite(new CharModel(['\u0000', 'a'.repeat(10000)]).editShift('ab', 'aa')));
  });
});

describe('rare-slip rank extension (policy.ts accept)', () => {
  it('asks less popular targets for more garbled slips, and nothing past the last step', () => {
    const steps = RARE_STEPS.map(([r]) => r);
    assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
    for (let i = 1; i < RARE_STEPS.length; i++) assert.ok(RARE_STEPS[i][1] >= RARE_STEPS[i - 1][1]);
    assert.equal(rareShift(1), RARE_STEPS[0][1]);
    assert.equal(rareShift(RARE_STEPS[RARE_STEPS.length - 1][0] + 1), undefined);
  });

  const pop = getPopularity();
  const model = charModel(pop);
  const ix = TypoIndex.build(pop);

  it('an implausible slip of a target past the rank limit is flagged, a pronounceable one is not', () => {
    const rank = pop.rank('roboflow');
    assert.ok(rank !== undefined);
    for (const [cand, flagged] of [['rzboflow', true], ['rotoflow', false]] as const) {
      const edit = classifyPair(cand, 'roboflow');
      assert.equal(edit?.kind, 'substituted');
      // Beyond the ordinary limit for this slip: only the plausibility check can accept it.
      assert.ok(rank > rankLimit(edit.kind, 'roboflow'.length));
      assert.equal(accept(edit, 'roboflow', rank, rank, undefined), undefined);
      assert.equal(model.editShift(cand, 'roboflow') <= -(rareShift(rank) ?? Infinity), flagged, cand);
      assert.equal(accept(edit, 'roboflow', rank, rank, undefined, cand, model)?.target, flagged ? 'roboflow' : undefined, cand);
      assert.equal(ix.check(cand)?.target, flagged ? 'roboflow' : undefined, cand);
      assert.deepEqual(naiveCheck(pop, cand), ix.check(cand), cand);
    }
  });

  it('does not apply to strong slips nor to popular candidates', () => {
    const rank = pop.rank('roboflow') ?? 0;
    const edit = classifyPair('rzboflow', 'roboflow');
    assert.ok(edit);
    assert.equal(accept(edit, 'roboflow', rank, rank, 100000, 'rzboflow', model), undefined);
  });
});
