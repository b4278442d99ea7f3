// The fake index's data model and small builders. Fixture dates are relative to an injectable
// "now" so that "brand new" stays brand new; hashes are deterministic (sha256 of the file name)
// so hash-mismatch tests can name a right and a wrong digest.
import { createHash } from 'node:crypto';

export interface FakePublisher {
  kind: 'GitHub' | 'GitLab' | 'Google';
  repository?: string;
  workflow?: string;
  workflow_filepath?: string;
  environment?: string;
  email?: string;
}

export interface FakeFile {
  filename: string;
  packagetype: 'sdist' | 'bdist_wheel';
  sha256: string;
  size: number;
  /** ISO 8601 with microseconds, as PyPI writes it. */
  uploadTime: string;
  yanked: boolean | string;
  requiresPython?: string;
  /** Attestation publisher; null = no provenance (404); 'forbidden' = Integrity API answers 403. */
  provenance: FakePublisher | null | 'forbidden';
}

export interface FakeRelease {
  version: string;
  files: FakeFile[];
}

export interface FakeVuln {
  id: string;
  aliases: string[];
  details: string;
  summary?: string;
  fixed_in: string[];
}

export interface FakeProject {
  /** Display name as uploaded (may be non-normalised, e.g. "Tokenlib_Core"). */
  name: string;
  status?: { status: string; reason?: string };
  /** Where the Simple API JSON puts the status (PEP 792 shows both forms). */
  statusForm?: 'project-status' | 'meta';
  releases: FakeRelease[];
  summary: string;
  classifiers: string[];
  projectUrls: Record<string, string> | null;
  homePage?: string;
  requiresPython?: string;
  /** PYSEC/GHSA advisories per version (JSON API `vulnerabilities`). */
  vulns?: Record<string, FakeVuln[]>;
  serial: number;
}

export interface FakeOsvRecord {
  id: string;
  modified: string;
  package: string;
  /** Affected versions; undefined = every version (malware records). */
  versions?: string[];
  summary: string;
  details: string;
  aliases: string[];
}

export interface FakeIndexData {
  projects: FakeProject[];
  osv: FakeOsvRecord[];
}

export const DAY = 86400_000;

export function fixtureSha256(filename: string): string {
  return createHash('sha256').update(`pipwatch-fixture:${filename}`).digest('hex');
}

export function isoDaysAgo(now: number, days: number): string {
  return new Date(now - days * DAY).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface ReleaseOpts {
  provenance?: FakePublisher | null | 'forbidden';
  yanked?: boolean | string;
  /** Only a subset of files attested (the rest have no provenance). */
  wheelOnly?: boolean;
  requiresPython?: string;
}

/** An sdist and a pure wheel uploaded `daysAgo` days before `now`. */
export function release(now: number, name: string, version: string, daysAgo: number, o: ReleaseOpts = {}): FakeRelease {
  const dist = name.replace(/[-_.]+/g, '_').toLowerCase();
  const mk = (filename: string, packagetype: FakeFile['packagetype'], extraMinutes: number): FakeFile => ({
    filename,
    packagetype,
    sha256: fixtureSha256(filename),
    size: 4000 + ((filename.length * 997) % 90000),
    uploadTime: new Date(Date.parse(isoDaysAgo(now, daysAgo)) + extraMinutes * 60_000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
    yanked: o.yanked ?? false,
    provenance: o.provenance === undefined ? null : o.provenance,
    ...(o.requiresPython ? { requiresPython: o.requiresPython } : {}),
  });
  const files = [mk(`${dist}-${version}.tar.gz`, 'sdist', 0), mk(`${dist}-${version}-py3-none-any.whl`, 'bdist_wheel', 1)];
  if (o.wheelOnly) files[0].provenance = null;
  return { version, files };
}

export function github(repository: string, workflow = 'release.yml'): FakePublisher {
  return { kind: 'GitHub', repository, workflow, environment: 'pypi' };
}
