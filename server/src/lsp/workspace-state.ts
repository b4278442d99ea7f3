// Workspace facts for the server: which names the workspace's manifests declare, which modules are
// first-party, and each file's nearest manifest. Built once per workspace folder in the background
// (bounded walk), then kept current as manifests are opened, saved or changed on disk.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../assess/rule';
import { documentKind } from '../parse/document-kind';
import { buildWorkspaceFacts, nearestManifest, type BuiltWorkspaceFacts } from '../workspace/facts';
import { pathToUri, readTextFile, uriToPath } from '../workspace/files';
import { scanWorkspace } from '../workspace/scan';
import { errorText, type Logger } from './log';

/** Files visited per folder on startup (the walk is breadth-first, so top-level manifests come first). */
const MAX_SCAN_FILES = 20_000;
/** Python files are read only for PEP 723 blocks; a larger one contributes its path only. */
const MAX_PY_BYTES = 512 * 1024;

interface Folder {
  root: string;
  /** path -> text for manifests; Python files hold '' unless they have a PEP 723 block. */
  files: Map<string, string>;
  facts: BuiltWorkspaceFacts;
}

/** Identity of a folder's facts: a rebuild that changes nothing must not re-validate every document. */
function signature(f: BuiltWorkspaceFacts): string {
  return JSON.stringify([[...f.declared].sort(), [...f.firstParty].sort(), f.manifests.map((m) => `${m.kind}:${m.path}`).sort()]);
}

const EMPTY: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };

export function isManifestUri(uri: string): boolean {
  const k = documentKind(uri);
  return k === 'requirements' || k === 'pyproject';
}

export class WorkspaceState {
  private folders: Folder[] = [];
  private rebuildTimer: NodeJS.Timeout | undefined;
  private readonly dirty = new Set<Folder>();

  constructor(
    private readonly log: Logger,
    /** Called when facts changed (open documents must be validated again). */
    private readonly onChange: () => void,
  ) {}

  get roots(): string[] {
    return this.folders.map((f) => f.root);
  }

  setFolders(uris: string[]): void {
    const roots = [...new Set(uris.map((u) => uriToPath(u)).filter((p): p is string => !!p))];
    this.folders = roots.map((root) => ({ root, files: new Map(), facts: { ...EMPTY, manifests: [] } }));
  }

  /** Scans every folder (in the background at startup). */
  async scanAll(signal?: AbortSignal): Promise<void> {
    const before = this.folders.map((f) => signature(f.facts)).join('\n');
    for (const f of this.folders) {
      if (signal?.aborted) return;
      const t0 = Date.now();
      try {
        const scan = await scanWorkspace(f.root, { maxFiles: MAX_SCAN_FILES, ...(signal ? { signal } : {}) });
        for (const p of [...scan.requirements, ...scan.pyprojects]) {
          const r = await readTextFile(p);
          f.files.set(p, r.ok ? r.text : '');
        }
        for (const p of scan.python) {
          const r = await readTextFile(p, MAX_PY_BYTES);
          f.files.set(p, r.ok && r.text.includes('# /// script') ? r.text : '');
        }
        f.facts = buildWorkspaceFacts(f.root, [...f.files].map(([p, text]) => ({ path: p, text })));
        this.log.info(
          `workspace ${f.root}: ${scan.requirements.length + scan.pyprojects.length} manifests, ${scan.python.length} Python files, ` +
            `${f.facts.declared.size} declared names (${Date.now() - t0} ms${scan.truncated ? ', walk truncated' : ''})`,
        );
      } catch (e) {
        this.log.warn(`workspace scan of ${f.root} failed: ${errorText(e)}`);
      }
    }
    if (this.folders.map((f) => signature(f.facts)).join('\n') !== before) this.onChange();
  }

  private folderOf(p: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.root, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  /** A manifest was opened, saved or changed on disk: take its new text (rebuilt, debounced). */
  manifestChanged(uri: string, text: string | undefined): void {
    const p = uriToPath(uri);
    if (!p || !isManifestUri(uri)) return;
    const f = this.folderOf(p);
    if (!f) return;
    if (text === undefined) f.files.delete(p);
    else if (f.files.get(p) === text) return; // opening an unchanged manifest changes nothing
    else f.files.set(p, text);
    this.dirty.add(f);
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      let changed = false;
      for (const d of this.dirty) {
        const before = signature(d.facts);
        d.facts = buildWorkspaceFacts(d.root, [...d.files].map(([fp, t]) => ({ path: fp, text: t })));
        changed ||= signature(d.facts) !== before;
      }
      this.dirty.clear();
      if (changed) this.onChange();
    }, 300);
  }

  /** Facts for one document, with its nearest manifest. */
  factsFor(uri: string): WorkspaceFacts {
    const p = uriToPath(uri);
    if (!p) return EMPTY;
    const f = this.folderOf(p);
    if (f) {
      const near = nearestManifest(p, f.facts.manifests);
      const out: WorkspaceFacts = { declared: f.facts.declared, firstParty: f.facts.firstParty };
      if (near) out.nearestManifest = { uri: pathToUri(near.path), kind: near.kind };
      return out;
    }
    // Outside every folder (an editor started on a single file): look for a manifest next to it.
    const near = this.manifestOnDisk(p);
    return near ? { ...EMPTY, nearestManifest: near } : EMPTY;
  }

  private manifestOnDisk(file: string): WorkspaceFacts['nearestManifest'] {
    let dir = path.dirname(file);
    for (let i = 0; i < 6; i++) {
      for (const [name, kind] of [['pyproject.toml', 'pyproject'], ['requirements.txt', 'requirements']] as const) {
        const cand = path.join(dir, name);
        if (existsSync(cand)) return { uri: pathToUri(cand), kind };
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return undefined;
  }

  dispose(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
  }
}
