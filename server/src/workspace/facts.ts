// Workspace facts the rules read: every distribution name any manifest declares, the workspace's
// own (first-party) modules, and the nearest manifest of a file (where "Add dependency" writes).
// Pure over the texts it is given: the caller (CLI, server) reads the files.
import * as path from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { WorkspaceFacts } from '../assess/rule';
import type { Dependency } from '../core/types';
import { firstPartyModules } from '../identify/first-party';
import { normalizeName } from '../identify/normalize';
import { cooldownFromPipConf, cooldownFromPoetryToml, cooldownFromPyproject, cooldownFromUvToml, type CooldownPolicy } from '../parse/cooldown';
import { documentKind } from '../parse/document-kind';
import { parseScriptMetadata } from '../parse/pep723';
import { parsePyproject } from '../parse/pyproject';
import { parseRequirements } from '../parse/requirements';

export interface ManifestRef {
  path: string;
  kind: 'requirements' | 'pyproject';
  /** pyproject.toml only: it has a PEP 621 `[project]` table, so dependencies belong there. */
  hasProjectTable?: boolean;
}

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
  let best: { depth: number; rank: number; policy: CooldownPolicy } | undefined;
  for (const f of files) {
    const base = path.basename(f.path).toLowerCase();
    const rank = COOLDOWN_FILES.findIndex(([n]) => n === base);
    if (rank < 0) continue;
    const depth = path.relative(root, path.resolve(root, f.path)).split(path.sep).length;
    if (best && (best.depth < depth || (best.depth === depth && best.rank < rank))) continue;
    try {
      const policy = COOLDOWN_FILES[rank][1](f.text);
      if (policy) best = { depth, rank, policy };
    } catch {
      // An unreadable config file sets no cooldown; the setting applies.
    }
  }
  return best?.policy;
}

function declare(into: Set<string>, deps: readonly Dependency[]): void {
  for (const d of deps) if (d.source !== 'import' && d.name) into.add(d.name);
}

/**
 * Facts from all files of a workspace. `files` holds manifests (requirements, pyproject.toml) and
 * Python sources with their texts; a Python file contributes its PEP 723 block and its path (for
 * first-party modules). Never throws: a file that cannot be parsed contributes nothing.
 */
export function buildWorkspaceFacts(root: string, files: readonly { path: string; text: string }[]): BuiltWorkspaceFacts {
  const declared = new Set<string>();
  const firstParty = new Set<string>();
  const manifests: ManifestRef[] = [];
  const pythonPaths: string[] = [];
  const projectNames: string[] = [];
  for (const f of files) {
    try {
      const kind = documentKind(f.path);
      if (kind === 'requirements') {
        declare(declared, parseRequirements(f.text).dependencies);
        manifests.push({ path: f.path, kind });
      } else if (kind === 'pyproject') {
        declare(declared, parsePyproject(f.text).dependencies);
        const p = projectName(f.text);
        // The project itself is first-party: `import my_project` inside its own tests.
        if (p.name) {
          projectNames.push(p.name);
          declared.add(normalizeName(p.name));
        }
        manifests.push({ path: f.path, kind, hasProjectTable: p.hasProjectTable });
      } else if (kind === 'python') {
        pythonPaths.push(path.relative(root, path.resolve(root, f.path)));
        if (f.text.includes('# /// script')) declare(declared, parseScriptMetadata(f.text).dependencies);
      }
    } catch {
      // A parser bug on one file must not lose the facts of the others.
    }
  }
  try {
    for (const m of firstPartyModules(pythonPaths, { projectNames })) firstParty.add(m);
  } catch {
    // No first-party modules known: undeclared-import may then flag a local module as a hint.
  }
  const cooldown = workspaceCooldown(root, files);
  return { declared, firstParty, manifests, ...(cooldown ? { cooldown } : {}) };
}

function rank(m: ManifestRef): number {
  const base = path.basename(m.path).toLowerCase();
  if (m.kind === 'pyproject') return m.hasProjectTable ? 0 : 3;
  if (base === 'requirements.txt') return 1;
  if (base === 'requirements.in') return 2;
  return 4;
}

/**
 * The manifest a new dependency of `filePath` belongs in: the closest directory upwards that has
 * one; within a directory a pyproject.toml with a `[project]` table (PEP 621), then
 * requirements.txt, then requirements.in, then any other.
 */
export function nearestManifest(filePath: string, manifests: readonly (ManifestRef | string)[]): ManifestRef | undefined {
  const refs: ManifestRef[] = [];
  for (const m of manifests) {
    if (typeof m !== 'string') refs.push(m);
    else {
      const kind = documentKind(m);
      if (kind === 'requirements' || kind === 'pyproject') refs.push({ path: m, kind });
    }
  }
  const byDir = new Map<string, ManifestRef[]>();
  for (const r of refs) {
    const d = path.dirname(path.resolve(r.path));
    const list = byDir.get(d) ?? [];
    list.push(r);
    byDir.set(d, list);
  }
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    const here = byDir.get(dir);
    if (here && here.length > 0) {
      return [...here].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
