// Most of a large Python file is statements that cannot hold an import, and @lezer/python spends
// most of an analysis building their trees. Before it parses, every statement (with its block) in
// which neither `import` nor `from` appears outside comments and string literals becomes `0`;
// what is kept (with its indentation and line breaks) is copied verbatim and mapped back to its
// offsets, so each kept node has the same text and range, and the guards (try/except ImportError,
// if TYPE_CHECKING, with suppress(...), def) around every import are kept with all their clauses.
// Logical lines and indentation follow the language reference:
// https://docs.python.org/3/reference/lexical_analysis.html#line-structure. Anything this scanner
// is unsure of (an unterminated string or bracket, a lone CR, a form feed in an indentation)
// leaves the text unchanged, to be parsed in full as before.

interface LogicalLine {
  /** First non-blank character. */
  start: number;
  /** End of the last physical line, before its line break. */
  end: number;
  /** Indentation width, tabs to the next multiple of 8 as CPython's tokenizer counts them. */
  indent: number;
  /** `import` or `from` occurs in code (f-string replacement fields included). */
  hasImport: boolean;
  /** Starts with `elif`, `else`, `except` or `finally`: a clause of the statement before it. */
  clause: boolean;
}

/** Thrown inside the scanner when the text is not plain enough to outline safely. */
class Unsure {}

const CLAUSE = /(?:elif|else|except|finally)(?![A-Za-z0-9_])/y;

function isIdent(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

class Scanner {
  i = 0;
  hasImport = false;
  constructor(private readonly s: string) {}

  /** Code up to the end of the logical line (or, with `close`, to that closing bracket). */
  code(close = 0): void {
    const s = this.s;
    const stack: number[] = [];
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 10) {
        if (stack.length === 0 && close === 0) return;
        this.i++;
      } else if (c === 13) {
        if (s.charCodeAt(this.i + 1) !== 10) throw new Unsure();
        if (stack.length === 0 && close === 0) return;
        this.i += 2;
      } else if (c === 35 /* # */) {
        while (this.i < s.length && s.charCodeAt(this.i) !== 10 && s.charCodeAt(this.i) !== 13) this.i++;
      } else if (c === 92 /* \ */) {
        // A line joined by a backslash; any other backslash outside a string is an error anyway.
        const n = s.charCodeAt(this.i + 1);
        if (n === 10) this.i += 2;
        else if (n === 13 && s.charCodeAt(this.i + 2) === 10) this.i += 3;
        else throw new Unsure();
      } else if (c === 34 || c === 39) {
        this.string();
      } else if (c === 40 || c === 91 || c === 123) {
        stack.push(c === 40 ? 41 : c + 2);
        this.i++;
      } else if (c === 41 || c === 93 || c === 125) {
        if (stack.length === 0) {
          if (c === close) return;
          throw new Unsure();
        }
        if (stack.pop() !== c) throw new Unsure();
        this.i++;
      } else if (c === 58 /* : */ && close === 125 && stack.length === 0) {
        return; // a replacement field's format spec
      } else if ((c === 105 /* i */ && s.startsWith('import', this.i)) || (c === 102 /* f */ && s.startsWith('from', this.i))) {
        // A bare `from x` counts too: lezer's error recovery makes an import of it in a broken line.
        this.hasImport = true;
        this.i += 4;
      } else this.i++;
    }
    if (stack.length > 0 || close !== 0) throw new Unsure();
  }

  /** The string literal whose quote is at `i`; its prefix letters were read as code before it. */
  private string(): void {
    const s = this.s;
    let p = this.i;
    while (p > 0 && isIdent(s.charCodeAt(p - 1))) p--;
    const prefix = s.slice(p, this.i).toLowerCase();
    if (prefix.length > 2 || /[^rbuft]/.test(prefix)) throw new Unsure(); // `x"…"`: not Python
    // @lezer/python reads `t"…"` (PEP 750) as a name and a plain string: so does this scanner.
    const formatted = prefix.includes('f');
    const q = s.charCodeAt(this.i);
    const triple = s.charCodeAt(this.i + 1) === q && s.charCodeAt(this.i + 2) === q;
    this.i += triple ? 3 : 1;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === q && (!triple || (s.charCodeAt(this.i + 1) === q && s.charCodeAt(this.i + 2) === q))) {
        this.i += triple ? 3 : 1;
        return;
      }
      if (c === 92) this.i += 2; // raw strings too: a backslash never ends a literal before its quote
      else if ((c === 10 || c === 13) && !triple) throw new Unsure();
      else if (c === 123 && formatted) {
        if (s.charCodeAt(this.i + 1) === 123) this.i += 2;
        else this.field();
      } else this.i++;
    }
    throw new Unsure();
  }

  /** `{expression!r:spec}` inside an f-string: code, then a spec that may nest more fields. */
  private field(): void {
    const s = this.s;
    this.i++;
    this.code(125);
    if (s.charCodeAt(this.i) === 58) {
      this.i++;
      while (this.i < s.length && s.charCodeAt(this.i) !== 125) {
        const c = s.charCodeAt(this.i);
        if (c === 123) this.field();
        else if (c === 10 || c === 13) throw new Unsure();
        else this.i++;
      }
    }
    if (s.charCodeAt(this.i) !== 125) throw new Unsure();
    this.i++;
  }
}

