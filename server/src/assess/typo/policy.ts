// Which raw edits count as a typosquat finding. Weak edits are so common among the ~886k names on
// PyPI that they are only believable against the very top projects; strong ones (swap, doubled
// letter, look-alike glyph, separator) are rarely innocent. Limits were tuned on the full PyPI name
// list (false positives) and on public malicious-package reports (detection): see bench/quality.ts.
import { typoCost, type Edit, type Strength } from './classify';
import { stripSeparators } from './names';
import type { CharModel } from './plausibility';

export interface TypoMatch {
  /** The popular project the name imitates (PEP 503). */
  target: string;
  targetRank: number;
  /** Human text: "two letters swapped". */
  transformation: string;
  /** Stable id of the transformation. */
  kind: string;
  strength: Strength;
}

interface KindLimit {
  /** Worst popularity rank a target may have for this edit to count. */
  maxRank: number;
  /** Shortest separator-free target: short names sit one edit away from many others. */
  minLength: number;
  /**
   * Rank floors by target length, [shortest length, rank], the last entry that applies wins: a long
   * name one letter off is almost never another project's own name, whatever the target's rank.
   */
  floors?: [number, number][];
}

// Tuned on the ~886k PyPI names (false positives: 0.68% flagged, budget 0.70%) and on the tuning half of
// ~1,650 real malicious typosquat names from public datasets, judged on the other half (bench/quality.ts
// --tune/--held); strong slips may hit any popular project, weak ones only the very top. 2026-12
// re-balance: two changed letters on 8-9 letter targets, an edge letter on 6-letter ones and two slips
// on 8-letter targets below rank 500 flagged ~360 existing names and caught no tuning-half name; that
// budget went to swaps of 5-letter targets and to graded RARE_STEPS.
export const KIND_LIMITS: Record<string, KindLimit> = {
  separator: { maxRank: 5000, minLength: 4 },
  'reordered-words': { maxRank: 15000, minLength: 4 },
  visual: { maxRank: 15000, minLength: 4 },
  swap: { maxRank: 15000, minLength: 4, floors: [[5, 15000]] },
  'doubled-added': { maxRank: 15000, minLength: 4, floors: [[4, 15000]] },
  'doubled-removed': { maxRank: 15000, minLength: 4 },
  'version-suffix': { maxRank: 300, minLength: 6, floors: [[12, 3000]] },
  'version-dropped': { maxRank: 1000, minLength: 4 },
  'version-changed': { maxRank: 300, minLength: 4 },
  'python-affix': { maxRank: 1000, minLength: 3 },
  plural: { maxRank: 5000, minLength: 4 },
  singular: { maxRank: 3000, minLength: 5 },
  keyboard: { maxRank: 1000, minLength: 4, floors: [[8, 2000], [12, 7000]] },
  omitted: { maxRank: 5000, minLength: 6 },
  'inserted-neighbour': { maxRank: 4000, minLength: 5, floors: [[6, 15000]] },
  inserted: { maxRank: 4000, minLength: 5, floors: [[6, 7000], [8, 15000]] },
  'edge-inserted': { maxRank: 300, minLength: 5, floors: [[7, 1000]] },
  appended: { maxRank: 300, minLength: 5, floors: [[6, 7000]] },
  'doubles-changed': { maxRank: 0, minLength: 6, floors: [[6, 7000]] },
  'y-vowel': { maxRank: 1000, minLength: 5, floors: [[5, 2000], [12, 15000]] },
  'edge-omitted': { maxRank: 1000, minLength: 6, floors: [[7, 1000], [8, 3000], [10, 15000]] },
  substituted: { maxRank: 100, minLength: 5, floors: [[6, 100], [12, 5000]] },
  vowel: { maxRank: 1000, minLength: 5, floors: [[12, 15000]] },
  'py-glued': { maxRank: 300, minLength: 4 },
  'two-edits': { maxRank: 100, minLength: 7, floors: [[8, 500], [9, 1000]] },
  'two-changes': { maxRank: 30, minLength: 10, floors: [[10, 1000], [12, 300]] },
};

