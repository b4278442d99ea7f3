// Workspace facts the rules read: every distribution name any manifest declares, the workspace's
// own (first-party) modules, the manifests (manifests.ts finds the nearest: where "Add dependency"
// writes), and the project's index and cooldown configuration.
// Pure over the texts it is given: the caller (CLI, server) reads the files.
import * as path from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { WorkspaceFacts } from '../assess/rule';
import type { Dependency, DocumentKind } from '../core/types';
import { formatFor } from '../formats/registry';
import { firstPartyModules } from '../identify/first-party';
import { normalizeName } from '../identify/normalize';
import { cooldownFromPipConf, cooldownFromPoetryToml, cooldownFromPyproject, cooldownFromUvToml, type CooldownPolicy } from '../parse/cooldown';
import { documentKind } from '../parse/document-kind';
import { includeTargets } from '../parse/includes';
import { parseScriptMetadata } from '../parse/pep723';
import { projectIndexesFromUvToml, pyprojectIndexParts, type ProjectIndex } from '../parse/project-indexes';
import { manifestsByDir, nearestIn, type ManifestRef } from './manifests';

export interface BuiltWorkspaceFacts extends WorkspaceFacts {
  /** Every manifest seen, for `nearestManifest`. */
  manifests: ManifestRef[];
}

/** `[project] name` of a pyproject.toml, or undefined (invalid TOML, no table, not a string). */
export function projectName(text: string): { name?: string; hasProjectTable: boolean } {
  try {
    const value = getStaticTOMLValue(parseTOML(text)) as Record<string, unknown>;
    const project = value?.project;
    if (typeof project !== 'object' || project === null) return { hasProjectTable: false };
    const name = (project as Record<string, unknown>).name;
    return { hasProjectTable: true, ...(typeof name === 'string' ? { name } : {}) };
  } catch {
    return { hasProjectTable: false };
  }
}

// Installer configuration files next to the manifests that may set a release cooldown, in the
// order an installer would let them win (uv.toml beats [tool.uv], as in uv itself).
const COOLDOWN_FILES: [string, (text: string) => CooldownPolicy | undefined][] = [
  ['uv.toml', cooldownFromUvToml],
  ['pyproject.toml', cooldownFromPyproject],
  ['poetry.toml', cooldownFromPoetryToml],
  ['pip.conf', cooldownFromPipConf],
  ['pip.ini', cooldownFromPipConf],
];

/**
 * The workspace's own cooldown: from the shallowest directory holding one of COOLDOWN_FILES that
 * sets it (the project root), by the file order above.
 */
export function workspaceCooldown(root: string, files: readonly { path: string; text: string }[]): CooldownPolicy | undefined {
  return bestCooldown(files.map((f) => ({ declared: [], ...(cooldownContribution(root, f.path, f.text)) })));
}

function cooldownContribution(root: string, filePath: string, text: string): Pick<FileContribution, 'cooldown'> {
  const c = cooldownOf(root, filePath, text);
  return c ? { cooldown: c } : {};
}

/**
 * What one file adds to its workspace's facts. Computed by `fileContribution` from the file's path
 * and text alone, so a change re-parses only the changed file (`FactsBuilder`). A new format adds
 * its declarations here and nowhere else.
 */
export interface FileContribution {
  /** PEP 503 names the file declares (requirements, PEP 621/735 tables, a PEP 723 block). */
  declared: readonly string[];
  /** Set when the file is a manifest "Add dependency" may write to. */
  manifest?: ManifestRef;
  /** Python source: its root-relative path counts towards first-party modules. */
  pythonPath?: string;
  /** Absolute paths its `-r`/`-c` lines name: requirements files whatever their name. */
  includes?: readonly string[];
  /** `[project] name`: the project itself is first-party. */
  projectName?: string;
  /** An installer config (or pyproject) that sets a release cooldown, with its precedence. */
  cooldown?: { depth: number; rank: number; policy: CooldownPolicy };
  /** Indexes a project uv.toml or a pyproject's Poetry sources name (used only in a trusted workspace). */
  indexes?: readonly ProjectIndex[];
  /** A pyproject.toml's `[tool.uv]` indexes: ignored when a uv.toml sits in the same folder, as uv does. */
  uvTool?: readonly ProjectIndex[];
  /** `[tool.uv.sources]` pins (package, index name), resolved against the project's uv indexes. */
  uvPins?: readonly (readonly [string, string])[];
  /** The file is a uv.toml: uv reads it and not the `[tool.uv]` of the pyproject.toml beside it. */
  uvToml?: true;
}

