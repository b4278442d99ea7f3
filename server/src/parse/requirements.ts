// pip requirements / constraints files, following pip's own reading order
// (https://pip.pypa.io/en/stable/reference/requirements-file-format/ and pip's req_file.py):
// join `\` continuations, strip ` #` comments, split the requirement from its options at the
// first space-separated token that starts with `-`, then parse the requirement as PEP 508.
// Every range is mapped back to the ORIGINAL text, even across continuations.
import type { Dependency, Include, IndexOption, ParsedDocument, Range } from '../core/types';
import { normalizeName } from '../identify/normalize';
import { parseRequirementString } from './pep508';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from './text';

/** A logical line longer than this is reported, not parsed (hash-pinned lines stay far below). */
export const MAX_LOGICAL_LINE = 200_000;

/** Options that take a value (pip's SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ, and old ones). */
const VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-c', '--constraint', '-r', '--requirement',
  '-e', '--editable', '-f', '--find-links', '--no-binary', '--only-binary', '--trusted-host',
  '--use-feature', '--global-option', '--install-option', '--config-settings', '--hash',
  '--allow-external', '--allow-unverified',
]);
const SHORT_WITH_VALUE = new Set(['-i', '-c', '-r', '-e', '-f']);

// pip's is_archive_file extensions: such a requirement is a local file, never a project name.
const ARCHIVE = /\.(whl|zip|tar|tgz|tbz|txz|tlz|tar\.gz|tar\.bz2|tar\.xz|tar\.lz|tar\.lzma)$/i;

interface Segment {
  /** Offset of the segment in the logical line. */
  at: number;
  /** Offset of the segment in the original text. */
  orig: number;
}

/** One logical line (physical lines joined by `\`) with a map back to the original text. */
class Logical {
  constructor(
    readonly text: string,
    private readonly segs: Segment[],
    readonly firstLine: number,
  ) {}

  /** Original offset of logical offset k (k may equal text.length). */
  orig(k: number): number {
    // Binary search for the last segment starting at or before k (empty segments share `at`).
    let lo = 0;
    let hi = this.segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segs[mid]!.at <= k) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segs[lo]!;
    return seg.orig + (k - seg.at);
  }

  /** Original [start, end) of the logical span [s, e). */
  span(s: number, e: number): [number, number] {
    if (e <= s) return [this.orig(s), this.orig(s)];
    return [this.orig(s), this.orig(e - 1) + 1];
  }
}

interface Token {
  /** Token as written. */
  raw: string;
  start: number;
  end: number;
  /** The token with one level of surrounding quotes removed, and its span. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** shlex-like split of the options part: whitespace separates, quotes group. */
function tokenize(s: string, from: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    const start = i;
    while (i < s.length && s[i] !== ' ' && s[i] !== '\t') {
      const q = s[i];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1);
        i = close < 0 ? s.length : close + 1;
      } else i++;
    }
    const raw = s.slice(start, i);
    const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0]!);
    out.push({
      raw,
      start,
      end: i,
      value: quoted ? raw.slice(1, -1) : raw,
      valueStart: quoted ? start + 1 : start,
      valueEnd: quoted ? i - 1 : i,
    });
  }
  return out;
}

/** Splits text into pip's logical lines (join_lines in pip's req_file.py), lazily. */
function* logicalLines(idx: LineIndex): Generator<Logical> {
  const text = idx.text;
  let segs: Segment[] = [];
  let parts: string[] = [];
  let len = 0;
  let first = 0;
  for (let line = 0; line < idx.lineCount; line++) {
    const start = idx.lineStart(line);
    const end = idx.lineEnd(line);
    let k = start;
    while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    // A comment line never continues, even when it ends with `\`; blank lines carry nothing.
    const isComment = k < end && text.charCodeAt(k) === 35;
    if (segs.length === 0 && (k === end || isComment)) continue; // fast path for lock-file comments
    if (segs.length === 0) first = line;
    if (text.charCodeAt(end - 1) === 92 && end > start && !isComment) {
      let e = end;
      while (e > start && text.charCodeAt(e - 1) === 92) e--;
      segs.push({ at: len, orig: start });
      parts.push(text.slice(start, e));
      len += e - start;
      continue;
    }
    segs.push({ at: len, orig: start });
    parts.push(text.slice(start, end));
    yield new Logical(parts.join(''), segs, first);
    segs = [];
    parts = [];
    len = 0;
  }
  // A continuation at EOF: pip keeps what it has joined so far.
  if (segs.length > 0) yield new Logical(parts.join(''), segs, first);
}

