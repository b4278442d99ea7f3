// Shared helpers of the index-backed rules: PEP 440 version handling, per-release facts merged
// from the Simple API and the JSON API, repository URL normalisation and the finding builder.
// Pure functions only; every "could not tell" is `undefined`, and rules then say nothing.
import { compare, explain, satisfies, valid } from '@renovatebot/pep440';
import type { CodeInfo } from '../../core/codes';
import { ruleEnabled, ruleSeverity } from '../../core/settings';
import type { Dependency, Finding, Fix, Severity } from '../../core/types';
import type { IndexFile, Lookup, PackageFacts, SimpleProject } from '../../index/facts';
import type { IndexRule, RuleContext } from '../rule';

export function foundValue<T>(l: Lookup<T> | undefined): T | undefined {
  return l?.state === 'found' ? l.value : undefined;
}

export function isEnabled(rule: Pick<IndexRule, 'info' | 'defaultEnabled'>, ctx: RuleContext): boolean {
  return ruleEnabled(ctx.settings, rule.info.rule, rule.defaultEnabled ?? true);
}

/**
 * URL of the primary index: the one that answered, else a trusted workspace `--index-url`
 * (the client honours it only then), else the setting.
 */
export function primaryIndexUrl(facts: PackageFacts, ctx: RuleContext): string {
  const answered = foundValue(facts.primary)?.indexUrl;
  if (answered) return answered;
  const fromDoc = ctx.settings.workspaceTrusted ? ctx.document.indexes.find((i) => i.kind === 'index-url')?.url : undefined;
  return redactUrl(fromDoc ?? ctx.settings.index.url);
}

/** Drops credentials from a URL (they must never reach a diagnostic). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

export function severityOf(info: CodeInfo, ctx: RuleContext, fallback: Severity = info.defaultSeverity): Severity {
  return ruleSeverity(ctx.settings, info.rule, fallback);
}

export function makeFinding(
  info: CodeInfo,
  severity: Severity,
  dep: Dependency,
  message: string,
  evidence: Record<string, unknown>,
  fixes: Fix[] = [],
): Finding {
  return { code: info.code, rule: info.rule, severity, message, range: dep.range, dependency: dep, fixes, evidence };
}

/** True for public PyPI's Simple API (any path on pypi.org / pypi.python.org). */
export function isPublicPypi(indexUrl: string): boolean {
  try {
    const host = new URL(indexUrl).hostname.toLowerCase();
    return host === 'pypi.org' || host === 'www.pypi.org' || host === 'pypi.python.org';
  } catch {
    return false;
  }
}

// ---- versions (PEP 440) ----

export function isValidVersion(v: string): boolean {
  return valid(v) !== null;
}

export function isPrerelease(v: string): boolean {
  const e = explain(v);
  return e !== null && (e.is_prerelease || e.is_devrelease);
}

// Parsing a version is the slow part (a project may have thousands of files): memoise a canonical
// key so 1.0, 1.0.0 and 1.0.0.0 compare equal (PEP 440 zero padding) at the cost of a Map lookup.
const keyCache = new Map<string, string | null>();

/** Canonical PEP 440 key of a version (equal keys = equal versions), or null if invalid. */
export function versionKey(v: string): string | null {
  const hit = keyCache.get(v);
  if (hit !== undefined) return hit;
  const e = explain(v);
  let key: string | null = null;
  if (e) {
    const release = [...e.release];
    while (release.length > 1 && release[release.length - 1] === 0) release.pop();
    // pre/post/dev are arrays or numbers depending on the form (the typings say arrays only).
    key = JSON.stringify([e.epoch, release, e.pre ?? null, e.post ?? null, e.dev ?? null, e.local ?? null]);
  }
  if (keyCache.size > 20_000) keyCache.clear();
  keyCache.set(v, key);
  return key;
}

export function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  const ka = versionKey(a);
  return ka !== null && ka === versionKey(b);
}

/** Valid versions, ascending by PEP 440 order; invalid ones dropped. */
export function sortVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].filter(isValidVersion).sort(compare);
}

