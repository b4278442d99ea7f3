// Workspace facts for the server: which names the workspace's manifests declare, which modules are
// first-party, and each file's nearest manifest. Built per workspace folder in the background
// (bounded walk, async reads a few at a time), then kept current file by file as manifests are
// opened, saved or changed on disk: an edit re-parses that one file (workspace/facts.ts).
// Until a folder's first scan is done its facts are `pending`, and `ready()` lets analysis wait
// for them (bounded), so nothing is reported from half-built facts (issue 8 §7).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../assess/rule';
import { formatFor } from '../formats/registry';
import { documentKind } from '../parse/document-kind';
import { FactsBuilder } from '../workspace/facts';
import { isProjectConfig } from '../workspace/project-config';
import { pathToUri, readTextFile, uriToPath, type ReadResult } from '../workspace/files';
import { scanWorkspace, type ScanResult } from '../workspace/scan';
import { errorText, type Logger } from './log';

/** Files visited per folder on startup (the walk is breadth-first, so top-level manifests come first). */
const MAX_SCAN_FILES = 20_000;
/** Python files are read only for PEP 723 blocks; a larger one contributes its path only. */
const MAX_PY_BYTES = 512 * 1024;
/** Files read at once during a scan: enough to hide disk latency, few enough to keep descriptors. */
const READ_CONCURRENCY = 8;
/** How long analysis waits for a folder's first facts before going on without facts-based findings. */
export const DEFAULT_READY_WAIT_MS = 5000;

/** The disk access of a scan, injectable so tests decide when facts resolve. */
export interface WorkspaceIo {
  scan(root: string, signal?: AbortSignal): Promise<ScanResult>;
  read(file: string, maxBytes?: number): Promise<ReadResult>;
}

const DISK: WorkspaceIo = {
  scan: (root, signal) => scanWorkspace(root, { maxFiles: MAX_SCAN_FILES, ...(signal ? { signal } : {}) }),
  read: (file, maxBytes) => readTextFile(file, maxBytes),
};

interface Folder {
  root: string;
  builder: FactsBuilder;
  /** Resolved when the first scan finished (or failed: then the facts are what could be read). */
  ready: Promise<void>;
  settle: () => void;
  done: boolean;
  /** Files the editor told us about during the scan: the scan must not overwrite them with disk text. */
  told: Set<string>;
  /** Someone read the pending facts: when they complete, open documents are analysed again. */
  servedPending: boolean;
  /** Files read because a requirements file includes them (`-r`/`-c`) and their name says nothing. */
  included: Set<string>;
  /** Include targets that could not be read (PW001 on the include line says so). */
  missing: Set<string>;
}

/** Included files followed per folder (pip has no limit; this bounds a hostile repository). */
const MAX_INCLUDED_FILES = 500;

const EMPTY: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };

/**
 * A file whose text feeds workspace facts: a format whose module declares (formats/registry.ts),
 * or one whose `-r` lines name files next to it (tox.ini, Makefiles: their includes are read).
 */
export function isManifestUri(uri: string): boolean {
  const f = formatFor(documentKind(uri));
  return f?.declares === true || f?.includeBase === 'file' || isProjectConfig(uriToPath(uri) ?? uri);
}

function newFolder(root: string): Folder {
  let settle!: () => void;
  const ready = new Promise<void>((r) => (settle = r));
  const f: Folder = { root, builder: new FactsBuilder(root), ready, settle: () => undefined, done: false, told: new Set(), servedPending: false, included: new Set(), missing: new Set() };
  f.settle = () => {
    f.done = true;
    settle();
  };
  return f;
}

export class WorkspaceState {
  private folders: Folder[] = [];
  private notifyTimer: NodeJS.Timeout | undefined;
  private readonly io: WorkspaceIo;

  private readonly readyWaitMs: number;
  private readonly onIncludedFiles: ((uris: string[]) => void) | undefined;
  private readonly onIncludeTargets: ((paths: string[]) => void) | undefined;
  private lastTargets = '';

