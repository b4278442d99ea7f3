// Walks a folder for the files Pipwatch reads: every format of the registry (requirements files,
// pyproject.toml, locks…, by the names in shared/formats.json, extensionless files by their first
// bytes: a shell shebang) and Python sources. Used by the CLI (folder arguments) and the server's "Scan Workspace" command.
// Bounded (a file budget), cancellable, and safe on symlink loops: a directory is entered at most
// once by its real path, so `a -> ..` style links cannot make it walk forever.
import { promises as fsp, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { DocumentKind } from '../core/types';
import { formatFor, SNIFF_BYTES, sniffKind } from '../formats/registry';
import { documentKind } from '../parse/document-kind';
import { pathToUri, readHead } from './files';
import { isProjectConfig } from './project-config';

export interface ScanOptions {
  /** Stop after visiting this many files (default 20,000). */
  maxFiles?: number;
  signal?: AbortSignal;
}

export interface ScanResult {
  requirements: string[];
  pyprojects: string[];
  python: string[];
  /** Files of every other format in the registry (locks, Pipfile, setup.cfg…), with their kind. */
  other?: { path: string; kind: DocumentKind }[];
  /** Installer configuration files (uv.toml, poetry.toml, pip.conf): facts only, never analysed. */
  configs?: string[];
  /** The file budget ran out before the walk finished. */
  truncated?: boolean;
  /** The signal aborted the walk; the lists hold what was found so far. */
  cancelled?: boolean;
  /**
   * What the walk could not enter or follow, with why: folders it may not read (EACCES), and
   * links named like a file Pipwatch reads that lead nowhere. Said, never silently dropped.
   */
  unreadable?: { path: string; reason: string }[];
}

export const DEFAULT_MAX_FILES = 20_000;

/** Every file of a scan: manifests first (requirements, pyproject.toml, other formats), then Python. */
export function scannedFiles(s: ScanResult): string[] {
  return [...s.requirements, ...s.pyprojects, ...(s.other ?? []).map((o) => o.path), ...s.python];
}

/** Directories never entered: VCS data, dependency trees, caches and build output. */
const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', 'site-packages', 'dist-packages', '__pycache__',
  '.tox', '.nox', 'build', 'dist', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.eggs', '.cache',
]);

/**
 * True for a directory that is a virtual environment whatever its name: PEP 405 says every venv
 * has a `pyvenv.cfg` at its root (https://peps.python.org/pep-0405/). Catches `env/`, `.env3/`, …
 */
async function isVirtualEnv(dir: string): Promise<boolean> {
  try {
    await fsp.access(path.join(dir, 'pyvenv.cfg'));
    return true;
  } catch {
    return false;
  }
}

export function isSkippedDirName(name: string): boolean {
  return SKIP_DIRS.has(name) || name.endsWith('.egg-info');
}

/**
 * True for a file name without an extension (`install`, `bootstrap`, `.envrc`): the only files
 * whose first bytes are read, so a scan never opens every `.js` or `.png` of a repository.
 */
export function isSniffCandidate(name: string): boolean {
  return !name.slice(1).includes('.');
}

/**
 * The kind of a file no name pattern matches, from its first bytes (a shell shebang); 'unknown'
 * for binaries, unreadable files and files whose name has an extension.
 */
export async function sniffFile(file: string): Promise<DocumentKind> {
  if (!isSniffCandidate(path.basename(file))) return 'unknown';
  const head = await readHead(file, SNIFF_BYTES);
  return (head !== undefined && sniffKind(head)) || 'unknown';
}

/** Sorted, absolute paths of every file of a registry format under `root`. */
export async function scanWorkspace(root: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const other: { path: string; kind: DocumentKind }[] = [];
  const configs: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const out: ScanResult = { requirements: [], pyprojects: [], python: [], other, configs, unreadable };
  const seenDirs = new Set<string>();
  let files = 0;
  // Breadth-first: top-level manifests are found first even when the budget runs out deep down.
  const queue: string[] = [path.resolve(root)];
  for (let head = 0; head < queue.length; head++) {
    if (opts.signal?.aborted) {
      out.cancelled = true;
      break;
    }
    // Directories count against the budget too: a tree of empty folders must not walk forever.
    if (head >= maxFiles) {
      out.truncated = true;
      break;
    }
    const dir = queue[head] as string;
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch {
      continue;
    }
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      // unreadable directory: the rest of the walk still counts, and the caller says so
      unreadable.push({ path: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fsp.stat(full); // follows the link; a dangling link throws
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (documentKind(pathToUri(full)) !== 'unknown') unreadable.push({ path: full, reason: `a link to nowhere (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
          continue;
        }
      }
      if (isDir) {
        if (isSkippedDirName(e.name) || (await isVirtualEnv(full))) continue;
        queue.push(full);
        continue;
      }
      if (!isFile) continue;
      if (files >= maxFiles) {
        out.truncated = true;
        queue.length = head + 1; // stop the walk after this directory
        break;
      }
      files++;
      let kind = documentKind(pathToUri(full));
      if (kind === 'unknown') kind = await sniffFile(full);
      if (kind === 'requirements') out.requirements.push(full);
      else if (kind === 'pyproject') out.pyprojects.push(full);
      else if (kind === 'python') out.python.push(full);
      else if (formatFor(kind)) other.push({ path: full, kind });
      else if (kind === 'unknown' && isProjectConfig(e.name)) configs.push(full);
    }
  }
  out.requirements.sort();
  out.pyprojects.sort();
  out.python.sort();
  other.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  configs.sort();
  return out;
}