// The one pin parser lives in identify/pins.ts; rules keep importing it from here.
export { pinnedVersion, specifierClauses } from '../../identify/pins';

/** Does `version` satisfy every clause? An empty list is satisfied; an unparsable clause is not. */
export function satisfiesAll(version: string, clauses: readonly string[], prereleases = true): boolean {
  if (clauses.length === 0) return true;
  try {
    return satisfies(version, clauses.join(','), { prereleases });
  } catch {
    return false;
  }
}

/** Version from a wheel (`name-ver-tags.whl`) or sdist (`name-ver.tar.gz` / `.zip`) filename. */
export function versionFromFilename(filename: string): string | undefined {
  if (filename.endsWith('.whl')) {
    // Wheel names escape `-` inside the name to `_`, so the version is always the second part.
    const parts = filename.slice(0, -4).split('-');
    return parts.length >= 5 ? parts[1] : undefined;
  }
  const m = /^(.+)-([^-]+)\.(tar\.gz|tar\.bz2|tar\.xz|tgz|zip|tar)$/i.exec(filename);
  return m && isValidVersion(m[2]) ? m[2] : undefined;
}

export function fileVersion(f: IndexFile): string | undefined {
  return f.version ?? versionFromFilename(f.filename);
}

export function filesOfVersion(project: SimpleProject, version: string): IndexFile[] {
  return project.files.filter((f) => {
    const v = fileVersion(f);
    return v !== undefined && sameVersion(v, version);
  });
}

// ---- releases, merged from the primary Simple API and the JSON API ----

export interface ReleaseFacts {
  version: string;
  /** PEP 592: a release is yanked when every one of its files is. */
  yanked: boolean;
  yankedReason?: string;
  /** Earliest upload time, ISO 8601. */
  uploadTime?: string;
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * What is known of each release. The primary index's files are authoritative (they are what the
 * installer sees); the JSON API fills in releases and upload times the Simple API did not give.
 * Undefined when neither source answered.
 */
export function releaseMap(facts: PackageFacts): Map<string, ReleaseFacts> | undefined {
  // Several rules ask for the same package's map: built once per facts object (linear each time).
  if (releaseMaps.has(facts)) return releaseMaps.get(facts);
  const out = buildReleaseMap(facts);
  releaseMaps.set(facts, out);
  return out;
}

const releaseMaps = new WeakMap<PackageFacts, Map<string, ReleaseFacts> | undefined>();
const releaseKeys = new WeakMap<Map<string, ReleaseFacts>, Map<string, ReleaseFacts>>();

function buildReleaseMap(facts: PackageFacts): Map<string, ReleaseFacts> | undefined {
  const simple = foundValue(facts.primary);
  const json = foundValue(facts.json);
  if (!simple && !json) return undefined;
  const out = new Map<string, ReleaseFacts>();
  if (simple) {
    const byVersion = new Map<string, { version: string; files: IndexFile[] }>();
    for (const f of simple.files) {
      const v = fileVersion(f);
      if (v === undefined) continue;
      const key = versionKey(v) ?? v;
      const group = byVersion.get(key);
      if (group) group.files.push(f);
      else byVersion.set(key, { version: v, files: [f] });
    }
    for (const { version, files } of byVersion.values()) {
      const yanked = files.every((f) => f.yanked !== false);
      const reason = files.map((f) => f.yanked).find((y): y is string => typeof y === 'string' && y.length > 0);
      const uploadTime = files.reduce<string | undefined>((t, f) => earliest(t, f.uploadTime), undefined);
      out.set(version, { version, yanked, ...(yanked && reason ? { yankedReason: reason } : {}), ...(uploadTime ? { uploadTime } : {}) });
    }
  }
  if (json) {
    const byKey = new Map([...out.keys()].map((k) => [versionKey(k) ?? k, k]));
    for (const [version, r] of Object.entries(json.releases)) {
      const key = byKey.get(versionKey(version) ?? version);
      if (key !== undefined) {
        const cur = out.get(key)!;
        const uploadTime = earliest(cur.uploadTime, r.uploadTime);
        out.set(key, { ...cur, ...(uploadTime ? { uploadTime } : {}) });
      } else if (!simple) {
        // Only trust JSON-only releases when the Simple API did not answer: a release with no
        // files on the index is not installable and has no yanked state the installer sees.
        out.set(version, {
          version,
          yanked: r.yanked,
          ...(r.yanked && r.yankedReason ? { yankedReason: r.yankedReason } : {}),
          ...(r.uploadTime ? { uploadTime: r.uploadTime } : {}),
        });
      }
    }
  }
  return out;
}

