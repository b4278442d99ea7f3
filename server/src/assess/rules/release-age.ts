// PW212 release-age: a pinned or locked release uploaded less than the cooldown ago. A release
// pushed with a stolen token is usually spotted and removed within hours or days (litellm,
// 2026-03: removed after 2.5 hours, 119k downloads in that time), so waiting a few days before
// using a release avoids most of them; uv (`exclude-newer`), pip (`--uploaded-prior-to`) and
// Poetry (`solver.min-release-age`) all offer such a cooldown. The upload time comes from the
// lockfile when it records one (uv.lock, pylock.toml `upload-time`: the offline rule), else from
// the Simple API's PEP 700 `upload-time` (the index rule). A long silence before the release or
// a burst of releases around it raises the finding to an error (escalateReleaseAge adds that to
// offline findings once the index answers).
//
// Fixes: an `==` pin is rewritten to the newest release older than the cooldown. A lock is never
// edited by hand: its hashes, upload times, wheels and dependency edges belong to the locked
// release, so a version replaced in place leaves an inconsistent lock (`uv sync --locked` refuses
// it); the message gives the re-lock command instead.
import { CODES } from '../../core/codes';
import type { Dependency, Finding, Fix, Severity } from '../../core/types';
import type { PackageFacts } from '../../index/facts';
import type { IndexRule, OfflineRule, RuleContext } from '../rule';
import { isEnabled, makeFinding, pinFix, pinnedVersion, severityOf } from './index-helpers';
import { agePolicy, exactVersion, formatAgo, formatInstant, parseTime, plural, releaseHistory, type AgePolicy, type History } from './release-age-facts';

const info = CODES.releaseAge;
const WHY =
  'releases pushed with a stolen token are usually found and removed within hours or days ' +
  '(litellm, 2026-03: removed after 2.5 hours, 119k downloads)';

function relockAdvice(dep: Dependency, ctx: RuleContext, policy: AgePolicy, target?: string): string {
  const n = dep.rawName;
  if (ctx.document.kind === 'uv-lock') {
    return target
      ? `run \`uv lock --upgrade-package ${n}==${target}\``
      : `run \`uv lock --upgrade-package ${n} --exclude-newer-package ${n}=${new Date(policy.cutoff).toISOString().replace(/\.\d{3}Z$/, 'Z')}\``;
  }
  if (ctx.document.kind === 'poetry-lock') return `constrain ${n} to ${target ? `==${target}` : 'an older release'} and run \`poetry lock\``;
  return `re-lock with ${n}${target ? `==${target}` : ' pinned to an older release'} (do not edit the lock by hand)`;
}

/** The finding for `dep` at `version` uploaded at `uploaded`, or undefined when old enough. */
export function releaseAgeFinding(dep: Dependency, version: string, uploaded: number, ctx: RuleContext, facts?: PackageFacts): Finding | undefined {
  const policy = agePolicy(dep, ctx);
  if (!policy || uploaded <= policy.cutoff) return undefined;
  const now = ctx.now.getTime();
  const h: History = facts ? (releaseHistory(dep, version, facts, policy) ?? {}) : {};
  const signals: string[] = [];
  if (h.dormantDays !== undefined) signals.push(`it follows ${plural(h.dormantDays, 'day')} without a release (since ${h.previousVersion}), the shape of a taken-over project`);
  if (h.burst) signals.push(`${h.burst.length} releases (${h.burst.slice(0, 5).join(', ')}) went up within an hour of each other`);
  const fallback: Severity = signals.length > 0 ? 'error' : info.defaultSeverity;
  const target = h.target?.version;
  const isLock = dep.source === 'lock';
  const fixes: Fix[] = [];
  let advice: string;
  if (isLock) advice = relockAdvice(dep, ctx, policy, target);
  else if (target && dep.hashes && dep.hashes.length > 0) advice = `pin ${target} and regenerate the hashes`;
  else if (target) {
    const fix = pinFix(dep, target, pinnedVersion(dep)?.rest ?? [], `Pin to ${target} (newest release older than the cooldown)`);
    if (fix) fixes.push(fix);
    advice = `pin ${target} (uploaded ${formatInstant(h.target!.uploaded)})`;
  } else advice = 'pin an older release';
  const wait = policy.ms !== undefined ? `, or wait until ${formatInstant(uploaded + policy.ms)}` : '';
  const message =
    `${dep.rawName} ${version} was uploaded ${formatInstant(uploaded)} (${formatAgo(Math.max(0, now - uploaded))}), within ${policy.label}: ` +
    `${WHY}. ${signals.length ? `Also, ${signals.join('; ')}. ` : ''}To use a release that has had that time, ${advice}${wait}`;
  return makeFinding(info, severityOf(info, ctx, fallback), dep, message, {
    version,
    uploadTime: new Date(uploaded).toISOString(),
    ageHours: Math.floor(Math.max(0, now - uploaded) / 3_600_000),
    cutoff: new Date(policy.cutoff).toISOString(),
    cooldown: policy.label,
    dormantDays: h.dormantDays ?? null,
    burst: h.burst ?? null,
    suggestedVersion: target ?? null,
  }, fixes);
}

/** Locks recording `upload-time` (uv.lock, pylock.toml): decided offline. */
export const releaseAgeRule: OfflineRule = {
  info,
  check(dep, ctx) {
    if (!isEnabled(releaseAgeRule, ctx) || dep.url || (dep.origin && dep.origin !== 'registry')) return [];
    const version = dep.version;
    const uploaded = parseTime(dep.uploadTime);
    if (!version || uploaded === undefined) return [];
    const f = releaseAgeFinding(dep, version, uploaded, ctx);
    return f ? [f] : [];
  },
};

/** Pins and locks without a recorded upload time: the Simple API's PEP 700 `upload-time`. */
export const releaseAgeIndexRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(releaseAgeIndexRule, ctx) || dep.url || parseTime(dep.uploadTime) !== undefined) return [];
    const version = exactVersion(dep);
    const policy = version ? agePolicy(dep, ctx) : undefined;
    if (!version || !policy) return [];
    const uploaded = releaseHistory(dep, version, facts, policy)?.uploaded;
    if (uploaded === undefined) return [];
    const f = releaseAgeFinding(dep, version, uploaded, ctx, facts);
    return f ? [f] : [];
  },
};

/**
 * Offline release-age findings about `facts.name` rebuilt with what the index adds: a dormancy
 * or burst (raising them to errors) and the release to move to. Inputs are not mutated.
 */
export function escalateReleaseAge(findings: readonly Finding[], facts: PackageFacts, ctx: RuleContext): Finding[] {
  if (!isEnabled(releaseAgeRule, ctx)) return [...findings];
  return findings.map((f) => {
    const dep = f.dependency;
    if (f.code !== info.code || !dep || dep.name !== facts.name || !dep.version) return f;
    const uploaded = parseTime(dep.uploadTime);
    if (uploaded === undefined) return f;
    return releaseAgeFinding(dep, dep.version, uploaded, ctx, facts) ?? f;
  });
}
