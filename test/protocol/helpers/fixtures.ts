// Set-up shared by protocol tests, so each file says only what its tests are about: temporary
// folders (optionally filled with files) removed when the file's tests end, and fake indexes on
// 127.0.0.1 started before them and closed after. Call both at the top of a test file (or of a
// describe): they register node:test `before` / `after` hooks where they are called.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { startFakeIndex, type FakeIndex, type FakeIndexOptions } from '../../fake-index/server';

/** Writes `files` (path relative to `root` -> text) under `root`, making folders as needed. */
export function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

/**
 * A maker of fresh temporary folders named `pipwatch-<prefix>-…`, each filled with `files` when
 * given; all of them are removed after the tests of the scope that called `tempDirs`.
 */
export function tempDirs(prefix: string): (files?: Record<string, string>) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (files = {}) => {
    const d = mkdtempSync(path.join(tmpdir(), `pipwatch-${prefix}-`));
    made.push(d);
    return writeTree(d, files);
  };
}

/**
 * A fake index started before the tests of the calling scope and closed after them. What is
 * returned stands for it: it may be read only inside tests and hooks (before the `before` hook has
 * run it throws rather than hand out an undefined URL). `opts` as a function is evaluated in the
 * hook, for data built from the time of the run.
 */
export function fakeIndex(opts: FakeIndexOptions | (() => FakeIndexOptions) = {}): FakeIndex {
  let started: FakeIndex | undefined;
  before(async () => {
    started = await startFakeIndex(typeof opts === 'function' ? opts() : opts);
  });
  after(async () => {
    await started?.close();
  });
  const current = (key: PropertyKey): FakeIndex => {
    if (!started) throw new Error(`fake index read (.${String(key)}) before its before() hook ran`);
    return started;
  };
  // Reads, `in` and spreads (`{ ...fake, simpleUrl: dead }`) all see the started fake.
  return new Proxy({} as FakeIndex, {
    get(_target, key) {
      const f = current(key);
      const v: unknown = Reflect.get(f, key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(f) : v;
    },
    has: (_target, key) => key in current(key),
    ownKeys: () => Reflect.ownKeys(current('ownKeys')),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(current(key), key);
      return d && { ...d, configurable: true };
    },
  });
}
