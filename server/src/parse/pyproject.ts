// pyproject.toml: PEP 621 `[project]` dependencies and extras, PEP 735 `[dependency-groups]`,
// PEP 518 `[build-system] requires`, Poetry tables, uv dev-dependencies and index tables.
// toml-eslint-parser gives every node a source range, so names map to exact ranges.
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { Dependency, IndexOption, ParsedDocument, Range } from '../core/types';
import { isValidProjectName, normalizeName } from '../identify/normalize';
import { limitTomlNesting, MAX_TOML_DEPTH, type DeepSpan } from './nesting';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from './text';
import { decodeString, dependencyFromString, isString, keyValues, spanOf, type RangeOf } from './toml-util';

type Path = (string | number)[];

/**
 * TOML above this size is reported, not parsed: the AST of a 10 MB file costs seconds of CPU
 * on every edit, and real pyproject.toml files stay under 100 kB.
 */
export const MAX_TOML_CHARS = 2_000_000;

export function tooLargeProblem(length: number) {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `TOML too large to check (${length} characters; the limit is ${MAX_TOML_CHARS})`,
    severity: 'warning' as const,
  };
}

/** Section label for arrays of PEP 508 strings, or undefined when the path holds none. */
function pep508Section(p: Path): { section: string; constraintOnly?: boolean } | undefined {
  const key = p.join('.');
  if (p.length === 2 && key === 'project.dependencies') return { section: key };
  if (p.length === 3 && p[0] === 'project' && p[1] === 'optional-dependencies') return { section: key };
  if (p.length === 2 && p[0] === 'dependency-groups') return { section: key };
  if (key === 'build-system.requires') return { section: key };
  if (key === 'tool.uv.dev-dependencies' || key === 'tool.uv.override-dependencies') return { section: key };
  if (key === 'tool.uv.constraint-dependencies') return { section: key, constraintOnly: true };
  return undefined;
}

/** Poetry dependency tables: the entry's KEY is the name. */
function poetrySection(p: Path): string | undefined {
  if (p.length === 4 && p[0] === 'tool' && p[1] === 'poetry' && (p[2] === 'dependencies' || p[2] === 'dev-dependencies')) {
    return p.slice(0, 3).join('.');
  }
  if (p.length === 6 && p[0] === 'tool' && p[1] === 'poetry' && p[2] === 'group' && p[4] === 'dependencies') {
    return p.slice(0, 5).join('.');
  }
  return undefined;
}

export function parsePyproject(input: string): ParsedDocument {
  const text = stripBom(input);
  const idx = new LineIndex(text);
  const doc: ParsedDocument = { kind: 'pyproject', dependencies: [], problems: [], includes: [], indexes: [] };
  const rangeOf: RangeOf = (s, e) => idx.range(s, e);
  if (text.length > MAX_TOML_CHARS) {
    doc.problems.push(tooLargeProblem(text.length));
    return doc;
  }
  const guarded = limitTomlNesting(text);
  for (const d of guarded.deep) doc.problems.push(tooDeepProblem(d, rangeOf));
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(guarded.text);
  } catch (e) {
    // Invalid TOML: one problem at the parser's position and nothing else. The parser does not
    // recover, and guessing at half-parsed tables would report names that are not there.
    doc.problems.push(tomlErrorProblem(e, rangeOf, text.length));
    return doc;
  }
  extractFromToml(text, ast, 'pyproject', rangeOf, doc);
  return doc;
}

/** One statement skipped by limitTomlNesting: PW001 at the bracket that went too deep. */
export function tooDeepProblem(d: DeepSpan, rangeOf: RangeOf) {
  const range = rangeOf(d.at, d.at + 1);
  return {
    range,
    message: `this file could not be fully analysed: nesting too deep at line ${range.start.line + 1} (more than ${MAX_TOML_DEPTH} levels of arrays or tables); this entry was not checked`,
    severity: 'warning' as const,
  };
}

/** A toml-eslint-parser ParseError (or anything thrown) as one ParseProblem. */
export function tomlErrorProblem(e: unknown, rangeOf: RangeOf, length: number) {
  const err = e as { message?: unknown; index?: unknown };
  const at = typeof err.index === 'number' ? Math.max(0, Math.min(err.index, length)) : 0;
  const message = typeof err.message === 'string' ? err.message : String(e);
  return { range: rangeOf(at, Math.min(at + 1, length)), message: `invalid TOML: ${message}`, severity: 'error' as const };
}

