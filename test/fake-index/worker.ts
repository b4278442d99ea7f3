// The fake index in a worker thread, so a benchmark measures the client and not the fake's own
// CPU on the same event loop. Messages: {cmd:'reset'|'stats'|'close'} -> reply with the same cmd.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { syntheticData } from './fixtures';
import { startFakeIndex, type FakeIndex } from './server';

interface Init {
  synthetic: number;
  latencyMs: number;
}
export interface WorkerStats {
  requests: number;
  duplicates: number;
  maxInFlight: number;
}

function stats(fake: FakeIndex): WorkerStats {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const r of fake.requests) {
    const k = `${r.method} ${r.path} ${r.body ?? ''}`;
    if (seen.has(k)) duplicates++;
    seen.add(k);
  }
  return { requests: fake.requests.length, duplicates, maxInFlight: fake.maxInFlight };
}

if (parentPort && (workerData as { fakeIndexWorker?: Init })?.fakeIndexWorker) {
  const init = (workerData as { fakeIndexWorker: Init }).fakeIndexWorker;
  const port = parentPort;
  void startFakeIndex({ data: syntheticData(init.synthetic), latencyMs: init.latencyMs }).then((fake) => {
    port.postMessage({ cmd: 'ready', url: fake.url });
    port.on('message', (m: { cmd: string }) => {
      if (m.cmd === 'close') return void fake.close().then(() => port.postMessage({ cmd: 'close' }));
      const before = stats(fake); // 'reset' answers with the counts it is clearing
      if (m.cmd === 'reset') fake.reset();
      port.postMessage({ cmd: m.cmd, stats: before });
    });
  });
}

export interface WorkerFake {
  url: string;
  simpleUrl: string;
  osvUrl: string;
  stats(): Promise<WorkerStats>;
  reset(): Promise<WorkerStats>;
  close(): Promise<void>;
}

/** Start a synthetic fake index (`benchpkg-NNNN`) in a worker thread. */
export async function startFakeIndexWorker(init: Init): Promise<WorkerFake> {
  // Workers do not inherit the tsx loader: register its CommonJS hook, then load this file.
  const boot = `require('tsx/cjs'); require(${JSON.stringify(__filename)});`;
  const w = new Worker(boot, { eval: true, workerData: { fakeIndexWorker: init } });
  const ask = <T>(cmd: string): Promise<T> =>
    new Promise((resolve) => {
      const on = (m: { cmd: string } & Record<string, unknown>): void => {
        if (m.cmd !== cmd) return;
        w.off('message', on);
        resolve(m as T);
      };
      w.on('message', on);
      if (cmd !== 'ready') w.postMessage({ cmd });
    });
  const { url } = await ask<{ url: string }>('ready');
  return {
    url,
    simpleUrl: `${url}/simple/`,
    osvUrl: url,
    stats: async () => (await ask<{ stats: WorkerStats }>('stats')).stats,
    reset: async () => (await ask<{ stats: WorkerStats }>('reset')).stats,
    close: async () => {
      await ask('close');
      await w.terminate();
    },
  };
}
