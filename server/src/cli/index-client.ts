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
 * `PIPWATCH_PUBLIC_INDEX_URL` replaces public PyPI's Simple URL (the one asked for dependency
 * confusion when a private index is configured). It exists so tests can point every lookup at a
 * fake index on 127.0.0.1 and make no request to the internet.
 */
export function makeIndexClient(
  settings: Settings,
  cacheDir: string | undefined,
  workspaceIndexes: IndexOption[],
  env: NodeJS.ProcessEnv = process.env,
): CliIndexClient {
  let lastError: string | undefined;
  const publicIndexUrl = env.PIPWATCH_PUBLIC_INDEX_URL;
  const client = new IndexClient({
    settings,
    cacheDir: cacheDir ?? defaultCacheDir(),
    workspaceIndexes: workspaceIndexes.map((i) => ({ kind: i.kind as 'index-url' | 'extra-index-url', url: i.url })),
    // Only the last warning is kept: the CLI prints one line about the index, not one per package.
    log: (level, msg) => {
      if (level === 'error' || level === 'warn') lastError = msg;
    },
    ...(publicIndexUrl ? { tuning: { publicIndexUrl } } : {}),
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
