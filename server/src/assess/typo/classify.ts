// The pairwise classifier: is candidate name `n` one typing slip away from popular name `t`, and
// which slip? Both the indexed lookup and the naive scan call exactly this function, so they agree.
// Edits follow PyPI's own check (warehouse "typosnyper") and TypoGard (Taylor et al., 2020).
import {
  coreForms,
  digitless,
  isKeyboardNeighbour,
  isVisualPair,
  skeleton,
  sortedWords,
  stripSeparators,
} from './names';

export type Strength = 'strong' | 'medium' | 'weak';

export interface Edit {
  /** Stable id of the transformation. */
  kind: string;
  /** Human text for messages: "two letters swapped". */
  transformation: string;
  strength: Strength;
}

interface Dl1 {
  op: 'insert' | 'delete' | 'sub' | 'swap';
  /** Index in the longer string (insert/delete) or in both (sub/swap). */
  i: number;
}

/** One Damerau edit turning `b` into `a`, or undefined when they are further apart. */
export function damerau1(a: string, b: string): Dl1 | undefined {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1 || a === b) return undefined;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb + 1) return a.slice(i + 1) === b.slice(i) ? { op: 'insert', i } : undefined;
  if (lb === la + 1) return b.slice(i + 1) === a.slice(i) ? { op: 'delete', i } : undefined;
  if (a.slice(i + 1) === b.slice(i + 1)) return { op: 'sub', i };
  if (i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return { op: 'swap', i };
  return undefined;
}

function q(s: string): string {
  return `'${s}'`;
}

function separatorEdit(n: string, t: string): Edit {
  const dn = (n.match(/-/g) ?? []).length;
  const dt = (t.match(/-/g) ?? []).length;
  const transformation = dn > dt ? 'separator added' : dn < dt ? 'separator removed' : 'separator moved';
  return { kind: 'separator', transformation, strength: 'strong' };
}

function versionEdit(a: string, b: string): Edit | undefined {
  const da = a.slice(digitless(a).length);
  const db = b.slice(digitless(b).length);
  if (da === db) return undefined;
  if (!db) return da.length <= 2 ? { kind: 'version-suffix', transformation: `version number ${q(da)} appended`, strength: 'medium' } : undefined;
  if (!da) return { kind: 'version-dropped', transformation: `version number ${q(db)} dropped`, strength: 'medium' };
  return { kind: 'version-changed', transformation: `version number ${q(db)} changed to ${q(da)}`, strength: 'medium' };
}

function dl1Edit(a: string, b: string, d: Dl1): Edit {
  if (d.op === 'swap') return { kind: 'swap', transformation: 'two letters swapped', strength: 'strong' };
  if (d.op === 'insert') {
    const ch = a[d.i];
    if (ch === a[d.i - 1] || ch === a[d.i + 1]) return { kind: 'doubled-added', transformation: `letter ${q(ch)} doubled`, strength: 'strong' };
    const fat = isKeyboardNeighbour(ch, a[d.i - 1] ?? '') || isKeyboardNeighbour(ch, a[d.i + 1] ?? '');
    return {
      kind: fat ? 'inserted-neighbour' : 'inserted',
      transformation: `extra letter ${q(ch)} inserted`,
      strength: b.length >= 6 ? 'medium' : 'weak',
    };
  }
  if (d.op === 'delete') {
    const ch = b[d.i];
    if (ch === b[d.i - 1] || ch === b[d.i + 1]) return { kind: 'doubled-removed', transformation: `double letter ${q(ch + ch)} collapsed`, strength: 'strong' };
    return { kind: 'omitted', transformation: `letter ${q(ch)} left out`, strength: 'medium' };
  }
  const from = b[d.i];
  const to = a[d.i];
  if (isVisualPair(from, to)) return { kind: 'visual', transformation: `look-alike ${q(to)} for ${q(from)}`, strength: 'strong' };
  if (isKeyboardNeighbour(from, to)) return { kind: 'keyboard', transformation: `neighbouring key ${q(to)} for ${q(from)}`, strength: 'medium' };
  return { kind: 'substituted', transformation: `letter ${q(from)} changed to ${q(to)}`, strength: 'weak' };
}

function affixEdit(n: string, t: string): Edit | undefined {
  let best: Edit | undefined;
  for (const fn of coreForms(n)) {
    for (const ft of coreForms(t)) {
      if (fn.core !== ft.core || (!fn.affix && !ft.affix)) continue;
      const glued = fn.glued || ft.glued;
      let transformation: string;
      if (fn.affix && ft.affix) transformation = `${q(ft.affix)} replaced by ${q(fn.affix)}`;
      else if (fn.affix) transformation = `${q(fn.affix)} ${fn.affix.startsWith('-') ? 'suffix' : 'prefix'} added`;
      else transformation = `${q(ft.affix)} ${ft.affix.startsWith('-') ? 'suffix' : 'prefix'} dropped`;
      const e: Edit = { kind: glued ? 'py-glued' : 'python-affix', transformation, strength: glued ? 'weak' : 'medium' };
      if (!best || (best.strength === 'weak' && e.strength !== 'weak')) best = e;
    }
  }
  return best;
}

/**
 * The raw edit between candidate `n` and popular `t` (both PEP 503), before any rank policy.
 * Every branch corresponds to one key of TypoIndex, which is what keeps index == naive.
 */
export function classifyPair(n: string, t: string): Edit | undefined {
  if (n === t) return undefined;
  const a = stripSeparators(n);
  const b = stripSeparators(t);
  if (a === b) return separatorEdit(n, t);
  const wn = sortedWords(n);
  if (wn !== undefined && wn === sortedWords(t)) return { kind: 'reordered-words', transformation: 'words reordered', strength: 'strong' };
  if (digitless(a) === digitless(b) && digitless(a).length >= 3) {
    const v = versionEdit(a, b);
    if (v) return v;
  }
  if (skeleton(a) === skeleton(b)) return { kind: 'visual', transformation: 'look-alike characters', strength: 'strong' };
  const d = damerau1(a, b);
  if (d) return dl1Edit(a, b, d);
  return affixEdit(n, t);
}
