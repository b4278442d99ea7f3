// String keys the typo classifier and its index share. Every key is computed from the PEP 503
// normalised name (https://peps.python.org/pep-0503/#normalized-names), so `Foo_Bar` and `foo-bar`
// are the same name and only real spelling differences remain.

/** A PEP 503 name that can be a PyPI project name (PEP 508 identifier, normalised). */
export function isCheckableName(n: string): boolean {
  return n.length >= 2 && n.length <= 80 && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(n);
}

/** Without separators: PyPI itself treats names equal after stripping `-_.` as colliding. */
export function stripSeparators(n: string): string {
  // Most names hold no hyphen: skip the regex (this runs several times per name checked).
  return n.includes('-') ? n.replace(/-/g, '') : n;
}

/** Hyphen words, sorted: `dateutil-python` and `python-dateutil` share this key. */
export function sortedWords(n: string): string | undefined {
  if (!n.includes('-')) return undefined; // one word at most
  const w = n.split('-').filter(Boolean);
  return w.length >= 2 ? w.sort().join('-') : undefined;
}

/** Stripped name without its trailing version digits (`urllib3` -> `urllib`). */
export function digitless(s: string): string {
  // `\d` without the u flag is exactly 0-9: a scan from the end, no regex.
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) >= 48 && s.charCodeAt(end - 1) <= 57) end--;
  return end === s.length ? s : s.slice(0, end);
}

// Look-alike glyphs, in the spirit of Unicode TR39 "confusables" restricted to what a PEP 508 name
// can hold; PyPI's own collision check maps l/i -> 1 and o -> 0 the same way.
const VISUAL_MULTI: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];
const VISUAL_SINGLE: Record<string, string> = { '0': 'o', '1': 'l', i: 'l', '5': 's' };

export function skeleton(s: string): string {
  // Most names contain nothing to fold: return them as they are, with no string built.
  if (!/[015i]|rn|vv/.test(s)) return s;
  let k = s;
  for (const [re, to] of VISUAL_MULTI) k = k.replace(re, to);
  let out = '';
  for (const ch of k) out += VISUAL_SINGLE[ch] ?? ch;
  return out;
}

/** Every run of a repeated letter cut to one: `fuzzywuzzy` and `fuzywuzy` share `fuzywuzy`. */
export function squash(s: string): string {
  // No two equal neighbours, nothing to cut: skip the back-referencing regex.
  let run = false;
  for (let i = 1; i < s.length && !run; i++) run = s.charCodeAt(i) === s.charCodeAt(i - 1);
  return run ? s.replace(/(.)\1+/g, '$1') : s;
}

export function isVisualPair(a: string, b: string): boolean {
  return a !== b && (VISUAL_SINGLE[a] ?? a) === (VISUAL_SINGLE[b] ?? b);
}

// QWERTY geometry: rows with their horizontal stagger; two keys touch when they are at most one
// row and about one key-width apart.
const ROWS: [string, number][] = [
  ['1234567890', 0],
  ['qwertyuiop', 0.5],
  ['asdfghjkl', 0.75],
  ['zxcvbnm', 1.25],
];
const KEY_POS = new Map<string, [number, number]>();
ROWS.forEach(([keys, off], r) => [...keys].forEach((k, i) => KEY_POS.set(k, [r, i + off])));

export function isKeyboardNeighbour(a: string, b: string): boolean {
  const pa = KEY_POS.get(a);
  const pb = KEY_POS.get(b);
  if (!pa || !pb || a === b) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

export interface CoreForm {
  core: string;
  /** The python/py affix removed to get `core`, '' for the name itself. */
  affix: string;
  /** True when the affix was glued on without a separator (`pyrequests`): weaker evidence. */
  glued: boolean;
}

const HYPHEN_PREFIXES = ['python3-', 'python-', 'py3-', 'py-'];
const HYPHEN_SUFFIXES = ['-python3', '-python', '-py3', '-py'];
const GLUED_PREFIXES = ['python3', 'python', 'py'];

/** The name and what is left after removing one `python`/`py` prefix or suffix. */
export function coreForms(n: string): CoreForm[] {
  const out: CoreForm[] = [{ core: n, affix: '', glued: false }];
  for (const p of HYPHEN_PREFIXES) {
    if (n.startsWith(p) && n.length - p.length >= 3) {
      out.push({ core: n.slice(p.length), affix: p, glued: false });
      break;
    }
  }
  for (const s of HYPHEN_SUFFIXES) {
    if (n.endsWith(s) && n.length - s.length >= 3) {
      out.push({ core: n.slice(0, -s.length), affix: s, glued: false });
      break;
    }
  }
  // The longest matching prefix only: `python-nmap` is not `py` + `thon-nmap`.
  const gp = GLUED_PREFIXES.find((p) => n.startsWith(p));
  if (gp && n.length - gp.length >= 4 && /^[a-z]/.test(n.slice(gp.length))) out.push({ core: n.slice(gp.length), affix: gp, glued: true });
  // `stripepy`: a glued `py` suffix, only on names long enough not to end in "py" by accident.
  if (n.endsWith('py') && n.length - 2 >= 5 && /[a-z]$/.test(n.slice(0, -2))) out.push({ core: n.slice(0, -2), affix: 'py', glued: true });
  return out;
}
