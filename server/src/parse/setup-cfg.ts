// setup.cfg (setuptools declarative config, https://setuptools.pypa.io/en/latest/userguide/declarative_config.html):
// `[options] install_requires / setup_requires / tests_require` and `[options.extras_require]`
// (one key per extra). These are `list-semi` values: a dangling (multi-line) list holds one
// requirement per line, markers included; a one-line value is split on `;`, as setuptools does.
// Read line by line the way configparser does: `key = value` or `key: value`, indented
// continuation lines, full-line `#`/`;` comments; key names are case-insensitive and setuptools
// accepts dashes for underscores.
import type { Dependency, Include, ParsedDocument } from '../core/types';
import { requirementAt } from './requirement-at';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from './text';

const OPTIONS_KEYS = new Set(['install_requires', 'setup_requires', 'tests_require']);
/** setup.cfg files are small; past this it is not a setup.cfg. */
const MAX_CHARS = 2_000_000;

interface Value {
  section: string;
  key: string;
  keyStart: number;
  /** [start, end) offsets of each physical piece: the rest of the key line, then each continuation. */
  pieces: [number, number][];
}

function trimSpan(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

/** Drops a pip-style ` # comment` (configparser keeps it; setuptools would fail on it). */
function withoutComment(text: string, s: number, e: number): [number, number] {
  const hash = text.slice(s, e).search(/(^|\s)#/);
  return hash < 0 ? [s, e] : trimSpan(text, s, s + hash);
}

export function parseSetupCfg(input: string): ParsedDocument {
  const text = stripBom(input);
  const doc: ParsedDocument = { kind: 'setup-cfg', dependencies: [], problems: [], includes: [], indexes: [] };
  const idx = new LineIndex(text);
  const rangeOf = (s: number, e: number) => idx.range(s, e);
  const problem = (s: number, e: number, message: string, severity: 'warning' | 'information' = 'warning'): void => {
    if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range: rangeOf(s, e), message, severity });
  };
  if (text.length > MAX_CHARS) {
    problem(0, 0, `setup.cfg too large to check (${text.length} characters; the limit is ${MAX_CHARS})`);
    return doc;
  }
  const values: Value[] = [];
  let section = '';
  let current: Value | undefined;
  for (let line = 0; line < idx.lineCount; line++) {
    const ls = idx.lineStart(line);
    const le = idx.lineEnd(line);
    const [s, e] = trimSpan(text, ls, le);
    if (s === e) continue; // configparser: an empty line inside a value is kept, but adds nothing here
    const c = text[s]!;
    if (c === '#' || c === ';') continue;
    if (s > ls && current) {
      current.pieces.push([s, e]);
      continue;
    }
    current = undefined;
    if (c === '[') {
      const close = text.indexOf(']', s);
      if (close < 0 || close >= e) problem(s, e, 'setup.cfg: a section header without its closing ]');
      else section = text.slice(s + 1, close).trim().toLowerCase();
      continue;
    }
    const delim = text.slice(s, e).search(/[=:]/);
    if (delim < 0) {
      if (section === 'options' || section === 'options.extras_require') problem(s, e, `setup.cfg [${section}]: expected 'key = value'`);
      continue;
    }
    const key = text.slice(s, s + delim).trim().toLowerCase().replace(/-/g, '_');
    const want = (section === 'options' && OPTIONS_KEYS.has(key)) || section === 'options.extras_require';
    if (!want) continue;
    current = { section, key, keyStart: s, pieces: [trimSpan(text, s + delim + 1, e)] };
    values.push(current);
  }

  for (const v of values) {
    const label = v.section === 'options' ? `setup.cfg [options] ${v.key}` : `setup.cfg [options.extras_require] ${v.key}`;
    const pieces = v.pieces.filter(([s, e]) => e > s);
    const first = pieces[0];
    // `file: requirements.txt` reads the list from another file (setuptools 62.6+ for extras too).
    if (first && pieces.length === 1 && /^file\s*:/.test(text.slice(...first))) {
      const targetStart = first[0] + text.slice(...first).indexOf(':') + 1;
      const [ts, te] = trimSpan(text, targetStart, first[1]);
      const inc: Include = { kind: 'requirement', target: text.slice(ts, te), range: rangeOf(ts, te) };
      doc.includes.push(inc);
      problem(ts, te, `${label} is read from ${inc.target}, which is checked on its own`, 'information');
      continue;
    }
    const items: [number, number][] = [];
    if (pieces.length === 1 && v.pieces.length === 1) {
      // A one-line value: `list-semi` splits on ';'.
      const [s, e] = first ?? [0, 0];
      let at = s;
      for (const part of text.slice(s, e).split(';')) {
        items.push(trimSpan(text, at, at + part.length));
        at += part.length + 1;
      }
    } else items.push(...pieces);
    for (const [s0, e0] of items) {
      const [s, e] = withoutComment(text, s0, e0);
      if (s === e) continue;
      const dep = requirementAt(text, s, e, 'manifest', label, rangeOf);
      if ('error' in dep) {
        if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range: dep.range, message: dep.error, severity: 'warning' });
      } else if (doc.dependencies.length < MAX_DEPENDENCIES) doc.dependencies.push(dep as Dependency);
    }
  }
  return doc;
}
