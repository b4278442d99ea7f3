// A fast TOML 1.0 reader for lockfiles (https://toml.io/en/v1.0.0). toml-eslint-parser builds a
// full ESLint AST and takes ~300 ms on a 700 kB uv.lock (pydantic's); lockfiles are large and
// regular, so this linear scanner keeps only what the lock parsers need: tables, arrays, strings
// with their source spans (decoded through toml-util's offset map), and scalars as raw text.
// Unlike a tomllib-style parser it recovers: an error is recorded and reading resumes at the next
// table header or top-level key, so one bad line costs that entry, not the whole lock.
import { decodeString, type StringSpan } from '../toml-util';

// Spans are two numbers, not a tuple: a big lock has ~10^6 nodes and each array is an allocation.

export interface TomlString {
  t: 'string';
  /** Source span including the quotes. */
  s: number;
  e: number;
  multiline: boolean;
  style: 'basic' | 'literal';
  value: string;
}

/** Numbers, booleans, dates: kept as written. */
export interface TomlScalar {
  t: 'scalar';
  s: number;
  e: number;
  raw: string;
}

export interface TomlArray {
  t: 'array';
  s: number;
  e: number;
  items: TomlNode[];
  /** An array of tables (`[[name]]`). */
  tables?: boolean;
  /** Skipped: only its span is known (see ScanOptions.rawArrays); `items` is empty. */
  raw?: boolean;
}

/** A key and its value; the key span is as written (quotes included for a quoted key). */
export interface TomlEntry {
  name: string;
  keyStart: number;
  keyEnd: number;
  /** The key as a string node, for quoted keys (exact name ranges through escapes). */
  quoted?: TomlString;
  value: TomlNode;
}

type TomlKey = Omit<TomlEntry, 'value'>;

export interface TomlTable {
  t: 'table';
  /** The header (`[a.b]`), the braces of an inline table, or the first key that implied it. */
  s: number;
  e: number;
  entries: Map<string, TomlEntry>;
  /** Created implicitly by a dotted header or key; a later `[a]` header may still define it. */
  implicit?: boolean;
}

export type TomlNode = TomlString | TomlScalar | TomlArray | TomlTable;

export interface TomlProblem {
  start: number;
  end: number;
  message: string;
}

export interface TomlDocument {
  root: TomlTable;
  problems: TomlProblem[];
}

/** Not an Error: capturing a stack per bad line would make a million junk lines cost seconds. */
class ScanError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