/** Shared by pyproject.toml and PEP 723 blocks (whose `dependencies` key sits at the top level). */
export function extractFromToml(
  src: string,
  ast: AST.TOMLProgram,
  source: 'pyproject' | 'script',
  rangeOf: RangeOf,
  doc: { dependencies: Dependency[]; problems: ParsedDocument['problems']; indexes?: IndexOption[] },
): void {
  const problem = (range: Range, message: string): void => {
    if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range, message, severity: 'warning' });
  };
  const entries = keyValues(ast);
  const groups = new Set<string>();
  for (const { path } of entries) {
    if (path.length === 2 && path[0] === 'dependency-groups') groups.add(normalizeName(String(path[1])));
  }
  if (source === 'pyproject') {
    // The rarer table form: `[tool.poetry.dependencies.name]` with `version = …` below it.
    for (const item of ast.body[0].body) {
      const section = item.type === 'TOMLTable' ? poetrySection(item.resolvedKey) : undefined;
      if (item.type !== 'TOMLTable' || !section) continue;
      const keyNode = item.key.keys[item.key.keys.length - 1]!;
      const dep = poetryDependency(src, keyNode, String(item.resolvedKey[item.resolvedKey.length - 1]), item.body, section, rangeOf, problem);
      if (dep) doc.dependencies.push(dep);
    }
  }
  for (const { path, kv } of entries) {
    const sec = source === 'script' ? (path.join('.') === 'dependencies' ? { section: 'script.dependencies' } : undefined) : pep508Section(path);
    if (sec) {
      if (kv.value.type !== 'TOMLArray') {
        problem(rangeOf(...kv.value.range), `${sec.section} must be an array of requirement strings`);
        continue;
      }
      for (const el of kv.value.elements) {
        if (isString(el)) {
          const dep = dependencyFromString(src, el, source, sec.section, rangeOf);
          if ('error' in dep) problem(dep.range, dep.error);
          else if (doc.dependencies.length >= MAX_DEPENDENCIES) {
            doc.problems.push({ range: dep.range, message: `more than ${MAX_DEPENDENCIES} requirements; the rest are not checked`, severity: 'warning' });
            doc.dependencies.sort(byPosition);
            return;
          } else {
            if (sec.constraintOnly) dep.constraintOnly = true;
            doc.dependencies.push(dep);
          }
        } else if (el.type === 'TOMLInlineTable' && path[0] === 'dependency-groups') {
          checkIncludeGroup(src, el, groups, rangeOf, problem);
        } else {
          problem(rangeOf(...el.range), `${sec.section}: expected a requirement string`);
        }
      }
      continue;
    }
    if (source !== 'pyproject') continue;
    const poetry = poetrySection(path);
    if (poetry) {
      const keyNode = kv.key.keys[kv.key.keys.length - 1]!;
      const dep = poetryDependency(src, keyNode, String(path[path.length - 1]), kv.value, poetry, rangeOf, problem);
      if (dep) doc.dependencies.push(dep);
      continue;
    }
    // `[[tool.uv.index]] url = …` and `[[tool.poetry.source]] url = …` (arrays of tables).
    let indexOrigin: IndexOption['origin'] | undefined;
    if (path.length === 5 && typeof path[3] === 'number' && path[4] === 'url') {
      if (pathIs(path, 'tool', 'uv', 'index')) indexOrigin = 'uv';
      else if (pathIs(path, 'tool', 'poetry', 'source')) indexOrigin = 'poetry';
    }
    if (indexOrigin && isString(kv.value) && doc.indexes) {
      const d = decodeString(src, kv.value);
      doc.indexes.push({
        kind: isPrimaryIndex(kv) ? 'index-url' : 'extra-index-url',
        url: d.value,
        range: rangeOf(d.innerStart, d.innerEnd),
        origin: indexOrigin,
      });
    }
  }
  doc.dependencies.sort(byPosition);
}

/** Document order, so table-form Poetry entries sit among the others. */
function byPosition(a: Dependency, b: Dependency): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function pathIs(p: Path, ...prefix: (string | number)[]): boolean {
  return prefix.every((k, i) => p[i] === k);
}