  constructor(
    private readonly log: Logger,
    /** Called when facts changed (open documents must be validated again). */
    private readonly onChange: () => void,
    opts: {
      io?: WorkspaceIo;
      readyWaitMs?: number;
      onIncludedFiles?: (uris: string[]) => void;
      /** Include targets no manifest pattern names (present or missing), whenever that list changes: the files to watch. */
      onIncludeTargets?: (paths: string[]) => void;
    } = {},
  ) {
    this.io = opts.io ?? DISK;
    this.onIncludedFiles = opts.onIncludedFiles;
    this.onIncludeTargets = opts.onIncludeTargets;
    this.readyWaitMs = opts.readyWaitMs ?? DEFAULT_READY_WAIT_MS;
  }

  get roots(): string[] {
    return this.folders.map((f) => f.root);
  }

  setFolders(uris: string[]): void {
    const roots = [...new Set(uris.map((u) => uriToPath(u)).filter((p): p is string => !!p))];
    const old = new Map(this.folders.map((f) => [f.root, f]));
    // A folder kept across a change keeps its facts; only new folders start pending.
    this.folders = roots.map((root) => old.get(root) ?? newFolder(root));
    for (const [root, f] of old) if (!roots.includes(root)) f.settle();
  }

  /** Scans every folder not scanned yet (in the background at startup and when folders are added). */
  async scanAll(signal?: AbortSignal): Promise<void> {
    await Promise.all(this.folders.filter((f) => !f.done).map((f) => this.scanFolder(f, signal)));
  }

