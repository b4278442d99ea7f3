// A PEP 508 requirement-string parser (https://peps.python.org/pep-0508/), shared by the
// requirements, pyproject and PEP 723 parsers. Hand-written scanner: every step consumes input,
// so it runs in linear time on any input (no backtracking regexes on untrusted text).

export interface ParsedRequirement {
  /** The name exactly as written. */
  name: string;
  /** Offsets into `text` of the name token (end exclusive). */
  nameStart: number;
  nameEnd: number;
  extras: string[];
  /** Specifier set without spaces and without parentheses, e.g. `>=2.31,<3`; '' when none. */
  specifier: string;
  /** Offsets of the specifier set as written (parentheses included), when there is one. */
  specifierStart?: number;
  specifierEnd?: number;
  /** Environment marker as written (trimmed), when there is one. */
  marker?: string;
  /** `name @ url` direct reference. */
  url?: string;
}

export type RequirementResult = ParsedRequirement | { error: string };

const MAX_MARKER_DEPTH = 32;

// Environment marker variables (PEP 508 + the legacy dotted spellings packaging still accepts,
// + `extras` / `dependency_groups` from the lock-file spec PEP 751).
const MARKER_VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release',
  'platform_system', 'platform_version', 'platform_machine', 'platform_python_implementation',
  'implementation_name', 'implementation_version', 'extra', 'extras', 'dependency_groups',
  'os.name', 'sys.platform', 'platform.version', 'platform.machine',
  'platform.python_implementation', 'python_implementation',
]);

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 45 || c === 46 || c === 95; // - . _
}
function isWs(c: number): boolean {
  return c === 32 || c === 9;
}
function isVersionChar(c: number): boolean {
  // PEP 508 `version`: letterOrDigit | '-' | '_' | '.' | '*' | '+' | '!'
  return isNameChar(c) || c === 42 || c === 43 || c === 33;
}

/** The offset of the first non-whitespace character at or after `i` (a function, not a closure per call). */
function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

function show(text: string, at: number): string {
  const s = text.slice(at, at + 24);
  return JSON.stringify(s.length < text.length - at ? `${s}…` : s);
}

/**
 * Parses the requirement that starts at `offset` in `text` and runs to the end of `text`.
 * All returned offsets index into `text`, so a caller passing a whole document line gets
 * offsets it can turn into ranges directly. Never throws.
 */
