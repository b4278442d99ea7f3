// Character plausibility of a slip. Typing slips usually create letter runs that real package names
// rarely contain (`hypwrscan`), while a legitimate look-alike project is mostly a pronounceable
// word (`colorer`). A character trigram model (Shannon, 1948; add-one smoothing, Jurafsky & Martin
// ch. 3) built from the popular-name snapshot scores the letters around the edit in both names.
import { stripSeparators } from './names';

/** a-z, 0-9, then the `^`/`$` name boundaries; anything else (never in a stripped PEP 503 name) maps to 36. */
const SYMBOLS = 38;
const START = 36;
const END = 37;

function code(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 48 + 26;
  return START;
}

/** Symbol codes of `^name$`. */
function encode(s: string): number[] {
  const out = [START];
  for (let i = 0; i < s.length; i++) out.push(code(s.charCodeAt(i)));
  out.push(END);
  return out;
}

export class CharModel {
  private readonly tri = new Uint32Array(SYMBOLS * SYMBOLS * SYMBOLS);
  private readonly bi = new Uint32Array(SYMBOLS * SYMBOLS);

  /** Counts trigrams of the separator-free names (separators split nothing a typist sees). */
  constructor(names: Iterable<string>) {
    for (const n of names) {
      const e = encode(stripSeparators(n));
      for (let j = 0; j + 2 < e.length; j++) {
        this.tri[(e[j] * SYMBOLS + e[j + 1]) * SYMBOLS + e[j + 2]]++;
        this.bi[e[j] * SYMBOLS + e[j + 1]]++;
      }
    }
  }

  /** log P(z | x y), add-one smoothed. */
  private logP(x: number, y: number, z: number): number {
    return Math.log((this.tri[(x * SYMBOLS + y) * SYMBOLS + z] + 1) / (this.bi[x * SYMBOLS + y] + SYMBOLS));
  }

  /** Least likely trigram of `^s$` among those starting in [from, to] (clamped). */
  private minWindow(e: number[], from: number, to: number): number {
    let m = 0;
    for (let j = Math.max(0, from); j <= Math.min(e.length - 3, to); j++) m = Math.min(m, this.logP(e[j], e[j + 1], e[j + 2]));
    return m;
  }

  /**
   * How much less plausible `candidate` is than `target` around the characters where they differ:
   * the rarest trigram touching the edit in the candidate minus the rarest in the target (natural
   * log; negative means the slip made a rarer letter run). Both are separator-free names.
   */
  editShift(candidate: string, target: string): number {
    const [ca, cb] = this.around(candidate, target);
    return ca - cb;
  }

  /** The rarest trigram touching the edit, [in candidate, in target] (natural log). */
  around(candidate: string, target: string): [number, number] {
    const a = encode(candidate);
    const b = encode(target);
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    // Differing span is [p, len - s) in each; a trigram starting at j touches it when j + 2 >= p
    // and j < len - s (an empty span, a deletion, is touched by the trigrams crossing the joint).
    const ca = this.minWindow(a, p - 2, Math.max(a.length - s - 1, p - 1));
    const cb = this.minWindow(b, p - 2, Math.max(b.length - s - 1, p - 1));
    return [ca, cb];
  }
}