/** Declared names: every dependency but imports, and of a lock only what the project itself asks for. */
function declaredNames(deps: readonly Dependency[]): string[] {
  const out: string[] = [];
  for (const d of deps) if (d.source !== 'import' && d.direct !== false && d.name) out.push(d.name);
  return out;
}

function cooldownOf(root: string, filePath: string, text: string): FileContribution['cooldown'] {
  const base = path.basename(filePath).toLowerCase();
  const rank = COOLDOWN_FILES.findIndex(([n]) => n === base);
  if (rank < 0) return undefined;
  try {
    const policy = COOLDOWN_FILES[rank]![1](text);
    if (!policy) return undefined;
    const depth = path.relative(root, path.resolve(root, filePath)).split(path.sep).length;
    return { depth, rank, policy };
  } catch {
    return undefined; // An unreadable config file sets no cooldown; the setting applies.
  }
}

/**
 * One file's contribution: what its format module declares (formats/registry.ts), whether it is a
 * manifest "Add dependency" may write to (`manifestRank`), plus a Python file's path and PEP 723
 * block. `kind` when the caller knows better than the name (a file another one includes with
 * `-r`). Never throws: a file that cannot be parsed contributes nothing (a parser bug on one file
 * must not lose the facts of the others).
 */
export function fileContribution(root: string, filePath: string, text: string, kind: DocumentKind = documentKind(filePath)): FileContribution {
  let out: FileContribution = { declared: [] };
  try {
    const format = formatFor(kind);
    if (kind === 'python') {
      const declared = text.includes('# /// script') ? declaredNames(parseScriptMetadata(text).dependencies) : [];
      out = { declared, pythonPath: path.relative(root, path.resolve(root, filePath)) };
    } else if (format?.declares || format?.includeBase === 'file') {
      // tox.ini and Makefiles declare nothing, but what their `-r` lines name is read as requirements.
      const parsed = format.parse(text, { path: filePath });
      const declared = format.declares ? declaredNames(parsed.dependencies) : [];
      out = { declared };
      if (parsed.includes.length > 0) out.includes = includeTargets(filePath, parsed.includes).map((t) => t.path);
      if (kind === 'pyproject') {
        const p = projectName(text);
        if (p.name) declared.push(normalizeName(p.name));
        out = { declared, manifest: { path: filePath, kind, hasProjectTable: p.hasProjectTable }, ...(p.name ? { projectName: p.name } : {}) };
      } else if (kind === 'requirements' && format.manifestRank !== undefined) out.manifest = { path: filePath, kind };
    }
  } catch {
    out = { declared: [] };
  }
  const cooldown = cooldownOf(root, filePath, text);
  if (cooldown) out.cooldown = cooldown;
  if (path.basename(filePath).toLowerCase() === 'uv.toml') out.uvToml = true;
  Object.assign(out, indexesOf(root, filePath, text));
  return out;
}

function indexesOf(root: string, filePath: string, text: string): Pick<FileContribution, 'indexes' | 'uvTool' | 'uvPins'> {
  const base = path.basename(filePath).toLowerCase();
  if (base !== 'pyproject.toml' && base !== 'uv.toml') return {};
  try {
    const rel = path.relative(root, path.resolve(root, filePath)).split(path.sep).join('/') || base;
    if (base === 'uv.toml') {
      const indexes = projectIndexesFromUvToml(text, rel);
      return indexes.length > 0 ? { indexes } : {};
    }
    const p = pyprojectIndexParts(text, rel);
    return { ...(p.poetry.length > 0 ? { indexes: p.poetry } : {}), ...(p.uv.length > 0 ? { uvTool: p.uv } : {}), ...(p.uvPins.length > 0 ? { uvPins: p.uvPins } : {}) };
  } catch {
    return {}; // a file that cannot be read names no index
  }
}

/**
 * Workspace facts kept up to date file by file: `set` parses only the file given and adjusts the
 * union (declared names are reference-counted), `facts()` rebuilds only the parts a change touched
 * (first-party modules only when Python paths or project names changed). A 20,000-file workspace
 * thus pays one file's parse per manifest edit, not every manifest's.
 */
export class FactsBuilder {
  private readonly files = new Map<string, FileContribution>();
  private readonly declaredCount = new Map<string, number>();
  private declaredDirty = true;
  private firstPartyDirty = true;
  private manifestsDirty = true;
  private cooldownDirty = true;
  private indexesDirty = true;
  private current: BuiltWorkspaceFacts = { declared: new Set(), firstParty: new Set(), manifests: [] };
  private byDir: Map<string, ManifestRef[]> | undefined;
  /** Files parsed so far (tests and the bench count them). */
  parses = 0;
  /** Bumped each time `facts()` returns facts that differ from the previous ones. */
  generation = 0;

