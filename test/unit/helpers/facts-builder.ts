// Small builders for index-rule tests: realistic PackageFacts, dependencies and rule contexts,
// shaped like what the index client produces from PyPI payloads (../shared/docs/pypi-api.md).
import { createHash } from 'node:crypto';
import type { IndexRule, RuleContext } from '../../../server/src/assess/rule';
import { normalizeSettings } from '../../../server/src/core/settings';
import type { Dependency, Finding, ParsedDocument } from '../../../server/src/core/types';
import type {
  IndexFile,
  JsonProject,
  Lookup,
  PackageFacts,
  ProjectStatus,
  ReleaseProvenance,
  SimpleProject,
  Vulnerability,
} from '../../../server/src/index/facts';

export const PYPI = 'https://pypi.org/simple/';
export const NOW = new Date('2026-11-26T12:00:00Z');

export const found = <T>(value: T): Lookup<T> => ({ state: 'found', value });
export const missing = <T>(): Lookup<T> => ({ state: 'missing' });
export const unknown = <T>(reason = 'timeout'): Lookup<T> => ({ state: 'unknown', reason });

/** A deterministic sha256 for a filename, so tests can quote "the" hash of a file. */
export function sha256Of(filename: string): string {
  return createHash('sha256').update(filename).digest('hex');
}

export interface ReleaseSpec {
  /** ISO upload time of the release's files. */
  uploaded?: string;
  /** PEP 592: false, true or the reason. */
  yanked?: boolean | string;
  /** Only a wheel (default: wheel + sdist). */
  wheelOnly?: boolean;
  /** PEP 740 provenance URL on every file (true), none (false / default). */
  attested?: boolean;
}

function filesFor(name: string, version: string, spec: ReleaseSpec, indexUrl: string): IndexFile[] {
  const stem = name.replace(/-/g, '_');
  const names = [`${stem}-${version}-py3-none-any.whl`, ...(spec.wheelOnly ? [] : [`${stem}-${version}.tar.gz`])];
  const host = new URL(indexUrl).origin;
  return names.map((filename) => ({
    filename,
    url: `${host}/packages/${filename}`,
    version,
    hashes: { sha256: sha256Of(filename) },
    requiresPython: '>=3.9',
    size: 12345,
    ...(spec.uploaded ? { uploadTime: spec.uploaded } : {}),
    yanked: spec.yanked ?? false,
    provenance: spec.attested ? `${host}/integrity/${name}/${version}/${filename}/provenance` : null,
  }));
}

/** A Simple API answer: `releases` maps version -> spec (files built for each). */
export function simple(
  name: string,
  releases: Record<string, ReleaseSpec>,
  opts: { indexUrl?: string; status?: ProjectStatus } = {},
): SimpleProject {
  const indexUrl = opts.indexUrl ?? PYPI;
  return {
    indexUrl,
    name,
    versions: Object.keys(releases),
    files: Object.entries(releases).flatMap(([v, spec]) => filesFor(name, v, spec, indexUrl)),
    ...(opts.status ? { status: opts.status } : {}),
    lastSerial: 24681357,
  };
}

/** A PyPI JSON API answer with the same releases. */
export function json(
  name: string,
  releases: Record<string, ReleaseSpec>,
  opts: Partial<Pick<JsonProject, 'classifiers' | 'projectUrls' | 'homePage' | 'summary' | 'vulnerabilities'>> = {},
): JsonProject {
  const versions = Object.keys(releases);
  return {
    name,
    summary: opts.summary ?? `The ${name} project`,
    latestVersion: versions[versions.length - 1],
    classifiers: opts.classifiers ?? ['Programming Language :: Python :: 3'],
    projectUrls: opts.projectUrls ?? {},
    ...(opts.homePage !== undefined ? { homePage: opts.homePage } : {}),
    requiresPython: '>=3.9',
    releases: Object.fromEntries(
      Object.entries(releases).map(([v, r]) => [
        v,
        {
          ...(r.uploaded ? { uploadTime: r.uploaded } : {}),
          yanked: r.yanked !== undefined && r.yanked !== false,
          ...(typeof r.yanked === 'string' ? { yankedReason: r.yanked } : {}),
        },
      ]),
    ),
    vulnerabilities: opts.vulnerabilities ?? [],
  };
}

export function vuln(id: string, aliases: string[], fixedIn: string[], withdrawn: string | null = null): Vulnerability {
  return { id, aliases, fixedIn, summary: `Advisory ${id}`, link: `https://osv.dev/vulnerability/${id}`, withdrawn };
}

export function prov(version: string, attested: boolean, repository = 'psf/requests', kind = 'GitHub'): ReleaseProvenance {
  return {
    version,
    attested,
    publishers: attested ? [{ kind, repository, workflow: 'publish.yml', environment: 'pypi' }] : [],
  };
}

/** Facts for a project that exists on PyPI with the given releases (Simple + JSON found). */
export function factsFor(name: string, releases: Record<string, ReleaseSpec>, over: Partial<PackageFacts> = {}): PackageFacts {
  return {
    name,
    primary: found(simple(name, releases)),
    extras: [],
    json: found(json(name, releases)),
    osvProject: found([]),
    osvVersion: found([]),
    ...over,
  };
}

/** Facts for a name no configured index knows. */
export function missingFacts(name: string, over: Partial<PackageFacts> = {}): PackageFacts {
  return { name, primary: missing(), extras: [], json: missing(), osvProject: found([]), osvVersion: found([]), ...over };
}

/** A requirements-file dependency on line `line`: `name<specifier>` with exact ranges. */
export function dep(rawName: string, specifier = '', over: Partial<Dependency> = {}, line = 0): Dependency {
  const name = rawName.toLowerCase().replace(/[-_.]+/g, '-');
  return {
    rawName,
    name,
    range: { start: { line, character: 0 }, end: { line, character: rawName.length } },
    source: 'requirements',
    specifier,
    ...(specifier
      ? { specifierRange: { start: { line, character: rawName.length }, end: { line, character: rawName.length + specifier.length } } }
      : {}),
    ...over,
  };
}

/** A locked package as a lock parser produces it: the name on line `line`, the version on the next. */
export function lockedDep(name: string, version: string, over: Partial<Dependency> = {}, line = 0): Dependency {
  return {
    rawName: name,
    name,
    range: { start: { line, character: 8 }, end: { line, character: 8 + name.length } },
    source: 'lock',
    version,
    versionRange: { start: { line: line + 1, character: 11 }, end: { line: line + 1, character: 11 + version.length } },
    ...over,
  };
}

export function emptyDocument(): ParsedDocument {
  return { kind: 'requirements', dependencies: [], problems: [], includes: [], indexes: [] };
}

/** A rule context; `settings` is raw input run through normalizeSettings like the server does. */
export function ctx(settings: unknown = {}, over: Partial<RuleContext> = {}): RuleContext {
  return {
    settings: normalizeSettings(settings),
    document: emptyDocument(),
    workspace: { declared: new Set(), firstParty: new Set() },
    now: NOW,
    ...over,
  };
}

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

/** Runs a rule with no offline findings. */
export function run(rule: IndexRule, d: Dependency, f: PackageFacts, c: RuleContext = ctx(), offline: Finding[] = []): Finding[] {
  return rule.check(d, f, c, offline);
}
