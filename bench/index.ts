// Index-client benchmark (issue 3 §5): 300 distinct packages against the fake index with 50 ms
// latency per response. Cold cache (concurrent) vs a sequential baseline, duplicate in-flight
// requests, warm cache from memory and after a restart. Timing targets are checked here, not in tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IndexClient } from '../server/src/index/client';
import { normalizeSettings } from '../server/src/core/settings';
import { startFakeIndexWorker, type WorkerFake } from '../test/fake-index/worker';

interface Row {
  metric: string;
  value: string;
  target: string;
  ok: boolean;
}

const N = 300;
const SEQ_N = 20;
const LATENCY = 50;
const BENCH_CONCURRENCY = 32;

function client(fake: WorkerFake, concurrency: number, cacheDir?: string): IndexClient {
  return new IndexClient({
    settings: normalizeSettings({ index: { url: fake.simpleUrl, osvUrl: fake.osvUrl, concurrency, timeoutMs: 10_000 } }),
    cacheDir,
    tuning: { publicIndexUrl: fake.simpleUrl, env: {}, home: '/nonexistent' },
  });
}

const names = Array.from({ length: N }, (_, i) => `benchpkg-${String(i).padStart(4, '0')}`);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchIndex(): Promise<{ rows: Row[] }> {
  // The fake runs in a worker thread: its own CPU stays off the client's event loop.
  const fake = await startFakeIndexWorker({ synthetic: N, latencyMs: LATENCY });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-index-'));
  const rows: Row[] = [];
  try {
    // Sequential baseline: one lookup at a time, one request at a time, on a subset, extrapolated.
    const seqClient = client(fake, 1);
    const seq = await timed(async () => {
      for (const n of names.slice(0, SEQ_N)) await seqClient.lookup(n);
    });
    await seqClient.dispose();
    const seqPerPkg = seq.ms / SEQ_N;
    const seqRequests = (await fake.reset()).requests;

    // Cold: every package asked twice at once (two documents naming it) -> shared requests.
    const cold = client(fake, BENCH_CONCURRENCY, dir);
    const c = await timed(() => Promise.all([...names, ...names].map((n) => cold.lookup(n))));
    const found = c.value.filter((f) => f.primary.state === 'found' && f.provenance?.state === 'found').length;
    const coldStats = await fake.reset();
    const coldRequests = coldStats.requests;
    const dup = coldStats.duplicates;
    const speedup = (seqPerPkg * N) / c.ms;
    rows.push({
      metric: `index: cold, ${N} packages (each looked up twice concurrently), concurrency ${BENCH_CONCURRENCY}, ${LATENCY} ms/response`,
      value: `${Math.round(c.ms)} ms, ${coldRequests} requests, ${found}/${2 * N} complete`,
      target: '≤ 3000 ms',
      ok: c.ms <= 3000 && found === 2 * N,
    });
    rows.push({
      metric: `index: sequential baseline (concurrency 1; measured on ${SEQ_N} packages, extrapolated ×${N / SEQ_N})`,
      value: `${Math.round(seqPerPkg * N)} ms (${Math.round(seqPerPkg)} ms/package, ${seqRequests / SEQ_N} requests/package)`,
      target: `cold ≥ 10× faster: ${speedup.toFixed(1)}×`,
      ok: speedup >= 10,
    });
    rows.push({ metric: 'index: duplicate in-flight requests (cold run)', value: String(dup), target: '0', ok: dup === 0 });
    const w = await timed(() => Promise.all(names.map((n) => cold.lookup(n))));
    const warmReq = (await fake.reset()).requests;
    rows.push({
      metric: `index: warm cache (memory), ${N} packages`,
      value: `${w.ms.toFixed(1)} ms, ${warmReq} requests`,
      target: '≤ 50 ms, 0 requests',
      ok: w.ms <= 50 && warmReq === 0,
    });
    await cold.dispose();
    const restarted = client(fake, BENCH_CONCURRENCY, dir);
    const r = await timed(() => Promise.all(names.map((n) => restarted.lookup(n))));
    const restartReq = (await fake.reset()).requests;
    rows.push({
      metric: `index: warm cache after restart (disk), ${N} packages`,
      value: `${r.ms.toFixed(1)} ms, ${restartReq} requests`,
      target: '0 requests',
      ok: restartReq === 0,
    });
    await restarted.dispose();
    // Informational: concurrency 8 (the private-index default) is bounded by 8 / 50 ms = 160 requests/s.
    const def = client(fake, 8);
    const d = await timed(() => Promise.all(names.map((n) => def.lookup(n))));
    const defReq = (await fake.reset()).requests;
    rows.push({
      metric: `index: cold, ${N} packages at concurrency 8, the private-index default (informational)`,
      value: `${Math.round(d.ms)} ms, ${defReq} requests`,
      target: `${Math.round((defReq / 8) * LATENCY)} ms floor (requests ÷ 8 × ${LATENCY} ms)`,
      ok: true,
    });
    await def.dispose();
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

if (require.main === module) {
  void benchIndex().then(({ rows }) => {
    for (const r of rows) process.stdout.write(`${r.ok ? 'ok ' : 'NO '} ${r.metric}: ${r.value} (${r.target})\n`);
  });
}
