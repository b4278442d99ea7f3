// Which top-level modules belong to the workspace itself, from its file list alone (the caller
// walks the disk; this stays pure). An import of a first-party module is never a missing
// dependency. Python's rules: a directory with `__init__.py` is a regular package; a directory of
// modules without one is a namespace package (PEP 420); a `*.py` file is a module of the
// directory it sits in, importable when that directory is on sys.path (a script's own directory is).

/** Optional hints from pyproject.toml: `[project] name`, `[tool.setuptools] packages`/`py-modules`. */
export interface FirstPartyHints {
  projectNames?: readonly string[];
  packages?: readonly string[];
}

// Environments, caches and build output hold other people's code.
const SKIP_DIRS = new Set(['node_modules', 'site-packages', 'dist-packages', 'build', 'dist', 'venv', 'env', '__pycache__', '__pypackages__']);
const MODULE_FILE = /^(.+)\.(?:py|pyi|pyx|pxd|pyw)$/;
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
// Directories that are source roots by convention (the "src layout" and its cousins).
const SOURCE_ROOT_NAMES = new Set(['src', 'lib', 'python']);

function skipped(segment: string): boolean {
  return segment.startsWith('.') || SKIP_DIRS.has(segment) || segment.endsWith('.egg-info');
}

/**
 * Top-level first-party module names. Takes workspace-relative paths, or a root plus paths under
 * it (absolute or relative; paths outside the root are ignored). `/` and `\\` separators both work.
 */
export function firstPartyModules(relPaths: readonly string[], hints?: FirstPartyHints): Set<string>;
export function firstPartyModules(root: string, paths: readonly string[], hints?: FirstPartyHints): Set<string>;
export function firstPartyModules(a: string | readonly string[], b?: readonly string[] | FirstPartyHints, c?: FirstPartyHints): Set<string> {
  if (typeof a === 'string') return fromRelative(relativeTo(a, (b as readonly string[] | undefined) ?? []), c ?? {});
  return fromRelative(a, (b as FirstPartyHints | undefined) ?? {});
}

function relativeTo(root: string, paths: readonly string[]): string[] {
  const r = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const out: string[] = [];
  for (const p of paths) {
    const q = p.replace(/\\/g, '/');
    if (r === '' || (!q.startsWith('/') && !/^[A-Za-z]:\//.test(q))) out.push(q);
    else if (q.startsWith(`${r}/`)) out.push(q.slice(r.length + 1));
  }
  return out;
}

function fromRelative(relPaths: readonly string[], hints: FirstPartyHints): Set<string> {
  const out = new Set<string>();
  // Directories (as '/'-joined paths, '' for the root) that hold an __init__ file.
  const packages = new Set<string>();
  const files: { dir: string; stem: string }[] = [];
  for (const raw of relPaths) {
    const parts = raw.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
    const base = parts.pop();
    if (!base || parts.some(skipped)) continue;
    const m = MODULE_FILE.exec(base);
    if (!m) continue;
    const dir = parts.join('/');
    if (m[1] === '__init__') packages.add(dir);
    else files.push({ dir, stem: m[1]! });
  }

  // A package whose parent is not a package is a top-level package (its parent is a source root).
  for (const dir of packages) {
    const parts = dir.split('/');
    const name = parts[parts.length - 1]!;
    if (dir !== '' && !packages.has(parts.slice(0, -1).join('/')) && IDENTIFIER.test(name)) out.add(name);
  }
  for (const { dir, stem } of files) {
    if (packages.has(dir)) continue; // a submodule: its top-level package is already counted
    if (IDENTIFIER.test(stem)) out.add(stem);
    // PEP 420 namespace package: a directory of modules without __init__.py, directly under the
    // workspace root or a conventional source root (`src/ns/mod.py`).
    const parts = dir.split('/');
    if (parts.length === 1 && dir !== '' && !SOURCE_ROOT_NAMES.has(dir)) add(out, parts[0]!);
    else if (parts.length === 2 && SOURCE_ROOT_NAMES.has(parts[0]!)) add(out, parts[1]!);
  }

  for (const name of hints.projectNames ?? []) {
    // A project named `my-pkg` is conventionally imported as `my_pkg` (PEP 503 and PEP 8 spellings).
    add(out, name.trim().replace(/[-.]+/g, '_'));
    add(out, name.trim().replace(/[-.]+/g, '_').toLowerCase());
  }
  for (const p of hints.packages ?? []) add(out, p.trim().split('.')[0] ?? ''); // dotted package names
  return out;
}

function add(out: Set<string>, name: string): void {
  if (IDENTIFIER.test(name)) out.add(name);
}