  constructor(readonly root: string) {}

  get size(): number {
    return this.files.size;
  }

  has(filePath: string): boolean {
    return this.files.has(filePath);
  }

  /** Takes a file's new text (parsed now); `kind` overrides what its name says (an included file). */
  set(filePath: string, text: string, kind?: DocumentKind): void {
    this.parses++;
    this.put(filePath, fileContribution(this.root, filePath, text, kind));
  }

  /** Every file some file's `-r`/`-c` lines name (absolute paths). */
  includeTargets(): Set<string> {
    const out = new Set<string>();
    for (const c of this.files.values()) for (const t of c.includes ?? []) out.add(t);
    return out;
  }

  delete(filePath: string): void {
    this.put(filePath, undefined);
  }

  private put(filePath: string, next: FileContribution | undefined): void {
    const prev = this.files.get(filePath);
    if (prev) for (const n of prev.declared) this.count(n, -1);
    if (next) {
      for (const n of next.declared) this.count(n, 1);
      this.files.set(filePath, next);
    } else this.files.delete(filePath);
    if (prev?.pythonPath !== next?.pythonPath || prev?.projectName !== next?.projectName) this.firstPartyDirty = true;
    if (JSON.stringify(prev?.manifest) !== JSON.stringify(next?.manifest)) this.manifestsDirty = true;
    // A uv.toml appearing or going shadows or restores the [tool.uv] beside it: both facts again.
    if (prev?.cooldown !== undefined || next?.cooldown !== undefined || prev?.uvToml !== next?.uvToml) this.cooldownDirty = true;
    const named = (c: FileContribution | undefined): boolean => c?.indexes !== undefined || c?.uvTool !== undefined || c?.uvPins !== undefined || c?.uvToml !== undefined;
    if (named(prev) || named(next)) this.indexesDirty = true;
  }

  private count(name: string, delta: number): void {
    const n = (this.declaredCount.get(name) ?? 0) + delta;
    if (n <= 0) {
      this.declaredCount.delete(name);
      this.declaredDirty = true;
    } else {
      if (n === 1 && delta > 0) this.declaredDirty = true;
      this.declaredCount.set(name, n);
    }
  }

  /** The union of every file's contribution (a new object only when something changed). */
  facts(): BuiltWorkspaceFacts {
    if (!this.declaredDirty && !this.firstPartyDirty && !this.manifestsDirty && !this.cooldownDirty && !this.indexesDirty) return this.current;
    const prev = this.current;
    let { declared, firstParty, manifests } = prev;
    let cooldown = prev.cooldown;
    let projectIndexes = prev.projectIndexes;
    let changed = false;
    if (this.declaredDirty) {
      const next = new Set(this.declaredCount.keys());
      if (!sameSet(next, declared)) {
        declared = next;
        changed = true;
      }
    }
    if (this.firstPartyDirty) {
      const pythonPaths: string[] = [];
      const projectNames: string[] = [];
      for (const c of this.files.values()) {
        if (c.pythonPath !== undefined) pythonPaths.push(c.pythonPath);
        if (c.projectName !== undefined) projectNames.push(c.projectName);
      }
      let next: Set<string>;
      try {
        next = firstPartyModules(pythonPaths, { projectNames });
      } catch {
        next = new Set(); // No first-party modules known: undeclared-import may then flag a local module as a hint.
      }
      if (!sameSet(next, firstParty)) {
        firstParty = next;
        changed = true;
      }
    }
    if (this.manifestsDirty) {
      manifests = [...this.files.values()].flatMap((c) => (c.manifest ? [c.manifest] : [])).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      this.byDir = undefined;
      changed ||= JSON.stringify(manifests) !== JSON.stringify(prev.manifests);
    }
    if (this.cooldownDirty) {
      const next = bestCooldown(unshadowed(this.files));
      changed ||= JSON.stringify(next) !== JSON.stringify(cooldown);
      cooldown = next;
    }
    if (this.indexesDirty) {
      const next = projectIndexesOf(this.files);
      changed ||= JSON.stringify(next) !== JSON.stringify(projectIndexes ?? []);
      projectIndexes = next.length > 0 ? next : undefined;
    }
    this.declaredDirty = this.firstPartyDirty = this.manifestsDirty = this.cooldownDirty = this.indexesDirty = false;
    if (!changed) return prev;
    this.generation++;
    this.current = { declared, firstParty, manifests, ...(cooldown ? { cooldown } : {}), ...(projectIndexes ? { projectIndexes } : {}) };
    return this.current;
  }