/** Index of the first `#` that starts a comment: at line start or after whitespace. */
function commentStart(s: string): number {
  for (let i = s.indexOf('#'); i >= 0; i = s.indexOf('#', i + 1)) {
    if (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t') return i;
  }
  return -1;
}

/** `x.whl[extra]` -> `x.whl`, without a regex that backtracks on a run of `[`. */
function stripTrailingExtras(s: string): string {
  if (!s.endsWith(']')) return s;
  const open = s.lastIndexOf('[');
  return open >= 0 ? s.slice(0, open) : s;
}

/** A direct reference (URL, VCS, local path or archive) rather than a project name. */
export function isDirectReference(req: string): boolean {
  const head = req.split(/[;\s]/, 1)[0] ?? '';
  return (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(head) ||
    /^(git|hg|svn|bzr)\+/i.test(head) ||
    /^file:/i.test(head) ||
    /^[A-Za-z]:[\\/]/.test(head) ||
    /^[.~/\\]/.test(head) ||
    ARCHIVE.test(stripTrailingExtras(head))
  );
}

export function parseRequirements(input: string): ParsedDocument {
  const text = stripBom(input);
  const idx = new LineIndex(text);
  const doc: ParsedDocument = { kind: 'requirements', dependencies: [], problems: [], includes: [], indexes: [] };
  const problem = (range: Range, message: string): void => {
    if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range, message, severity: 'warning' });
    else if (doc.problems.length === MAX_PROBLEMS) {
      doc.problems.push({ range, message: 'further problems in this file are not shown', severity: 'warning' });
    }
  };

  // One closure for the file, over the line being read (not one per line).
  let ll!: Logical;
  const rangeOf = (s: number, e: number): Range => {
    const [a, b] = ll.span(s, e);
    return idx.range(a, b);
  };
  for (ll of logicalLines(idx)) {
    if (ll.text.length > MAX_LOGICAL_LINE) {
      problem(idx.range(ll.orig(0), ll.orig(0)), `line too long to check (${ll.text.length} characters)`);
      continue;
    }
    let s = ll.text;
    const hash = commentStart(s);
    if (hash >= 0) s = s.slice(0, hash);
    s = s.trimEnd();
    if (s.trim() === '') continue;
    // pip's break_args_options: the requirement is every token before the first `-` token.
    let optFrom = s.length;
    for (let i = 0; i < s.length; ) {
      while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
      if (s[i] === '-') {
        optFrom = i;
        break;
      }
      while (i < s.length && s[i] !== ' ' && s[i] !== '\t') i++;
    }
    const req = s.slice(0, optFrom).trimEnd();
    const reqStart = req.length - req.trimStart().length;
    let dep: Dependency | undefined;
    if (req.trim() !== '') {
      dep = requirementLine(req, reqStart, rangeOf, problem);
      if (dep && doc.dependencies.length >= MAX_DEPENDENCIES) {
        doc.problems.push({ range: dep.range, message: `more than ${MAX_DEPENDENCIES} requirements; the rest of the file is not checked`, severity: 'warning' });
        break;
      }
      if (dep) doc.dependencies.push(dep);
    }
    handleOptions(s, tokenize(s, optFrom), req.trim() !== '', dep, doc, rangeOf, problem);
  }
  return doc;
}