/**
 * Short names sit one slip away from many unrelated names (`came`/`acme`), long ones almost never
 * do, so the rank limit shrinks for short targets and grows for long ones.
 */
export function lengthFactor(len: number): number {
  if (len <= 5) return 0.2;
  if (len <= 7) return 0.7;
  if (len <= 9) return 1.5;
  return 4;
}

/** Worst target rank at which `kind` counts for a target of `len` separator-free characters. */
export function rankLimit(kind: string, len: number): number {
  const lim = KIND_LIMITS[kind];
  if (!lim || len < lim.minLength) return 0;
  let r = lim.maxRank * lengthFactor(len);
  let floor = 0;
  for (const [l, f] of lim.floors ?? []) if (len >= l) floor = f;
  return Math.max(r, floor);
}

/** Longer names are rarely typed by hand: two-edit matches stop here, which bounds lookup cost. */
export const TWO_EDIT_MAX_LENGTH = 24;

/** Targets eligible for two-edit matches: the index files only these in its two-edit table. */
export function twoEditTarget(target: string, rank: number): boolean {
  const len = stripSeparators(target).length;
  if (len > TWO_EDIT_MAX_LENGTH) return false;
  return rank <= Math.max(rankLimit('two-edits', len), rankLimit('two-changes', len));
}

/** A popular candidate is only flagged when this many times less popular than its twin… */
const POPULAR_RATIO = 20;
/** …and only for slips that make no new word (`pyaml` from `pyyaml` is a project of its own). */
const POPULAR_KINDS = new Set(['swap', 'separator', 'visual', 'doubled-added']);

/**
 * Whether a popular candidate of rank `candidateRank` can match a target at all: the index then
 * skips every other target, and every key but those of POPULAR_KINDS (same stripped name, same
 * skeleton, shared one-letter deletion) before classifying.
 */
export function popularMayMatch(effectiveRank: number, candidateRank: number): boolean {
  return candidateRank >= POPULAR_RATIO * effectiveRank;
}

export const STRENGTH_ORDER: Record<Strength, number> = { strong: 3, medium: 2, weak: 1 };

/**
 * Slips a rare letter run may carry past their rank limit, up to any snapshot target of at least
 * RARE_MIN_LENGTH letters. Chosen on the tuning half against added flags over all PyPI names
 * (bench/quality.ts): these three gain detections at ~35 extra names each; the other weak kinds and
 * 5-letter targets gained none or flagged hundreds of pronounceable names.
 */
const RARE_KINDS = new Set(['keyboard', 'omitted', 'substituted']);
const RARE_MIN_LENGTH = 6;
/**
 * Natural-log drop of the rarest trigram at the edit (plausibility.ts) a slip must show, by the
 * target's effective rank (first row that applies): the less popular the target, the more garbled
 * the slip must be, since more legitimate names sit near it. 2.0 is ~7 times less likely, 3.5 ~33.
 * Chosen on the tuning half against all PyPI names (bench/quality.ts): a flat 3.5 (until 2026-12) or
 * 2.5 caught fewer garbled slips of mid-ranked targets; a flat 2.0 took the flagged share to 0.70%.
 */
export const RARE_STEPS: readonly (readonly [maxRank: number, shift: number])[] = [
  [7000, 2.0],
  [15000, 3.5],
];

/** The drop a slip of a target at `effectiveRank` must show, or undefined past the last step. */
export function rareShift(effectiveRank: number): number | undefined {
  return RARE_STEPS.find(([maxRank]) => effectiveRank <= maxRank)?.[1];
}

/**
 * A slip of a less popular target still counts when it makes the name clearly less plausible
 * letter by letter than its target (`hypwrscan`): real look-alike projects are pronounceable.
 */
