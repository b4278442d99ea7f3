// Small builders for index tests: a client wired to fake indexes, a log collector, and polling.
import { IndexClient, type IndexClientOptions, type IndexTuning } from '../../server/src/index/client';
import { normalizeSettings, type Settings } from '../../server/src/core/settings';
import type { FakeIndex } from './server';

export interface LogLine {
  level: string;
  msg: string;
}

export interface ClientSetup {
  /** Settings overrides (merged into `index`). */
  index?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  cacheDir?: string;
  tuning?: IndexTuning;
  now?: () => number;
  workspaceIndexes?: IndexClientOptions['workspaceIndexes'];
  /** The fake that plays public PyPI (defaults to `fake`). */
  publicFake?: FakeIndex;
}

/** A client whose primary index, public PyPI and OSV are the fake; env / netrc isolated. */
export function makeClient(fake: FakeIndex, setup: ClientSetup = {}): { client: IndexClient; logs: LogLine[]; settings: Settings } {
  const logs: LogLine[] = [];
  const settings = normalizeSettings({
    ...setup.settings,
    index: { url: fake.simpleUrl, osvUrl: (setup.publicFake ?? fake).osvUrl, timeoutMs: 2000, ...setup.index },
  });
  const client = new IndexClient({
    settings,
    cacheDir: setup.cacheDir,
    log: (level, msg) => logs.push({ level, msg }),
    now: setup.now,
    workspaceIndexes: setup.workspaceIndexes,
    tuning: {
      publicIndexUrl: (setup.publicFake ?? fake).simpleUrl,
      backoffMs: 20,
      osvWindowMs: 10,
      env: {},
      home: '/nonexistent-home-for-tests',
      ...setup.tuning,
    },
  });
  return { client, logs, settings };
}

/** Poll until `cond` holds (no fixed sleeps). */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
