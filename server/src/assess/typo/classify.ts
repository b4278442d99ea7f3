// The pairwise classifier: is candidate name `n` one typing slip away from popular name `t`, and
// which slip? Both the indexed lookup and the naive scan call exactly this function, so they agree.
// Edits follow PyPI's own check (warehouse "typosnyper") and TypoGard (Taylor et al., 2020).
import {
  type CoreForm,
  coreForms,
  digitless,
  isKeyboardNeighbour,
  isVisualPair,
  skeleton,
  sortedWords,
  squash,
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

const VOWELS = 'aeiouy';
/** Appended letters that usually make a word of a name (`-s` plural, `-r`/`-d` agent and past, `-x`). */
const WORDY_ENDINGS = 'sxrdyz0123456789';

function dl1Edit(a: string, b: string, d: Dl1): Edit {
  if (d.op === 'swap') return { kind: 'swap', transformation: 'two letters swapped', strength: 'strong' };
  if (d.op === 'insert') {
    const ch = a[d.i];
    if (ch === a[d.i - 1] || ch === a[d.i + 1]) return { kind: 'doubled-added', transformation: `letter ${q(ch)} doubled`, strength: 'strong' };
    if (ch === 's' && d.i === a.length - 1) return { kind: 'plural', transformation: "plural 's' added", strength: 'medium' };
    // A letter glued to either end reads like a new word (`fastapix`), not a slip: weaker. Endings
    // that make English words (`-r`, `-d`, `-x`…) are split from other appended letters (`redist`).
    if (d.i === 0 || d.i === a.length - 1) {
      const kind = d.i === 0 || WORDY_ENDINGS.includes(ch) ? 'edge-inserted' : 'appended';
      return { kind, transformation: `extra letter ${q(ch)} added`, strength: 'weak' };
    }
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
    if (ch === 's' && d.i === b.length - 1) return { kind: 'singular', transformation: "plural 's' dropped", strength: 'medium' };
    if (d.i === 0 || d.i === b.length - 1) return { kind: 'edge-omitted', transformation: `letter ${q(ch)} left out`, strength: 'weak' };
    return { kind: 'omitted', transformation: `letter ${q(ch)} left out`, strength: 'medium' };
  }
  const from = b[d.i];
  const to = a[d.i];
  if (isVisualPair(from, to)) return { kind: 'visual', transformation: `look-alike ${q(to)} for ${q(from)}`, strength: 'strong' };
  if (isKeyboardNeighbour(from, to)) return { kind: 'keyboard', transformation: `neighbouring key ${q(to)} for ${q(from)}`, strength: 'medium' };
  // `y` sounds like `i` (`twyne`): a spelling slip, tuned apart from other vowels.
  if ((from === 'i' && to === 'y') || (from === 'y' && to === 'i')) return { kind: 'y-vowel', transformation: `${q(to)} written for ${q(from)}`, strength: 'weak' };
  // Vowels are what people misremember when spelling a name (`requists`, `djanga`).
  if (VOWELS.includes(from) && VOWELS.includes(to)) return { kind: 'vowel', transformation: `vowel ${q(from)} changed to ${q(to)}`, strength: 'weak' };
  return { kind: 'substituted', transformation: `letter ${q(from)} changed to ${q(to)}`, strength: 'weak' };
}

function affixPlace(name: string, affix: string): string {
  return name.startsWith(affix) ? 'prefix' : 'suffix';
}

function affixEdit(n: Shape, t: Shape): Edit | undefined {
  let best: Edit | undefined;
  for (const fn of n.cores) {
    for (const ft of t.cores) {
      if (fn.core !== ft.core || (!fn.affix && !ft.affix)) continue;
      const glued = fn.glued || ft.glued;
      let transformation: string;
      if (fn.affix && ft.affix) transformation = `${q(ft.affix)} replaced by ${q(fn.affix)}`;
      else if (fn.affix) transformation = `${q(fn.affix)} ${affixPlace(n.name, fn.affix)} added`;
      else transformation = `${q(ft.affix)} ${affixPlace(t.name, ft.affix)} dropped`;
      const e: Edit = { kind: glued ? 'py-glued' : 'python-affix', transformation, strength: glued ? 'weak' : 'medium' };
      if (!best || (best.strength === 'weak' && e.strength !== 'weak')) best = e;
    }
  }
  return best;
}

/** Everything the classifier derives from one name, computed once per name. */
export interface Shape {
  name: string;
  /** Separator-free. */
  stripped: string;
  words: string | undefined;
  digitless: string;
  skeleton: string;
  /** Letter runs cut to one (`squash`). */
  squashed: string;
  cores: CoreForm[];
  /** Character set folded into 32 bits, for the two-edit prefilter. */
  mask: number;
}

export function shapeOf(name: string): Shape {
  const stripped = stripSeparators(name);
  return {
    name,
    stripped,
    words: sortedWords(name),
    digitless: digitless(stripped),
    skeleton: skeleton(stripped),
    squashed: squash(stripped),
    cores: coreForms(name),
    mask: charMask(stripped),
  };
}

/** The set of characters of `s` folded into 32 bits (collisions only make the filter looser). */
export function charMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) & 31);
  return m;
}

