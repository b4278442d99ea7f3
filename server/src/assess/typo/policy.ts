// Which raw edits count as a typosquat finding. Weak edits are so common among the ~886k names on
// PyPI that they are only believable against the very top projects; strong ones (swap, doubled
// letter, look-alike glyph, separator) are rarely innocent. Limits were tuned on the full PyPI name
// list (false positives) and on public malicious-package reports (detection): see bench/quality.ts.
import type { Edit, Strength } from './classify';
import { stripSeparators } from './names';

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

/** Highest popularity rank a target may have for each strength of evidence. */
export const RANK_LIMIT: Record<Strength, number> = { strong: 5000, medium: 1000, weak: 100 };

/** Shortest separator-free target per kind; short names sit one edit from many others. */
const MIN_TARGET_LENGTH: Record<string, number> = { omitted: 6, substituted: 5, inserted: 5, 'inserted-neighbour': 5 };
const DEFAULT_MIN_LENGTH = 4;

/** A popular candidate is only flagged when this many times less popular than its twin. */
const POPULAR_RATIO = 20;

export const STRENGTH_ORDER: Record<Strength, number> = { strong: 3, medium: 2, weak: 1 };

export function accept(edit: Edit, target: string, targetRank: number, candidateRank: number | undefined): TypoMatch | undefined {
  if (targetRank > RANK_LIMIT[edit.strength]) return undefined;
  if (stripSeparators(target).length < (MIN_TARGET_LENGTH[edit.kind] ?? DEFAULT_MIN_LENGTH)) return undefined;
  if (candidateRank !== undefined) {
    // The candidate is itself a popular project: only an obvious slip of a far bigger one counts.
    if (edit.strength !== 'strong' || candidateRank < POPULAR_RATIO * targetRank) return undefined;
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