  /** `nearestManifest` over the current manifests, with the per-directory index kept between calls. */
  nearest(filePath: string): ManifestRef | undefined {
    const facts = this.facts();
    this.byDir ??= manifestsByDir(facts.manifests);
    return nearestIn(filePath, this.byDir);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Folders holding a uv.toml: uv reads it there and ignores the `[tool.uv]` beside it (configuration-files docs). */
function uvTomlDirs(files: ReadonlyMap<string, FileContribution>): Set<string> {
  const out = new Set<string>();
  for (const [p, c] of files) if (c.uvToml) out.add(path.dirname(path.resolve(p)));
  return out;
}

/** `[tool.uv]` beside a uv.toml is not uv's configuration: its cooldown is dropped. */
function unshadowed(files: ReadonlyMap<string, FileContribution>): FileContribution[] {
  const dirs = uvTomlDirs(files);
  return [...files].map(([p, c]) => (c.cooldown && path.basename(p).toLowerCase() === 'pyproject.toml' && dirs.has(path.dirname(path.resolve(p))) ? { ...c, cooldown: undefined } : c));
}

/**
 * Every index the project's files name, shallowest file first (the project root's uv.toml, then
 * its pyproject.toml, then nested ones), so a root `default = true` index is the primary. A
 * pyproject's `[tool.uv]` indexes are left out beside a uv.toml (uv reads only the uv.toml). A
 * `[tool.uv.sources]` pin attaches to the named index of its own folder's config (uv.toml first),
 * else of the nearest folder above: uv resolves the name among the indexes its settings define,
 * wherever they were read. New objects: the contributions stay as parsed.
 */
function projectIndexesOf(files: ReadonlyMap<string, FileContribution>): ProjectIndex[] {
  const dirs = uvTomlDirs(files);
  const dirOf = (p: string): string => path.dirname(path.resolve(p));
  const depth = (p: string): number => p.split(/[\\/]/).length;
  const order = (p: string): number => (path.basename(p).toLowerCase() === 'uv.toml' ? 0 : 1);
  const sorted = [...files].filter(([, c]) => c.indexes || c.uvTool || c.uvPins);
  sorted.sort(([a], [b]) => depth(a) - depth(b) || order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const all: { dir: string; ix: ProjectIndex; uv: boolean }[] = [];
  for (const [p, c] of sorted) {
    const uvFile = path.basename(p).toLowerCase() === 'uv.toml';
    const uvTool = dirs.has(dirOf(p)) ? [] : (c.uvTool ?? []);
    for (const ix of [...uvTool, ...(c.indexes ?? [])]) all.push({ dir: dirOf(p), ix: { ...ix, ...(ix.packages ? { packages: [...ix.packages] } : {}) }, uv: uvFile || uvTool.includes(ix) });
  }
  for (const [p, c] of sorted) {
    for (const [pkg, name] of c.uvPins ?? []) {
      // Own folder first, then each folder above it (shallower), uv.toml before pyproject.toml (sorted order).
      let dir = dirOf(p);
      for (;;) {
        const hit = all.find((a) => a.uv && a.dir === dir && a.ix.name === name);
        if (hit) {
          if (!(hit.ix.packages ??= []).includes(pkg)) hit.ix.packages.push(pkg);
          break;
        }
        const up = path.dirname(dir);
        if (up === dir) break;
        dir = up;
      }
    }
  }
  return all.map((a) => a.ix);
}

/** The shallowest directory's cooldown wins; within one directory, COOLDOWN_FILES order. */
function bestCooldown(contributions: Iterable<FileContribution>): CooldownPolicy | undefined {
  let best: FileContribution['cooldown'];
  for (const c of contributions) {
    const x = c.cooldown;
    if (!x) continue;
    if (!best || x.depth < best.depth || (x.depth === best.depth && x.rank < best.rank)) best = x;
  }
  return best?.policy;
}

/** A file the facts are built from; `kind` when the caller knows better than its name (an included file). */
export interface FactsInput {
  path: string;
  text: string;
  kind?: DocumentKind;
}

/**
 * Facts from all files of a workspace. `files` holds manifests (every format whose module
 * `declares`: requirements, pyproject.toml, locks…) and Python sources with their texts; a Python
 * file contributes its PEP 723 block and its path (for first-party modules). Never throws: a file
 * that cannot be parsed contributes nothing.
 */
export function buildWorkspaceFacts(root: string, files: readonly FactsInput[]): BuiltWorkspaceFacts {
  const b = new FactsBuilder(root);
  for (const f of files) b.set(f.path, f.text, f.kind);
  return b.facts();
}
