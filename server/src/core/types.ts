// The data that flows through the pipeline: parse -> identify -> assess -> present.
// Everything here is plain data: no LSP types, no I/O. Positions follow LSP conventions
// (0-based line, UTF-16 code-unit character) so presentation needs no conversion.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * What a document is, decided from its file name first and its language id second. Each kind
 * other than `unknown` is one format module (the formats registry); the ids are stable.
 */
export type DocumentKind =
  | 'requirements'
  | 'pyproject'
  | 'python'
  // Lockfiles and other declaration files (issue 7).
  | 'uv-lock' // uv.lock
  | 'poetry-lock' // poetry.lock
  | 'pylock' // pylock.toml, pylock.*.toml (PEP 751)
  | 'pdm-lock' // pdm.lock
  | 'pipfile' // Pipfile
  | 'pipfile-lock' // Pipfile.lock
  | 'setup-cfg' // setup.cfg
  | 'setup-py' // setup.py (read from its syntax tree, never run)
  | 'conda-env' // environment.yml / environment.yaml `pip:` entries
  // Places where install commands are typed (issue 9).
  | 'markdown'
  | 'shell'
  | 'dockerfile'
  | 'ci-yaml'
  | 'makefile'
  | 'tox-ini'
  | 'notebook'
  | 'unknown';

/** Where a dependency was named. */
export type DependencySource =
  | 'requirements' // a pip requirements / constraints file line
  | 'pyproject' // a PEP 621 / PEP 735 / build-system / Poetry entry
  | 'script' // PEP 723 inline script metadata in a .py file
  | 'import' // an `import` / `from … import` statement
  | 'lock' // a resolved package in a lockfile (uv.lock, poetry.lock, pylock.toml, pdm.lock, Pipfile.lock)
  | 'manifest' // another declaration file: Pipfile, setup.cfg, setup.py, environment.yml
  | 'command'; // an install command (`pip install x`, `uv add x`) in a doc, script, Dockerfile, CI file or notebook

/** Where a locked package comes from. Only `registry` packages are looked up on an index. */
export type LockOrigin = 'registry' | 'git' | 'path' | 'editable' | 'virtual' | 'workspace' | 'url';

export interface Dependency {
  /** The name exactly as written (for imports: the top-level module name). */
  rawName: string;
  /** PEP 503 normalised distribution name (for imports: normalised module name). */
  name: string;
  /** Range of the name token only: what a diagnostic underlines and a quick fix replaces. */
  range: Range;
  source: DependencySource;
  /** Human label of the place, e.g. `project.dependencies`, `dependency-groups.dev`, `-c constraints.txt`. */
  section?: string;
  extras?: string[];
  /** PEP 440 specifier set as written, without spaces, e.g. `>=2.31,<3`. Empty when none. */
  specifier?: string;
  /** Range of the whole specifier set in the document (what a version quick fix replaces), when known. */
  specifierRange?: Range;
  /** PEP 508 environment marker as written. */
  marker?: string;
  /** `name @ url` direct reference. */
  url?: string;
  /** `--hash=algo:hex` values from a requirements line, as `algo:hex`. */
  hashes?: string[];
  /** True for constraint-file entries (`-c`): they restrict versions but install nothing. */
  constraintOnly?: boolean;
  /** Imports only: the full dotted module (`a.b.c`). */
  module?: string;
  /** Imports only: the import is guarded (try/except ImportError, TYPE_CHECKING) and so optional. */
  optional?: boolean;
  /** Poetry-style table key (`requests = "^2"`): the name is a TOML key, not inside a string. */
  isKey?: boolean;
  /** Locks: the exact resolved version (`version = "2.32.3"`). */
  version?: string;
  /** Range of the version value in the document (what a release-age quick fix replaces), when known. */
  versionRange?: Range;
  /** Locks: ISO 8601 upload time of the locked release when the lock records it (uv.lock, pylock `upload-time`). */
  uploadTime?: string;
  /** Locks: where the package comes from; absent means a registry. */
  origin?: LockOrigin;
  /** Locks: the index URL the lock says the package came from, when recorded. */
  registryUrl?: string;
  /** Locks: hosts of the file URLs the lock downloads the package from (uv.lock, pdm.lock, pylock), when recorded. */
  fileHosts?: string[];
  /** Locks: PEP 503 names of the locked packages that depend on this one (from the lock's edges). */
  requiredBy?: string[];
  /** Locks, transitive packages: the direct dependencies whose dependency tree holds this one (from the lock's edges). */
  directVia?: string[];
  /** Locks: true when the project itself declares it (a root dependency), false when only pulled in. */
  direct?: boolean;
  /** Notebooks: the 0-based cell index the range is relative to (positions are cell-local). */
  cell?: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem with the file itself (invalid TOML, missing include, …), shown as PW001. */
export interface ParseProblem {
  range: Range;
  message: string;
  severity: Severity;
  /** Notebooks: the 0-based cell index the range is relative to. */
  cell?: number;
}

export interface Include {
  kind: 'requirement' | 'constraint';
  /** Path as written. */
  target: string;
  range: Range;
}

export interface IndexOption {
  kind: 'index-url' | 'extra-index-url' | 'find-links' | 'no-index';
  url: string;
  range: Range;
  /** Where it came from: requirements option, `[[tool.uv.index]]`, Poetry source, an install command's `-i`. */
  origin: 'requirements' | 'uv' | 'poetry' | 'pip-conf' | 'command' | 'pipfile';
}

/** An index a project's pyproject.toml / uv.toml names (parse/project-indexes.ts), as a workspace fact. */
export interface ProjectIndex {
  /** `index-url` replaces PyPI; `extra-index-url` is asked too; `explicit` only for pinned packages. */
  kind: 'index-url' | 'extra-index-url' | 'explicit';
  url: string;
  /** uv / Poetry index name (pins refer to it; UV_INDEX_<NAME>_USERNAME). */
  name?: string;
  /** Where it was named: `pyproject.toml [[tool.uv.index]] internal`. */
  source: string;
  /** PEP 503 names pinned to this index (uv sources, Poetry `source =`): asked of it alone. */
  packages?: string[];
}

export interface ParsedDocument {
  kind: DocumentKind;
  dependencies: Dependency[];
  problems: ParseProblem[];
  includes: Include[];
  indexes: IndexOption[];
}

/** What a quick fix does; the presentation layer turns it into a WorkspaceEdit. */
export type FixKind =
  | 'replace' // replace `range` with `newText`
  | 'allowlist' // add `name` to pipwatch.allowlist
  | 'add-dependency'; // declare `name` in the nearest manifest

export interface Fix {
  kind: FixKind;
  title: string;
  /** For replace. */
  range?: Range;
  newText?: string;
  /** For allowlist / add-dependency: the distribution name. */
  name?: string;
  /**
   * For add-dependency: the manifest the title names, from the same workspace facts the finding
   * was made from, so the edit lands where the title says (absent: a new requirements.txt).
   */
  target?: { uri: string; kind: 'requirements' | 'pyproject' };
  isPreferred?: boolean;
}

export interface Finding {
  /** Stable code, e.g. PW101. */
  code: string;
  /** Rule id, e.g. `typosquat`. */
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The dependency the finding is about (absent for file-level parse problems). */
  dependency?: Dependency;
  fixes: Fix[];
  /** Machine-readable facts behind the finding (target, rank, transformation, advisory ids…). */
  evidence?: Record<string, unknown>;
  /** Notebooks: the 0-based cell index `range` is relative to (a PW001 has no dependency to say so). */
  cell?: number;
}
