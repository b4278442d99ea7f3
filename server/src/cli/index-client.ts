// The CLI's handle on the index client: construction from CLI settings and the one-line
// "index unreachable" note. Kept apart so check.ts does not depend on the client's options shape.
import type { Settings } from '../core/settings';
import type { IndexOption } from '../core/types';
import { IndexClient, defaultCacheDir } from '../index/client';

export interface CliIndexClient {
  client: IndexClient;
  /** A one-line reason when the index could not be reached during the run, else undefined. */
  unreachable(): string | undefined;
  close(): Promise<void>;
}

/**
 * The client for one CLI run. (The client itself reads `PIPWATCH_PUBLIC_INDEX_URL`, which the CLI
 * tests use to stand a fake on 127.0.0.1 in for public PyPI.)
 */
export function makeIndexClient(settings: Settings, cacheDir: string | undefined, workspaceIndexes: IndexOption[]): CliIndexClient {
  let lastError: string | undefined;
  const client = new IndexClient({
    settings,
    cacheDir: cacheDir ?? defaultCacheDir(),
    workspaceIndexes: workspaceIndexes.map((i) => ({ kind: i.kind as 'index-url' | 'extra-index-url', url: i.url })),
    // Only the last warning is kept: the CLI prints one line about the index, not one per package.
    log: (level, msg) => {
      if (level === 'error' || level === 'warn') lastError = msg;
    },
  });
  return {
    client,
    unreachable() {
      const s = client.status();
      if (s.state === 'ok' || s.state === 'disabled') return undefined;
      return `package index unavailable (${s.message ?? lastError ?? s.state})`;
    },
    async close() {
      await client.dispose();
    },
  };
}