function rareSlip(edit: Edit, candidate: string, target: string, len: number, effectiveRank: number, model: CharModel | undefined): boolean {
  const need = rareShift(effectiveRank);
  if (!model || !RARE_KINDS.has(edit.kind) || need === undefined || len < RARE_MIN_LENGTH) return false;
  return model.editShift(stripSeparators(candidate), stripSeparators(target)) <= -need;
}

/**
 * Decides whether a raw edit is a finding. `effectiveRank` is the rank the limits use (an alias
 * such as `pytorch` borrows its project's rank); `targetRank` is what the message shows.
 */
export function accept(
  edit: Edit,
  target: string,
  targetRank: number,
  effectiveRank: number,
  candidateRank: number | undefined,
  candidate?: string,
  model?: CharModel,
): TypoMatch | undefined {
  const len = stripSeparators(target).length;
  if (effectiveRank > rankLimit(edit.kind, len) && !(candidate !== undefined && rareSlip(edit, candidate, target, len, effectiveRank, model))) return undefined;
  if (candidateRank !== undefined) {
    // The candidate is itself a popular project: only an obvious slip of a far bigger one counts.
    if (!POPULAR_KINDS.has(edit.kind) || !popularMayMatch(effectiveRank, candidateRank)) return undefined;
  }
  return { target, targetRank, transformation: edit.transformation, kind: edit.kind, strength: edit.strength };
}

/** Total order over matches: stronger evidence first, then the more popular target. */
export function better(a: TypoMatch, b: TypoMatch | undefined): boolean {
  if (!b) return true;
  const s = STRENGTH_ORDER[a.strength] - STRENGTH_ORDER[b.strength];
  if (s !== 0) return s > 0;
  if (a.targetRank !== b.targetRank) return a.targetRank < b.targetRank;
  return a.target < b.target;
}

/** Slips that change no letter of the name's words: `ldap` is python-ldap's own name, not a misspelt `ldap3`. */
const STRUCTURAL = new Set(['separator', 'reordered-words', 'visual', 'python-affix', 'py-glued']);

/** How far a slip is from what was typed: structural slips are near, others by typoCost. */
function slipCost(candidate: string, target: string, kind: string): number {
  return STRUCTURAL.has(kind) ? 0.5 : typoCost(candidate, stripSeparators(target));
}

/** A raw one-slip pair seen while checking a name: the target, its ranks and the edit. */
export interface RawSlip {
  target: string;
  rank: number;
  effRank: number;
  edit: Edit;
}

/**
 * The target a finding names. The accepted match decides THAT a name is flagged; the target shown
 * is the closest name among the raw slips at least as strong and at least as popular. `flake9`
 * passes the limits only through `flake8-2020` (long names get looser limits), yet it is one
 * digit from `flake8`, which is more popular: "typo of flake8" is the useful answer. Weak slips are
 * left out (the index files two-edit targets selectively), and only a non-popular candidate is
 * retargeted, so TypoIndex and naiveCheck see the same slips and agree.
 */
export function closestTarget(best: TypoMatch, bestEffRank: number, candidate: string, slips: readonly RawSlip[]): TypoMatch {
  if (slips.length < 2) return best;
  const c = stripSeparators(candidate);
  const bestCost = slipCost(c, best.target, best.kind);
  let pick: RawSlip | undefined;
  let pickCost = bestCost;
  for (const s of slips) {
    if (s.target === best.target || s.edit.strength === 'weak') continue;
    if (STRENGTH_ORDER[s.edit.strength] < STRENGTH_ORDER[best.strength] || s.effRank > bestEffRank) continue;
    const k = slipCost(c, s.target, s.edit.kind);
    // Closest first, then the more popular, then by name: a total order, whatever the slips' order.
    if (k < pickCost || (pick && k === pickCost && (s.rank < pick.rank || (s.rank === pick.rank && s.target < pick.target)))) {
      pick = s;
      pickCost = k;
    }
  }
  if (!pick) return best;
  return { target: pick.target, targetRank: pick.rank, transformation: pick.edit.transformation, kind: pick.edit.kind, strength: pick.edit.strength };
}
