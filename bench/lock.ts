// Lockfile benchmark (issue 7 §5): a uv.lock of 500 registry packages analysed cold against the
// fake index with 50 ms per response, at DEFAULT settings (only the URLs point at the fake), and
// then warm. Target: cold ≤ 3 s, warm 0 requests. The request count shows where the time goes:
// one Simple API and one JSON API request per package plus batched OSV POSTs.
import { analyzeOffline, analyzeOnline, type AnalysisInput } from '../server/src/assess/engine';
import { normalizeSettings } from '../server/src/core/settings';
import { IndexClient } from '../server/src/index/client';
import { fixtureSha256 } from '../test/fake-index/model';
import { startFakeIndexWorker } from '../test/fake-index/worker';

interface Row {
  metric: string;
  value: string;
  target: string;
  ok: boolean;
}

const N = 500;
const LATENCY = 50;
const names = Array.from({ length: N }, (_, i) => `benchpkg-${String(i).padStart(4, '0')}`);

/** A uv.lock as `uv lock` writes it: the project, then every locked package with its files. */
export function syntheticUvLock(n: number, registry: string): string {
  const out = ['version = 1', 'revision = 3', 'requires-python = ">=3.12"', ''];
  out.push('[[package]]', 'name = "bench-app"', 'version = "0.1.0"', 'source = { virtual = "." }', 'dependencies = [');
  for (const name of names.slice(0, 20)) out.push(`    { name = "${name}" },`);
  out.push(']', '');
  // Files on the index's own host, as a private index serves them (a foreign host is PW104).
  const files = `${new URL(registry).origin}/files`;
  for (let i = 0; i < n; i++) {
    const name = names[i];
    const dist = name.replace(/-/g, '_');
    out.push('[[package]]', `name = "${name}"`, 'version = "1.1.0"', `source = { registry = "${registry}" }`);
    // A chain of edges so most packages are transitive, as in a real lock.
    if (i >= 20 && i + 1 < n && i % 2 === 0) out.push('dependencies = [', `    { name = "${names[i + 1]}" },`, ']');
    const sdist = `${dist}-1.1.0.tar.gz`;
    const wheel = `${dist}-1.1.0-py3-none-any.whl`;
    out.push(`sdist = { url = "${files}/${sdist}", hash = "sha256:${fixtureSha256(sdist)}", size = 5000, upload-time = "2026-10-01T00:00:00Z" }`);
    out.push('wheels = [', `    { url = "${files}/${wheel}", hash = "sha256:${fixtureSha256(wheel)}", size = 4000, upload-time = "2026-10-01T00:01:00Z" },`, ']', '');
  }
  return out.join('\n');
}

export async function benchLock(): Promise<{ rows: Row[] }> {
  const fake = await startFakeIndexWorker({ synthetic: N, latencyMs: LATENCY });
  const rows: Row[] = [];
  try {
    // Default settings: only where the index and OSV are. The fake plays public PyPI.
    const settings = normalizeSettings({ index: { url: fake.simpleUrl, osvUrl: fake.osvUrl } });
    const client = new IndexClient({ settings, tuning: { publicIndexUrl: fake.simpleUrl, env: {}, home: '/nonexistent' } });
    const text = syntheticUvLock(N, fake.simpleUrl.replace(/\/$/, ''));
    const input: AnalysisInput = { uri: '/bench/uv.lock', text, settings, workspace: { declared: new Set(), firstParty: new Set() } };
    // Load the engine's tables (typo index, popularity) first: that is process start-up, paid
    // once per server, not per lock.
    analyzeOffline({ ...input, uri: '/bench/requirements.txt', text: 'requests\n' });
    const t0 = performance.now();
    const analysis = analyzeOffline(input);
    const offlineMs = performance.now() - t0;
    const findings = await analyzeOnline(analysis, input, client);
    const cold = performance.now() - t0;
    const coldStats = await fake.reset();
    rows.push({
      metric: `lock: uv.lock with ${N} packages, cold, default settings, ${LATENCY} ms/response`,
      value: `${Math.round(cold)} ms, ${coldStats.requests} requests (${(coldStats.requests / N).toFixed(2)}/package, at most ${coldStats.maxInFlight} at once), ${analysis.lookups.length} looked up, ${findings.length} findings; offline part ${Math.round(offlineMs)} ms`,
      target: '≤ 3000 ms',
      ok: cold <= 3000 && analysis.lookups.length === N,
    });
    const t1 = performance.now();
    await analyzeOnline(analyzeOffline(input), input, client);
    const warm = performance.now() - t1;
    await client.idle();
    const warmStats = await fake.reset();
    rows.push({
      metric: `lock: the same uv.lock again, warm cache`,
      value: `${Math.round(warm)} ms, ${warmStats.requests} requests`,
      target: '0 requests',
      ok: warmStats.requests === 0,
    });
    await client.dispose();
  } finally {
    await fake.close();
  }
  return { rows };
}

if (require.main === module) {
  void benchLock().then(({ rows }) => {
    for (const r of rows) process.stdout.write(`${r.ok ? 'ok ' : 'NO '} ${r.metric}: ${r.value} (${r.target})\n`);
  });
}
