// Builds server/data/popular.tsv, the popularity snapshot the typosquat rule compares names against.
// Input: the shared top-15000 TSV (default) or the public top-pypi-packages JSON
// (`{"last_update": "...", "rows": [{"project": "x", "download_count": N}]}`) as a path or URL.
// Usage: node --import tsx scripts/make-snapshot.ts [input] [--out file] [--date YYYY-MM] [--limit N]
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pep503 } from '../server/src/identify/popularity';

export interface SnapshotRow {
  name: string;
  rank: number;
  latestMonth: string;
}

export interface Snapshot {
  source: string;
  date: string;
  rows: SnapshotRow[];
}

/** Parses `name<TAB>rank<TAB>latest_version<TAB>latest_release_month` (header row optional). */
export function fromTopTsv(text: string, source: string): Snapshot {
  const rows: SnapshotRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const c = line.split('\t');
    const rank = Number(c[1]);
    if (!c[0] || c[0] === 'name' || !Number.isInteger(rank) || rank < 1) continue;
    rows.push({ name: pep503(c[0]), rank, latestMonth: /^\d{4}-\d{2}$/.test(c[3] ?? '') ? c[3] : '' });
  }
  // The file carries no date of its own: its newest release month is when it was taken.
  const date = rows.reduce((d, r) => (r.latestMonth > d ? r.latestMonth : d), '');
  return { source, date, rows };
}

/** Parses the hugovk top-pypi-packages JSON; rank follows download_count, highest first. */
export function fromTopJson(text: string, source: string): Snapshot {
  const data = JSON.parse(text) as { last_update?: unknown; rows?: unknown };
  if (!Array.isArray(data.rows)) throw new Error('top-pypi-packages JSON: "rows" is missing');
  const items: { name: string; count: number }[] = [];
  for (const r of data.rows as { project?: unknown; download_count?: unknown }[]) {
    if (typeof r?.project !== 'string' || !r.project.trim()) continue;
    const count = typeof r.download_count === 'number' && Number.isFinite(r.download_count) ? r.download_count : 0;
    items.push({ name: pep503(r.project), count });
  }
  items.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const m = typeof data.last_update === 'string' ? /^(\d{4}-\d{2})/.exec(data.last_update) : null;
  return { source, date: m ? m[1] : '', rows: items.map((it, i) => ({ name: it.name, rank: i + 1, latestMonth: '' })) };
}

/** The committed format: header comments, then one `name<TAB>rank<TAB>latest_month` row per project. */
export function renderSnapshot(s: Snapshot, limit = Infinity): string {
  const seen = new Set<string>();
  const rows = [...s.rows]
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((r) => (seen.has(r.name) ? false : (seen.add(r.name), true)))
    .slice(0, limit);
  const head = [
    '# Pipwatch popularity snapshot: most-downloaded PyPI projects, PEP 503 names, by rank.',
    `# source: ${s.source}`,
    `# snapshot: ${s.date}`,
    `# rows: ${rows.length}`,
    '# columns: name, rank, latest_month (YYYY-MM of the newest release, empty when unknown)',
  ];
  return [...head, ...rows.map((r) => `${r.name}\t${r.rank}\t${r.latestMonth}`)].join('\n') + '\n';
}

async function readInput(input: string): Promise<string> {
  if (/^https?:\/\//i.test(input)) {
    const res = await fetch(input, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`GET ${input}: HTTP ${res.status}`);
    return res.text();
  }
  return readFileSync(input, 'utf8');
}

export async function makeSnapshot(input: string, opts: { date?: string; limit?: number } = {}): Promise<string> {
  const text = await readInput(input);
  const source = /^https?:/i.test(input) ? input : path.basename(input);
  const snap = text.trimStart().startsWith('{') ? fromTopJson(text, source) : fromTopTsv(text, source);
  if (opts.date) snap.date = opts.date;
  if (snap.rows.length === 0) throw new Error(`${input}: no rows`);
  return renderSnapshot(snap, opts.limit);
}

async function main(argv: string[]): Promise<void> {
  const root = path.join(__dirname, '..');
  let input = path.join(root, '../shared/data/pypi-top-15000.tsv');
  let out = path.join(root, 'server/data/popular.tsv');
  const opts: { date?: string; limit?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i];
    else if (a === '--date') opts.date = argv[++i];
    else if (a === '--limit') opts.limit = Number(argv[++i]);
    else input = a;
  }
  const text = await makeSnapshot(input, opts);
  writeFileSync(out, text);
  process.stderr.write(`make-snapshot: wrote ${text.split('\n').length - 6} rows to ${out}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`make-snapshot: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
