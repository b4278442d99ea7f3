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
function findPin(versions: readonly string[], pin: string | undefined): string | undefined {
  if (!pin) return undefined;
  if (versions.includes(pin)) return pin;
  if (!valid(pin)) return undefined;
  for (const v of versions) {
    try {
      if (eq(v, pin)) return v;
    } catch {
      // an invalid version on the index is never the pin
    }
  }
  return undefined;
}

/**
 * Releases in first-seen order as parallel arrays: at 10^5 releases, an object and an entry pair
 * per release (and copies of them to sort) were most of the cap's cost.
 */
interface Order {
  versions: string[];
  /** Upload time ('' when unknown). */
  times: string[];
  /** Position in the index's listing. */
  pos: number[];
}

/**
 * The `max` newest versions by upload order: latest upload time (ISO 8601 compares as text),
 * then position (indexes list files oldest first) for versions without one.
 */
function newestByUpload({ versions, times, pos }: Order, max: number): Set<string> {
  const ranked = Array.from(versions, (_, i) => i);
  ranked.sort((a, b) => (times[a] === times[b] ? pos[b]! - pos[a]! : times[a]! < times[b]! ? 1 : -1));
  const keep = new Set<string>();
  for (let i = 0; i < ranked.length && i < max; i++) keep.add(versions[ranked[i]!]!);
  return keep;
}

/** `p` with the files of at most `max` releases (+ the pinned one); unchanged when under the cap. */
export function capSimpleProject(p: SimpleProject, pin: string | undefined, max = MAX_RELEASES): SimpleProject {
  if (p.releaseCap) return p; // already cut (the primary index may also be the public one)
  const slot = new Map<string, number>();
  const order: Order = { versions: [], times: [], pos: [] };
  const { versions, times, pos } = order;
  p.files.forEach((f, at) => {
    if (!f.version) return;
    const k = slot.get(f.version);
    const time = f.uploadTime ?? '';
    if (k === undefined) {
      slot.set(f.version, versions.length);
      versions.push(f.version);
      times.push(time);
      pos.push(at);
    } else {
      if (time > times[k]!) times[k] = time;
      pos[k] = at;
    }
  });
  p.versions.forEach((v, at) => {
    if (slot.has(v)) return;
    slot.set(v, versions.length);
    versions.push(v);
    times.push('');
    pos.push(-p.versions.length + at);
  });
  const total = versions.length;
  if (total <= max) return p;
  const keep = newestByUpload(order, max);
  const pinned = findPin(versions, pin);
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
  const versions = Object.keys(j.releases);
  if (versions.length <= max) return j;
  const order: Order = { versions, times: versions.map((v) => j.releases[v]!.uploadTime ?? ''), pos: versions.map((_, at) => at) };
  const keep = newestByUpload(order, max);
  const pinned = findPin(versions, pin);
  if (pinned) keep.add(pinned);
  const releases: JsonProject['releases'] = {};
  for (const v of versions) if (keep.has(v)) releases[v] = j.releases[v]!;
  return { ...j, releases, releaseCap: { kept: keep.size, total: versions.length } };
}
