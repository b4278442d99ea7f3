#!/usr/bin/env node
// End-to-end tier: the packaged .vsix inside a real VS Code (the server shipped in code-server's
// npm package) driven by headless Chromium. Runs test/e2e's Mocha suite in the extension host,
// then one screen-level check (open a file through the UI, hover the squiggle, screenshot).
// How and why: ../shared/docs/real-vscode-e2e.md. Skip only with PIPWATCH_SKIP_E2E=1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screenLevelCheck } from '../test/e2e/screen.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.PIPWATCH_E2E_CACHE ?? join(ROOT, '.cache', 'e2e');
const RESULTS = join(ROOT, 'test-results');
const TIMEOUT_MS = Number(process.env.PIPWATCH_E2E_TIMEOUT_MS ?? 5 * 60_000);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (m) => console.log(`e2e: ${m} [${elapsed()}]`);

if (process.env.PIPWATCH_SKIP_E2E === '1') {
  console.log('\n=== e2e: SKIPPED (PIPWATCH_SKIP_E2E=1) — the real-VS Code tier did not run ===\n');
  process.exit(0);
}

const cleanups = [];
let finished = false;
// Set as the run proceeds; fail() reports whatever exists so far.
let dirs;
let tmp;
let serverLog;
let currentPage;
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // best effort: everything is being torn down
    }
  }
}
async function fail(msg, page) {
  if (finished) return;
  finished = true;
  console.error(`\ne2e: FAILED: ${msg} [${elapsed()}]`);
  if (page) {
    mkdirSync(RESULTS, { recursive: true });
    const shot = join(RESULTS, 'e2e-failure.png');
    await page.screenshot({ path: shot, timeout: 10_000 }).then(
      () => console.error(`e2e: screenshot: ${shot}`),
      () => undefined,
    );
  }
  printLogs();
  await cleanup();
  process.exit(1);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void fail(`interrupted (${sig})`));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

