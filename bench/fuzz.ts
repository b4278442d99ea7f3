// Robustness measurement (issue 8, "Measure after"): `node --import tsx bench/fuzz.ts [--files N]
// [--seed S] [--no-index]`. Part 1 fuzzes N generated/mutated files (bench/fuzz-cases.ts) through
// analyzeOffline in a child process with a per-file timeout (a case that overruns kills the child,
// counts as a hang and the run resumes at the next case). Part 2 runs the BUILT CLI (dist/cli.js)
// against the fake index with each of its faults (slow drip, oversized, invalid JSON, redirect
// loop, 401, reset…) and counts crashes (exit 4, a signal, a stack trace) and hangs. Prints a
// Markdown table for the README's "Robustness" section.
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { caseAt, formatUris, realCorpus, runCase, type CaseOptions } from './fuzz-cases';
import { REPO, SHARED } from './quality-data';
import { startFakeIndex, type Fault } from '../test/fake-index/server';

const PER_FILE_TIMEOUT_MS = 15_000;
const CLI_TIMEOUT_MS = 120_000;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

type Msg = { type: 'start'; i: number } | { type: 'done'; i: number; ms: number; crash?: string; origin: string; uri: string; chars: number } | { type: 'end'; maxRssKb: number };

/** The child: runs cases [from, to) and reports each one. */
function worker(from: number, to: number, seed: number): void {
  const o: CaseOptions = { seed, corpus: realCorpus(path.join(SHARED, 'real-projects')), uris: formatUris() };
  for (let i = from; i < to; i++) {
    const c = caseAt(i, o);
    process.send!({ type: 'start', i } satisfies Msg);
    const r = runCase(c);
    process.send!({ type: 'done', i, ms: r.ms, origin: c.origin, uri: c.uri, chars: c.text.length, ...(r.crash ? { crash: r.crash } : {}) } satisfies Msg);
  }
  process.send!({ type: 'end', maxRssKb: process.resourceUsage().maxRSS } satisfies Msg, () => process.exit(0));
}

interface FuzzSummary {
  files: number;
  crashes: { i: number; origin: string; uri: string; why: string }[];
  hangs: { i: number }[];
  maxMs: number;
  maxCase: string;
  maxRssMb: number;
  wallS: number;
  formats: number;
}

