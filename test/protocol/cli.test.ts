// The BUNDLED CLI (dist/cli.js) run as a child process on fixture folders: output format, exit
// codes, usage errors, --offline making no request, and an online run against the fake index.
// `npm test` builds first; when this file runs alone and dist/ is missing or older than the
// sources, it runs `node scripts/build.mjs` itself.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliRun } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, ROOT } from './helpers/lsp-client';

const FIX = path.join(ROOT, 'test/fixtures/cli');
const tempDir = tempDirs('cli');

/** Runs the CLI from `cwd` (default: the fixtures folder, so paths print short). */
const cli = (args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> => runCli(args, { cwd: opts.cwd ?? FIX, env: opts.env });

const lines = (s: string): string[] => s.split('\n').filter((l) => l.length > 0);

before(() => ensureBuilt());

describe('pipwatch check --offline (text)', () => {
  it('typos fixture: exit 1 and one exact line per finding, sorted by path and position', async () => {
    const r = await cli(['check', '--offline', 'typos']);
    assert.equal(r.code, 1, r.stderr);
    // Exact `path:line:col: severity code ` prefixes; messages (worded by each rule) by their key facts.
    const expected: [string, RegExp][] = [
      [`typos/app.py:2:8: warning PW101 `, /^'seaborm' looks like a typo of 'seaborn' \(.*#589 on PyPI\)/],
      [`typos/pyproject.toml:5:6: warning PW102 `, /^'sklearn' is an import name.*'scikit-learn'/],
      [`typos/pyproject.toml:6:6: error PW101 `, /^'pandsa' looks like a typo of 'pandas' \(#37 on PyPI\): two letters swapped$/],
      [`typos/requirements.txt:1:1: error PW101 `, /^'reqeusts' looks like a typo of 'requests' \(#6 on PyPI\): two letters swapped$/],
      [`typos/requirements.txt:3:4: warning PW001 `, /^included file not found: "missing-base\.txt"/],
    ];
    const out = lines(r.stdout);
    assert.equal(out.length, expected.length, r.stdout);
    expected.forEach(([prefix, message], i) => {
      const line = out[i] as string;
      assert.ok(line.startsWith(prefix), `line ${i}: ${line}`);
      assert.match(line.slice(prefix.length), message);
    });
    assert.match(r.stderr, /5 findings \(2 errors, 3 warnings\) in 3 files/);
  });

  it('clean fixture: exit 0 and no output lines', async () => {
    const r = await cli(['check', '--offline', 'clean']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no findings in 5 files/);
  });

  it('a single file argument, with paths printed relative to the working directory', async () => {
    const r = await cli(['check', '--offline', path.join(FIX, 'typos', 'requirements.txt')], { cwd: path.join(FIX, 'typos') });
    assert.equal(r.code, 1);
    assert.ok(lines(r.stdout)[0]!.startsWith('requirements.txt:1:1: error PW101 '), r.stdout);
  });

  it('--fail-on error fails on errors only; --fail-on never never fails', async () => {
    assert.equal((await cli(['check', '--offline', '--fail-on', 'error', 'typos'])).code, 1);
    // The clean fixture plus a warning-only file: warnings do not fail at --fail-on error.
    const dir = tempDir({ 'requirements.txt': 'sklearn\n' });
    assert.equal((await cli(['check', '--offline', '--fail-on', 'error', dir])).code, 0);
    assert.equal((await cli(['check', '--offline', dir])).code, 1, 'default --fail-on warning');
    assert.equal((await cli(['check', '--offline', '--fail-on=never', 'typos'])).code, 0);
  });
});

describe('bad input', () => {
  it('skips a file over the size cap with a note, survives binary and huge-line files', async () => {
    const dir = tempDir({
      'requirements.txt': 'flask\n'.repeat(1_100_000), // 6.6 MB
      'requirements-long.txt': 'a'.repeat(100_000) + '\nreqeusts\n',
    });
    writeFileSync(path.join(dir, 'blob.py'), Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)));
    const r = await cli(['check', '--offline', dir], { cwd: dir });
    assert.match(r.stderr, /requirements\.txt: larger than 5 MB, skipped/);
    assert.ok(lines(r.stdout).some((l) => l.startsWith('requirements-long.txt:2:1: error PW101 ')), r.stdout);
    assert.equal(r.code, 1);
  });

  it('what is not read is said: a file over the cap is a PW001 finding (text and JSON), an include over it says why, a dangling link is named, the summary counts them', async () => {
    const dir = tempDir({
      'requirements-big.txt': 'reqeusts\n' + 'flask\n'.repeat(1_100_000), // 6.6 MB, with a typo no one sees
      'requirements.txt': 'flask\n-r deps/huge.txt\n',
      'deps/huge.txt': 'flask\n'.repeat(1_100_000),
    });
    symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'requirements-dev.txt'));
    const r = await cli(['check', '--offline', '.'], { cwd: dir });
    assert.deepEqual(lines(r.stdout), [
      'requirements-big.txt:1:1: warning PW001 File not checked: larger than 5 MB.',
      'requirements.txt:2:4: warning PW001 included file not read: "deps/huge.txt" (larger than 5 MB)',
    ]);
    assert.match(r.stderr, /^pipwatch: requirements-dev\.txt: not checked: a link to nowhere \(ENOENT\)$/m);
    assert.match(r.stderr, /in 1 file; 2 not checked \(see above\)$/m);
    assert.equal(r.code, 1);
    const j = await cli(['check', '--offline', '--format', 'json', '.'], { cwd: dir });
    const unread = (JSON.parse(j.stdout) as { path: string; code: string }[]).filter((f) => f.path === 'requirements-big.txt');
    assert.deepEqual(unread.map((f) => f.code), ['PW001']);
  });
});

describe('pipwatch check --format json', () => {
  it('is an array with position, severity, code, message, the preferred fix and evidence', async () => {
    const r = await cli(['check', '--offline', '--format', 'json', 'typos']);
    assert.equal(r.code, 1);
    const arr = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(arr.length, 5);
    const reqeusts = arr.find((f) => f.path === path.join('typos', 'requirements.txt') && f.code === 'PW101');
    assert.ok(reqeusts);
    assert.deepEqual(
      { line: reqeusts.line, column: reqeusts.column, endLine: reqeusts.endLine, endColumn: reqeusts.endColumn, severity: reqeusts.severity, fix: reqeusts.fix },
      { line: 1, column: 1, endLine: 1, endColumn: 9, severity: 'error', fix: 'requests' },
    );
    assert.equal((reqeusts.evidence as { target?: string }).target, 'requests');
    for (const f of arr) for (const k of ['path', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']) assert.ok(k in f, k);
  });

  it('an empty array on the clean fixture', async () => {
    const r = await cli(['check', '--offline', '--format=json', 'clean']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});

describe('usage', () => {
  const bad: [string[], RegExp][] = [
    [['check', '--bogus', 'typos'], /unknown option '--bogus'/],
    [['check', '--offline'], /no files or folders/],
    [['check', '--offline', 'no-such-dir'], /no such file or directory: no-such-dir/],
    [['check', '--format', 'xml', 'typos'], /--format must be text or json/],
    [['check', '--fail-on', 'sometimes', 'typos'], /--fail-on must be one of/],
    [['check', '--index-url'], /--index-url needs a value/],
    [['check', '--index-url', 'ftp://x/', 'typos'], /not an http\(s\) URL/],
    [['lint', 'typos'], /unknown command 'lint'/],
    [[], /missing command/],
  ];
  for (const [args, msg] of bad) {
    it(`exit 2: ${args.join(' ') || '(no arguments)'}`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, msg);
    });
  }

  it('--help prints the usage and exits 0; --version prints the package version', async () => {
    const h = await cli(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: pipwatch check \[options\] <files or folders\.\.\.>/);
    const v = await cli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^pipwatch \d+\.\d+\.\d+\n$/);
  });
});

describe('pipwatch check against the fake index', () => {
  const fake = fakeIndex();
  let cacheDir = '';
  let work = '';
  before(() => {
    cacheDir = tempDir();
    work = tempDir({ 'requirements.txt': 'requests==2.32.3\ndefinitely-not-a-real-package-xyz\n' });
  });
  // Public PyPI (asked for dependency confusion) is the fake too: no request leaves 127.0.0.1.
  const env = (): NodeJS.ProcessEnv => ({ PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl });
  const online = (): string[] => ['--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', cacheDir];

  it('--offline makes no request even with an index configured', async () => {
    fake.reset();
    const r = await cli(['check', '--offline', ...online(), 'typos'], { env: env() });
    assert.equal(r.code, 1);
    assert.equal(fake.requests.length, 0);
  });

  it('an online run shows an index finding (PW201 not on the index) on the right line', async () => {
    fake.reset();
    const r = await cli(['check', ...online(), work], { cwd: work, env: env() });
    assert.equal(r.code, 1, r.stderr);
    const out = lines(r.stdout);
    assert.ok(out.some((l) => l.startsWith('requirements.txt:2:1: error PW201 ')), r.stdout + r.stderr);
    assert.ok(!out.some((l) => l.startsWith('requirements.txt:1:')), 'requests is fine');
    assert.ok(fake.requests.length > 0);
  });

  it('index URLs named in a requirements file are used only with --trust-workspace-indexes', async () => {
    const dead = 'http://127.0.0.1:9/simple/';
    const dir = tempDir({ 'requirements.txt': `--index-url ${fake.simpleUrl}\ndefinitely-not-a-real-package-xyz\n` });
    // Its own cache: the earlier online test cached this name's answer from the same fake.
    const base = ['check', '--index-url', dead, '--no-osv', '--cache-dir', path.join(dir, '.cache'), dir];
    fake.reset();
    const untrusted = await cli(base, { env: { PIPWATCH_PUBLIC_INDEX_URL: dead } });
    assert.match(untrusted.stderr, /^pipwatch: index http:\/\/127\.0\.0\.1:\d+\/simple\/ named in \S*requirements\.txt --index-url ignored: untrusted workspace \(pass --trust-workspace to use it\)$/m);
    assert.ok(!/PW201/.test(untrusted.stdout), untrusted.stdout);
    assert.equal(fake.requests.length, 0, 'the workspace URL was not contacted');
    const trusted = await cli([...base, '--trust-workspace-indexes'], { env: { PIPWATCH_PUBLIC_INDEX_URL: dead } });
    assert.match(trusted.stdout, /requirements\.txt:2:1: error PW201 /);
    assert.ok(fake.requests.length > 0);
  });

  it('an unreachable index: one line on stderr, offline findings still printed, exit from the findings', async () => {
    // Issue 8 §2: the line names the cause in one-shot wording, and PW002 hints mark the unchecked dependencies.
    const dead = 'http://127.0.0.1:9/simple/';
    const r = await cli(['check', '--index-url', dead, '--no-osv', '--cache-dir', cacheDir, 'typos'], {
      env: { PIPWATCH_PUBLIC_INDEX_URL: dead },
    });
    assert.equal(r.code, 1);
    assert.equal(lines(r.stdout).filter((l) => !/ hint PW002 /.test(l)).length, 5);
    assert.ok(lines(r.stdout).some((l) => / hint PW002 /.test(l)), r.stdout);
    assert.equal(lines(r.stderr).filter((l) => /^pipwatch: index http:\/\/127\.0\.0\.1:9\/simple\/: unreachable \(ECONNREFUSED\) for 5 of 5 packages/.test(l)).length, 1, r.stderr);
  });
});