/** Two edits change a character set by at most four symbols: a cheap necessary test. */
export function maskClose(x: number, y: number): boolean {
  let v = x ^ y;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return ((((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24) <= 4;
}

/**
 * The raw edit between candidate `n` and popular `t` (PEP 503 names), before any rank policy.
 * Every branch corresponds to one key of TypoIndex, which is what keeps index == naive.
 */
export function classifyPair(n: string, t: string): Edit | undefined {
  return classifyShapes(shapeOf(n), shapeOf(t));
}

export function classifyShapes(n: Shape, t: Shape): Edit | undefined {
  if (n.name === t.name) return undefined;
  const a = n.stripped;
  const b = t.stripped;
  if (a === b) return separatorEdit(n.name, t.name);
  if (n.words !== undefined && n.words === t.words) return { kind: 'reordered-words', transformation: 'words reordered', strength: 'strong' };
  if (n.digitless === t.digitless && n.digitless.length >= 3) {
    const v = versionEdit(a, b);
    if (v) return v;
  }
  if (n.skeleton === t.skeleton) return { kind: 'visual', transformation: 'look-alike characters', strength: 'strong' };
  // A python/py affix explains `python3-x` for `python-x` better than "one letter inserted".
  const af = affixEdit(n, t);
  if (af && !af.kind.endsWith('glued')) return af;
  const d = damerau1(a, b);
  if (d) return dl1Edit(a, b, d);
  // Several doubled letters collapsed or doubled at once (`fuzywuzy`): still no new letter typed.
  if (n.squashed === t.squashed && n.squashed.length >= 4) return { kind: 'doubles-changed', transformation: 'doubled letters changed', strength: 'strong' };
  if (af) return af;
  if (maskClose(n.mask, t.mask) && levenshteinAtMost2(a, b)) {
    // Cheap slips (a doubled letter plus a neighbouring key…) read as typing; others less so.
    if (typoCost(a, b) <= 1.5) return { kind: 'two-edits', transformation: 'two typing slips', strength: 'weak' };
    // Arbitrary double changes only where misspellings happen: people rarely get the first letter
    // wrong, and a name containing the other whole (`pydantic-bq`) is a new name, not a typo.
    if (a[0] === b[0] && !a.includes(b) && !b.includes(a)) return { kind: 'two-changes', transformation: 'two letters changed', strength: 'weak' };
  }
  return undefined;
}

/**
 * Optimal-string-alignment distance where likely slips are cheap: a doubled or undoubled letter,
 * a trailing version digit or plural 's' and a look-alike glyph cost 0.5, a neighbouring key 1,
 * any other letter 1.5 (substitution) or 1 (insertion, deletion), a swap 1.
 */
export function typoCost(a: string, b: string): number {
  const insCost = (s: string, j: number): number => {
    const ch = s[j];
    if (ch === s[j - 1] || ch === s[j + 1]) return 0.5;
    if (j === s.length - 1 && (ch === 's' || /\d/.test(ch))) return 0.5;
    return 1;
  };
  const subCost = (x: string, y: string): number => (x === y ? 0 : isVisualPair(x, y) ? 0.5 : isKeyboardNeighbour(x, y) ? 1 : 1.5);
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push(new Array<number>(b.length + 1).fill(0));
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 && j === 0) continue;
      let v = Infinity;
      if (i > 0) v = Math.min(v, d[i - 1][j] + insCost(a, i - 1));
      if (j > 0) v = Math.min(v, d[i][j - 1] + insCost(b, j - 1));
      if (i > 0 && j > 0) v = Math.min(v, d[i - 1][j - 1] + subCost(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

/**
 * Optimal-string-alignment distance <= 2 (insert, delete, substitute, swap of neighbours), by a
 * banded dynamic programme: a swap plus one more slip (`requset`) is two typing errors, not three.
 */
export function levenshteinAtMost2(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev2 = new Array<number>(b.length + 1);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // OSA rows can dip below the previous row's minimum only through a swap reaching back two rows.
    if (rowMin > 2 && prevMin > 2) return false;
    prevMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length] <= 2;
}
