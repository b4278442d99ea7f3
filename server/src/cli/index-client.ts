// The CLI's handle on the index client: construction from CLI settings and the report of lookups
// that could not complete. Kept apart so check.ts does not depend on the client's options shape.
import type { Settings } from '../core/settings';
import type { WorkspaceIndex } from '../index/plan';
import * as os from 'node:os';
import { IndexClient, defaultCacheDir, type IncompleteReport } from '../index/client';
import { discoverIndexes, nodeConfigFs, type DiscoveredIndexes } from '../index/config-files';
import { redactText } from '../index/urls';

/**
 * Client log lines a one-shot run must still show: a cache that cannot be written (full disk,
 * read-only) or holds corrupt entries, and an index or OSV URL refused by the trust rules. Status
 * and lookup failures are not among them: incomplete() reports those, one line per cause.
 */
const CLI_WORTHY = /^(cache: |index refused: |OSV refused: )/;

/** The indexes pip / uv would ask from this process's environment and the user's config files. */
export function discoverSystemIndexes(warn?: (m: string) => void): DiscoveredIndexes {
  return discoverIndexes({ env: process.env, platform: process.platform, home: os.homedir(), fs: nodeConfigFs() }, warn);
}

export interface CliIndexClient {
  client: IndexClient;
  /** The lookups of the run that were asked for and could not complete. */
  incomplete(): IncompleteReport;
  close(): Promise<void>;
}

/**
 * The client for one CLI run. (The client itself reads `PIPWATCH_PUBLIC_INDEX_URL`, which the CLI
 * tests use to stand a fake on 127.0.0.1 in for public PyPI.)
 */
export function makeIndexClient(
  settings: Settings,
  cacheDir: string | undefined,
  workspaceIndexes: readonly WorkspaceIndex[],
  discovered?: DiscoveredIndexes,
  stderr?: (line: string) => void,
): CliIndexClient {
  const shown = new Set<string>();
  const client = new IndexClient({
    settings,
    cacheDir: cacheDir ?? defaultCacheDir(),
    workspaceIndexes,
    discovered: discovered ?? discoverSystemIndexes(),
    // The client's log lines are the editor's; the CLI reports lookup failures from incomplete()
    // instead, one line per source and cause, worded for a one-shot run. Only cache and trust
    // warnings pass through (once each, redacted): a full disk must not be silent either.
    log: (level, msg) => {
      if (!stderr || (level !== 'warn' && level !== 'error') || !CLI_WORTHY.test(msg)) return;
      const line = `pipwatch: ${redactText(msg)}`;
      if (shown.has(line) || shown.size > 50) return;
      shown.add(line);
      stderr(line);
    },
  });
  return {
    client,
    incomplete: () => client.incomplete(),
    async close() {
      await client.dispose();
    },
  };
}