async function fuzz(total: number, seed: number): Promise<FuzzSummary> {
  const t0 = Date.now();
  const s: FuzzSummary = { files: 0, crashes: [], hangs: [], maxMs: 0, maxCase: '', maxRssMb: 0, wallS: 0, formats: formatUris().length };
  let next = 0;
  while (next < total) {
    await new Promise<void>((resolve) => {
      const child = fork(__filename, ['--worker', String(next), String(total), String(seed)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      let current = next;
      let timer: NodeJS.Timeout | undefined;
      child.on('message', (m: Msg) => {
        if (m.type === 'start') {
          current = m.i;
          clearTimeout(timer);
          timer = setTimeout(() => {
            s.hangs.push({ i: current });
            child.kill('SIGKILL');
          }, PER_FILE_TIMEOUT_MS);
        } else if (m.type === 'done') {
          clearTimeout(timer);
          s.files++;
          next = m.i + 1;
          if (m.ms > s.maxMs) {
            s.maxMs = m.ms;
            s.maxCase = `#${m.i} ${m.origin} as ${path.basename(m.uri)} (${m.chars} chars)`;
          }
          if (m.crash) s.crashes.push({ i: m.i, origin: m.origin, uri: m.uri, why: m.crash });
        } else {
          s.maxRssMb = Math.max(s.maxRssMb, m.maxRssKb / 1024);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal || code !== 0) {
          // Killed (hang) or died (crash): skip the case it was on and resume after it.
          if (!s.hangs.some((h) => h.i === current)) s.crashes.push({ i: current, origin: '?', uri: '?', why: `worker exited ${signal ?? code}` });
          s.files++;
          next = current + 1;
        } else next = total;
        resolve();
      });
    });
  }
  s.wallS = (Date.now() - t0) / 1000;
  return s;
}

interface IndexCase {
  name: string;
  code: number | null;
  ms: number;
  crash?: string;
  hang?: boolean;
  /** stderr said more than the summary line (the failed lookup was made visible). */
  reported: boolean;
}

async function hostileIndex(): Promise<IndexCase[]> {
  const cli = path.join(REPO, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js missing: run `npm run build` first');
  const faults: [string, Fault][] = [
    ['slow drip (1 byte / 500 ms)', { kind: 'drip', intervalMs: 500 }],
    ['oversized body (60 MB)', { kind: 'oversize', bytes: 60 * 1024 * 1024 }],
    ['invalid JSON', { kind: 'invalid-json' }],
    ['truncated body', { kind: 'truncate' }],
    ['connection reset', { kind: 'reset' }],
    ['redirect loop', { kind: 'redirect-loop' }],
    ['redirect to another origin', { kind: 'redirect', location: 'http://127.0.0.2:9/simple/' }],
    ['HTTP 401', { kind: 'status', status: 401 }],
    ['HTTP 403', { kind: 'status', status: 403 }],
    ['HTTP 429 + Retry-After 1', { kind: 'status', status: 429, retryAfter: '1' }],
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['latency 5 s', { kind: 'latency', ms: 5000 }],
  ];
  const out: IndexCase[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pipwatch-hostile-'));
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(path.join(dir, 'requirements.txt'), 'requests==2.32.3\nreqeusts\ntokenlib-core\ndefinitely-not-a-real-package-xyz\n');
  try {
    for (const [name, fault] of faults) {
      for (const where of ['every path', 'OSV only'] as const) {
        const fake = await startFakeIndex();
        fake.setFault(where === 'OSV only' ? /^\/v1\// : /.*/, fault);
        const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pipwatch-hostile-cache-'));
        const t0 = Date.now();
        const r = await run(cli, ['check', '--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', cacheDir, 'requirements.txt'], dir, { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl });
        const notes = r.stderr.split('\n').filter((l) => l.trim() && !/^pipwatch: (?:no findings|\d+ findings?)/.test(l));
        const c: IndexCase = { name: `${name}, ${where}`, code: r.code, ms: Date.now() - t0, reported: notes.length > 0 };
        if (r.timedOut) c.hang = true;
        else if (r.code === 4 || r.signal || /Unhandled|TypeError|RangeError|ReferenceError|\n\s+at .+:\d+:\d+/.test(r.stderr)) c.crash = `exit ${r.code ?? r.signal}: ${r.stderr.slice(0, 300)}`;
        out.push(c);
        rmSync(cacheDir, { recursive: true, force: true });
        await fake.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function run(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const t = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(t);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--worker') return worker(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]));
  const files = arg('--files', 10_000);
  const seed = arg('--seed', 1);
  const f = await fuzz(files, seed);
  const rows = [
    '| measurement | value |',
    '| --- | ---: |',
    `| files fuzzed (seed ${seed}; as ${f.formats} kinds of file; mutated real manifests, random bytes, deep nesting, huge lines) | ${f.files} |`,
    `| crashes (throws, parser/rule failures, out-of-range findings) | ${f.crashes.length} |`,
    `| hangs (> ${PER_FILE_TIMEOUT_MS / 1000} s for one file) | ${f.hangs.length} |`,
    `| max per-file time | ${f.maxMs.toFixed(0)} ms |`,
    `| peak RSS of the fuzzing process | ${f.maxRssMb.toFixed(0)} MB |`,
  ];
  console.error(`fuzz: ${f.files} files in ${f.wallS.toFixed(0)} s; slowest ${f.maxCase}`);
  for (const c of f.crashes.slice(0, 20)) console.error(`  crash #${c.i} ${c.origin} as ${c.uri}: ${c.why}`);
  for (const h of f.hangs.slice(0, 20)) console.error(`  hang #${h.i}`);
  if (!process.argv.includes('--no-index')) {
    const t0 = Date.now();
    const cases = await hostileIndex();
    const crashes = cases.filter((c) => c.crash);
    const hangs = cases.filter((c) => c.hang);
    const slowest = cases.reduce((a, b) => (b.ms > a.ms ? b : a));
    rows.push(
      `| hostile-index cases through the CLI (${cases.length / 2} faults × every path / OSV only) | ${cases.length} |`,
      `| CLI crashes (exit 4, signal, stack trace) | ${crashes.length} |`,
      `| CLI hangs (> ${CLI_TIMEOUT_MS / 1000} s) | ${hangs.length} |`,
      `| runs whose failed lookups were reported on stderr (latency is no failure) | ${cases.filter((c) => c.reported && !c.name.startsWith('latency')).length} of ${cases.filter((c) => !c.name.startsWith('latency')).length} |`,
      `| slowest hostile-index run | ${(slowest.ms / 1000).toFixed(1)} s (${slowest.name}) |`,
    );
    console.error(`hostile index: ${cases.length} runs in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const c of cases) console.error(`  ${c.name}: exit ${c.code}, ${c.ms} ms${c.reported ? ', reported' : ', NOT reported'}${c.crash ? ` CRASH ${c.crash}` : ''}${c.hang ? ' HANG' : ''}`);
  }
  console.log(rows.join('\n'));
  console.log(`\nMeasured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}.`);
}

void main();