function logicalLines(s: string): LogicalLine[] | undefined {
  // A lone CR ends a line for Python and for lezer; this scanner does not split on it.
  if (/\r(?!\n)/.test(s)) return undefined;
  const lines: LogicalLine[] = [];
  const sc = new Scanner(s);
  try {
    while (sc.i < s.length) {
      let indent = 0;
      for (; sc.i < s.length; sc.i++) {
        const c = s.charCodeAt(sc.i);
        if (c === 32) indent++;
        else if (c === 9) indent += 8 - (indent % 8);
        else if (c === 12) throw new Unsure();
        else break;
      }
      const c = s.charCodeAt(sc.i);
      if (c === 10 || c === 13 || c === 35 || sc.i >= s.length) {
        // Blank and comment-only lines are no statements: left as they are.
        while (sc.i < s.length && s.charCodeAt(sc.i) !== 10) sc.i++;
        sc.i++;
        continue;
      }
      const start = sc.i;
      sc.hasImport = false;
      sc.code();
      CLAUSE.lastIndex = start;
      lines.push({ start, end: sc.i, indent, hasImport: sc.hasImport, clause: CLAUSE.test(s) });
      sc.i += s.charCodeAt(sc.i) === 13 ? 2 : 1;
    }
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
  return lines;
}

/** The outlined text and the way back to offsets in the text it came from. */
export interface Outline {
  text: string;
  /** Offset in the original text of offset `k` of `text`. */
  original(k: number): number;
}

/**
 * The text with every import-free statement outlined away (see the file comment): each becomes
 * `0` and its lines are dropped, so lezer reads neither their tokens nor their whitespace. The
 * text itself when the scanner is unsure of it or there is nothing to remove.
 */
export function outlineImports(text: string): Outline {
  const lines = logicalLines(text);
  const same: Outline = { text, original: (k) => k };
  if (!lines) return same;
  const out: string[] = [];
  /** Pieces of the outline: where each starts in it and in the original text. */
  const at: number[] = [0];
  const from: number[] = [0];
  let length = 0;
  let copied = 0;
  const cut = (start: number, end: number): void => {
    out.push(text.slice(copied, start), '0');
    length += start - copied;
    at.push(length, length + 1);
    from.push(start, end);
    length++;
    copied = end;
  };
  // A statement is its first line, the lines indented under it, and its further clauses.
  const extent = (k: number, to: number): number => {
    const ind = lines[k]!.indent;
    let j = k + 1;
    while (j < to && (lines[j]!.indent > ind || (lines[j]!.indent === ind && lines[j]!.clause))) j++;
    return j;
  };
  const block = (first: number, to: number): void => {
    // Import-free statements in a row at one level become a single `0`.
    let run = -1;
    let runEnd = 0;
    let runIndent = 0;
    for (let k = first; k < to; ) {
      const j = extent(k, to);
      let imports = false;
      for (let m = k; m < j && !imports; m++) imports = lines[m]!.hasImport;
      if (!imports) {
        // Only at one indentation: a run across an indentation change would hide it from lezer.
        if (run >= 0 && lines[k]!.indent !== runIndent) cut(run, runEnd);
        if (run < 0 || lines[k]!.indent !== runIndent) run = lines[k]!.start;
        runIndent = lines[k]!.indent;
        runEnd = lines[j - 1]!.end;
      } else {
        if (run >= 0) cut(run, runEnd);
        run = -1;
        // Kept: its own lines (the header, each clause) verbatim, its blocks outlined in turn.
        const ind = lines[k]!.indent;
        for (let m = k + 1; m < j; ) {
          if (lines[m]!.indent === ind) m++;
          else {
            let e = m;
            while (e < j && lines[e]!.indent > ind) e++;
            block(m, e);
            m = e;
          }
        }
      }
      k = j;
    }
    if (run >= 0) cut(run, runEnd);
  };
  block(0, lines.length);
  if (at.length === 1) return same;
  out.push(text.slice(copied));
  return {
    text: out.join(''),
    original(k) {
      // The last piece starting at or before k.
      let lo = 0;
      let hi = at.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (at[mid]! <= k) lo = mid;
        else hi = mid - 1;
      }
      return from[lo]! + (k - at[lo]!);
    },
  };
}
