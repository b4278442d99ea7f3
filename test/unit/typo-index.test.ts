import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPopularity, Popularity } from '../../server/src/identify/popularity';
import { naiveCheck, TypoIndex } from '../../server/src/assess/typo/index';
import { effectiveRanks } from '../../server/src/assess/typo/alias';
import { loadTyposquatFixture, pypiProjectNames } from '../../bench/quality-data';

const pop = getPopularity();
const ix = TypoIndex.build(pop);

/** Deterministic slips of popular names, so the comparison also covers names that do match. */
function mutations(names: string[]): string[] {
  const out: string[] = [];
  names.forEach((n, i) => {
    const k = i % n.length;
    out.push(n.slice(0, k) + n.slice(k + 1)); // omitted
    out.push(n.slice(0, k) + n[k] + n.slice(k)); // doubled
    if (k + 1 < n.length) out.push(n.slice(0, k) + n[k + 1] + n[k] + n.slice(k + 2)); // swap
    out.push(n + 's', `py-${n}`, `${n}2`, n.replace(/o/g, '0'), n.slice(0, k) + 'x' + n.slice(k + 1));
  });
  return out;
}

function assertSame(names: string[]): number {
  const bad: string[] = [];
  let found = 0;
  for (const n of names) {
    const a = ix.check(n);
    const b = naiveCheck(pop, n);
    if (a) found++;
    if (JSON.stringify(a) !== JSON.stringify(b)) bad.push(`${n}: index ${JSON.stringify(a)} naive ${JSON.stringify(b)}`);
  }
  assert.deepEqual(bad.slice(0, 10), []);
  return found;
}

test('index == naive over every popular name', () => {
  assertSame(pop.entries.map((e) => e.name));
});

test('index == naive over slips of the top 600 names, the fixture and a PyPI sample', () => {
  const names = [...mutations(pop.entries.slice(0, 600).map((e) => e.name)), ...loadTyposquatFixture().map((f) => f.name)];
  const all = pypiProjectNames();
  if (all) for (let i = 0; i < all.length; i += 887) names.push(all[i]);
  const found = assertSame(names);
  assert.ok(found > names.length / 4, `found ${found} of ${names.length}: the comparison must cover matches too`);
});

test('suggest: the popular twin first, limited, empty for junk', () => {
  assert.deepEqual(ix.suggest('reqeusts', 1), [{ name: 'requests', rank: 6 }]);
  assert.ok(ix.suggest('requets', 5).length <= 5);
  assert.deepEqual(ix.suggest('', 3), []);
  assert.deepEqual(ix.suggest('reqeusts', 0), []);
});

test('bad input never throws and is never flagged', () => {
  for (const n of ['', '-', '\u0000\u0001', 'x'.repeat(100_000), 'requests\nrequests', '💥reqeusts', '../../etc/passwd']) {
    assert.equal(ix.check(n), undefined);
    assert.equal(naiveCheck(pop, n), undefined);
  }
  assert.ok(ix.check('Reqeusts'), 'names are PEP 503 normalised before matching');
  assert.ok(ix.check('setup_tools'));
});

test('a small snapshot works the same way', () => {
  const small = Popularity.fromText('requests\t1\t\nnumpy\t2\t\n');
  const six = TypoIndex.build(small);
  assert.equal(six.check('reqeusts')?.target, 'requests');
  assert.equal(six.check('nmupy')?.target, 'numpy');
  assert.equal(six.check('numpy'), undefined);
  assert.equal(TypoIndex.build(Popularity.fromText('')).check('reqeusts'), undefined);
});

test('aliases borrow the rank of the project they stand for', () => {
  const eff = effectiveRanks(pop);
  const at = (n: string): number => eff[pop.entries.findIndex((e) => e.name === n)];
  const sklearn = pop.rank('sklearn');
  if (sklearn !== undefined) assert.ok(at('sklearn') < sklearn, 'import name of scikit-learn');
  assert.ok(at('pytorch') < pop.rank('pytorch')!, 'python affix of torch');
  assert.equal(at('requests'), pop.rank('requests'));
  const small = Popularity.fromText('scikit-learn\t10\t\nsklearn\t900\t\n');
  assert.deepEqual(effectiveRanks(small), [10, 20]);
});

test('remembered answers replay the first one, for any spelling of the name, and cannot be altered', () => {
  const fresh = TypoIndex.build(pop);
  const first = fresh.check('reqeusts');
  assert.equal(first?.target, 'requests');
  assert.equal(fresh.check('Reqeusts'), first, 'PEP 503 spelling shares the answer');
  assert.ok(Object.isFrozen(first));
  assert.equal(fresh.check('requests'), undefined);
  assert.equal(fresh.check('requests'), undefined, 'a remembered "no finding" stays no finding');
  // Many distinct names (past the memo bound) still get the naive answer.
  const names = pypiProjectNames()?.slice(0, 25000) ?? mutations(pop.entries.slice(0, 4000).map((e) => e.name));
  for (const n of names) fresh.check(n);
  assert.deepEqual(fresh.check('reqeusts'), naiveCheck(pop, 'reqeusts'));
  assert.deepEqual(fresh.check('numpyy'), naiveCheck(pop, 'numpyy'));
});
