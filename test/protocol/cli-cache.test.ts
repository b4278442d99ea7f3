// The BUILT CLI over a tampered cache (issue 8 §5): cache files with a valid envelope around bad
// data once crashed it with an unhandled rejection. Now every tampered entry is refetched and the
// output equals a cold run. And whatever escapes anyway ends in one clear line and exit 4, never
// a stack dump or exit 0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, ROOT } from './helpers/lsp-client';

before(() => ensureBuilt());
const fake = fakeIndex();
const tempDir = tempDirs('cli-cache');

const TEXT = `${FIXTURES.active}==2.32.3\n${FIXTURES.vulnerable}==${FIXTURES.vulnerableVersion}\n${FIXTURES.missing}\n${FIXTURES.yanked}==${FIXTURES.yankedPinned}\n`;

function tamperAll(cache: string, f: (entry: Record<string, unknown>, text: string) => string): number {
  const dir = path.join(cache, 'index-v1');
  let n = 0;
  for (const name of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    writeFileSync(path.join(dir, name), f(JSON.parse(text) as Record<string, unknown>, text));
    n++;
  }
  return n;
}

describe('CLI over a tampered cache', () => {
  const variants: [string, (e: Record<string, unknown>, text: string) => string][] = [
    ['null data', (e) => JSON.stringify({ ...e, data: null })],
    ['found with null value', (e) => JSON.stringify({ ...e, data: { state: 'found', value: null } })],
    ['wrong types', (e) => JSON.stringify({ ...e, data: { state: 'found', value: { name: 5, files: 'x', versions: {}, releases: [] } } })],
    ['truncated JSON', (_e, text) => text.slice(0, text.length - 7)],
  ];
  for (const [what, tamper] of variants) {
    it(`${what}: same findings and exit status as a cold run, no crash`, async () => {
      const work = tempDir({ 'requirements.txt': TEXT });
      const cache = tempDir();
      const args = ['check', '--format', 'json', '--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', cache, work];
      const env = { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl };
      const cold = await runCli(args, { cwd: work, env });
      assert.equal(cold.code, 1, cold.stderr);
      assert.ok(tamperAll(cache, tamper) > 5);
      const again = await runCli(args, { cwd: work, env });
      assert.doesNotMatch(again.stderr, /internal error|Unhandled|    at /, again.stderr);
      assert.equal(again.code, cold.code, again.stderr);
      assert.deepEqual(JSON.parse(again.stdout), JSON.parse(cold.stdout));
    });
  }
});

describe('CLI with a cache it cannot write', () => {
  // A full or read-only disk: the run still checks everything (memory-only cache) and says so on
  // stderr once, instead of silently losing the cache. A regular file as the cache directory fails
  // every write even for root, like ENOSPC does.
  it('checks online from memory and prints one cache line', async () => {
    const work = tempDir({ 'requirements.txt': TEXT });
    const blocker = path.join(tempDir({ 'not-a-dir': 'x' }), 'not-a-dir');
    const args = ['check', '--format', 'json', '--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', path.join(blocker, 'cache'), work];
    const r = await runCli(args, { cwd: work, env: { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl } });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => /^pipwatch: cache: cannot write /.test(l));
    assert.equal(lines.length, 1, r.stderr);
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code);
    assert.ok(codes.includes('PW201') && codes.includes('PW204'), codes.join(','));
  });
});

describe('CLI crash handlers', () => {
  // Loads the CLI's sources and raises a failure outside every try/catch, as a bug would.
  const crash = (how: string): ReturnType<typeof spawnSync> =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `const m = require('./server/src/cli/main.ts'); m.installCrashHandlers(); ${how}`],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
  for (const [what, how] of [
    ['an unhandled rejection', `Promise.reject(new Error('boom at https://u:hunter2@idx.example/simple/'));`],
    ['an uncaught exception', `setTimeout(() => { throw new TypeError('bang at https://u:hunter2@idx.example/simple/'); }, 1);`],
  ] as const) {
    it(`${what}: one clear line, exit 4, no stack, no secret`, () => {
      const r = crash(how);
      assert.equal(r.status, 4, `${r.stdout}${r.stderr}`);
      const err = String(r.stderr);
      assert.match(err, /^pipwatch: internal error: (Type)?Error: b(oom|ang) at https:\/\/\*\*\*@idx\.example\/simple\/ \(a bug: please report it; set PIPWATCH_DEBUG=1 for details\)\n$/);
      assert.doesNotMatch(err, /hunter2|    at /);
    });
  }
});
