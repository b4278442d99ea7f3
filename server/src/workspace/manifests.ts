// Where a new dependency belongs: the manifests of a workspace, and the nearest one to a file.
// Kept apart from the facts builder, which only collects manifests as it reads files.
import * as path from 'node:path';
import { documentKind } from '../parse/document-kind';

export interface ManifestRef {
  path: string;
  kind: 'requirements' | 'pyproject';
  /** pyproject.toml only: it has a PEP 621 `[project]` table, so dependencies belong there. */
  hasProjectTable?: boolean;
}

function rank(m: ManifestRef): number {
  const base = path.basename(m.path).toLowerCase();
  if (m.kind === 'pyproject') return m.hasProjectTable ? 0 : 3;
  if (base === 'requirements.txt') return 1;
  if (base === 'requirements.in') return 2;
  return 4;
}

export function manifestsByDir(refs: readonly ManifestRef[]): Map<string, ManifestRef[]> {
  const byDir = new Map<string, ManifestRef[]>();
  for (const r of refs) {
    const d = path.dirname(path.resolve(r.path));
    const list = byDir.get(d) ?? [];
    list.push(r);
    byDir.set(d, list);
  }
  for (const list of byDir.values()) list.sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return byDir;
}

export function nearestIn(filePath: string, byDir: ReadonlyMap<string, readonly ManifestRef[]>): ManifestRef | undefined {
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    const here = byDir.get(dir);
    if (here && here.length > 0) return here[0];
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
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
  return nearestIn(filePath, manifestsByDir(refs));
}
