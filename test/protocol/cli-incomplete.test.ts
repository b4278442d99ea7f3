// The BUILT CLI when online checks cannot complete (issue 8 §2): a stderr line per source and
// cause, PW002 on each affected dependency (text and json), exit 3 unless --allow-incomplete, and
// exit 1 still winning when findings at --fail-on exist. One-shot wording: nothing "retries".
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { runCli, type CliRun } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

before(() => ensureBuilt());
const locked = fakeIndex({ auth: { username: 'u', password: 'p' } }); // every request answers 401
const pub = fakeIndex();
const tempDir = tempDirs('cli-incomplete');

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

async function check(text: string, indexUrl: string, extra: string[] = []): Promise<CliRun> {
  const work = tempDir({ 'requirements.txt': text });
  return runCli(['check', '--index-url', indexUrl, '--no-osv', '--cache-dir', tempDir(), ...extra, work], {
    cwd: work,
    env: { PIPWATCH_PUBLIC_INDEX_URL: pub.simpleUrl, PIPWATCH_INDEX_USERNAME: '', PIPWATCH_INDEX_PASSWORD: '', NETRC: '/nonexistent' },
  });
}

const CLEAN = `${FIXTURES.active}==2.32.3\n${FIXTURES.yanked}\n`;

describe('CLI: incomplete online checks', () => {
  it('401 from the index: one grouped stderr line, PW002 per dependency, exit 3', async () => {
    const r = await check(CLEAN, locked.simpleUrl);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    const line = new RegExp(
      `^pipwatch: index ${esc(locked.simpleUrl)}: HTTP 401 Unauthorized for 2 of 2 packages \\(requests, yankedpin\\) \\(check credentials\\); those were not fully checked online$`,
      'm',
    );
    assert.match(r.stderr, line);
    assert.doesNotMatch(r.stderr + r.stdout, /retry automatically|paused/);
    const pw002 = r.stdout.split('\n').filter((l) => / hint PW002 /.test(l));
    assert.equal(pw002.length, 2, r.stdout);
    assert.match(pw002[0]!, /^requirements\.txt:1:1: hint PW002 index lookup for 'requests' did not complete: HTTP 401 Unauthorized from index /);
  });

  it('--allow-incomplete: the same report, exit from the findings alone', async () => {
    const r = await check(CLEAN, locked.simpleUrl, ['--allow-incomplete']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /HTTP 401 Unauthorized for 2 of 2 packages/);
  });

  it('findings at --fail-on win: exit 1 although lookups failed', async () => {
    const r = await check(`reqeusts\n${CLEAN}`, locked.simpleUrl);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /HTTP 401 Unauthorized for 3 of 3 packages/);
  });

  it('an unreachable index: exit 3 with the cause, no editor wording', async () => {
    const r = await check(CLEAN, 'http://127.0.0.1:9/simple/');
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^pipwatch: index http:\/\/127\.0\.0\.1:9\/simple\/: unreachable \(ECONNREFUSED\) for 2 of 2 packages \(requests, yankedpin\) \(check the URL and the network\); those were not fully checked online$/m);
    assert.doesNotMatch(r.stderr, /retry automatically/);
  });

  it('--format json: incomplete lookups are PW002 entries with their failures (the array shape is unchanged)', async () => {
    const r = await check(CLEAN, locked.simpleUrl, ['--format', 'json']);
    assert.equal(r.code, 3);
    const arr = JSON.parse(r.stdout) as { code: string; line: number; evidence?: { failures?: { source: string; cause: string; hint?: string }[] } }[];
    assert.ok(Array.isArray(arr));
    const entries = arr.filter((f) => f.code === 'PW002');
    assert.deepEqual(entries.map((e) => e.line), [1, 2]);
    assert.deepEqual(entries[0]!.evidence?.failures, [{ cause: 'HTTP 401 Unauthorized', source: `index ${locked.simpleUrl}`, hint: 'check credentials' }]);
  });

  it('a healthy index: no stderr report, exit 0', async () => {
    const r = await check(CLEAN.replace(`${FIXTURES.yanked}\n`, ''), pub.simpleUrl);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /not fully checked/);
  });

  it('--offline asks nothing and so is never incomplete', async () => {
    const r = await check(CLEAN, locked.simpleUrl, ['--offline']);
    assert.equal(r.code, 0, r.stderr);
  });
});