/** A line that starts a key/value (`key =`, `a."b".c =`), the place to resume after an error. */
const KEY_LINE = /(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*[ \t]*=/y;

/** Deeper nesting than this is junk, not a lockfile; it would otherwise cost recursion depth. */
const MAX_DEPTH = 64;
const MAX_PROBLEMS = 100;

const SCALAR = /^(?:true|false|[+-]?(?:inf|nan)|[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(?:\.[\d_]+)?(?:[eE][+-]?[\d_]+)?)|\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

function isBareKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function table(s: number, e: number, implicit?: boolean): TomlTable {
  const t: TomlTable = { t: 'table', s, e, entries: new Map() };
  if (implicit) t.implicit = true;
  return t;
}

export interface ScanOptions {
  /**
   * Keys whose array values are only delimited, not built: uv.lock's `wheels` lists are most of
   * the file, and their hashes and upload times are read from the span by the caller.
   */
  rawArrays?: ReadonlySet<string>;
}

export function scanToml(src: string, options: ScanOptions = {}): TomlDocument {
  return new Scanner(src, options.rawArrays).run();
}

class Scanner {
  private i = 0;
  private readonly n: number;
  private readonly root: TomlTable = table(0, 0);
  private readonly problems: TomlProblem[] = [];
  /** Tables defined by a `[header]`, so a second header for the same table is reported. */
  private readonly defined = new Set<TomlTable>();
  /** Offset of the next backslash at or after the last string checked (-1: none left). */
  private nextBackslash = -2;

  constructor(
    private readonly src: string,
    private readonly rawArrays?: ReadonlySet<string>,
  ) {
    this.n = src.length;
  }

  run(): TomlDocument {
    let current = this.root;
    while (true) {
      this.skipBlank();
      if (this.i >= this.n) break;
      const lineStart = this.i;
      try {
        if (this.src.charCodeAt(this.i) === 91 /* [ */) {
          // Keys under a header that failed belong to no table we know: they go nowhere.
          current = table(lineStart, lineStart);
          current = this.header();
        } else this.keyValue(current, 0);
        this.endOfLine();
      } catch (e) {
        if (!(e instanceof ScanError)) throw e;
        this.problem(e.at, e.message);
        // From where the error is, not where reading stopped: an unterminated array may have
        // run to the end of the file.
        this.resync(Math.max(lineStart, e.at), lineStart);
      }
    }
    return { root: this.root, problems: this.problems };
  }

  private problem(at: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    const start = Math.max(0, Math.min(at, this.n));
    this.problems.push({ start, end: Math.min(start + 1, this.n), message });
  }

  /**
   * After an error, skip to the next line that starts (at column 0) a table header or `key =`:
   * lock entries are written that way, and array items are indented, so the rest of a broken
   * multi-line array is skipped silently instead of producing one error per line.
   */
  private resync(from: number, lineStart: number): void {
    // The error's own line counts when the error sits at its start (a header right after an
    // unclosed inline table), unless reading began there: that would read the same line forever.
    let i = from > lineStart && this.src.charCodeAt(from - 1) === 10 ? from - 1 : this.src.indexOf('\n', from);
    while (i >= 0 && i < this.n) {
      const c = this.src.charCodeAt(i + 1);
      if (c === 91) {
        this.i = i + 1;
        return;
      }
      if (isBareKeyChar(c) || c === 34 || c === 39) {
        KEY_LINE.lastIndex = i + 1;
        if (KEY_LINE.test(this.src)) {
          this.i = i + 1;
          return;
        }
      }
      i = this.src.indexOf('\n', i + 1);
    }
    this.i = this.n;
  }

  /** Whitespace, newlines and comments. */
  private skipBlank(): void {
    const s = this.src;
    while (this.i < this.n) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else if (c === 35 /* # */) {
        const nl = s.indexOf('\n', this.i);
        this.i = nl < 0 ? this.n : nl + 1;
      } else break;
    }
  }

  private skipSpaces(): void {
    while (this.i < this.n) {
      const c = this.src.charCodeAt(this.i);
      if (c === 32 || c === 9) this.i++;
      else break;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.i >= this.n) return;
    const c = this.src.charCodeAt(this.i);
    if (c === 35) {
      const nl = this.src.indexOf('\n', this.i);
      this.i = nl < 0 ? this.n : nl + 1;
    } else if (c === 10) this.i++;
    else if (c === 13 && this.src.charCodeAt(this.i + 1) === 10) this.i += 2;
    else throw new ScanError('expected the end of the line', this.i);
  }

  private header(): TomlTable {
    const start = this.i;
    const aot = this.src.charCodeAt(this.i + 1) === 91;
    this.i += aot ? 2 : 1;
    this.skipSpaces();
    const keys = this.keyPath();
    if (this.src.charCodeAt(this.i) !== 93 || (aot && this.src.charCodeAt(this.i + 1) !== 93)) {
      throw new ScanError(`expected '${aot ? ']]' : ']'}' to close the table header`, this.i);
    }
    this.i += aot ? 2 : 1;
    const end = this.i;
    let t = this.root;
    for (let k = 0; k < keys.length - 1; k++) t = this.descend(t, keys[k]!, start, end, true);
    const last = keys[keys.length - 1]!;
    const entry = t.entries.get(last.name);
    if (aot) {
      const fresh = table(start, end);
      if (!entry) t.entries.set(last.name, { ...last, value: { t: 'array', s: start, e: end, items: [fresh], tables: true } });
      else if (entry.value.t === 'array' && entry.value.tables) entry.value.items.push(fresh);
      else throw new ScanError(`'${last.name}' is already defined as something other than an array of tables`, last.keyStart);
      return fresh;
    }
    if (!entry) {
      const fresh = table(start, end);
      t.entries.set(last.name, { ...last, value: fresh });
      this.defined.add(fresh);
      return fresh;
    }
    if (entry.value.t === 'table' && !this.defined.has(entry.value)) {
      this.defined.add(entry.value);
      delete entry.value.implicit;
      return entry.value;
    }
    throw new ScanError(`table '${keys.map((k) => k.name).join('.')}' is defined twice`, last.keyStart);
  }

  /** The table under `key` in `t`, created when absent; the last table of an array of tables. */
  private descend(t: TomlTable, key: TomlKey, s: number, e: number, viaHeader: boolean): TomlTable {
    const entry = t.entries.get(key.name);
    if (!entry) {
      const fresh = table(s, e, true);
      t.entries.set(key.name, { ...key, value: fresh });
      return fresh;
    }
    const v = entry.value;
    if (v.t === 'table') return v;
    if (viaHeader && v.t === 'array' && v.tables) return v.items[v.items.length - 1] as TomlTable;
    throw new ScanError(`'${key.name}' already holds a value`, key.keyStart);
  }

  private keyPath(): TomlKey[] {
    const keys: TomlKey[] = [this.key()];
    this.skipSpaces();
    while (this.src.charCodeAt(this.i) === 46 /* . */) {
      this.i++;
      this.skipSpaces();
      keys.push(this.key());
      this.skipSpaces();
    }
    return keys;
  }

  private key(): TomlKey {
    const s = this.src;
    const start = this.i;
    const c = s.charCodeAt(start);
    if (c === 34 || c === 39) {
      const str = this.string(false);
      return { name: str.value, keyStart: str.s, keyEnd: str.e, quoted: str };
    }
    while (this.i < this.n && isBareKeyChar(s.charCodeAt(this.i))) this.i++;
    if (this.i === start) throw new ScanError('expected a key', start);
    return { name: s.slice(start, this.i), keyStart: start, keyEnd: this.i };
  }

  private keyValue(t: TomlTable, depth: number): void {
    // One bare key (the usual case) skips the path array.
    const start = this.i;
    const c = this.src.charCodeAt(start);
    if (c !== 34 && c !== 39) {
      let j = start;
      while (j < this.n && isBareKeyChar(this.src.charCodeAt(j))) j++;
      let k = j;
      while (this.src.charCodeAt(k) === 32 || this.src.charCodeAt(k) === 9) k++;
      if (j > start && this.src.charCodeAt(k) === 61) {
        const name = this.src.slice(start, j);
        this.i = k + 1;
        this.skipSpaces();
        const value = this.rawArrays?.has(name) && this.src.charCodeAt(this.i) === 91 ? this.skipArray() : this.value(depth);
        if (t.entries.has(name)) this.problem(start, `key '${name}' is defined twice`);
        else t.entries.set(name, { name, keyStart: start, keyEnd: j, value });
        return;
      }
    }
    const keys = this.keyPath();
    if (this.src.charCodeAt(this.i) !== 61 /* = */) throw new ScanError("expected '=' after the key", this.i);
    this.i++;
    this.skipSpaces();
    const value = this.value(depth);
    let target = t;
    for (let k = 0; k < keys.length - 1; k++) target = this.descend(target, keys[k]!, keys[k]!.keyStart, keys[k]!.keyEnd, false);
    const last = keys[keys.length - 1]!;
    // A duplicate key is invalid TOML; the first value is kept and the second reported.
    if (target.entries.has(last.name)) this.problem(last.keyStart, `key '${last.name}' is defined twice`);
    else target.entries.set(last.name, { ...last, value });
  }

  private value(depth: number): TomlNode {
    if (depth > MAX_DEPTH) throw new ScanError(`values nested deeper than ${MAX_DEPTH} levels`, this.i);
    const c = this.src.charCodeAt(this.i);
    if (c === 34 || c === 39) return this.string(true);
    if (c === 91) return this.array(depth + 1);
    if (c === 123) return this.inlineTable(depth + 1);
    return this.scalar();
  }

  private scalar(): TomlScalar {
    const s = this.src;
    const start = this.i;
    let j = start;
    while (j < this.n) {
      const c = s.charCodeAt(j);
      if (c === 44 || c === 93 || c === 125 || c === 35 || c === 10 || c === 13) break;
      j++;
    }
    let end = j;
    while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
    const raw = s.slice(start, end);
    if (!SCALAR.test(raw)) throw new ScanError(raw === '' ? 'expected a value' : `invalid value '${raw.slice(0, 40)}'`, start);
    this.i = end;
    return { t: 'scalar', s: start, e: end, raw };
  }

  private string(allowMultiline: boolean): TomlString {
    const start = this.i;
    const multiline = this.skipString(allowMultiline);
    const style = this.src.charCodeAt(start) === 34 ? 'basic' : 'literal';
    return this.finish({ t: 'string', s: start, e: this.i, multiline, style, value: '' });
  }

  /** Moves past the string that starts here; true when it was a multi-line one. */
  private skipString(allowMultiline: boolean): boolean {
    const s = this.src;
    const start = this.i;
    const q = s[start] as '"' | "'";
    const style = q === '"' ? 'basic' : 'literal';
    if (allowMultiline && s.startsWith(q + q + q, start)) {
      let j = start + 3;
      while (true) {
        j = s.indexOf(q + q + q, j);
        if (j < 0) throw new ScanError('unterminated multi-line string', start);
        if (style === 'basic' && escaped(s, j)) {
          j++;
          continue;
        }
        break;
      }
      // Up to two quotes right before the closing delimiter belong to the value.
      let extra = 0;
      while (extra < 2 && s[j + 3] === q) {
        j++;
        extra++;
      }
      this.i = j + 3;
      return true;
    }
    const nl = s.indexOf('\n', start);
    const lineEnd = nl < 0 ? this.n : nl;
    let j = start + 1;
    while (true) {
      j = s.indexOf(q, j);
      if (j < 0 || j > lineEnd) throw new ScanError('unterminated string', start);
      if (style === 'basic' && escaped(s, j)) {
        j++;
        continue;
      }
      break;
    }
    this.i = j + 1;
    return false;
  }

  private finish(str: TomlString): TomlString {
    const a = str.s;
    const b = str.e;
    // The common case (no escapes, single line) is a plain slice; decodeString handles the rest.
    str.value = !str.multiline && (str.style === 'literal' || !this.hasBackslash(a, b)) ? this.src.slice(a + 1, b - 1) : decodeString(this.src, spanOfString(str)).value;
    return str;
  }

  /** Delimits an array without building it: strings and comments are skipped, brackets counted. */
  private skipArray(): TomlArray {
    const s = this.src;
    const start = this.i;
    let depth = 0;
    let j = start;
    while (j < this.n) {
      const c = s.charCodeAt(j);
      if (c === 34 || c === 39) {
        this.i = j;
        this.skipString(true);
        j = this.i;
        continue;
      }
      if (c === 35) {
        const nl = s.indexOf('\n', j);
        j = nl < 0 ? this.n : nl;
        continue;
      }
      if (c === 91 || c === 123) {
        if (++depth > MAX_DEPTH) throw new ScanError(`values nested deeper than ${MAX_DEPTH} levels`, j);
      } else if (c === 93 || c === 125) {
        if (--depth === 0) {
          this.i = j + 1;
          return { t: 'array', s: start, e: this.i, items: [], raw: true };
        }
      }
      j++;
    }
    throw new ScanError("unterminated array: expected ']'", start);
  }

  /** Whether [a, b) holds a backslash; strings come in order, so one native search serves many. */
  private hasBackslash(a: number, b: number): boolean {
    if (this.nextBackslash !== -1 && this.nextBackslash < a) this.nextBackslash = this.src.indexOf('\\', a);
    return this.nextBackslash !== -1 && this.nextBackslash < b;
  }

  private array(depth: number): TomlArray {
    const start = this.i;
    this.i++;
    const items: TomlNode[] = [];
    while (true) {
      this.skipBlank();
      if (this.i >= this.n) throw new ScanError("unterminated array: expected ']'", start);
      if (this.src.charCodeAt(this.i) === 93) break;
      items.push(this.value(depth));
      this.skipBlank();
      const c = this.src.charCodeAt(this.i);
      if (c === 44) this.i++;
      else if (c !== 93) throw new ScanError("expected ',' or ']' in the array", this.i);
    }
    this.i++;
    return { t: 'array', s: start, e: this.i, items };
  }

  private inlineTable(depth: number): TomlTable {
    const start = this.i;
    this.i++;
    const t = table(start, start);
    this.skipBlank();
    if (this.src.charCodeAt(this.i) === 125) {
      this.i++;
      t.e = this.i;
      return t;
    }
    while (true) {
      // TOML 1.0 keeps inline tables on one line; newlines are accepted here as TOML 1.1 does.
      this.skipBlank();
      this.keyValue(t, depth);
      this.skipBlank();
      const c = this.src.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 125) break;
      throw new ScanError(this.i >= this.n ? "unterminated inline table: expected '}'" : "expected ',' or '}' in the inline table", this.i >= this.n ? start : this.i);
    }
    this.i++;
    t.e = this.i;
    return t;
  }
}

