// The popularity snapshot: the top PyPI projects by downloads, committed as server/data/popular.tsv
// (built by scripts/make-snapshot.ts). Loaded once, lazily; tests and benches build one from text.
// Names are PEP 503 normalised (https://peps.python.org/pep-0503/#normalized-names).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeName } from './normalize';

export interface PopularEntry {
  name: string;
  rank: number;
  /** `YYYY-MM` of the newest release, or '' when unknown. */
  latestMonth: string;
}

/** PEP 503 names (the one normaliser, shared/pep503.ts), under the name the typo engine uses. */
export const pep503 = normalizeName;

export class Popularity {
  readonly entries: readonly PopularEntry[];
  readonly snapshotDate: string;
  readonly source: string;
  private readonly byName: Map<string, PopularEntry>;

  private constructor(entries: PopularEntry[], snapshotDate: string, source: string) {
    this.entries = entries;
    this.snapshotDate = snapshotDate;
    this.source = source;
    this.byName = new Map();
    for (const e of entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  get size(): number {
    return this.entries.length;
  }

  rank(name: string): number | undefined {
    return this.byName.get(name)?.rank;
  }

  latestMonth(name: string): string | undefined {
    const m = this.byName.get(name)?.latestMonth;
    return m ? m : undefined;
  }

  /**
   * Parses the snapshot format: `# key: value` header comments, then `name<TAB>rank<TAB>month`.
   * Malformed lines are skipped (a damaged file degrades detection, it never crashes the server).
   */
  static fromText(text: string): Popularity {
    const entries: PopularEntry[] = [];
    let snapshotDate = '';
    let source = '';
    for (const line of text.split(/\r?\n/)) {
      if (line.startsWith('#')) {
        const m = /^#\s*([a-z-]+):\s*(.*)$/i.exec(line);
        if (m && m[1].toLowerCase() === 'snapshot') snapshotDate = m[2].trim();
        if (m && m[1].toLowerCase() === 'source') source = m[2].trim();
        continue;
      }
      const cols = line.split('\t');
      if (cols.length < 2 || cols[0] === 'name') continue;
      const rank = Number(cols[1]);
      const name = pep503(cols[0]);
      if (!name || !Number.isInteger(rank) || rank < 1) continue;
      entries.push({ name, rank, latestMonth: /^\d{4}-\d{2}$/.test(cols[2] ?? '') ? cols[2] : '' });
    }
    entries.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return new Popularity(entries, snapshotDate, source);
  }
}

/** Finds server/data/popular.tsv from the sources (server/src/identify) or the bundle (dist/). */
export function snapshotPath(): string | undefined {
  const candidates = [
    path.join(__dirname, '../../data/popular.tsv'),
    path.join(__dirname, '../server/data/popular.tsv'),
    path.join(__dirname, '../data/popular.tsv'),
    path.join(__dirname, 'data/popular.tsv'),
  ];
  return candidates.find((p) => existsSync(p));
}

let loaded: Popularity | undefined;

/** The committed snapshot, read on first use. An unreadable file gives an empty list. */
export function getPopularity(): Popularity {
  if (!loaded) {
    const p = snapshotPath();
    let text = '';
    try {
      if (p) text = readFileSync(p, 'utf8');
    } catch {
      text = '';
    }
    loaded = Popularity.fromText(text);
  }
  return loaded;
}