  private async scanFolder(f: Folder, signal?: AbortSignal): Promise<void> {
    const t0 = Date.now();
    const before = f.builder.generation;
    try {
      const scan = await this.io.scan(f.root, signal);
      const jobs: [string, number | undefined][] = [
        ...[...scan.requirements, ...scan.pyprojects, ...(scan.other ?? []).map((o) => o.path), ...(scan.configs ?? [])].map((p): [string, undefined] => [p, undefined]),
        ...scan.python.map((p): [string, number] => [p, MAX_PY_BYTES]),
      ];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < jobs.length && !signal?.aborted) {
          const [p, max] = jobs[next++]!;
          const r = await this.io.read(p, max);
          if (f.told.has(p)) continue;
          // Python files matter for their path (first-party) and a PEP 723 block only.
          const text = r.ok ? (max === undefined || r.text.includes('# /// script') ? r.text : '') : '';
          f.builder.set(p, text);
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, jobs.length) }, worker));
      await this.followIncludes(f);
      const facts = f.builder.facts();
      this.log.info(
        `workspace ${f.root}: ${scan.requirements.length + scan.pyprojects.length + (scan.other?.length ?? 0)} manifests, ${scan.python.length} Python files, ` +
          `${facts.declared.size} declared names (${Date.now() - t0} ms${scan.truncated ? ', walk truncated' : ''})`,
      );
    } catch (e) {
      this.log.warn(`workspace scan of ${f.root} failed: ${errorText(e)}`);
    } finally {
      f.told.clear();
      f.settle();
    }
    // Documents analysed from the pending facts (or before they changed) must run again.
    f.builder.facts();
    if (this.folders.includes(f) && (f.servedPending || f.builder.generation !== before)) this.onChange();
  }

  /**
   * Reads the files the folder's requirements files include whose own name says nothing
   * (`-r deps/prod.txt`): they count as requirements files for facts and analysis, and the
   * client is told their URIs (VS Code only sends documents its selector matches). Files no
   * include names any more are dropped. Returns whether the set changed.
   */
  private async followIncludes(f: Folder, listChanged = false): Promise<boolean> {
    let changed = listChanged;
    for (let round = 0; round < 20; round++) {
      const targets = f.builder.includeTargets();
      for (const p of [...f.included]) {
        if (targets.has(p)) continue;
        f.included.delete(p);
        f.builder.delete(p);
        changed = true;
      }
      const fresh = [...targets].filter((t) => !f.builder.has(t) && !f.missing.has(t) && this.folderOf(t) === f);
      if (fresh.length === 0) break;
      for (const t of fresh) {
        if (f.included.size >= MAX_INCLUDED_FILES) return changed;
        const r = await this.io.read(t, undefined);
        if (!r.ok) {
          f.missing.add(t);
          continue;
        }
        f.builder.set(t, r.text, 'requirements');
        if (documentKind(t) === 'unknown') {
          f.included.add(t);
          changed = true;
        }
      }
    }
    if (changed) this.onIncludedFiles?.(this.includedUris());
    this.announceTargets();
    return changed;
  }

  /** Tells the session which include targets to watch, when that list changed. */
  private announceTargets(): void {
    if (!this.onIncludeTargets) return;
    const all = [...new Set(this.folders.flatMap((f) => [...f.builder.includeTargets()]))].filter((t) => documentKind(t) === 'unknown').sort();
    const key = all.join('\n');
    if (key === this.lastTargets) return;
    this.lastTargets = key;
    this.onIncludeTargets(all);
  }

  /** True for a file some requirements file of its folder names with `-r`/`-c` (whether or not it exists). */
  isIncludeTarget(uri: string): boolean {
    const p = uriToPath(uri);
    return !!p && !!this.folderOf(p)?.builder.includeTargets().has(p);
  }

  /** True for a file analysed as requirements only because another file includes it. */
  isIncluded(uri: string): boolean {
    const p = uriToPath(uri);
    return !!p && !!this.folderOf(p)?.included.has(p);
  }

  /** URIs of every file analysed as requirements only because another file includes it. */
  includedUris(): string[] {
    return this.folders.flatMap((f) => [...f.included]).sort().map((p) => pathToUri(p));
  }

  private folderOf(p: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.root, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  /**
   * Resolves when the facts of `uri`'s folder are complete, or after the bounded wait (then
   * `factsFor` still says `pending` and facts-based findings are left out until they land).
   */
  ready(uri: string): Promise<void> {
    const p = uriToPath(uri);
    const f = p ? this.folderOf(p) : undefined;
    if (!f || f.done) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.readyWaitMs);
      void f.ready.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * A manifest or included file was opened, edited (unsaved text), saved, or changed on disk: take
   * its new text (parsed now, one file); `undefined` = it is gone. A file some requirements file
   * includes also changes what that file reports (a nested missing include, a cycle), so the open
   * documents are validated again even when the declared names stayed the same.
   */
  manifestChanged(uri: string, text: string | undefined): void {
    const p = uriToPath(uri);
    if (!p) return;
    const f = this.folderOf(p);
    if (!f) return;
    const target = f.builder.includeTargets().has(p);
    // Read as requirements because it is included: already known, or a missing target that now exists.
    const included = f.included.has(p) || (target && documentKind(p) === 'unknown');
    if (!included && !isManifestUri(uri)) return;
    if (!f.done) f.told.add(p);
    const before = f.builder.generation;
    let listChanged = false;
    if (text === undefined) {
      f.builder.delete(p);
      listChanged = f.included.delete(p);
    } else {
      f.builder.set(p, text, included ? 'requirements' : undefined);
      if (included && !f.included.has(p)) {
        f.included.add(p);
        listChanged = true;
      }
    }
    // Its include lines may have changed: new targets are read, dropped ones forgotten.
    f.missing.clear();
    void this.followIncludes(f, listChanged).then(
      (changed) => {
        if (changed && f.done) this.onChange();
      },
      (e: unknown) => this.log.warn(`includes of ${p}: ${errorText(e)}`),
    );
    f.builder.facts();
    if (f.builder.generation === before && !target) return; // an unchanged manifest changes nothing
    // Coalesced: a branch switch changes many manifests at once and should revalidate once.
    if (!this.notifyTimer && f.done) {
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = undefined;
        this.onChange();
      }, 100);
    }
  }

  /** Facts for one document, with its nearest manifest (one snapshot: fixes name what findings saw). */
  factsFor(uri: string): WorkspaceFacts {
    const p = uriToPath(uri);
    if (!p) return EMPTY;
    const f = this.folderOf(p);
    if (f) {
      const facts = f.builder.facts();
      const near = f.builder.nearest(p);
      const out: WorkspaceFacts = { declared: facts.declared, firstParty: facts.firstParty };
      if (facts.cooldown) out.cooldown = facts.cooldown;
      if (facts.projectIndexes) out.projectIndexes = facts.projectIndexes;
      if (f.included.has(p)) out.kindHint = 'requirements';
      if (near) out.nearestManifest = { uri: pathToUri(near.path), kind: near.kind };
      if (!f.done) {
        out.pending = true;
        f.servedPending = true;
      }
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
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    for (const f of this.folders) f.settle();
  }
}
