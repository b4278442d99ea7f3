// PW209 known-vulnerable: advisories for the pinned version, from the PyPI JSON API's
// `vulnerabilities` (PYSEC, with aliases and fixed_in) and from OSV (ids only). One advisory often
// appears under several ids (PYSEC-…, GHSA-…, CVE-…): group by aliases so each counts once.
// https://ossf.github.io/osv-schema/
import { compare, explain } from '@renovatebot/pep440';
import { CODES } from '../../core/codes';
import type { Fix } from '../../core/types';
import type { Vulnerability } from '../../index/facts';
import type { IndexRule } from '../rule';
import { foundValue, isEnabled, isValidVersion, makeFinding, pinFix, pinnedVersion, satisfiesAll, severityOf, sortVersions } from './index-helpers';
import { osvLink } from './known-malicious';

const info = CODES.vulnerable;

interface Advisory {
  id: string;
  aliases: string[];
  fixedIn: string[];
  summary?: string;
}

// PYSEC and GHSA are the ids PyPI and GitHub show; prefer them as the name of a group.
function rank(id: string): number {
  if (id.startsWith('PYSEC-')) return 0;
  if (id.startsWith('GHSA-')) return 1;
  return 2;
}

function isWithdrawn(v: Vulnerability): boolean {
  return typeof v.withdrawn === 'string' && v.withdrawn.length > 0;
}

export function collectAdvisories(json: Vulnerability[], osvIds: string[]): Advisory[] {
  const out: Advisory[] = [];
  for (const v of json) {
    if (isWithdrawn(v)) continue;
    const ids = [v.id, ...v.aliases];
    const same = out.find((a) => ids.some((id) => id === a.id || a.aliases.includes(id)));
    if (same) {
      same.aliases = [...new Set([...same.aliases, ...ids])].filter((x) => x !== same.id);
      same.fixedIn = [...new Set([...same.fixedIn, ...v.fixedIn])];
    } else {
      out.push({ id: v.id, aliases: v.aliases.filter((a) => a !== v.id), fixedIn: [...v.fixedIn], ...(v.summary ? { summary: v.summary } : {}) });
    }
  }
  for (const id of osvIds) {
    if (id.startsWith('MAL-')) continue; // PW208's business
    const same = out.find((a) => a.id === id || a.aliases.includes(id));
    if (!same) out.push({ id, aliases: [], fixedIn: [] });
  }
  for (const a of out) {
    const best = [a.id, ...a.aliases].sort((x, y) => rank(x) - rank(y))[0];
    if (best !== a.id) {
      a.aliases = [a.id, ...a.aliases.filter((x) => x !== best)];
      a.id = best;
    }
  }
  return out;
}

function branch(v: string): string {
  const e = explain(v);
  return e ? `${e.epoch}!${e.release[0] ?? 0}.${e.release[1] ?? 0}` : v;
}

/**
 * Is `candidate` fixed for an advisory fixed in `fixedIn`? `fixed_in` lists one version per
 * maintained branch (e.g. 1.2.5 and 2.0.3), so a candidate counts as fixed when some listed
 * version is at or below it and no listed version above it sits on the same major.minor branch.
 */
function fixedAt(candidate: string, fixedIn: readonly string[]): boolean {
  const valid = fixedIn.filter(isValidVersion);
  return valid.some((f) => compare(f, candidate) <= 0) && !valid.some((f) => compare(f, candidate) > 0 && branch(f) === branch(candidate));
}

/** Lowest version above the pin that every advisory with fix data counts as fixed. */
export function lowestFixedVersion(pin: string, advisories: Advisory[]): string | undefined {
  if (!isValidVersion(pin)) return undefined;
  const withData = advisories.filter((a) => a.fixedIn.some(isValidVersion));
  // An advisory fixed only at or below the pin leaves the pin's own branch unfixed: no single upgrade.
  if (withData.some((a) => !a.fixedIn.some((v) => isValidVersion(v) && compare(v, pin) > 0))) return undefined;
  const candidates = sortVersions(withData.flatMap((a) => a.fixedIn)).filter((v) => compare(v, pin) > 0);
  return candidates.find((c) => withData.every((a) => fixedAt(c, a.fixedIn)));
}

export const knownVulnerableRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(knownVulnerableRule, ctx) || dep.url) return [];
    const pin = pinnedVersion(dep);
    if (!pin) return [];
    const json = foundValue(facts.json);
    // The client fills `vulnerabilities` from the version endpoint of the pin (facts.ts).
    const jsonVulns = json?.vulnerabilities ?? [];
    const osvIds = (foundValue(facts.osvVersion) ?? []).map((r) => r.id);
    if (!json && facts.osvVersion?.state !== 'found') return [];
    const advisories = collectAdvisories(jsonVulns, osvIds);
    if (advisories.length === 0) return [];

    const target = lowestFixedVersion(pin.version, advisories);
    const fixes: Fix[] = [];
    if (target && satisfiesAll(target, pin.rest)) {
      const fix = pinFix(dep, target, pin.rest, `Upgrade to ${target} (lowest fixed version)`);
      if (fix) fixes.push(fix);
    }
    const fixedIn = sortVersions(advisories.flatMap((a) => a.fixedIn));
    const label = (a: Advisory): string => (a.aliases.length > 0 ? `${a.id} (${a.aliases.join(', ')})` : a.id);
    const shown = advisories.slice(0, 3).map(label).join('; ');
    const more = advisories.length > 3 ? ` and ${advisories.length - 3} more` : '';
    const message =
      `${dep.rawName} ${pin.version} has ${advisories.length === 1 ? 'a known vulnerability' : `${advisories.length} known vulnerabilities`}: ` +
      `${shown}${more}${fixedIn.length > 0 ? `; fixed in ${fixedIn.join(', ')}` : ''}`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        version: pin.version,
        advisories: advisories.map((a) => ({ id: a.id, aliases: a.aliases, fixedIn: a.fixedIn, link: osvLink(a.id) })),
        fixedIn,
        suggestedVersion: target ?? null,
      }, fixes),
    ];
  },
};