/** uv `default = true`, Poetry `default = true` / `priority = "primary" | "default"`. */
function isPrimaryIndex(kv: AST.TOMLKeyValue): boolean {
  const table = kv.parent;
  if (table.type === 'TOMLTopLevelTable') return false;
  for (const sib of table.body) {
    const k = sib.key.keys.map((x) => (x.type === 'TOMLBare' ? x.name : x.value)).join('.');
    if (k === 'default' && sib.value.type === 'TOMLValue' && sib.value.value === true) return true;
    if (k === 'priority' && isString(sib.value) && (sib.value.value === 'primary' || sib.value.value === 'default')) return true;
  }
  return false;
}

/** PEP 735: `{include-group = "name"}` must name a group of the same table. */
function checkIncludeGroup(
  src: string,
  table: AST.TOMLInlineTable,
  groups: Set<string>,
  rangeOf: RangeOf,
  problem: (r: Range, m: string) => void,
): void {
  for (const kv of table.body) {
    const key = kv.key.keys.map((x) => (x.type === 'TOMLBare' ? x.name : x.value)).join('.');
    if (key !== 'include-group') continue;
    if (!isString(kv.value)) {
      problem(rangeOf(...kv.value.range), 'include-group must be a string');
      continue;
    }
    const d = decodeString(src, kv.value);
    if (!groups.has(normalizeName(d.value))) {
      problem(rangeOf(d.innerStart, d.innerEnd), `include-group names a group that does not exist: "${d.value}"`);
    }
  }
}

/** Poetry's exact-version shorthand `"1.2.3"` means `==1.2.3`; other constraints stay as written. */
function poetrySpecifier(v: string): string {
  const s = v.replace(/\s+/g, '');
  if (s === '*' || s === '') return '';
  return /^\d[\w.!+-]*$/.test(s) ? `==${s}` : s;
}

function poetryDependency(
  src: string,
  keyNode: AST.TOMLBare | AST.TOMLQuoted,
  rawName: string,
  value: AST.TOMLContentNode | AST.TOMLKeyValue[],
  section: string,
  rangeOf: RangeOf,
  problem: (r: Range, m: string) => void,
): Dependency | undefined {
  if (rawName.toLowerCase() === 'python') return undefined; // the interpreter constraint, not a package
  let range: Range;
  if (keyNode.type === 'TOMLQuoted') {
    const d = decodeString(src, keyNode);
    range = rangeOf(...spanOf(d, 0, d.value.length));
  } else {
    range = rangeOf(...keyNode.range);
  }
  if (!isValidProjectName(rawName)) {
    problem(range, `${section}: "${rawName}" is not a valid project name`);
    return undefined;
  }
  const dep: Dependency = { rawName, name: normalizeName(rawName), range, source: 'pyproject', section, isKey: true, extras: [], specifier: '' };
  const setSpecifier = (v: AST.TOMLStringValue): void => {
    dep.specifier = poetrySpecifier(v.value);
    if (dep.specifier !== '') {
      const d = decodeString(src, v);
      dep.specifierRange = rangeOf(d.innerStart, d.innerEnd);
    }
  };
  // `name = "^2"`, `name = { … }`, or a `[tool.poetry.dependencies.name]` table (its fields).
  const fields = Array.isArray(value) ? value : value.type === 'TOMLInlineTable' ? value.body : undefined;
  if (!Array.isArray(value) && isString(value)) setSpecifier(value);
  for (const f of fields ?? []) {
    const k = f.key.keys.map((x) => (x.type === 'TOMLBare' ? x.name : x.value)).join('.');
    const fv = f.value;
    if (k === 'version' && isString(fv)) setSpecifier(fv);
    else if (k === 'extras' && fv.type === 'TOMLArray') dep.extras = fv.elements.filter(isString).map((e) => e.value);
    else if (k === 'markers' && isString(fv)) dep.marker = fv.value;
    else if ((k === 'path' || k === 'url') && isString(fv)) dep.url = fv.value; // not from the registry; rules skip entries with a url
    else if (k === 'git' && isString(fv)) dep.url = `git+${fv.value}`;
  }
  // An array of constraint tables (multiple-constraint dependency): the name is all we take.
  return dep;
}
