// Deep nesting must cost one entry, not the file. toml-eslint-parser (like tomllib) descends
// recursively into arrays and inline tables, so a few thousand `[` overflow the stack and the
// whole file would read as "invalid TOML" with no dependencies. TOML 1.0 sets no depth limit
// (https://toml.io/en/v1.0.0#array); real manifests stay under ten levels. Before parsing, every
// top-level key/value whose value nests deeper than MAX_TOML_DEPTH is blanked (spaces, newlines
// kept, so every other offset is unchanged) and reported; the rest of the file parses as usual.

/** Arrays and inline tables nested deeper than this are not parsed (CPython's own tokenizer stops at 200 brackets). */
export const MAX_TOML_DEPTH = 100;

export interface DeepSpan {
  /** Offset of the bracket that went past the limit. */
  at: number;
  /** The blanked statement: from its line start to its closing bracket (or the end of the text). */
  start: number;
  end: number;
}

/**
 * Scans TOML for bracket depth outside strings and comments. Returns the text with each
 * too-deep statement blanked, plus where each one was. Linear, no recursion.
 */
export function limitTomlNesting(text: string, maxDepth = MAX_TOML_DEPTH): { text: string; deep: DeepSpan[] } {
  const deep: DeepSpan[] = [];
  let depth = 0;
  let stmtStart = 0;
  let tooDeepAt = -1;
  let lineStart = 0;
  const n = text.length;
  let i = 0;
  const close = (end: number): void => {
    deep.push({ at: tooDeepAt, start: stmtStart, end });
    tooDeepAt = -1;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = i + 1;
      i++;
    } else if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i = skipString(text, i);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (depth === 0) stmtStart = lineStart;
      depth++;
      if (depth > maxDepth && tooDeepAt < 0) tooDeepAt = i;
      i++;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
      i++;
      if (depth === 0 && tooDeepAt >= 0) close(i);
    } else i++;
  }
  if (tooDeepAt >= 0) close(n);
  if (deep.length === 0) return { text, deep };
  let out = '';
  let from = 0;
  for (const d of deep) {
    out += text.slice(from, d.start) + text.slice(d.start, d.end).replace(/[^\r\n]/g, ' ');
    from = d.end;
  }
  return { text: out + text.slice(from), deep };
}

/** Offset just past the TOML string that opens at `i` (basic or literal, single- or multi-line). */
function skipString(text: string, i: number): number {
  const q = text[i]!;
  const n = text.length;
  const basic = q === '"';
  if (text.startsWith(q.repeat(3), i)) {
    let j = i + 3;
    while (j < n) {
      if (basic && text[j] === '\\') j += 2;
      else if (text.startsWith(q.repeat(3), j)) {
        j += 3;
        // `"""a""""` is legal: up to two quotes right before the delimiter belong to the value.
        for (let k = 0; k < 2 && text[j] === q; k++) j++;
        return j;
      } else j++;
    }
    return n;
  }
  let j = i + 1;
  while (j < n) {
    const c = text[j];
    if (c === '\n') return j; // unterminated: the parser reports it
    if (basic && c === '\\') j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  return n;
}

/**
 * CPython's tokenizer refuses more than 200 nested brackets (MAXLEVEL in Parser/tokenizer.c:
 * "too many nested parentheses"), so deeper code is no Python; @lezer/python's tree building can
 * still overflow the stack on it. The brackets past the limit are blanked (offsets kept).
 */
export const MAX_PYTHON_DEPTH = 200;

/** Brackets nested deeper than MAX_PYTHON_DEPTH, outside strings and comments, blanked; `deep` are the start offsets. */
export function limitPythonNesting(text: string, maxDepth = MAX_PYTHON_DEPTH): { text: string; deep: number[] } {
  const spans: [number, number][] = [];
  let depth = 0;
  let from = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 34 || c === 39) {
      i = skipPythonString(text, i);
    } else if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > maxDepth && from < 0) from = i;
      i++;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      i++;
      if (from >= 0 && depth <= maxDepth) {
        spans.push([from, i]);
        from = -1;
      }
    } else i++;
  }
  if (from >= 0) spans.push([from, n]);
  if (spans.length === 0) return { text, deep: [] };
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]/g, ' ');
    at = e;
  }
  return { text: out + text.slice(at), deep: spans.map((s) => s[0]) };
}

/** Offset just past the Python string opening at `i` (prefixes need no care: they are letters before the quote). */
function skipPythonString(text: string, i: number): number {
  const q = text[i]!;
  const n = text.length;
  const triple = text.startsWith(q.repeat(3), i);
  let j = i + (triple ? 3 : 1);
  while (j < n) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (triple ? text.startsWith(q.repeat(3), j) : c === q) return j + (triple ? 3 : 1);
    else if (!triple && c === '\n') return j; // unterminated: the parser recovers
    else j++;
  }
  return n;
}
