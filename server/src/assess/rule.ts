// The contract every risk rule implements. Rules are pure: they read a dependency plus context and
// return findings; they never do I/O. Offline rules run at once; index rules run when the index
// client has produced PackageFacts for the dependency. See docs/architecture.md "Add a risk rule".
import type { CodeInfo } from '../core/codes';
import type { Settings } from '../core/settings';
import type { Dependency, DocumentKind, Finding, ParsedDocument } from '../core/types';
import type { PackageFacts } from '../index/facts';
import type { CooldownPolicy } from '../parse/cooldown';
import type { ProjectIndex } from '../parse/project-indexes';

/** Facts about the workspace that rules may read (built by the glue / CLI from all manifests). */
export interface WorkspaceFacts {
  /** PEP 503 names declared by any requirements file / pyproject / PEP 723 block in the workspace. */
  declared: ReadonlySet<string>;
  /** Top-level module names that belong to the workspace itself (first-party). */
  firstParty: ReadonlySet<string>;
  /**
   * What the workspace knows the document is when its name and language id say nothing: a file
   * another requirements file includes (`-r`/`-c`) is a requirements file, whatever its name.
   */
  kindHint?: DocumentKind;
  /** Nearest manifest for the document being assessed, if any (for the add-dependency fix). */
  nearestManifest?: { uri: string; kind: 'requirements' | 'pyproject' };
  /** The project's own release cooldown (uv exclude-newer, pip uploaded-prior-to, Poetry min-release-age). */
  cooldown?: CooldownPolicy;
  /** Indexes the project's pyproject.toml / uv.toml name: for every file of it, only when trusted. */
  projectIndexes?: readonly ProjectIndex[];
  /**
   * The workspace's facts are still being built (start-up scan): `declared` and `firstParty` may
   * lack names, so findings that an absent name would cause (PW103, import typos, import lookups)
   * must not be made from them. The server analyses again when the facts land.
   */
  pending?: boolean;
}

export interface RuleContext {
  settings: Settings;
  document: ParsedDocument;
  workspace: WorkspaceFacts;
  /** Clock injected for testability (young-project, release-age). */
  now: Date;
  /** The cooldown in force for this document: its own (pyproject.toml, uv.lock [options]) or the workspace's. */
  cooldown?: CooldownPolicy;
  /** Closest popular names to a name (for "did you mean" fixes); provided by the typo index. */
  suggest?: (name: string, limit: number) => { name: string; rank: number }[];
}

export interface OfflineRule {
  info: CodeInfo;
  /** Rules that are off unless a setting enables them. */
  defaultEnabled?: boolean;
  check(dep: Dependency, ctx: RuleContext): Finding[];
}

export interface IndexRule {
  info: CodeInfo;
  defaultEnabled?: boolean;
  check(dep: Dependency, facts: PackageFacts, ctx: RuleContext, offlineFindings: readonly Finding[]): Finding[];
}