export function parseRequirementString(text: string, offset: number): RequirementResult {
  const n = text.length;
  let i = skipWs(text, offset);
  const nameStart = i;
  if (i >= n) return { error: 'expected a package name' };
  if (!isAlnum(text.charCodeAt(i))) {
    return { error: `expected a package name, found ${show(text, i)}` };
  }
  while (i < n && isNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  if (!isAlnum(text.charCodeAt(nameEnd - 1))) {
    return { error: `package name "${text.slice(nameStart, nameEnd)}" must end with a letter or digit` };
  }
  const name = text.slice(nameStart, nameEnd);
  const result: ParsedRequirement = { name, nameStart, nameEnd, extras: [], specifier: '' };

  i = skipWs(text, i);
  if (text.charCodeAt(i) === 91 /* [ */) {
    i++;
    i = skipWs(text, i);
    while (i < n && text.charCodeAt(i) !== 93 /* ] */) {
      const s = i;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      if (s === i) return { error: `invalid extra at ${show(text, i)} in "${name}[…]"` };
      result.extras.push(text.slice(s, i));
      i = skipWs(text, i);
      if (text.charCodeAt(i) === 44 /* , */) {
        i++;
        i = skipWs(text, i);
      } else if (text.charCodeAt(i) !== 93) {
        return { error: `expected "," or "]" in the extras of "${name}"` };
      }
    }
    if (i >= n) return { error: `unclosed "[" in the extras of "${name}"` };
    i++;
    i = skipWs(text, i);
  }

  const c = text.charCodeAt(i);
  if (c === 64 /* @ */) {
    // PEP 508 url_req: the URL runs to whitespace; a marker needs whitespace before `;`.
    i++;
    i = skipWs(text, i);
    const s = i;
    while (i < n && !isWs(text.charCodeAt(i))) i++;
    if (s === i) return { error: `missing URL after "${name} @"` };
    result.url = text.slice(s, i);
    i = skipWs(text, i);
  } else if (c === 40 /* ( */) {
    const s = i;
    i++;
    const r = parseSpecifiers(text, i, true);
    if ('error' in r) return r;
    i = r.end;
    i = skipWs(text, i);
    if (text.charCodeAt(i) !== 41 /* ) */) return { error: `expected ")" after the version of "${name}"` };
    i++;
    if (r.spec !== '') {
      result.specifier = r.spec;
      result.specifierStart = s;
      result.specifierEnd = i;
    }
    i = skipWs(text, i);
  } else if (c === 60 || c === 62 || c === 61 || c === 33 || c === 126 /* < > = ! ~ */) {
    const s = i;
    const r = parseSpecifiers(text, i, false);
    if ('error' in r) return r;
    i = r.end;
    result.specifier = r.spec;
    result.specifierStart = s;
    result.specifierEnd = i;
    i = skipWs(text, i);
  }

  if (i < n && text.charCodeAt(i) === 59 /* ; */) {
    const marker = text.slice(i + 1).trim();
    if (marker === '') return { error: `empty environment marker after ";" in "${name}"` };
    const err = checkMarker(marker);
    if (err) return { error: `invalid environment marker: ${err}` };
    result.marker = marker;
    i = n;
  }
  if (i < n) return { error: `unexpected ${show(text, i)} after "${name}"` };
  return result;
}

function parseSpecifiers(
  text: string,
  start: number,
  inParens: boolean,
): { spec: string; end: number } | { error: string } {
  const n = text.length;
  let i = start;
  const parts: string[] = [];
  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (inParens && parts.length === 0 && text.charCodeAt(i) === 41) break; // `name ()` is allowed
    const op = /^(===|==|!=|~=|<=|>=|<|>)/.exec(text.slice(i, i + 3));
    if (!op) return { error: `expected a version operator at ${show(text, i)}` };
    i += op[1]!.length;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    const s = i;
    if (op[1] === '===') {
      // Arbitrary equality takes any string up to whitespace or a separator.
      while (i < n && !isWs(text.charCodeAt(i)) && !',;)'.includes(text[i]!)) i++;
    } else {
      while (i < n && isVersionChar(text.charCodeAt(i))) i++;
    }
    if (s === i) return { error: `missing version after "${op[1]}"` };
    parts.push(op[1] + text.slice(s, i));
    let j = i;
    while (j < n && isWs(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 44 /* , */) {
      i = j + 1;
      continue;
    }
    break;
  }
  return { spec: parts.join(','), end: i };
}

type Tok = { t: 'op' | 'str' | 'var' | '(' | ')' | 'and' | 'or'; v: string };

function tokenizeMarker(m: string): Tok[] | string {
  const toks: Tok[] = [];
  let i = 0;
  while (i < m.length) {
    const c = m[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')') {
      toks.push({ t: c, v: c });
      i++;
    } else if (c === '"' || c === "'") {
      const close = m.indexOf(c, i + 1);
      if (close < 0) return `unterminated string ${JSON.stringify(m.slice(i, i + 20))}`;
      toks.push({ t: 'str', v: m.slice(i + 1, close) });
      i = close + 1;
    } else {
      const op = /^(===|==|!=|~=|<=|>=|<|>)/.exec(m.slice(i, i + 3));
      if (op) {
        toks.push({ t: 'op', v: op[1]! });
        i += op[1]!.length;
        continue;
      }
      let j = i;
      while (j < m.length && /[A-Za-z0-9_.]/.test(m[j]!)) j++;
      if (j === i) return `unexpected ${JSON.stringify(m.slice(i, i + 20))}`;
      const word = m.slice(i, j);
      i = j;
      if (word === 'and' || word === 'or') toks.push({ t: word, v: word });
      else if (word === 'in') toks.push({ t: 'op', v: 'in' });
      else if (word === 'not') {
        const rest = /^[ \t]+in\b/.exec(m.slice(i, i + 64));
        if (!rest) return '"not" must be followed by "in"';
        i += rest[0].length;
        toks.push({ t: 'op', v: 'not in' });
      } else if (MARKER_VARS.has(word)) toks.push({ t: 'var', v: word });
      else return `unknown marker variable "${word}"`;
    }
  }
  return toks;
}

/** Validates PEP 508 marker syntax; returns an error message or undefined. */
export function checkMarker(marker: string): string | undefined {
  const toks = tokenizeMarker(marker);
  if (typeof toks === 'string') return toks;
  let p = 0;
  const expr = (depth: number): string | undefined => {
    if (depth > MAX_MARKER_DEPTH) return 'too deeply nested';
    const tok = toks[p];
    if (tok?.t === '(') {
      p++;
      const e = orExpr(depth + 1);
      if (e) return e;
      if (toks[p]?.t !== ')') return 'expected ")"';
      p++;
      return undefined;
    }
    const isValue = (t: Tok | undefined): boolean => t?.t === 'var' || t?.t === 'str';
    if (!isValue(toks[p])) return 'expected a marker variable or a quoted string';
    if (toks[p + 1]?.t !== 'op') return 'expected a comparison operator';
    if (!isValue(toks[p + 2])) return 'expected a marker variable or a quoted string after the operator';
    p += 3;
    return undefined;
  };
  const andExpr = (depth: number): string | undefined => {
    let e = expr(depth);
    while (!e && toks[p]?.t === 'and') {
      p++;
      e = expr(depth);
    }
    return e;
  };
  const orExpr = (depth: number): string | undefined => {
    let e = andExpr(depth);
    while (!e && toks[p]?.t === 'or') {
      p++;
      e = andExpr(depth);
    }
    return e;
  };
  const err = orExpr(0);
  if (err) return err;
  if (p < toks.length) return `unexpected "${toks[p]!.v}"`;
  return undefined;
}
