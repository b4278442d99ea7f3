// TypoIndex: finds the popular project a name imitates in microseconds, by looking up precomputed
// keys (separator-stripped, sorted words, look-alike skeleton, version-less, python-affix core and a
// SymSpell deletion neighbourhood) instead of comparing against all popular names. `naiveCheck`
// runs the same classifier against every popular name; the bench asserts both give equal answers.
import { pep503, type Popularity } from '../../identify/popularity';
import { classifyPair } from './classify';
import { coreForms, deletions, digitless, isCheckableName, skeleton, sortedWords, stripSeparators } from './names';
import { accept, better, STRENGTH_ORDER, type TypoMatch } from './policy';

export type { TypoMatch } from './policy';
export type { Strength } from './classify';

type Key = 'S' | 'W' | 'K' | 'D' | 'C' | 'E';

/** Every key a name is filed under; a candidate and a target sharing no key cannot be classified. */
function keysOf(n: string): [Key, string][] {
  const a = stripSeparators(n);
  const out: [Key, string][] = [
    ['S', a],
    ['K', skeleton(a)],
  ];
  const w = sortedWords(n);
  if (w) out.push(['W', w]);
  const d = digitless(a);
  if (d.length >= 3) out.push(['D', d]);
  for (const f of coreForms(n)) out.push(['C', f.core]);
  for (const e of deletions(a)) out.push(['E', e]);
  return out;
}

export class TypoIndex {
  private readonly names: string[];
  private readonly ranks: number[];
  private readonly map = new Map<string, number[]>();
  private readonly pop: Popularity;

  private constructor(pop: Popularity) {
    this.pop = pop;
    this.names = pop.entries.map((e) => e.name);
    this.ranks = pop.entries.map((e) => e.rank);
  }

  static build(pop: Popularity): TypoIndex {
    const ix = new TypoIndex(pop);
    ix.names.forEach((n, i) => {
      if (!isCheckableName(n)) return;
      for (const [k, v] of keysOf(n)) {
        const key = k + v;
        const list = ix.map.get(key);
        if (!list) ix.map.set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    return ix;
  }

  /** Indices of popular names sharing at least one key with `n`. */
  private candidates(n: string): Set<number> {
    const out = new Set<number>();
    for (const [k, v] of keysOf(n)) {
      const list = this.map.get(k + v);
      if (list) for (const i of list) out.add(i);
    }
    return out;
  }

  check(name: string): TypoMatch | undefined {
    const n = pep503(name);
    if (!isCheckableName(n)) return undefined;
    const own = this.pop.rank(n);
    let best: TypoMatch | undefined;
    for (const i of this.candidates(n)) {
      const edit = classifyPair(n, this.names[i]);
      const m = edit && accept(edit, this.names[i], this.ranks[i], own);
      if (m && better(m, best)) best = m;
    }
    return best;
  }

  /** Popular names one slip away from `name`, best first, ignoring rank limits ("did you mean"). */
  suggest(name: string, limit: number): { name: string; rank: number }[] {
    const n = pep503(name);
    if (!isCheckableName(n) || limit <= 0) return [];
    const scored: { name: string; rank: number; s: number }[] = [];
    for (const i of this.candidates(n)) {
      const edit = classifyPair(n, this.names[i]);
      if (edit) scored.push({ name: this.names[i], rank: this.ranks[i], s: STRENGTH_ORDER[edit.strength] });
    }
    scored.sort((x, y) => y.s - x.s || x.rank - y.rank || (x.name < y.name ? -1 : 1));
    return scored.slice(0, limit).map(({ name: nm, rank }) => ({ name: nm, rank }));
  }
}

/** The same decision as TypoIndex.check, by brute force over every popular name (bench, tests). */
export function naiveCheck(pop: Popularity, name: string): TypoMatch | undefined {
  const n = pep503(name);
  if (!isCheckableName(n)) return undefined;
  const own = pop.rank(n);
  let best: TypoMatch | undefined;
  for (const e of pop.entries) {
    if (!isCheckableName(e.name)) continue;
    const edit = classifyPair(n, e.name);
    const m = edit && accept(edit, e.name, e.rank, own);
    if (m && better(m, best)) best = m;
  }
  return best;
}