function requirementLine(
  req: string,
  reqStart: number,
  rangeOf: (s: number, e: number) => Range,
  problem: (r: Range, m: string) => void,
): Dependency | undefined {
  const body = req.slice(reqStart);
  if (isDirectReference(body)) return undefined;
  const r = parseRequirementString(req, reqStart);
  if ('error' in r) {
    // A path such as `sub/dir` or `pkg\x`, or a name built from `${VAR}`: valid pip, no name.
    if (/[/\\]/.test(body.split(';', 1)[0]!) || body.includes('${')) return undefined;
    problem(rangeOf(reqStart, req.length), `cannot read requirement: ${r.error}`);
    return undefined;
  }
  const dep: Dependency = {
    rawName: r.name,
    name: normalizeName(r.name),
    range: rangeOf(r.nameStart, r.nameEnd),
    source: 'requirements',
    extras: r.extras,
    specifier: r.specifier,
  };
  if (r.specifierStart !== undefined && r.specifierEnd !== undefined) {
    dep.specifierRange = rangeOf(r.specifierStart, r.specifierEnd);
  }
  if (r.marker !== undefined) dep.marker = r.marker;
  if (r.url !== undefined) dep.url = r.url;
  return dep;
}

function handleOptions(
  s: string,
  toks: Token[],
  isRequirementLine: boolean,
  dep: Dependency | undefined,
  doc: ParsedDocument,
  rangeOf: (s: number, e: number) => Range,
  problem: (r: Range, m: string) => void,
): void {
  for (let t = 0; t < toks.length; t++) {
    const tok = toks[t]!;
    if (!tok.raw.startsWith('-')) continue; // stray words after an option: pip would reject; harmless here
    let opt = tok.raw;
    let value: { text: string; start: number; end: number } | undefined;
    const eq = opt.startsWith('--') ? opt.indexOf('=') : -1;
    if (eq > 0) {
      opt = opt.slice(0, eq);
      let vs = tok.start + eq + 1;
      let ve = tok.end;
      if (ve - vs >= 2 && (s[vs] === '"' || s[vs] === "'") && s[ve - 1] === s[vs]) {
        vs++;
        ve--;
      }
      value = { text: s.slice(vs, ve), start: vs, end: ve };
    } else if (!opt.startsWith('--') && opt.length > 2 && SHORT_WITH_VALUE.has(opt.slice(0, 2))) {
      // optparse allows an attached short-option value: `-rbase.txt`.
      value = { text: opt.slice(2), start: tok.start + 2, end: tok.end };
      opt = opt.slice(0, 2);
    } else if (VALUE_OPTIONS.has(opt)) {
      const next = toks[t + 1];
      if (next) {
        value = { text: next.value, start: next.valueStart, end: next.valueEnd };
        t++;
      } else {
        problem(rangeOf(tok.start, tok.end), `option ${opt} needs a value`);
        continue;
      }
    }
    if (opt === '--hash') {
      if (dep && value) (dep.hashes ??= []).push(value.text);
      continue;
    }
    // pip ignores file-level options written on a requirement line.
    if (isRequirementLine) continue;
    switch (opt) {
      case '-r':
      case '--requirement':
      case '-c':
      case '--constraint': {
        const inc: Include = {
          kind: opt === '-r' || opt === '--requirement' ? 'requirement' : 'constraint',
          target: value?.text ?? '',
          range: rangeOf(value?.start ?? tok.start, value?.end ?? tok.end),
        };
        doc.includes.push(inc);
        break;
      }
      case '-i':
      case '--index-url':
      case '--extra-index-url':
      case '-f':
      case '--find-links': {
        const kind: IndexOption['kind'] =
          opt === '-f' || opt === '--find-links' ? 'find-links' : opt === '--extra-index-url' ? 'extra-index-url' : 'index-url';
        doc.indexes.push({ kind, url: value?.text ?? '', range: rangeOf(value?.start ?? tok.start, value?.end ?? tok.end), origin: 'requirements' });
        break;
      }
      case '--no-index':
        doc.indexes.push({ kind: 'no-index', url: '', range: rangeOf(tok.start, tok.end), origin: 'requirements' });
        break;
      default:
        // -e/--editable (a path or VCS URL, never a registry name) and every other option:
        // nothing to check. Unknown options are left to pip; they can never yield a name.
        break;
    }
  }
}
