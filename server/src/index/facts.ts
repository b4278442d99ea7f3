// What the index client learns about one project, in the shape the index-backed rules read.
// The client (client.ts) fills these from the Simple API (PEP 691/503), the PyPI JSON API, the
// Integrity API (PEP 740) and OSV; rules are pure functions over them. A lookup that could not be
// answered is `unknown`, never a guess: rules say nothing on unknown.

export type Lookup<T> =
  | { state: 'found'; value: T }
  | { state: 'missing' } // the source answered authoritatively that there is no such thing
  | { state: 'unknown'; reason: string; failure?: LookupFailure }; // offline, timeout, bad payload, breaker open, disabled…

/**
 * Set on an `unknown` that is a failure (the lookup was asked for and could not complete: HTTP
 * 401/403/5xx, invalid or oversized answer, refused redirect, unreachable host), as opposed to a
 * configured "do not ask" (privatePackages, offline, refused URL). Failures make the CLI's online
 * check incomplete (exit 3) and the editor status not `ok` (issue 8 §2).
 */
export interface LookupFailure {
  /** Short cause for grouping: `HTTP 401 Unauthorized`, `unreachable (ECONNREFUSED)`… */
  cause: string;
  /** What asked and failed, redacted: `index https://host/simple/`, `OSV https://api.osv.dev`. */
  source?: string;
  /** What the user can do (`check credentials`). */
  hint?: string;
}

/** One distribution file from the Simple API. */
export interface IndexFile {
  filename: string;
  url: string;
  /** Version parsed from the filename (wheel / sdist naming), when it could be. */
  version?: string;
  hashes: Record<string, string>;
  requiresPython?: string;
  size?: number;
  /** ISO 8601 (PEP 700). */
  uploadTime?: string;
  /** PEP 592: false, true, or the reason. */
  yanked: boolean | string;
  /** PEP 740 provenance URL; null = the index says there is none; undefined = index did not say. */
  provenance?: string | null;
}

/** PEP 792 project status. */
export interface ProjectStatus {
  status: 'active' | 'archived' | 'quarantined' | 'deprecated' | string;
  reason?: string;
}

/** The Simple API answer of one index for one project. */
export interface SimpleProject {
  indexUrl: string;
  name: string;
  /** PEP 700 `versions`, or derived from filenames for older indexes / HTML. */
  versions: string[];
  files: IndexFile[];
  status?: ProjectStatus;
  lastSerial?: number;
  /** Set when only the newest releases (plus the pinned one) were kept (index/cap.ts). */
  releaseCap?: { kept: number; total: number };
}

export interface Vulnerability {
  id: string;
  aliases: string[];
  summary?: string;
  details?: string;
  fixedIn: string[];
  link?: string;
  withdrawn?: string | null;
}

/** The PyPI JSON API answer (`/pypi/{name}/json`, and `/pypi/{name}/{version}/json` for a pin). */
export interface JsonProject {
  name: string;
  summary?: string;
  latestVersion?: string;
  classifiers: string[];
  projectUrls: Record<string, string>;
  homePage?: string;
  requiresPython?: string;
  /** version -> earliest upload time (ISO) and whether every file of it is yanked. */
  releases: Record<string, { uploadTime?: string; yanked: boolean; yankedReason?: string }>;
  /** Advisories for the pinned version (from the version endpoint) — empty when not asked. */
  vulnerabilities: Vulnerability[];
  /** Why the pinned version's advisories are not known (its lookup failed): `vulnerabilities` is then no answer. */
  vulnerabilitiesUnknown?: string;
  /** Set when only the newest releases (plus the pinned one) were kept (index/cap.ts). */
  releaseCap?: { kept: number; total: number };
}

export interface Publisher {
  kind: string; // GitHub, GitLab, Google, …
  repository?: string;
  workflow?: string;
  environment?: string;
  email?: string;
}

/** PEP 740 provenance of one release (all its files considered). */
export interface ReleaseProvenance {
  version: string;
  /** Every file of the release has an attestation bundle. */
  attested: boolean;
  publishers: Publisher[];
  /** false when no bundle was fetched for this release (earlier releases: `attested` comes from the
   *  Simple API, publishers are fetched for the newest release only). Absent = checked. */
  publishersChecked?: boolean;
}

export interface OsvRecordRef {
  id: string;
  modified?: string;
}

export interface PackageFacts {
  /** PEP 503 name. */
  name: string;
  /** The primary index (`--index-url`, default https://pypi.org/simple/). */
  primary: Lookup<SimpleProject>;
  /** Each extra index (`--extra-index-url`), in configured order. */
  extras: { indexUrl: string; result: Lookup<SimpleProject> }[];
  /** Public PyPI's answer for the confusion check, when it is a configured index and a private one is too. */
  publicPypi?: Lookup<SimpleProject>;
  /** The configured indexes (as in `indexUrl`) that are public PyPI (or its stand-in in tests). */
  publicIndexes?: string[];
  json?: Lookup<JsonProject>;
  /** Provenance of the newest release and of up to two earlier ones, newest first. */
  provenance?: Lookup<ReleaseProvenance[]>;
  /** OSV records for the project (any version) and for the pinned version. */
  osvProject?: Lookup<OsvRecordRef[]>;
  osvVersion?: Lookup<OsvRecordRef[]>;
}
