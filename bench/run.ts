// `npm run bench`: every benchmark in one markdown table (metric | value | baseline / target | ok),
// printed and written to bench/results.md. Timing targets are checked here only, never in tests.
// bench/typo.ts (benchTypo), bench/quality.ts (benchQuality), bench/index.ts (benchIndex), bench/releases.ts (benchReleases) and
// bench/facts.ts (benchFacts) are loaded when present.
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchParse, type BenchRow } from './parse';

const REPO = path.resolve(__dirname, '..');

/** Accepts a BenchRow[] or `{ rows }`, and the few spellings peers may use for the target column. */
function asRows(v: unknown): BenchRow[] {
  const list = Array.isArray(v) ? v : Array.isArray((v as { rows?: unknown })?.rows) ? (v as { rows: unknown[] }).rows : [];
  return list.map((r) => {
    const o = (r ?? {}) as Record<string, unknown>;
    const target = o.target ?? o.baseline ?? o['baseline / target'] ?? '';
    const row: BenchRow = { metric: String(o.metric ?? o.name ?? '?'), value: String(o.value ?? ''), target: String(target) };
    if (typeof o.ok === 'boolean') row.ok = o.ok;
    return row;
  });
}

async function optional(label: string, file: string, fn: string): Promise<BenchRow[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(file)) as Record<string, unknown>;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(e));
    return [{ metric: label, value: missing ? `not available (${path.basename(file)} missing)` : `failed to load: ${(e as Error).message}`, target: '' }];
  }
  const f = mod[fn] ?? (mod.default as Record<string, unknown> | undefined)?.[fn];
  if (typeof f !== 'function') return [{ metric: label, value: `not available (${fn} not exported)`, target: '' }];
  try {
    return asRows(await (f as () => unknown)());
  } catch (e) {
    return [{ metric: label, value: `failed: ${(e as Error).message}`, target: '', ok: false }];
  }
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(rows: readonly BenchRow[]): string {
  const head = ['| metric | value | baseline / target | ok |', '| --- | ---: | --- | :---: |'];
  const body = rows.map((r) => `| ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.target)} | ${r.ok === undefined ? '–' : r.ok ? 'yes' : 'NO'} |`);
  return [...head, ...body].join('\n');
}

async function main(): Promise<void> {
  // Parse first: the typo bench's naive baseline and the index bench's sockets would otherwise
  // leave garbage and timers behind that the per-file timings pay for.
  const parse = await benchParse(REPO);
  const rows: BenchRow[] = [
    ...(await optional('typosquat check', path.join(__dirname, 'typo.ts'), 'benchTypo')),
    ...(await optional('typosquat quality', path.join(__dirname, 'quality.ts'), 'benchQuality')),
    ...(await optional('index lookups', path.join(__dirname, 'index.ts'), 'benchIndex')),
    ...(await optional('many releases', path.join(__dirname, 'releases.ts'), 'benchReleases')),
    ...(await optional('workspace facts', path.join(__dirname, 'facts.ts'), 'benchFacts')),
    ...(await optional('lockfile lookups', path.join(__dirname, 'lock.ts'), 'benchLock')),
    ...parse,
  ];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const md = `${table(rows)}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} cores), Node ${process.version}.\n`;
  process.stdout.write(md);
  writeFileSync(path.join(__dirname, 'results.md'), md);
  // The exit status says whether every target with a verdict was met (CI may gate on it).
  process.exitCode = rows.some((r) => r.ok === false) ? 1 : 0;
}

void main();
