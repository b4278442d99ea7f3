// The file names of every format Pipwatch reads, shared by the server (documentKind, folder scan,
// file watchers) and the VS Code client (document selector, status filter). One data file
// (formats.json) is the only list; everything here derives from it. Pure: no Node or VS Code
// imports, so both bundles can take it (the client must not import server internals).
import data from './formats.json';

export interface FormatFiles {
  /** A DocumentKind id (server/src/core/types.ts). */
  id: string;
  /** Globs (VS Code DocumentFilter syntax) of the files this format reads. */
  patterns: string[];
  /** Globs that win over `patterns` (setuptools' MANIFEST.in is not a pip-tools input); the language id may still decide. */
  exclude?: string[];
  /** The globs VS Code gives the language to (package.json); defaults to `patterns`. */
  languagePatterns?: string[];
  /** Language ids that mean this format when the file name says nothing (untitled buffers). */
  languageIds: string[];
}

export const FORMAT_FILES: readonly FormatFiles[] = (data as { formats: FormatFiles[] }).formats;

/**
 * A glob as a regular expression over a `/`-separated path, matched case-insensitively (file
 * systems on Windows and macOS are, and `Requirements.txt` is still a requirements file).
 * Supports `**`, `*`, `?`, `{a,b}` (one level) and `[abc]`/`[!abc]`, as VS Code's glob does.
 * Every construct is a bounded character class, so matching is linear in practice.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more whole directories; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{' && !inBraces) {
      inBraces = true;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

interface Compiled {
  id: string;
  include: RegExp[];
  exclude: RegExp[];
}

let compiled: Compiled[] | undefined;

function compile(): Compiled[] {
  compiled ??= FORMAT_FILES.map((f) => ({ id: f.id, include: f.patterns.map(globToRegExp), exclude: (f.exclude ?? []).map(globToRegExp) }));
  return compiled;
}

/** `/`-separated form of a path: `C:\p\requirements.txt` -> `C:/p/requirements.txt`. */
function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * The format a path's name says it is: the first format (in data order) with a matching pattern
 * and no matching `exclude`; undefined when none (the language id may then decide).
 */
export function matchPath(filePath: string): string | undefined {
  const p = slashes(filePath);
  return compile().find((c) => c.include.some((re) => re.test(p)) && !c.exclude.some((re) => re.test(p)))?.id;
}

/** The format a language id means, for names no pattern matches. */
export function formatOfLanguage(languageId: string | undefined): string | undefined {
  if (!languageId) return undefined;
  return FORMAT_FILES.find((f) => f.languageIds.includes(languageId))?.id;
}

/** Every pattern of every format (server file watchers, client selector). */
export function allPatterns(ids?: readonly string[]): string[] {
  return FORMAT_FILES.filter((f) => !ids || ids.includes(f.id)).flatMap((f) => f.patterns);
}

/** Every language id any format claims. */
export function allLanguageIds(): string[] {
  return [...new Set(FORMAT_FILES.flatMap((f) => f.languageIds))];
}