/** A scanned string in the shape toml-util's decoder takes. */
export function spanOfString(str: TomlString): StringSpan {
  return { range: [str.s, str.e], multiline: str.multiline, style: str.style };
}

/** True when the quote at `j` is preceded by an odd number of backslashes. */
function escaped(s: string, j: number): boolean {
  let k = j - 1;
  while (k >= 0 && s.charCodeAt(k) === 92) k--;
  return (j - 1 - k) % 2 === 1;
}

// Small accessors the lock parsers share.

export function get(t: TomlTable | undefined, key: string): TomlNode | undefined {
  return t?.entries.get(key)?.value;
}

export function getString(t: TomlTable | undefined, key: string): TomlString | undefined {
  const v = get(t, key);
  return v?.t === 'string' ? v : undefined;
}

export function getTable(t: TomlTable | undefined, key: string): TomlTable | undefined {
  const v = get(t, key);
  return v?.t === 'table' ? v : undefined;
}

export function getArray(t: TomlTable | undefined, key: string): TomlNode[] | undefined {
  const v = get(t, key);
  return v?.t === 'array' ? v.items : undefined;
}

export function tablesOf(items: TomlNode[] | undefined): TomlTable[] {
  return (items ?? []).filter((x): x is TomlTable => x.t === 'table');
}
