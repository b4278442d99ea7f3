// What PW212 release-age knows about a release besides its own age: the cooldown in force, the
// release history around it (a long silence before it, a burst of releases with it) and the newest
// release that is old enough to use instead. Pure functions over PackageFacts and the context.
import type { Dependency } from '../../core/types';
import type { PackageFacts } from '../../index/facts';
import { cooldownFor, cutoffOf, type Cooldown } from '../../parse/cooldown';
import type { RuleContext } from '../rule';
import { isPrerelease, newestVersion, pinnedVersion, releaseMap, sameVersion, satisfiesAll } from './index-helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A release after this many quiet days is a revived project: the shape of a taken-over account. */
export const DORMANT_DAYS = 730;
/** This many releases within an hour of each other: a token being used in a hurry. */
export const BURST_RELEASES = 3;
const BURST_WINDOW_MS = HOUR;

export interface AgePolicy {
  /** Releases uploaded after this instant are too new. */
  cutoff: number;
  /** How the cooldown reads in a message: "the 3-day cooldown (pipwatch.releaseAge.cooldownDays)". */
  label: string;
  /** The relative length, when the cooldown is one (for "old enough on …"). */
  ms?: number;
}

function describeCooldown(c: Cooldown, source: string): string {
  return c.kind === 'relative' ? `the project's cooldown of ${c.text} (${source})` : `the project's cutoff ${c.text} (${source})`;
}

/** The cooldown for `dep`, or undefined when it is exempt or the check is off. */
export function agePolicy(dep: Dependency, ctx: RuleContext): AgePolicy | undefined {
  const now = ctx.now.getTime();
  const own = cooldownFor(ctx.cooldown, dep.name);
  if (own === 'exempt') return undefined;
  if (own) return { cutoff: cutoffOf(own, now), label: describeCooldown(own, ctx.cooldown!.source), ...(own.kind === 'relative' ? { ms: own.ms } : {}) };
  const days = ctx.settings.releaseAge.cooldownDays;
  if (!(days > 0)) return undefined;
  return { cutoff: now - days * DAY, label: `the ${days}-day cooldown (pipwatch.releaseAge.cooldownDays)`, ms: days * DAY };
}

/** The exact version a dependency installs: a lock's resolved version or an `==`/`===` pin. */
export function exactVersion(dep: Dependency): string | undefined {
  return dep.version ?? pinnedVersion(dep)?.version;
}

export function parseTime(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** "2026-11-26 10:00 UTC". */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "35 minutes ago", "2 hours ago", "4 days ago" (never negative: a clock ahead of ours is "just now"). */
export function formatAgo(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < HOUR) return plural(Math.floor(ms / 60_000), 'minute') + ' ago';
  if (ms < 48 * HOUR) return plural(Math.floor(ms / HOUR), 'hour') + ' ago';
  return plural(Math.floor(ms / DAY), 'day') + ' ago';
}

export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export interface History {
  /** Days between the previous release and this one, when that gap is a dormancy. */
  dormantDays?: number;
  previousVersion?: string;
  /** Versions uploaded within an hour of this one (this one included), when that is a burst. */
  burst?: string[];
  /** Newest release uploaded before the cutoff that the specifier allows (not yanked). */
  target?: { version: string; uploaded: number };
  /** Upload time of this release as the index reports it. */
  uploaded?: number;
}

/** The release history around `version` from the index (Simple API upload times, JSON fallback). */
export function releaseHistory(dep: Dependency, version: string, facts: PackageFacts, policy: AgePolicy): History | undefined {
  const releases = releaseMap(facts);
  if (!releases) return undefined;
  const timed = [...releases.values()]
    .map((r) => ({ ...r, t: parseTime(r.uploadTime) }))
    .filter((r): r is typeof r & { t: number } => r.t !== undefined);
  const self = timed.find((r) => sameVersion(r.version, version));
  const out: History = {};
  if (self) {
    out.uploaded = self.t;
    const before = timed.filter((r) => r.t < self.t && !sameVersion(r.version, version)).sort((a, b) => b.t - a.t)[0];
    if (before) {
      const gap = Math.floor((self.t - before.t) / DAY);
      if (gap >= DORMANT_DAYS) {
        out.dormantDays = gap;
        out.previousVersion = before.version;
      }
    }
    const near = timed.filter((r) => Math.abs(r.t - self.t) <= BURST_WINDOW_MS).map((r) => r.version);
    if (near.length >= BURST_RELEASES) out.burst = near;
  }
  const pin = pinnedVersion(dep);
  const rest = pin?.rest ?? [];
  const allowPre = isPrerelease(version);
  const old = timed.filter((r) => !r.yanked && r.t <= policy.cutoff && (allowPre || !isPrerelease(r.version)) && satisfiesAll(r.version, rest, allowPre));
  const best = newestVersion(old.map((r) => r.version), allowPre);
  const hit = best ? old.find((r) => r.version === best) : undefined;
  if (hit && !sameVersion(hit.version, version)) out.target = { version: hit.version, uploaded: hit.t };
  return out;
}
