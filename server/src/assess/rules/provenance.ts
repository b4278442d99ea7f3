// PW205/PW206/PW207: PEP 740 attestations. About one upload in six carries one (2025), so a
// missing attestation alone is a hint; one that earlier releases had and the newest lacks, or a
// publisher repository other than the declared source, is what a stolen-token upload looks like.
// https://peps.python.org/pep-0740/
import { compare } from '@renovatebot/pep440';
import { CODES } from '../../core/codes';
import type { Dependency, Finding } from '../../core/types';
import type { PackageFacts, Publisher, ReleaseProvenance } from '../../index/facts';
import type { IndexRule, RuleContext } from '../rule';
import { declaredRepositories, filesOfVersion, foundValue, isEnabled, isPrerelease, makeFinding, normalizeRepoUrl, severityOf, sortVersions } from './index-helpers';

function publisherEvidence(p: Publisher): Record<string, string> {
  const out: Record<string, string> = { kind: p.kind };
  if (p.repository) out.repository = p.repository;
  if (p.workflow) out.workflow = p.workflow;
  if (p.environment) out.environment = p.environment;
  if (p.email) out.email = p.email;
  return out;
}

function describePublisher(p: Publisher): string {
  const parts = [p.kind, p.repository ?? p.email, p.workflow, p.environment ? `environment ${p.environment}` : undefined];
  return parts.filter((x) => x).join(' ');
}

/** Newest release unattested while an earlier one was attested; the earlier one, if so. */
function droppedFrom(releases: readonly ReleaseProvenance[]): ReleaseProvenance | undefined {
  if (releases.length < 2 || releases[0].attested) return undefined;
  return releases.slice(1).find((r) => r.attested);
}

/**
 * A lock installs its locked release, not the newest: judge that one from the Simple API's
 * per-file `provenance` (api 1.3; no Integrity API request): unattested while the release before
 * it was attested. Undefined when the index does not report provenance for those files.
 */
export function lockedDrop(dep: Dependency, facts: PackageFacts): { version: string; earlier: string } | undefined {
  const p = foundValue(facts.primary);
  if (!p || !dep.version) return undefined;
  const own = filesOfVersion(p, dep.version);
  if (own.length === 0 || own.some((f) => f.provenance === undefined) || own.every((f) => typeof f.provenance === 'string')) return undefined;
  const older = sortVersions(p.versions).filter((v) => compare(v, dep.version!) < 0 && !isPrerelease(v));
  for (let i = older.length - 1; i >= 0; i--) {
    const files = filesOfVersion(p, older[i]).filter((f) => f.yanked === false);
    if (files.length === 0) continue;
    if (files.some((f) => f.provenance === undefined)) return undefined;
    return files.every((f) => typeof f.provenance === 'string') ? { version: dep.version, earlier: older[i] } : undefined;
  }
  return undefined;
}

export const provenanceDroppedRule: IndexRule = {
  info: CODES.provenanceDropped,
  check(dep, facts, ctx) {
    const info = CODES.provenanceDropped;
    if (!isEnabled(provenanceDroppedRule, ctx) || dep.url) return [];
    if (dep.source === 'lock') {
      const d = lockedDrop(dep, facts);
      if (!d) return [];
      const message =
        `${dep.rawName} ${d.version}, the locked release, has no attestation, but ${d.earlier} before it was attested: ` +
        'this is what a release from a stolen token looks like';
      return [makeFinding(info, severityOf(info, ctx), dep, message, { version: d.version, attestedVersion: d.earlier, locked: true })];
    }
    const releases = foundValue(facts.provenance);
    if (!releases) return [];
    const earlier = droppedFrom(releases);
    if (!earlier) return [];
    const newest = releases[0];
    const was = earlier.publishers[0];
    const message =
      `${dep.rawName} ${newest.version} has no attestation, but ${earlier.version} was attested` +
      `${was ? ` (published by ${describePublisher(was)})` : ''}: this is what a release from a stolen token looks like`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        version: newest.version,
        attestedVersion: earlier.version,
        publishers: earlier.publishers.map(publisherEvidence),
      }),
    ];
  },
};

export const provenanceMissingRule: IndexRule = {
  info: CODES.provenanceMissing,
  defaultEnabled: true,
  check(dep, facts, ctx) {
    const info = CODES.provenanceMissing;
    // Most releases carry no attestation (about 5 in 6): on every locked package this hint would
    // bury the findings that matter. Locks get PW206 on the locked release only.
    if (!isEnabled(provenanceMissingRule, ctx) || dep.url || dep.source === 'lock') return [];
    const releases = foundValue(facts.provenance);
    if (!releases || releases.length === 0 || releases[0].attested) return [];
    // The stronger PW206 says it already; do not say it twice.
    if (droppedFrom(releases) && isEnabled(provenanceDroppedRule, ctx)) return [];
    const message = `${dep.rawName} ${releases[0].version} has no PEP 740 attestation: nothing ties its files to a source repository or build`;
    return [makeFinding(info, severityOf(info, ctx), dep, message, { version: releases[0].version })];
  },
};

function repoOf(p: Publisher): string | undefined {
  if (!p.repository) return undefined;
  const kind = p.kind.toLowerCase();
  if (kind === 'github') return normalizeRepoUrl(`https://github.com/${p.repository}`);
  if (kind === 'gitlab') return normalizeRepoUrl(`https://gitlab.com/${p.repository}`);
  return undefined;
}

function checkMismatch(dep: Dependency, facts: PackageFacts, ctx: RuleContext): Finding[] {
  const info = CODES.publisherMismatch;
  const releases = foundValue(facts.provenance);
  const json = foundValue(facts.json);
  if (!releases || !json) return [];
  const attested = releases.find((r) => r.attested);
  if (!attested) return [];
  const declared = declaredRepositories(json.projectUrls, json.homePage);
  if (declared.length === 0) return []; // nothing declared to compare with
  const publishers = attested.publishers.filter((p) => repoOf(p) !== undefined);
  if (publishers.length === 0) return [];
  if (publishers.some((p) => declared.includes(repoOf(p)!))) return [];
  const p = publishers[0];
  const message =
    `${dep.rawName} ${attested.version} was published from ${repoOf(p)} (${describePublisher(p)}), ` +
    `but the project declares its source at ${declared.join(', ')}: someone else's repository may be publishing it`;
  return [
    makeFinding(info, severityOf(info, ctx), dep, message, {
      version: attested.version,
      publisher: publisherEvidence(p),
      publisherRepository: repoOf(p),
      declaredRepositories: declared,
    }),
  ];
}

export const publisherMismatchRule: IndexRule = {
  info: CODES.publisherMismatch,
  check(dep, facts, ctx) {
    if (!isEnabled(publisherMismatchRule, ctx) || dep.url) return [];
    return checkMismatch(dep, facts, ctx);
  },
};
