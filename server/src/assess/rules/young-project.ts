// PW210 young-project: a project first released days ago, or one with a release or two and no
// source link, has no track record. Alone that is information; next to a typosquat finding it
// is the typical shape of an attack, so `escalateTyposquat` raises that finding instead.
import { CODES } from '../../core/codes';
import type { Dependency, Finding } from '../../core/types';
import type { PackageFacts } from '../../index/facts';
import type { IndexRule, RuleContext } from '../rule';
import { daysBetween, foundValue, hasSourceLink, isEnabled, makeFinding, releaseMap, severityOf } from './index-helpers';

const info = CODES.young;

export interface Youth {
  /** Days since the first release, when known. */
  ageDays?: number;
  firstRelease?: string;
  releaseCount: number;
  young: boolean;
  /** ≤ 2 releases and the JSON API shows no source link. */
  thin: boolean;
}

/** How young / thin the project is; undefined when the index did not say. */
export function assessYouth(facts: PackageFacts, ctx: RuleContext): Youth | undefined {
  const releases = releaseMap(facts);
  if (!releases || releases.size === 0) return undefined;
  const json = foundValue(facts.json);
  // Earliest upload across the index's files and every JSON release (even ones with no files left).
  const times = [...[...releases.values()].map((r) => r.uploadTime), ...Object.values(json?.releases ?? {}).map((r) => r.uploadTime)]
    .filter((t): t is string => t !== undefined && Number.isFinite(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const firstRelease = times[0];
  const ageDays = firstRelease !== undefined ? Math.max(0, daysBetween(new Date(firstRelease), ctx.now)) : undefined;
  const young = ageDays !== undefined && ageDays < ctx.settings.index.youngDays;
  // "No source link" needs the JSON API's project URLs; without it, thinness is unknown.
  const noSource = json !== undefined && !hasSourceLink(json.projectUrls, json.homePage);
  const thin = releases.size <= 2 && noSource;
  return { ...(ageDays !== undefined ? { ageDays, firstRelease } : {}), releaseCount: releases.size, young, thin };
}

function describe(y: Youth): string {
  const parts: string[] = [];
  if (y.young && y.ageDays !== undefined) parts.push(`first released ${y.ageDays} day${y.ageDays === 1 ? '' : 's'} ago`);
  if (y.thin) parts.push(`only ${y.releaseCount} release${y.releaseCount === 1 ? '' : 's'} and no source link`);
  return parts.join('; ');
}

function isTyposquatOf(f: Finding, dep: { name: string }): boolean {
  return f.code === CODES.typosquat.code && f.dependency?.name === dep.name;
}

export const youngProjectRule: IndexRule = {
  info,
  check(dep: Dependency, facts, ctx, offlineFindings) {
    if (!isEnabled(youngProjectRule, ctx) || dep.url) return [];
    // escalateTyposquat carries this signal on the typosquat finding instead.
    if (offlineFindings.some((f) => isTyposquatOf(f, dep))) return [];
    const y = assessYouth(facts, ctx);
    if (!y || (!y.young && !y.thin)) return [];
    const message = `'${dep.rawName}' has little track record: ${describe(y)}`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        firstRelease: y.firstRelease ?? null,
        ageDays: y.ageDays ?? null,
        releaseCount: y.releaseCount,
        young: y.young,
        thin: y.thin,
      }),
    ];
  },
};

/**
 * The combination rule: returns `offlineFindings` in the same order, with every typosquat
 * (PW101) finding about `facts.name` raised to error and its message extended when the project is
 * young or thin. Nothing changes when young-project is disabled or the index did not say.
 * Inputs are not mutated.
 */
export function escalateTyposquat(offlineFindings: readonly Finding[], facts: PackageFacts, ctx: RuleContext): Finding[] {
  if (!isEnabled(youngProjectRule, ctx)) return [...offlineFindings];
  const y = assessYouth(facts, ctx);
  if (!y || (!y.young && !y.thin)) return [...offlineFindings];
  return offlineFindings.map((f) =>
    isTyposquatOf(f, facts)
      ? {
          ...f,
          severity: 'error' as const,
          message: `${f.message}; ${describe(y)}`,
          evidence: { ...f.evidence, escalatedBy: info.code, ageDays: y.ageDays ?? null, releaseCount: y.releaseCount },
        }
      : f,
  );
}
