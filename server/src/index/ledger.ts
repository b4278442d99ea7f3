// The record of lookups that were asked for and could not complete (issue 8 §2): cumulative for
// the CLI's report (one stderr line per source and cause, exit 3), current for the editor's status
// (a source is failing until it answers that project again). Never silence, never "0 findings".
import type { LookupFailure } from './facts';

export interface IncompleteGroup {
  /** Redacted: `index https://host/simple/`, `OSV https://api.osv.dev`. */
  source: string;
  /** The first detailed cause seen: `HTTP 401 Unauthorized`, `unreachable (ECONNREFUSED)`. */
  cause: string;
  hint?: string;
  /** PEP 503 names whose lookup at this source failed this way (sorted). */
  packages: string[];
}

export interface IncompleteReport {
  /** Distinct projects looked up. */
  total: number;
  groups: IncompleteGroup[];
}

/** Causes that differ only in their detail group together (`unreachable (ECONNREFUSED)`, `unreachable (paused…)`). */
const coarse = (cause: string): string => cause.replace(/ \(.*\)$/, '');
const MAX_NAMES = 100_000;
const TRANSPORT = new Set(['unreachable', 'timed out']);

export class FailureLedger {
  private readonly names = new Set<string>();
  private readonly groups = new Map<string, { source: string; cause: string; hint?: string; names: Set<string> }>();
  /** source -> name -> failure, for the names whose latest lookup at that source failed. */
  private readonly failing = new Map<string, Map<string, LookupFailure>>();
  /** (source, coarse cause) -> how many names fail that way now, and one of the failures: O(1) per event. */
  private readonly pairs = new Map<string, { failure: LookupFailure; count: number }>();

  constructor(private readonly onChange: () => void) {}

  asked(name: string): void {
    if (this.names.size < MAX_NAMES) this.names.add(name);
  }

  failed(f: LookupFailure, name: string): void {
    const source = f.source ?? 'index';
    const key = pairKey(source, f.cause);
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { source, cause: f.cause, ...(f.hint ? { hint: f.hint } : {}), names: new Set() }));
    if (g.names.size < MAX_NAMES) g.names.add(name);
    let m = this.failing.get(source);
    if (!m) this.failing.set(source, (m = new Map()));
    const prev = m.get(name);
    m.set(name, f);
    let changed = prev ? this.drop(source, prev) : false;
    const p = this.pairs.get(key);
    if (p) p.count++;
    else {
      this.pairs.set(key, { failure: { ...f, source }, count: 1 });
      changed = true;
    }
    if (changed) this.onChange();
  }

  /**
   * `source` answered `name`. Reachability is the source's: an answer clears every transport
   * failure (unreachable, timed out) recorded there; an HTTP or payload failure belongs to its
   * project and clears only when that project is answered.
   */
  answered(source: string, name: string): void {
    const m = this.failing.get(source);
    if (!m) return;
    let changed = false;
    const own = m.get(name);
    if (own) {
      m.delete(name);
      changed = this.drop(source, own);
    }
    for (const t of TRANSPORT) {
      const p = this.pairs.get(pairKey(source, t));
      if (!p) continue;
      for (const [n, f] of m) if (coarse(f.cause) === t) m.delete(n);
      this.pairs.delete(pairKey(source, t));
      changed = true;
    }
    if (m.size === 0) this.failing.delete(source);
    if (changed) this.onChange();
  }

  /** One failure per failing source and coarse cause, as of now. */
  current(): LookupFailure[] {
    return [...this.pairs.values()].map((p) => p.failure);
  }

  report(): IncompleteReport {
    return {
      total: this.names.size,
      groups: [...this.groups.values()].map((g) => ({ source: g.source, cause: g.cause, ...(g.hint ? { hint: g.hint } : {}), packages: [...g.names].sort() })),
    };
  }

  /** One name no longer fails at `source` with `f`; true when its (source, cause) pair is gone. */
  private drop(source: string, f: LookupFailure): boolean {
    const key = pairKey(source, f.cause);
    const p = this.pairs.get(key);
    if (!p) return false;
    if (--p.count > 0) return false;
    this.pairs.delete(key);
    return true;
  }
}

function pairKey(source: string, cause: string): string {
  return `${source}\u0000${coarse(cause)}`;
}
