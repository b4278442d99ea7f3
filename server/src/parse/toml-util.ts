// Helpers shared by the pyproject and PEP 723 parsers: walk a toml-eslint-parser AST with full
// key paths, and map a TOML string's decoded characters back to source offsets so a name range
// covers exactly the characters the user typed (TOML 1.0 strings: https://toml.io/en/v1.0.0#string).
import type { AST } from 'toml-eslint-parser';
import type { Dependency, DependencySource, Range } from '../core/types';
import { normalizeName } from '../identify/normalize';
import { parseRequirementString } from './pep508';

export type RangeOf = (start: number, end: number) => Range;

export interface DecodedString {
  value: string;
  /** starts[k] / ends[k]: source offsets of the characters that produced value[k]; absent when
   * the string has no escapes and value[k] is simply at innerStart + k. */
  starts?: number[];
  ends?: number[];
  /** Source span of the contents (inside the quotes). */
  innerStart: number;
  innerEnd: number;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

function hasBackslash(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (src.charCodeAt(k) === 92) return true;
  return false;
}

/** What decoding needs of a string node: toml-eslint-parser's, or the lock scanner's (locks/toml-scan.ts). */
export interface StringSpan {
  range: readonly [number, number];
  multiline: boolean;
  style: 'basic' | 'literal';
}

/** Decodes a string value or quoted key straight from the source, keeping the offset map. */
export function decodeString(src: string, node: StringSpan): DecodedString {
  const [r0, r1] = node.range;
  const delim = node.multiline ? 3 : 1;
  let i = r0 + delim;
  const end = Math.max(i, r1 - delim);
  // A newline right after an opening `"""` / `'''` is not part of the value.
  if (node.multiline) {
    if (src[i] === '\r' && src[i + 1] === '\n') i += 2;
    else if (src[i] === '\n') i += 1;
  }
  const innerStart = i;
  // Fast path: no escapes, so value[k] sits at innerStart + k. Saves the per-character maps.
  if (node.style === 'literal' || !hasBackslash(src, innerStart, end)) {
    return { value: src.slice(innerStart, end), innerStart, innerEnd: end };
  }
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (s: string, from: number, to: number): void => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      starts.push(from);
      ends.push(to);
    }
  };
  while (i < end) {
    const c = src[i]!;
    if (c !== '\\') {
      emit(c, i, i + 1);
      i++;
      continue;
    }
    const e = src[i + 1] ?? '';
    if (e in SIMPLE_ESCAPES) {
      emit(SIMPLE_ESCAPES[e]!, i, i + 2);
      i += 2;
    } else if (e === 'u' || e === 'U' || e === 'x') {
      const len = e === 'u' ? 4 : e === 'U' ? 8 : 2;
      const cp = parseInt(src.slice(i + 2, i + 2 + len), 16);
      emit(Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd', i, i + 2 + len);
      i += 2 + len;
    } else if (node.multiline && /[ \t\r\n]/.test(e)) {
      // Line-ending backslash: drop all whitespace and newlines that follow.
      i++;
      while (i < end && /[ \t\r\n]/.test(src[i]!)) i++;
    } else {
      emit(c, i, i + 1);
      i++;
    }
  }
  return { value: out.join(''), starts, ends, innerStart, innerEnd: end };
}

/** Source span of decoded characters [s, e). */
export function spanOf(d: DecodedString, s: number, e: number): [number, number] {
  if (!d.starts || !d.ends) return [d.innerStart + s, d.innerStart + Math.max(s, e)];
  if (e <= s) {
    const at = d.starts[s] ?? d.innerEnd;
    return [at, at];
  }
  return [d.starts[s] ?? d.innerEnd, d.ends[e - 1] ?? d.innerEnd];
}

export interface KeyValueEntry {
  /** Full key path: table header + dotted key (+ inline-table keys). */
  path: (string | number)[];
  kv: AST.TOMLKeyValue;
}

/** Every key/value of the document with its full path, inline tables included. */
export function keyValues(ast: AST.TOMLProgram): KeyValueEntry[] {
  const out: KeyValueEntry[] = [];
  const visit = (kvs: AST.TOMLKeyValue[], prefix: (string | number)[]): void => {
    for (const kv of kvs) {
      const path = [...prefix, ...kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value))];
      out.push({ path, kv });
      if (kv.value.type === 'TOMLInlineTable') visit(kv.value.body, path);
    }
  };
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') visit(item.body, item.resolvedKey);
    else visit([item], []);
  }
  return out;
}

export function isString(node: AST.TOMLNode | undefined): node is AST.TOMLStringValue {
  return node?.type === 'TOMLValue' && node.kind === 'string';
}

/** A PEP 508 string in a TOML array -> a dependency, or an error message with its range. */
export function dependencyFromString(
  src: string,
  node: AST.TOMLStringValue,
  source: DependencySource,
  section: string,
  rangeOf: RangeOf,
): Dependency | { error: string; range: Range } {
  const d = decodeString(src, node);
  const r = parseRequirementString(d.value, 0);
  if ('error' in r) {
    return { error: `cannot read requirement in ${section}: ${r.error}`, range: rangeOf(node.range[0], node.range[1]) };
  }
  const dep: Dependency = {
    rawName: r.name,
    name: normalizeName(r.name),
    range: rangeOf(...spanOf(d, r.nameStart, r.nameEnd)),
    source,
    section,
    extras: r.extras,
    specifier: r.specifier,
  };
  if (r.specifierStart !== undefined && r.specifierEnd !== undefined) {
    dep.specifierRange = rangeOf(...spanOf(d, r.specifierStart, r.specifierEnd));
  }
  if (r.marker !== undefined) dep.marker = r.marker;
  if (r.url !== undefined) dep.url = r.url;
  return dep;
}
