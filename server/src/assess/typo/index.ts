// TypoIndex: finds the popular project a name imitates in microseconds, by looking up precomputed
// keys (separator-stripped, sorted words, look-alike skeleton, version-less, python-affix core and
// SymSpell deletion neighbourhoods, https://github.com/wolfgarbe/SymSpell) instead of comparing
// against all popular names. `naiveCheck` runs the same classifier against every popular name;
// tests and the bench assert both give identical answers.
import { pep503, type Popularity } from '../../identify/popularity';
import { charMask, classifyShapes, shapeOf, type Edit, type Shape } from './classify';
import { isCheckableName, stripSeparators } from './names';
import { effectiveRanks } from './alias';
import { CharModel } from './plausibility';
import { accept, better, closestTarget, popularMayMatch, STRENGTH_ORDER, twoEditTarget, type RawSlip, type TypoMatch } from './policy';

export type { TypoMatch } from './policy';
export type { Strength } from './classify';

/**
 * 32-bit FNV-1a of a tagged key. Numbers instead of ~200k key strings keep the index a few MB; a
 * rare collision only adds a candidate, which the classifier then rejects, so answers are unchanged.
 */
function keyHash(tag: number, s: string): number {
  let h = (0x811c9dc5 ^ tag) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Pushes the tag-6 FNV-1a of `s` without each character (a deletion key with no string built),
 * skipping the second and later letters of a run, which give the same string. Each hash resumes
 * from the running prefix state, so a name costs half the character steps of hashing every
 * deletion from scratch; the values are the same.
 */
function pushDeletionHashes(s: string, out: number[]): void {
  let prefix = (0x811c9dc5 ^ 6) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (i === 0 || c !== s.charCodeAt(i - 1)) {
      let h = prefix;
      for (let j = i + 1; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
      out.push(h >>> 0);
    }
    prefix = Math.imul(prefix ^ c, 0x01000193);
  }
}

/**
 * Every one-step key of a name; a candidate and a target sharing none cannot be classified.
 * `narrow`: only the keys of the slips a popular candidate may show (separator, look-alike, swap,
 * doubled letter: policy.ts POPULAR_KINDS).
 */
function keysOf(sh: Shape, narrow = false): number[] {
  const a = sh.stripped;
  const out = [keyHash(1, a), keyHash(2, sh.skeleton)];
  if (!narrow) {
    out.push(keyHash(7, sh.squashed));
    if (sh.words) out.push(keyHash(3, sh.words));
    if (sh.digitless.length >= 3) out.push(keyHash(4, sh.digitless));
    for (const f of sh.cores) out.push(keyHash(5, f.core));
  }
  // SymSpell deletion neighbourhood: the name and each one-letter deletion (deleting either
  // letter of a run gives the same string, so only the first is hashed).
  out.push(keyHash(6, a));
  pushDeletionHashes(a, out);
  return out;
}

/**
 * Key -> popular-name indices as two sorted typed arrays (hashes, and postings with offsets):
 * ~200k keys cost a few MB instead of a Map of arrays, which matters in a language server.
 */
class KeyTable {
  private readonly starts: Uint32Array;
  private readonly postings: Uint32Array;
  /**
   * Open-addressing slots as (key, entry) pairs, entry 0 for empty (the keys are hashes already).
   * The key sits beside its entry so a probe, usually a miss, reads one cache line. Nearly every
   * key files one name, so the entry holds that name itself, `index << 1 | 1`; a key filing several
   * holds `(1 + position) << 1` into `starts`. Both fit a small integer (indices < 2^21).
   */
  private readonly slots: Uint32Array;

  constructor(pairs: Float64Array) {
    // Each pair is hash * 2^21 + index (exact in a double): one numeric sort groups and orders them.
    pairs.sort();
    const keys: number[] = [];
    const starts: number[] = [];
    const postings: number[] = [];
    let prev = -1;
    for (const p of pairs) {
      if (p === prev) continue;
      prev = p;
      const key = Math.floor(p / INDEX_SPAN);
      if (keys[keys.length - 1] !== key) {
        keys.push(key);
        starts.push(postings.length);
      }
      postings.push(p % INDEX_SPAN);
    }
    starts.push(postings.length);
    this.starts = Uint32Array.from(starts);
    this.postings = Uint32Array.from(postings);
    let size = 2;
    // Linear probing stays short up to a load of ~0.6; a power of two keeps the modulo a mask.
    while (size < keys.length * 1.6) size *= 2;
    this.slots = new Uint32Array(size * 2);
    keys.forEach((k, pos) => {
      let s = k & (size - 1);
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & (size - 1);
      this.slots[2 * s] = k;
      this.slots[2 * s + 1] = starts[pos + 1] - starts[pos] === 1 ? (postings[starts[pos]] << 1) | 1 : (pos + 1) << 1;
    });
  }

  /** Adds the indices filed under `key` to `out`, once each (`seen` holds the current stamp). */
  collect(key: number, out: number[], seen: Uint32Array, stamp: number): void {
    const slots = this.slots;
    const m = (slots.length >>> 1) - 1;
    for (let s = key & m; slots[2 * s + 1] !== 0; s = (s + 1) & m) {
      if (slots[2 * s] !== key) continue;
      const entry = slots[2 * s + 1];
      if (entry & 1) {
        const i = entry >>> 1;
        if (seen[i] !== stamp) {
          seen[i] = stamp;
          out.push(i);
        }
        return;
      }
      const pos = (entry >>> 1) - 1;
      for (let j = this.starts[pos]; j < this.starts[pos + 1]; j++) {
        const i = this.postings[j];
        if (seen[i] !== stamp) {
          seen[i] = stamp;
          out.push(i);
        }
      }
      return;
    }
  }
}

/** Remembered answers: a few large documents' worth of names, well under a megabyte. */
const MEMO_LIMIT = 20000;

/** Letters and digits of `s` counted in 36 slots (a PEP 503 name holds nothing else once stripped). */
function letterCounts(s: string): Uint8Array {
  const c = new Uint8Array(36);
  for (let i = 0; i < s.length; i++) {
    const x = s.charCodeAt(i);
    const slot = x >= 97 ? x - 97 : x - 48 + 26;
    if (slot >= 0 && slot < 36 && c[slot] < 255) c[slot]++;
  }
  return c;
}

/** L1 distance of two letter counts is at most 4 (insert/delete 1, substitute 2, swap 0, twice). */
function countsClose(x: Uint8Array, y: Uint8Array, at: number): boolean {
  let d = 0;
  for (let i = 0; i < 36; i++) {
    const v = y[at + i];
    d += x[i] > v ? x[i] - v : v - x[i];
    if (d > 4) return false;
  }
  return true;
}

/**
 * Targets eligible for two-edit matches in flat arrays ordered by length. Two edits change the
 * character set by at most four symbols and the letter counts by at most four, so two cheap
 * necessary tests discard nearly all of them before the classifier runs its DP.
 */
class TwoEditTable {
  private readonly idx: Uint32Array;
  private readonly masks: Int32Array;
  private readonly counts: Uint8Array;
  /** Entries of length L sit at [lenStart[L], lenStart[L + 1]). */
  private readonly lenStart: Uint32Array;

  constructor(rows: { i: number; stripped: string }[]) {
    rows.sort((x, y) => x.stripped.length - y.stripped.length || x.i - y.i);
    this.idx = Uint32Array.from(rows, (r) => r.i);
    this.masks = Int32Array.from(rows, (r) => charMask(r.stripped));
    this.counts = new Uint8Array(rows.length * 36);
    rows.forEach((r, k) => this.counts.set(letterCounts(r.stripped), k * 36));
    const maxLen = rows.length ? rows[rows.length - 1].stripped.length : 0;
    this.lenStart = new Uint32Array(maxLen + 2);
    let k = 0;
    for (let len = 0; len <= maxLen + 1; len++) {
      while (k < rows.length && rows[k].stripped.length < len) k++;
      this.lenStart[len] = k;
    }
  }

  collect(sh: Shape, out: number[], seen: Uint32Array, stamp: number): void {
    const len = sh.stripped.length;
    const last = this.lenStart.length - 1;
    const from = this.lenStart[Math.min(Math.max(len - 2, 0), last)];
    const to = this.lenStart[Math.min(Math.max(len + 3, 0), last)];
    let counts: Uint8Array | undefined;
    for (let k = from; k < to; k++) {
      // maskClose, inlined: this loop runs a few hundred times per name.
      let v = sh.mask ^ this.masks[k];
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      if ((((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24 > 4 || seen[this.idx[k]] === stamp) continue;
      counts ??= letterCounts(sh.stripped);
      if (!countsClose(counts, this.counts, k * 36)) continue;
      seen[this.idx[k]] = stamp;
      out.push(this.idx[k]);
    }
  }
}

/** Popular-name indices must stay below this (2^21, far above the ~15k snapshot). */
const INDEX_SPAN = 2 ** 21;

export interface RawPair {
  target: string;
  rank: number;
  effRank: number;
  edit: Edit;
}

export class TypoIndex {
  private readonly names: string[];
  private readonly ranks: number[];
  /** Filled on first use: most popular names are never a candidate's neighbour. */
  private readonly shapes: (Shape | undefined)[];
  /** Rank used by the limits: an alias borrows its big project's rank (alias.ts). */
  private readonly effRanks: number[];
  private table: KeyTable | undefined;
  /**
   * The one-step keys of just the targets a popular candidate may match at all (popularMayMatch
   * against the snapshot's worst rank): a few hundred names whose table stays in cache, where the
   * full table costs a memory miss per key. Those targets sit in `table` under the same keys, so
   * the candidates that survive the rank test in `compute` are the same.
   */
  private narrowTable: KeyTable | undefined;
  private two: TwoEditTable | undefined;
  private readonly pop: Popularity;
  /** Letter-run plausibility of the snapshot's names (plausibility.ts). */
  private readonly model: CharModel;
  /** Dedup of candidate indices without a Set: `seen[i] === stamp` means already collected. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /**
   * Answers already given, by PEP 503 name. A document is re-checked on every edit with mostly the
   * same names; answers depend only on the name, so replaying them changes nothing. Bounded.
   */
  private readonly memo = new Map<string, TypoMatch | null>();

  /** Drops remembered answers (the bench measures a first check of every name with it). */
  forgetAnswers(): void {
    this.memo.clear();
  }

  private constructor(pop: Popularity) {
    this.pop = pop;
    this.names = pop.entries.map((e) => e.name);
    this.ranks = pop.entries.map((e) => e.rank);
    this.shapes = new Array<Shape | undefined>(this.names.length);
    this.effRanks = effectiveRanks(pop);
    this.seen = new Uint32Array(this.names.length);
    this.model = charModel(pop);
  }

  static build(pop: Popularity): TypoIndex {
    const ix = new TypoIndex(pop);
    const pairs: number[] = [];
    const narrowPairs: number[] = [];
    const two: { i: number; stripped: string }[] = [];
    const worstRank = ix.ranks.reduce((m, r) => Math.max(m, r), 0);
    ix.names.forEach((n, i) => {
      if (!isCheckableName(n) || i >= INDEX_SPAN) return;
      const sh = shapeOf(n);
      for (const key of keysOf(sh)) pairs.push(key * INDEX_SPAN + i);
      if (popularMayMatch(ix.effRanks[i], worstRank)) for (const key of keysOf(sh, true)) narrowPairs.push(key * INDEX_SPAN + i);
      if (twoEditTarget(n, ix.effRanks[i])) two.push({ i, stripped: stripSeparators(n) });
    });
    ix.table = new KeyTable(Float64Array.from(pairs));
    ix.narrowTable = new KeyTable(Float64Array.from(narrowPairs));
    ix.two = new TwoEditTable(two);
    return ix;
  }

  /**
   * Indices of popular names sharing at least one key with `n`. `narrow` (a popular candidate):
   * only targets it may match by rank, through their POPULAR_KINDS keys.
   */
  private candidates(sh: Shape, narrow = false): number[] {
    const out: number[] = [];
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const table = narrow ? this.narrowTable : this.table;
    for (const key of keysOf(sh, narrow)) table?.collect(key, out, this.seen, stamp);
    if (!narrow) this.two?.collect(sh, out, this.seen, stamp);
    return out;
  }

  /** Every popular name one slip from `name`, with the raw edit, before rank limits (analysis). */
  pairs(name: string): RawPair[] {
    const n = pep503(name);
    if (!isCheckableName(n)) return [];
    const out: RawPair[] = [];
    const sh = shapeOf(n);
    for (const i of this.candidates(sh)) {
      const edit = classifyShapes(sh, (this.shapes[i] ??= shapeOf(this.names[i])));
      if (edit) out.push({ target: this.names[i], rank: this.ranks[i], effRank: this.effRanks[i], edit });
    }
    return out;
  }

  check(name: string): TypoMatch | undefined {
    const n = pep503(name);
    if (!isCheckableName(n)) return undefined;
    const hit = this.memo.get(n);
    if (hit !== undefined) return hit ?? undefined;
    const m = this.compute(n);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(n, m ? Object.freeze(m) : null);
    return m;
  }

  private compute(n: string): TypoMatch | undefined {
    const own = this.pop.rank(n);
    const sh = shapeOf(n);
    let best: TypoMatch | undefined;
    let bestEff = 0;
    const slips: RawSlip[] = [];
    // A popular name only matches a far bigger twin by a few slips: look up just those (most of a
    // requirements file is popular names, so this is the common case).
    for (const i of this.candidates(sh, own !== undefined)) {
      if (own !== undefined && !popularMayMatch(this.effRanks[i], own)) continue;
      const edit = classifyShapes(sh, (this.shapes[i] ??= shapeOf(this.names[i])));
      if (!edit) continue;
      if (own === undefined) slips.push({ target: this.names[i], rank: this.ranks[i], effRank: this.effRanks[i], edit });
      const m = accept(edit, this.names[i], this.ranks[i], this.effRanks[i], own, n, this.model);
      if (m && better(m, best)) {
        best = m;
        bestEff = this.effRanks[i];
      }
    }
    return best && closestTarget(best, bestEff, n, slips);
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
const models = new WeakMap<Popularity, CharModel>();

/** One character model per snapshot, shared by the index and the naive scan. */
export function charModel(pop: Popularity): CharModel {
  let m = models.get(pop);
  if (!m) {
    m = new CharModel(pop.entries.map((e) => e.name));
    models.set(pop, m);
  }
  return m;
}

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
  let bestEff = 0;
  const slips: RawSlip[] = [];
  pop.entries.forEach((e, i) => {
    if (!isCheckableName(e.name)) return;
    const edit = classifyShapes(sh, shapes[i]);
    if (!edit) return;
    if (own === undefined) slips.push({ target: e.name, rank: e.rank, effRank: eff[i], edit });
    const m = accept(edit, e.name, e.rank, eff[i], own, n, charModel(pop));
    if (m && better(m, best)) {
      best = m;
      bestEff = eff[i];
    }
  });
  return best && closestTarget(best, bestEff, n, slips);
}
