// A JSON reader (RFC 8259) that keeps source spans, for Pipfile.lock: names are object KEYS, and a
// diagnostic must underline exactly the characters inside the key's quotes. Nodes are attached
// to their parent before their children are read, so on an error everything read so far is kept.

export interface JsonString {
  t: 'string';
  /** Span including the quotes. */
  s: number;
  e: number;
  value: string;
  /** starts[k] / ends[k]: source span of value[k]; absent when the string has no escapes. */
  starts?: number[];
  ends?: number[];
}

export interface JsonOther {
  t: 'number' | 'true' | 'false' | 'null';
  s: number;
  e: number;
}

export interface JsonArray {
  t: 'array';
  s: number;
  e: number;
  items: JsonNode[];
}

export interface JsonObject {
  t: 'object';
  s: number;
  e: number;
  /** In document order; a repeated key keeps both (the last wins for `get`, as in JSON.parse). */
  members: { key: JsonString; value: JsonNode }[];
}

export type JsonNode = JsonString | JsonOther | JsonArray | JsonObject;

export interface JsonDocument {
  root?: JsonNode;
  error?: { at: number; message: string };
}

const MAX_DEPTH = 64;

class JsonError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

const ESC: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function scanJson(src: string): JsonDocument {
  let i = 0;
  const n = src.length;
  const ws = (): void => {
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  // Strings come in order, so one native search for the next backslash serves many of them.
  let nextBackslash = -2;
  const backslashIn = (a: number, b: number): boolean => {
    if (nextBackslash !== -1 && nextBackslash < a) nextBackslash = src.indexOf('\\', a);
    return nextBackslash !== -1 && nextBackslash < b;
  };
  let nextNewline = -2;
  const newlineFrom = (a: number): number => {
    if (nextNewline !== -1 && nextNewline < a) nextNewline = src.indexOf('\n', a);
    return nextNewline;
  };
  const string = (): JsonString => {
    const start = i;
    i++;
    let plain = true;
    for (;;) {
      const q = src.indexOf('"', i);
      const nl = newlineFrom(i);
      if (q < 0 || (nl >= 0 && nl < q)) throw new JsonError('unterminated string', start);
      let k = q - 1;
      while (k >= i && src.charCodeAt(k) === 92) k--;
      if (q - 1 - k > 0) plain = false;
      if ((q - 1 - k) % 2 === 0) {
        i = q + 1;
        break;
      }
      i = q + 1;
    }
    const end = i;
    if (plain && !backslashIn(start, end)) return { t: 'string', s: start, e: end, value: src.slice(start + 1, end - 1) };
    // Escapes: decode with a per-character source map (exact ranges through `\u0061`).
    const out: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let j = start + 1; j < end - 1; ) {
      const c = src[j]!;
      if (c !== '\\') {
        out.push(c);
        starts.push(j);
        ends.push(j + 1);
        j++;
        continue;
      }
      const e = src[j + 1] ?? '';
      if (e === 'u') {
        const cp = parseInt(src.slice(j + 2, j + 6), 16);
        if (!/^[0-9A-Fa-f]{4}$/.test(src.slice(j + 2, j + 6))) throw new JsonError('invalid \\u escape', j);
        out.push(String.fromCharCode(cp));
        starts.push(j);
        ends.push(j + 6);
        j += 6;
      } else if (e in ESC) {
        out.push(ESC[e]!);
        starts.push(j);
        ends.push(j + 2);
        j += 2;
      } else throw new JsonError(`invalid escape \\${e}`, j);
    }
    return { t: 'string', s: start, e: end, value: out.join(''), starts, ends };
  };
  const value = (depth: number, attach: (v: JsonNode) => void): void => {
    if (depth > MAX_DEPTH) throw new JsonError(`values nested deeper than ${MAX_DEPTH} levels`, i);
    ws();
    const c = src[i];
    const start = i;
    if (c === '"') return attach(string());
    if (c === '{') {
      const obj: JsonObject = { t: 'object', s: start, e: start, members: [] };
      attach(obj);
      i++;
      ws();
      if (src[i] === '}') {
        obj.e = ++i;
        return;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') throw new JsonError('expected a string key', i);
        const key = string();
        ws();
        if (src[i] !== ':') throw new JsonError("expected ':'", i);
        i++;
        value(depth + 1, (v) => obj.members.push({ key, value: v }));
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === '}') {
          obj.e = ++i;
          return;
        }
        throw new JsonError(i >= n ? "unterminated object: expected '}'" : "expected ',' or '}'", i);
      }
    }
    if (c === '[') {
      const arr: JsonArray = { t: 'array', s: start, e: start, items: [] };
      attach(arr);
      i++;
      ws();
      if (src[i] === ']') {
        arr.e = ++i;
        return;
      }
      for (;;) {
        value(depth + 1, (v) => arr.items.push(v));
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ']') {
          arr.e = ++i;
          return;
        }
        throw new JsonError(i >= n ? "unterminated array: expected ']'" : "expected ',' or ']'", i);
      }
    }
    for (const word of ['true', 'false', 'null'] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return attach({ t: word, s: start, e: i });
      }
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    if (m.test(src)) {
      i = m.lastIndex;
      return attach({ t: 'number', s: start, e: i });
    }
    throw new JsonError(i >= n ? 'unexpected end of input' : `unexpected character ${JSON.stringify(src[i])}`, i);
  };
  const doc: JsonDocument = {};
  try {
    value(0, (v) => (doc.root = v));
    ws();
    if (i < n) throw new JsonError('unexpected content after the JSON value', i);
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    doc.error = { at: Math.min(e.at, n), message: e.message };
  }
  return doc;
}

/** Source span of a string's whole value (inside the quotes). */
export function jsonValueSpan(s: JsonString): [number, number] {
  if (!s.starts || !s.ends || s.value.length === 0) return [s.s + 1, s.e - 1];
  return [s.starts[0]!, s.ends[s.ends.length - 1]!];
}

export function member(o: JsonNode | undefined, key: string): JsonNode | undefined {
  if (o?.t !== 'object') return undefined;
  for (let k = o.members.length - 1; k >= 0; k--) if (o.members[k]!.key.value === key) return o.members[k]!.value;
  return undefined;
}
