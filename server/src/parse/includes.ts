// `-r/--requirement` and `-c/--constraint` includes of pip requirements files. pip resolves a
// relative include against the directory of the file that names it, and a file reached through
// `-c` holds constraints only (pip's req_file.py `_parse_and_recurse`: the include line itself
// decides, so `-r` inside a constraints file names ordinary requirements again).
// Pure: the caller injects readFile. Cycles (a -> b -> a) are reported, never followed forever.
import * as path from 'node:path';
import type { Include, ParsedDocument, ParseProblem } from '../core/types';
import { uriToPath } from './document-kind';
import { parseRequirements } from './requirements';

export interface IncludeOptions {
  /** Nesting limit below the root file (default 10). */
  maxDepth?: number;
  /** Files read in total, the root included (default 50). */
  maxFiles?: number;
}

export interface ResolvedIncludes {
  files: { path: string; parsed: ParsedDocument }[];
  /** Problems on the ROOT file's include lines (a nested failure lands on the line leading to it). */
  problems: ParseProblem[];
}

type ReadFile = (absPath: string) => string | undefined;

/** pip reads `-r https://…` over the network; we never follow URLs. */
function isUrl(target: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(target) && !/^[A-Za-z]:[\\/]/.test(target);
}

function follow(rootPath: string, rootParsed: ParsedDocument, readFile: ReadFile, opts: IncludeOptions): ResolvedIncludes {
  const maxDepth = opts.maxDepth ?? 10;
  const maxFiles = opts.maxFiles ?? 50;
  const files: ResolvedIncludes['files'] = [{ path: rootPath, parsed: rootParsed }];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  const root = path.resolve(rootPath);

  const walk = (file: string, parsed: ParsedDocument, stack: string[], names: string[], rootInc: Include | undefined): void => {
    for (const inc of parsed.includes) {
      const at = rootInc ?? inc;
      const via = rootInc ? ` (via ${names.slice(1).join(' -> ')})` : '';
      const report = (message: string): void => {
        problems.push({ range: at.range, message: message + via, severity: 'warning' });
      };
      if (inc.target === '' || isUrl(inc.target) || inc.target.includes('${')) continue;
      const abs = path.resolve(path.dirname(file), inc.target);
      if (stack.includes(abs)) {
        report(`include cycle: ${[...names, inc.target].join(' -> ')}`);
        continue;
      }
      const key = `${inc.kind}:${abs}`;
      if (seen.has(key)) continue; // diamond: already read by another path
      if (stack.length > maxDepth) {
        report(`includes nested deeper than ${maxDepth}; "${inc.target}" not read`);
        continue;
      }
      if (files.length >= maxFiles) {
        report(`more than ${maxFiles} included files; "${inc.target}" not read`);
        continue;
      }
      let text: string | undefined;
      let why: string | undefined;
      try {
        text = readFile(abs);
      } catch (e) {
        // A reader throws for a file that is there but cannot be read (too large, no permission).
        why = e instanceof Error ? e.message : String(e);
      }
      if (text === undefined) {
        report(why !== undefined ? `included file not read: "${inc.target}" (${why})` : `included file not found: "${inc.target}" (${abs})`);
        continue;
      }
      seen.add(key);
      const child = parseRequirements(text);
      const label = `${inc.kind === 'constraint' ? '-c' : '-r'} ${inc.target}`;
      for (const dep of child.dependencies) {
        dep.section ??= label;
        if (inc.kind === 'constraint') dep.constraintOnly = true;
      }
      files.push({ path: abs, parsed: child });
      walk(abs, child, [...stack, abs], [...names, inc.target], at);
    }
  };
  walk(root, rootParsed, [root], [path.basename(rootPath)], undefined);
  return { files, problems };
}

/**
 * The files a requirements file's `-r`/`-c` lines name, as absolute paths (pip resolves them
 * against the including file's directory). URLs and `${VAR}` targets are not files we read.
 */
export function includeTargets(fromPath: string, includes: readonly Include[]): { path: string; kind: Include['kind'] }[] {
  const out: { path: string; kind: Include['kind'] }[] = [];
  for (const inc of includes) {
    if (inc.target === '' || isUrl(inc.target) || inc.target.includes('${')) continue;
    out.push({ path: path.resolve(path.dirname(uriToPath(fromPath)), inc.target), kind: inc.kind });
  }
  return out;
}

/** Reads the root requirements file and every file it includes, transitively. */
export function resolveIncludes(rootPath: string, readFile: ReadFile, opts: IncludeOptions = {}): ResolvedIncludes {
  let text: string | undefined;
  try {
    text = readFile(path.resolve(rootPath));
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    return {
      files: [],
      problems: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `cannot read ${rootPath}`, severity: 'warning' }],
    };
  }
  return follow(rootPath, parseRequirements(text), readFile, opts);
}

/** For a document already parsed (the editor's unsaved text): problems with its includes only. */
export function checkIncludes(uriOrPath: string, includes: Include[], readFile: ReadFile, opts: IncludeOptions = {}): ParseProblem[] {
  const rootParsed: ParsedDocument = { kind: 'requirements', dependencies: [], problems: [], includes, indexes: [] };
  return follow(uriToPath(uriOrPath), rootParsed, readFile, opts).problems;
}