export function findRelease(releases: Map<string, ReleaseFacts>, version: string): ReleaseFacts | undefined {
  const exact = releases.get(version);
  if (exact) return exact;
  // By PEP 440 key (1.0 == 1.0.0): one index per map, not a scan per call (O(n^2) over a history).
  let byKey = releaseKeys.get(releases);
  if (!byKey) {
    byKey = new Map();
    for (const r of releases.values()) {
      const k = versionKey(r.version);
      if (k !== null && !byKey.has(k)) byKey.set(k, r);
    }
    releaseKeys.set(releases, byKey);
  }
  const k = versionKey(version);
  return k === null ? undefined : byKey.get(k);
}

/** Newest version in the list (PEP 440 order), stable releases preferred over pre-releases. */
export function newestVersion(versions: Iterable<string>, allowPre = false): string | undefined {
  const sorted = sortVersions(versions);
  const stable = sorted.filter((v) => !isPrerelease(v));
  const pool = stable.length > 0 || !allowPre ? stable : sorted;
  return pool[pool.length - 1];
}

/** Replace fix that rewrites the specifier to `==version` plus the other clauses; needs specifierRange. */
export function pinFix(dep: Dependency, version: string, rest: readonly string[], title: string): Fix | undefined {
  if (!dep.specifierRange) return undefined;
  return { kind: 'replace', range: dep.specifierRange, newText: ['==' + version, ...rest].join(','), title, isPreferred: true };
}

// ---- source repositories ----

/**
 * `host/owner/repo` for a GitHub or GitLab URL (lower case, no `www.`, no `.git`, no trailing
 * slash); undefined for anything else. GitLab paths may hold subgroups and end before `/-/`.
 */
export function normalizeRepoUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim().replace(/^git\+/, ''));
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname.split('/-/')[0].split('/').filter((s) => s.length > 0);
  if (path.length > 0) path[path.length - 1] = path[path.length - 1].replace(/\.git$/i, '');
  if (host === 'github.com' && path.length >= 2) return `github.com/${path[0]}/${path[1]}`.toLowerCase();
  if (host === 'gitlab.com' && path.length >= 2) return `gitlab.com/${path.join('/')}`.toLowerCase();
  return undefined;
}

// Project URL labels that name the code's home (PyPI shows free-form labels; match loosely).
const SOURCE_LABELS = new Set(['source', 'sourcecode', 'repository', 'repo', 'code', 'homepage', 'home', 'github', 'gitlab']);

/** Normalised GitHub/GitLab repositories a project declares as its source (JSON API). */
export function declaredRepositories(projectUrls: Record<string, string>, homePage?: string): string[] {
  const out = new Set<string>();
  for (const [label, url] of Object.entries(projectUrls)) {
    if (!SOURCE_LABELS.has(label.toLowerCase().replace(/[^a-z]/g, ''))) continue;
    const r = normalizeRepoUrl(url);
    if (r) out.add(r);
  }
  if (homePage) {
    const r = normalizeRepoUrl(homePage);
    if (r) out.add(r);
  }
  return [...out];
}

/** Any link to where the code lives: a source-like project URL (any host) or a home page. */
export function hasSourceLink(projectUrls: Record<string, string>, homePage?: string): boolean {
  if (homePage && homePage.trim() && homePage.trim().toUpperCase() !== 'UNKNOWN') return true;
  return Object.entries(projectUrls).some(([label, url]) => SOURCE_LABELS.has(label.toLowerCase().replace(/[^a-z]/g, '')) && url.trim().length > 0);
}

export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}