async function main() {
  // ---- 1. prerequisites, bundle, package --------------------------------------------------------
  say('setup (scripts/setup-e2e.sh)');
  try {
    // A hung apt or npm must not hang CI: the cold install takes ~2-3 minutes.
    run('bash', [join(ROOT, 'scripts', 'setup-e2e.sh')], { timeout: 15 * 60_000 });
  } catch {
    console.error('e2e: FAILED: prerequisites could not be installed (see above). PIPWATCH_SKIP_E2E=1 skips this tier.');
    process.exit(1);
  }
  // `npm test` installs the prerequisites first (they include Neovim, used by the protocol tier).
  if (process.argv.includes('--setup-only')) {
    say('prerequisites ready');
    return;
  }
  const paths = JSON.parse(readFileSync(join(CACHE, 'paths.json'), 'utf8'));
  const deadline = setTimeout(() => void fail(`overall timeout of ${TIMEOUT_MS / 1000}s exceeded`, currentPage), TIMEOUT_MS);
  deadline.unref();

  say('bundle (scripts/build.mjs) and package (vsce)');
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  const vsix = join(CACHE, 'pipwatch-e2e.vsix');
  rmSync(vsix, { force: true });
  // vsce walks every file under its cwd before applying .vscodeignore, including the ~600 MB of
  // code-server in .cache/: package from a copy of the tree without the heavy, never-shipped
  // folders. Same manifest, same .vscodeignore, same bundles, so the same .vsix as `npm run package`.
  const staging = mkdtempSync(join(tmpdir(), 'pipwatch-package-'));
  const SKIP_TOP = new Set(['.git', 'node_modules', '.cache', 'test-results', 'out', '.vscode-test']);
  cpSync(ROOT, staging, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(ROOT.length + 1);
      const top = rel.split('/')[0];
      return rel === '' || !(SKIP_TOP.has(top) || top.startsWith('.scratch'));
    },
  });
  run(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], {
    cwd: staging,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  rmSync(staging, { recursive: true, force: true });
  say(`packaged ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`);

  // ---- 2. fresh dirs, the installed vsix, settings ----------------------------------------------
  tmp = mkdtempSync(join(tmpdir(), 'pipwatch-e2e-'));
  cleanups.push(() => (process.env.PIPWATCH_E2E_KEEP ? say(`kept ${tmp}`) : rmSync(tmp, { recursive: true, force: true })));
  dirs = Object.fromEntries(['user', 'server', 'extensions', 'browser'].map((d) => [d, join(tmp, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const node24 = paths.node;
  const env24 = {
    ...process.env,
    PATH: `${dirname(node24)}:${process.env.PATH}`,
    // code-server's gallery defaults to open-vsx.org; point it at a closed local port so the
    // run makes no request (nor DNS lookup) beyond 127.0.0.1.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  };

  run(node24, [paths.codeServerBin, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.user], {
    env: env24,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const installed = readdirSync(dirs.extensions).find((d) => d.startsWith('pipwatch.pipwatch-'));
  if (!installed) await fail(`--install-extension left no pipwatch.pipwatch-* in ${dirs.extensions}`);
  const extDir = join(dirs.extensions, installed);
  say(`installed ${installed}`);

  // The fake index (test/fake-index) serves Simple/JSON/OSV on 127.0.0.1 when it exists.
  let fakeIndex;
  const fakeIndexPath = join(ROOT, 'test', 'fake-index', 'server.ts');
  if (existsSync(fakeIndexPath)) {
    const { tsImport } = await import('tsx/esm/api');
    const mod = await tsImport(fakeIndexPath, import.meta.url);
    fakeIndex = await mod.startFakeIndex();
    cleanups.push(() => fakeIndex.close());
    say(`fake index at ${fakeIndex.url}`);
  } else {
    say('no test/fake-index/server.ts: index-backed case will be skipped (pipwatch.offline: true)');
  }

  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'files.autoSave': 'off',
    // Keep the screenshot about the editor: no chat panel or AI affordances.
    'chat.disableAIFeatures': true,
    // The terminal case (08-terminal) needs VS Code's shell integration; on by default, said here
    // so a changed default cannot quietly turn the case into a timeout.
    'terminal.integrated.shellIntegration.enabled': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // Offline by default; the index-backed case switches lookups on at run time (a workspace
    // setting), and the URLs point at the fake index so nothing can ever reach the internet.
    'pipwatch.offline': true,
    'pipwatch.index.url': fakeIndex ? (fakeIndex.simpleUrl ?? fakeIndex.url) : 'http://127.0.0.1:9/simple/',
    'pipwatch.index.osvUrl': fakeIndex ? fakeIndex.osvUrl : 'http://127.0.0.1:9',
    'pipwatch.index.timeoutMs': 5000,
  };
  // The browser window's user settings are <user-data-dir>/User/settings.json; machine-scoped and
  // machine-overridable settings (the index URLs) count only from the remote machine settings,
  // <user-data-dir>/Machine/settings.json, in a remote window.
  for (const f of [join(dirs.user, 'User', 'settings.json'), join(dirs.user, 'Machine', 'settings.json')]) {
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, JSON.stringify(settings, null, 2));
  }

  function workspaceCopy(name) {
    const ws = join(tmp, name);
    cpSync(join(ROOT, 'test', 'e2e', 'workspace'), ws, { recursive: true });
    return ws;
  }
  const suiteWorkspace = workspaceCopy('workspace-suite');
  const screenWorkspace = workspaceCopy('workspace-screen');

  // ---- 3. the VS Code server --------------------------------------------------------------------
  const port = await freePort();
  serverLog = join(tmp, 'server.log');
  const logFd = openSync(serverLog, 'a');
  const vscodeServer = spawn(
    node24,
    [
      paths.serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--user-data-dir', dirs.user,
      '--server-data-dir', dirs.server,
      '--extensions-dir', dirs.extensions,
    ],
    {
      cwd: tmp,
      detached: true, // own process group: the extension host and language server die with it
      stdio: ['ignore', logFd, logFd],
      env: {
        ...env24,
        PIPWATCH_E2E: '1',
        PIPWATCH_E2E_EXTENSION_DIR: extDir,
        PIPWATCH_E2E_FAKE_INDEX: fakeIndex ? fakeIndex.url : '',
        // With a non-PyPI primary index the client also asks public PyPI (dependency confusion,
        // OSV routing); the fake stands in for it too, so no lookup leaves the machine and none is
        // left incomplete (PW002) by an unreachable pypi.org.
        PIPWATCH_PUBLIC_INDEX_URL: fakeIndex ? (fakeIndex.simpleUrl ?? fakeIndex.url) : 'http://127.0.0.1:9/simple/',
        // The server asks the indexes pip and uv would ask: the machine's own pip.conf / uv.toml
        // must not leak into the test (pip's documented off switch, uv's UV_NO_CONFIG).
        PIP_CONFIG_FILE: '/dev/null',
        UV_NO_CONFIG: '1',
        PIP_INDEX_URL: '',
        PIP_EXTRA_INDEX_URL: '',
        UV_INDEX: '',
        UV_DEFAULT_INDEX: '',
        UV_INDEX_URL: '',
        UV_EXTRA_INDEX_URL: '',
      },
    },
  );
  cleanups.push(() => killGroup(vscodeServer));
  vscodeServer.on('exit', (code, sig) => {
    if (!finished) void fail(`VS Code server exited early (${code ?? sig})`, currentPage);
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/version`, 60_000);
  say(`VS Code server ${await (await fetch(`${base}/version`)).text()} on ${base}`);

  // ---- 4. the browser and the suite -------------------------------------------------------------
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(dirs.browser, {
    executablePath: paths.chromium,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => context.close());

  const page = context.pages()[0] ?? (await context.newPage());
  currentPage = page;
  const suiteDone = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  // test/e2e/index.js prefixes every line of the Mocha report with MARK; the workbench's own
  // console chatter is shown only with PIPWATCH_E2E_VERBOSE=1.
  const MARK = '[e2e] ';
  // Counts from Mocha's report, for the closing summary line (the screen check adds one).
  const mocha = { passing: 0, failing: 0 };
  page.on('console', (msg) => {
    const text = msg.text();
    const at = text.indexOf(MARK);
    if (at >= 0) {
      const line = text.slice(at + MARK.length);
      console.log(line);
      const m = /^\s*(\d+) (passing|failing)\b/.exec(line);
      if (m) mocha[m[2]] = Number(m[1]);
    }
    else if (process.env.PIPWATCH_E2E_VERBOSE) console.log(`[browser ${msg.type()}] ${text}`);
  });
  page.on('pageerror', (err) => process.env.PIPWATCH_E2E_VERBOSE && console.log(`[page error] ${err.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  // VS Code runs extensionTestsPath only together with extensionDevelopmentPath; pointing the latter
  // at the installed copy keeps the code under test exactly what the .vsix unpacked to.
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(join(ROOT, 'test', 'e2e', 'index.js'))],
  ];
  const url = `${base}/?folder=${encodeURIComponent(suiteWorkspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say('opening the workbench; Mocha report follows');
  await page.goto(url);
  const code = await suiteDone;
  say(`suite finished with exit code ${code}`);
  if (code !== 0) await fail(`the e2e Mocha suite failed (exit code ${code})`, page);
  await page.close();

  // ---- 5. screen level --------------------------------------------------------------------------
  const screenPage = await context.newPage();
  currentPage = screenPage;
  try {
    const shot = await screenLevelCheck(screenPage, `${base}/?folder=${encodeURIComponent(screenWorkspace)}`, RESULTS, say);
    say(`screen-level check passed; screenshot ${shot}`);
  } catch (err) {
    await fail(`screen-level check: ${err instanceof Error ? err.message : String(err)}`, screenPage);
  }

  finished = true;
  await cleanup();
  say('PASSED');
  // A plain closing line that CI can read: the suite's cases plus the screen-level check.
  console.log(`e2e: ${mocha.passing + 1} passed, ${mocha.failing} failed`);
  process.exit(0);
}

main().catch((err) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err), currentPage));

// ---- helpers ----------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
}

async function waitForHttp(u, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(u, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) await fail(`VS Code server did not answer ${u} within ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM to the child's process group, SIGKILL if it is still there after 5 s. */
function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return undefined;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      signal('SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signal('SIGTERM');
  });
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

function printLogs() {
  if (!dirs || !tmp) return;
  console.error(`\n--- VS Code server log (tail) ---\n${tail(serverLog, 40)}`);
  const logDirs = [join(dirs.user, 'logs'), join(dirs.server, 'data', 'logs')];
  for (const f of logDirs.flatMap((d) => findFiles(d, /(remoteexthost|exthost)\.log$|Pipwatch\.log$/))) {
    console.error(`\n--- ${f.slice(tmp.length + 1)} (tail) ---\n${tail(f, 40)}`);
  }
}
