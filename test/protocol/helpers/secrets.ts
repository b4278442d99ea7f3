// Assertions shared by the secrets tests: a secret must not appear anywhere a user or another
// program could read it — output, logs, the on-disk cache (file names and contents alike).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Fails naming where the first needle was found, with the text around it. */
export function assertNoSecret(needles: readonly string[], what: string, text: string): void {
  for (const n of needles) assert.ok(!text.includes(n), `${what} contains the secret (${n}):\n${text.slice(Math.max(0, text.indexOf(n) - 300), text.indexOf(n) + 200)}`);
}

/** Every cache file's name and content (keys and facts must not hold credentials either). */
export function cacheText(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${e.name}: ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out.join('\n');
}
