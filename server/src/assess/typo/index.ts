// TypoIndex: finds the popular project a name imitates in microseconds, by looking up precomputed
// keys (separator-stripped, sorted words, look-alike skeleton, version-less, python-affix core and
// SymSpell deletion neighbourhoods, https://github.com/wolfgarbe/SymSpell) instead of comparing
// against all popular names. `naiveCheck` runs the same classifier against every popular name;
// tests and the bench assert both give identical answers.
import { pep503, type Popularity } from '../../identify/popularity';
import { charMask, classifyShapes, maskClose, shapeOf, type Edit, type Shape } from './classify';
import { coreForms, deletions, digitless, isCheckableName, skeleton, sortedWords, stripSeparators } from './names';
import { effectiveRanks } from './alias';
import { accept, better, STRENGTH_ORDER, twoEditTarget, type TypoMatch } from './policy';

export type { TypoMatch } from './policy';
export type { Strength } from './classify';

/** Every one-step key of a name; a candidate and a target sharing none cannot be classified. */
function keysOf(n: string): string[] {
  const a = stripSeparators(n);
  const out = ['S' + a, 'K' + skeleton(a)];
  const w = sortedWords(n);
  if (w) out.push('W' + w);
  const d = digitless(a);
  if (d.length >= 3) out.push('D' + d);
  for (const f of coreForms(n)) out.push('C' + f.core);
  for (const e of deletions(a)) out.push('E' + e);
  return out;
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

export interface RawPair {
  target: string;
  rank: number;
  effRank: number;
  edit: Edit;
}

export class TypoIndex {
  private readonly names: string[];
  private readonly ranks: number[];
  private readonly shapes: Shape[];
  /** Rank used by the limits: an alias borrows its big project's rank (alias.ts). */
  private readonly effRanks: number[];
  private readonly map = new Map<string, number[]>();
  /**
   * Targets eligible for two-edit matches, by length. Two edits change the character set by at
   * most four symbols, so a character-mask test discards nearly all of them before any DP runs.
   */
  private readonly two = new Map<number, { i: number; mask: number }[]>();
  private readonly pop: Popularity;

  private constructor(pop: Popularity) {
    this.pop = pop;
    this.names = pop.entries.map((e) => e.name);
    this.ranks = pop.entries.map((e) => e.rank);
    this.shapes = this.names.map(shapeOf);
    this.effRanks = effectiveRanks(pop);
  }

  static build(pop: Popularity): TypoIndex {
    const ix = new TypoIndex(pop);
    ix.names.forEach((n, i) => {
      if (!isCheckableName(n)) return;
      const keys = keysOf(n);
      for (const key of keys) add(ix.map, key, i);
      if (twoEditTarget(n, ix.effRanks[i])) {
        const sh = ix.shapes[i];
        const list = ix.two.get(sh.stripped.length) ?? [];
        list.push({ i, mask: sh.mask });
        ix.two.set(sh.stripped.length, list);
      }
    });
    return ix;
  }

  /** Indices of popular names sharing at least one key with `n`. */
  private candidates(n: string): Set<number> {
    const out = new Set<number>();
    for (const key of keysOf(n)) {
      const list = this.map.get(key);
      if (list) for (const i of list) out.add(i);
    }
    const a = stripSeparators(n);
    const mask = charMask(a);
    for (let len = a.length - 2; len <= a.length + 2; len++) {
      for (const t of this.two.get(len) ?? []) if (maskClose(mask, t.mask)) out.add(t.i);
    }
    return out;
  }

  /** Every popular name one slip from `name`, with the raw edit, before rank limits (analysis). */
  pairs(name: string): RawPair[] {
    const n = pep503(name);
    if (!isCheckableName(n)) return [];
    const out: RawPair[] = [];
    const sh = shapeOf(n);
    for (const i of this.candidates(n)) {
      const edit = classifyShapes(sh, this.shapes[i]);
      if (edit) out.push({ target: this.names[i], rank: this.ranks[i], effRank: this.effRanks[i], edit });
    }
    return out;
  }

  check(name: string): TypoMatch | undefined {
    const n = pep503(name);
    if (!isCheckableName(n)) return undefined;
    const own = this.pop.rank(n);
    let best: TypoMatch | undefined;
    for (const p of this.pairs(n)) {
      const m = accept(p.edit, p.target, p.rank, p.effRank, own);
      if (m && better(m, best)) best = m;
    }
    return best;
  }

  /** Popular names one slip away from `name`, best first, ignoring rank limits ("did you mean"). */
  suggest(name: string, limit: number): { name: string; rank: number }[] {
    if (limit <= 0) return [];
    return this.pairs(name)
      .sort((x, y) => STRENGTH_ORDER[y.edit.strength] - STRENGTH_ORDER[x.edit.strength] || x.rank - y.rank || (x.target < y.target ? -1 : 1))
      .slice(0, limit)
      .map((p) => ({ name: p.target, rank: p.rank }));
  }
}

const naiveShapes = new WeakMap<Popularity, Shape[]>();

/**
 * The same decision as TypoIndex.check, by running the classifier against every popular name
 * (bench, tests). Target shapes are cached per snapshot: the comparison itself stays pairwise.
 */
export function naiveCheck(pop: Popularity, name: string): TypoMatch | undefined {
  const n = pep503(name);
  if (!isCheckableName(n)) return undefined;
  let shapes = naiveShapes.get(pop);
  if (!shapes) {
    shapes = pop.entries.map((e) => shapeOf(e.name));
    naiveShapes.set(pop, shapes);
  }
  const own = pop.rank(n);
  const eff = effectiveRanks(pop);
  const sh = shapeOf(n);
  let best: TypoMatch | undefined;
  pop.entries.forEach((e, i) => {
    if (!isCheckableName(e.name)) return;
    const edit = classifyShapes(sh, shapes[i]);
    const m = edit && accept(edit, e.name, e.rank, eff[i], own);
    if (m && better(m, best)) best = m;
  });
  return best;
}
