// A bound on how many releases of one project the rules see (issue 8 §7). Nightly-build projects
// have 10^5 versions; keeping them all cost seconds and hundreds of MB per package (every release
// grouped, PEP 440-parsed and sorted by several rules). The rules only ever need the recent
// history (newest release, the ones before it, upload times) and the pinned release, so a lookup
// keeps the newest MAX_RELEASES releases by upload order plus the pinned one, and says so
// (`releaseCap`, shown in the findings' evidence). Linear in the number of files, with no PEP 440
// parsing except to find a pin that is spelled differently from the index (1.0 vs 1.0.0).
import { eq, valid } from '@renovatebot/pep440';
import type { JsonProject, SimpleProject } from './facts';

export const MAX_RELEASES = 1000;

export interface ReleaseCap {
  /** Releases kept (the newest by upload order, plus the pinned one). */
  kept: number;
  /** Releases the index listed. */
  total: number;
}

/** The version among `versions` that is `pin` (exact spelling first, then PEP 440 equality). */
function findPin(versions: Iterable<string>, pin: string | undefined): string | undefined {
  if (!pin) return undefined;
  const list = [...versions];
  if (list.includes(pin)) return pin;
  if (!valid(pin)) return undefined;
  for (const v of list) {
    try {
      if (eq(v, pin)) return v;
    } catch {
      // an invalid version on the index is never the pin
    }
  }
  return undefined;
}

/**
 * The `max` newest versions by upload order: latest upload time (ISO 8601 compares as text),
 * then position (indexes list files oldest first) for versions without one.
 */
function newestByUpload(order: Map<string, { time: string; pos: number }>, max: number): Set<string> {
  const ranked = [...order.entries()].sort(([, a], [, b]) => (a.time === b.time ? b.pos - a.pos : a.time < b.time ? 1 : -1));
  return new Set(ranked.slice(0, max).map(([v]) => v));
}

/** `p` with the files of at most `max` releases (+ the pinned one); unchanged when under the cap. */
export function capSimpleProject(p: SimpleProject, pin: string | undefined, max = MAX_RELEASES): SimpleProject {
  if (p.releaseCap) return p; // already cut (the primary index may also be the public one)
  const order = new Map<string, { time: string; pos: number }>();
  p.files.forEach((f, pos) => {
    if (!f.version) return;
    const cur = order.get(f.version);
    const time = f.uploadTime ?? '';
    if (!cur) order.set(f.version, { time, pos });
    else {
      if (time > cur.time) cur.time = time;
      cur.pos = pos;
    }
  });
  for (const [pos, v] of p.versions.entries()) if (!order.has(v)) order.set(v, { time: '', pos: -p.versions.length + pos });
  const total = order.size;
  if (total <= max) return p;
  const keep = newestByUpload(order, max);
  const pinned = findPin(order.keys(), pin);
  if (pinned) keep.add(pinned);
  return {
    ...p,
    files: p.files.filter((f) => f.version !== undefined && keep.has(f.version)),
    versions: p.versions.filter((v) => keep.has(v)),
    releaseCap: { kept: keep.size, total },
  };
}

/** The JSON API's `releases` cut the same way (by earliest upload time per release). */
export function capJsonProject(j: JsonProject, pin: string | undefined, max = MAX_RELEASES): JsonProject {
  if (j.releaseCap) return j;
  const entries = Object.entries(j.releases);
  if (entries.length <= max) return j;
  const order = new Map<string, { time: string; pos: number }>();
  entries.forEach(([v, r], pos) => order.set(v, { time: r.uploadTime ?? '', pos }));
  const keep = newestByUpload(order, max);
  const pinned = findPin(order.keys(), pin);
  if (pinned) keep.add(pinned);
  const releases: JsonProject['releases'] = {};
  for (const [v, r] of entries) if (keep.has(v)) releases[v] = r;
  return { ...j, releases, releaseCap: { kept: keep.size, total: entries.length } };
}
