// Files reached through `-r`/`-c`: pip reads them as requirements (or constraints) files whatever
// their name (`-r deps/prod.txt`), so Pipwatch analyses them as such too. The walk starts from
// every file whose format has includes — requirements files, and also conda's `pip:` list, tox
// `deps`, `pip install -r` in a Makefile, Dockerfile, CI job, script or README — because a check
// that never sees the included file protects nothing. Pure over the injected reader; bounded,
// and cycles end because every file is visited once.
import * as path from 'node:path';
import { formatFor } from '../formats/registry';
import { documentKind } from '../parse/document-kind';
import { includeTargets } from '../parse/includes';
import { parseRequirements } from '../parse/requirements';

/** Files read through includes in one walk (pip itself has no limit; a repository rarely has 50). */
export const MAX_INCLUDED_FILES = 500;

/**
 * The include targets of one file, as absolute paths. Requirements files (and files read as
 * such) resolve them next to themselves, as pip does; a format whose commands run from a folder it
 * does not say (`includeBase: 'unknown'`) offers the target next to the file, then at `root`,
 * whichever exists.
 */
export function includesOf(file: string, text: string, asRequirements: boolean, root: string, exists: (p: string) => boolean): string[] {
  const format = asRequirements ? undefined : formatFor(documentKind(file));
  if (!asRequirements && !format?.includeBase) return [];
  const includes = asRequirements ? parseRequirements(text).includes : format!.parse(text, { path: file }).includes;
  if (includes.length === 0) return [];
  const near = includeTargets(file, includes).map((t) => t.path);
  if (asRequirements || format!.includeBase === 'file') return near;
  const atRoot = includeTargets(path.join(root, 'x'), includes).map((t) => t.path);
  return near.flatMap((p, i) => (exists(p) ? [p] : exists(atRoot[i]!) ? [atRoot[i]!] : []));
}

/**
 * The files that `from` include, transitively, that exist and that `known` does not already list
 * (their own name makes them requirements files, or they were given). `from` holds files of any
 * format (read as their name says); what they include is read as requirements. `root` is the
 * project root (where `includeBase: 'unknown'` formats' targets may also be).
 */
export function includedFiles(
  from: readonly string[],
  readFile: (absPath: string) => string | undefined,
  known: (absPath: string) => boolean = () => false,
  root?: string,
): string[] {
  const out: string[] = [];
  const visited = new Set(from);
  const queue = from.map((f) => ({ file: f, asRequirements: documentKind(f) === 'requirements' }));
  const read = (p: string): string | undefined => {
    try {
      return readFile(p);
    } catch {
      return undefined; // unreadable: the include line says why (parse/includes.ts)
    }
  };
  const exists = (p: string): boolean => read(p) !== undefined;
  for (let head = 0; head < queue.length && visited.size <= MAX_INCLUDED_FILES; head++) {
    const { file, asRequirements } = queue[head]!;
    const text = read(file);
    if (text === undefined) continue;
    let targets: string[];
    try {
      targets = includesOf(file, text, asRequirements, root ?? path.dirname(file), exists);
    } catch {
      continue; // a parser bug on one file must not lose the includes of the others
    }
    for (const t of targets) {
      if (visited.has(t)) continue;
      visited.add(t);
      if (!exists(t)) continue; // a missing include is PW001 on the include line
      if (!known(t)) out.push(t);
      queue.push({ file: t, asRequirements: true });
    }
  }
  return out.sort();
}
