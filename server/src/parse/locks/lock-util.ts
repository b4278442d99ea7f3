// Shared by the lockfile parsers: exact spans of scanned strings, the size cap, and the lock's
// dependency edges turned into `requiredBy` / `direct` on each locked package.
import type { Dependency, DocumentKind, LockOrigin, ParsedDocument, Range } from '../../core/types';
import { isValidProjectName, normalizeName } from '../../identify/normalize';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from '../text';
import { decodeString, spanOf } from '../toml-util';
import { spanOfString, type TomlProblem, type TomlString } from './toml-scan';

/**
 * Lockfiles above this size are reported, not read. A 20,000-line uv.lock with every wheel listed
 * is ~3.5 MB (pydantic's 4,151 lines are 709 kB); the scanner reads 8 MB in well under 100 ms.
 */
export const MAX_LOCK_CHARS = 8_000_000;

export type RangeOf = (start: number, end: number) => Range;

function tooLargeLock(length: number, what: string) {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `${what} too large to check (${length} characters; the limit is ${MAX_LOCK_CHARS})`,
    severity: 'warning' as const,
  };
}

/** The text of a lock being read, with ranges and bounded problems over it. */
export interface LockText {
  text: string;
  rangeOf: RangeOf;
  problems: Problems;
}

/**
 * How every lock parser starts (`what` names the file in messages): the BOM stripped and an empty
 * document of `kind`. `lock` is absent for a text over MAX_LOCK_CHARS: the document then holds the
 * one problem saying so and is the whole answer (no line index is built for it).
 */
export function startLock(input: string, kind: DocumentKind, what: string): { doc: ParsedDocument; lock?: LockText } {
  const text = stripBom(input);
  const doc: ParsedDocument = { kind, dependencies: [], problems: [], includes: [], indexes: [] };
  if (text.length > MAX_LOCK_CHARS) {
    doc.problems.push(tooLargeLock(text.length, what));
    return { doc };
  }
  const idx = new LineIndex(text);
  const rangeOf: RangeOf = (s, e) => idx.range(s, e);
  return { doc, lock: { text, rangeOf, problems: new Problems(doc, rangeOf) } };
}

/** Source span of a scanned string's whole value (inside the quotes, through escapes). */
export function valueSpan(src: string, s: TomlString): [number, number] {
  if (!s.multiline && s.e - s.s - 2 === s.value.length) return [s.s + 1, s.e - 1];
  const dec = decodeString(src, spanOfString(s));
  return spanOf(dec, 0, dec.value.length);
}

/** Collects problems with a bound, from the scanner and from the lock's own checks. */
export class Problems {
  constructor(
    private readonly doc: ParsedDocument,
    private readonly rangeOf: RangeOf,
  ) {}

  add(start: number, end: number, message: string, severity: 'error' | 'warning' | 'information' = 'warning'): void {
    if (this.doc.problems.length < MAX_PROBLEMS) this.doc.problems.push({ range: this.rangeOf(start, end), message, severity });
  }

  /** TOML syntax errors: each cost at most the entry it sat in (the scanner resumes after it). */
  fromScanner(problems: TomlProblem[], what: string): void {
    for (const p of problems) this.add(p.start, p.end, `invalid TOML in ${what}: ${p.message}`, 'error');
  }
}

/** One locked package and the names of the packages it depends on (its edges). */
export interface Locked {
  dep: Dependency;
  dependsOn: string[];
}

/**
 * A locked package as a Dependency. Returns undefined (with a problem) for a name that is not a
 * valid project name: nothing can be installed under it, and the rules assume valid names.
 */
export function lockedDependency(
  src: string,
  nameNode: TomlString,
  section: string,
  rangeOf: RangeOf,
  problems: Problems,
  fields: { origin?: LockOrigin; version?: TomlString; source?: Dependency['source'] } = {},
): Dependency | undefined {
  const span = valueSpan(src, nameNode);
  const raw = nameNode.value;
  if (!isValidProjectName(raw)) {
    problems.add(span[0], span[1], `${section}: "${raw.slice(0, 80)}" is not a valid project name`);
    return undefined;
  }
  const dep: Dependency = { rawName: raw, name: normalizeName(raw), range: rangeOf(...span), source: fields.source ?? 'lock', section };
  if (fields.version) {
    dep.version = fields.version.value;
    dep.specifier = `==${fields.version.value}`;
    dep.versionRange = rangeOf(...valueSpan(src, fields.version));
  }
  if (fields.origin) dep.origin = fields.origin;
  return dep;
}

/**
 * Sets `requiredBy` from the edges and `direct` from the roots: a package is direct when a root
 * (the project or a workspace member) depends on it or the lock lists it as a root requirement.
 * Without roots (poetry.lock, pdm.lock and pylock.toml do not record the project itself), a
 * package nothing else depends on must be a root requirement (direct); for the others the lock
 * cannot tell, so `direct` stays unset.
 */
export function linkEdges(locked: Locked[], roots?: { packages: Set<string>; names: Set<string> }): void {
  const incoming = new Map<string, Set<string>>();
  for (const l of locked) {
    for (const to of l.dependsOn) {
      if (to === l.dep.name) continue;
      let s = incoming.get(to);
      if (!s) incoming.set(to, (s = new Set()));
      s.add(l.dep.name);
    }
  }
  for (const l of locked) {
    const by = incoming.get(l.dep.name);
    const list = by ? [...by].sort() : [];
    if (list.length > 0) l.dep.requiredBy = list;
    if (roots) l.dep.direct = roots.names.has(l.dep.name) || list.some((n) => roots.packages.has(n));
    else if (list.length === 0) l.dep.direct = true;
  }
  linkDirectVia(locked);
}

