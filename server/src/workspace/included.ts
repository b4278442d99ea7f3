// Files reached through `-r`/`-c` lines: pip reads them as requirements (or constraints) files
// whatever their name (`-r deps/prod.txt`), so Pipwatch analyses them as such too. Pure over the
// injected reader; bounded, and cycles end because every file is visited once.
import { parseRequirements } from '../parse/requirements';
import { includeTargets } from '../parse/includes';

/** Files read through includes in one walk (pip itself has no limit; a repository rarely has 50). */
export const MAX_INCLUDED_FILES = 500;

/**
 * The files that `from` (requirements files) include, transitively, that exist and that `known`
 * does not already list (their own name makes them requirements files, or they were given).
 */
export function includedFiles(
  from: readonly string[],
  readFile: (absPath: string) => string | undefined,
  known: (absPath: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  const visited = new Set(from);
  const queue = [...from];
  for (let head = 0; head < queue.length && visited.size <= MAX_INCLUDED_FILES; head++) {
    const file = queue[head] as string;
    const text = readFile(file);
    if (text === undefined) continue;
    for (const t of includeTargets(file, parseRequirements(text).includes)) {
      if (visited.has(t.path)) continue;
      visited.add(t.path);
      if (readFile(t.path) === undefined) continue; // a missing include is PW001 on the include line
      if (!known(t.path)) out.push(t.path);
      queue.push(t.path);
    }
  }
  return out.sort();
}
