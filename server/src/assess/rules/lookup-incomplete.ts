// PW002 lookup-incomplete: the index lookups for this dependency were asked for and did not
// complete (HTTP 401/403/5xx, an invalid, oversized or foreign answer, a refused redirect, an
// unreachable host), so every index finding about it is unknown — said on its line instead of
// silently showing nothing (issue 8 §2). A hint: the CLI's exit status 3 is what fails CI.
import { CODES } from '../../core/codes';
import type { Lookup, LookupFailure, PackageFacts } from '../../index/facts';
import type { IndexRule } from '../rule';
import { isEnabled, makeFinding, severityOf } from './index-helpers';

const info = CODES.lookupIncomplete;

/** The distinct failures among a project's lookups (one per source and cause). */
export function lookupFailures(facts: PackageFacts): LookupFailure[] {
  const all: (Lookup<unknown> | undefined)[] = [facts.primary, ...facts.extras.map((e) => e.result), facts.publicPypi, facts.json, facts.provenance, facts.osvProject, facts.osvVersion];
  const out = new Map<string, LookupFailure>();
  for (const l of all) {
    if (l?.state !== 'unknown' || !l.failure) continue;
    const k = `${l.failure.source ?? ''}\u0000${l.failure.cause}`;
    if (!out.has(k)) out.set(k, l.failure);
  }
  return [...out.values()];
}

export function describeFailure(f: LookupFailure): string {
  return `${f.cause} from ${f.source ?? 'the index'}${f.hint ? ` (${f.hint})` : ''}`;
}

export const lookupIncompleteRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(lookupIncompleteRule, ctx)) return [];
    const failures = lookupFailures(facts);
    if (failures.length === 0) return [];
    const shown = failures.slice(0, 2).map(describeFailure).join('; ') + (failures.length > 2 ? `; ${failures.length - 2} more` : '');
    const message = `index lookup for '${dep.rawName}' did not complete: ${shown}; its index findings are unknown`;
    return [makeFinding(info, severityOf(info, ctx), dep, message, { failures: failures.map((f) => ({ ...f })) })];
  },
};