/** Edge visits `linkDirectVia` may spend (a 20,000-package lock with 100 direct ones is 2M at most). */
const VIA_BUDGET = 5_000_000;

/**
 * Sets `directVia` on each transitive package: the direct dependencies whose dependency tree holds
 * it. `requiredBy` names the package that needs it (`werkzeug`); this names the one the project
 * asked for (`flask`), which is what a user can question or remove. One walk per direct package;
 * a lock too big for the budget gets none (the `requiredBy` names still say something).
 */
function linkDirectVia(locked: Locked[]): void {
  const byName = new Map<string, Locked>();
  for (const l of locked) if (!byName.has(l.dep.name)) byName.set(l.dep.name, l);
  const via = new Map<string, Set<string>>();
  let budget = VIA_BUDGET;
  for (const root of locked) {
    if (root.dep.direct !== true) continue;
    const seen = new Set([root.dep.name]);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      for (const to of queue[head]!.dependsOn) {
        if (--budget < 0) return;
        if (seen.has(to)) continue;
        seen.add(to);
        const next = byName.get(to);
        if (!next) continue;
        if (next.dep.direct !== true) {
          let s = via.get(to);
          if (!s) via.set(to, (s = new Set()));
          s.add(root.dep.name);
        }
        queue.push(next);
      }
    }
  }
  for (const l of locked) {
    const s = via.get(l.dep.name);
    if (s && l.dep.direct !== true) l.dep.directVia = [...s].sort();
  }
}

/** Appends with the dependency cap; false once the cap is hit (one problem says so). */
export function pushCapped(doc: ParsedDocument, dep: Dependency): boolean {
  if (doc.dependencies.length >= MAX_DEPENDENCIES) {
    if (!doc.problems.some((p) => p.message.startsWith('more than'))) {
      doc.problems.push({ range: dep.range, message: `more than ${MAX_DEPENDENCIES} packages; the rest are not checked`, severity: 'warning' });
    }
    return false;
  }
  doc.dependencies.push(dep);
  return true;
}

const FILE_FIELD = /(hash|upload-time|url)[ \t]*=[ \t]*(?:"([^"\n]*)"|(\d{4}-\d\d-\d\d[Tt ][0-9:.]+(?:[Zz]|[+-]\d\d:\d\d)?))/y;
/** The host of an http(s) URL, lower-cased, without port or userinfo. */
const URL_HOST = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i;
const HASH = /^([A-Za-z0-9]+)[:=]([0-9A-Fa-f]{16,128})$/;
const LOWER_SHA256 = /^sha256:[0-9a-f]{64}$/;

/** A lock's `algo:hex` (or pip's `algo=hex`) as `algo:hex` in lower case; undefined if not a hash. */
export function normalHash(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (LOWER_SHA256.test(value)) return value; // what uv, pdm and poetry write
  const m = HASH.exec(value);
  return m ? `${m[1]!.toLowerCase()}:${m[2]!.toLowerCase()}` : undefined;
}

/**
 * Per-package file facts: hashes (deduplicated) and the newest upload time. Release age reads the
 * NEWEST file because PyPI lets a maintainer (or a stolen token) add files to an old release, and
 * such a file is as fresh as a new release.
 */
export class FileFacts {
  private readonly hashes = new Set<string>();
  private readonly hosts = new Set<string>();

  /** A file's download URL: its host is kept (PW104 compares it with the package's index). */
  url(value: string | undefined): void {
    const m = value ? URL_HOST.exec(value) : null;
    if (m) this.hosts.add(m[1]!.toLowerCase());
  }
  private newest = -Infinity;
  private newestText: string | undefined;

  hash(value: string | undefined): void {
    const h = normalHash(value);
    if (h) this.hashes.add(h);
  }

  uploaded(iso: string | undefined): void {
    if (!iso) return;
    const t = Date.parse(iso);
    if (!Number.isNaN(t) && t > this.newest) {
      this.newest = t;
      this.newestText = iso;
    }
  }

  /**
   * Hashes and upload times of a list of file tables the scanner only delimited (uv.lock `wheels`).
   * Keys cannot occur inside the URL strings (`hash = "` needs a space and a quote), so a
   * pattern over the span reads exactly the `hash` and `upload-time` values.
   */
  fromSpan(src: string, start: number, end: number): void {
    // A native search finds the candidates; the sticky pattern confirms each (a file name may
    // contain `hash`). Several times faster than one global pattern over the whole span.
    for (const key of ['hash', 'upload-time', 'url'] as const) {
      for (let i = src.indexOf(key, start); i >= 0 && i < end; i = src.indexOf(key, i + key.length)) {
        const before = src.charCodeAt(i - 1);
        if (before !== 32 && before !== 9 && before !== 123 && before !== 44 && before !== 10) continue; // ` `, tab, `{`, `,`, newline
        FILE_FIELD.lastIndex = i;
        const m = FILE_FIELD.exec(src);
        if (!m || m[1] !== key) continue;
        if (key === 'hash') this.hash(m[2]);
        else if (key === 'url') this.url(m[2]);
        else this.uploaded(m[2] ?? m[3]);
      }
    }
  }

  applyTo(dep: Dependency): void {
    if (this.hashes.size > 0) dep.hashes = [...this.hashes];
    if (this.hosts.size > 0) dep.fileHosts = [...this.hosts].sort();
    if (this.newestText) dep.uploadTime = this.newestText;
  }
}
