// PW208 known-malicious: OSV `MAL-` records (OpenSSF malicious-packages) for the project or the
// pinned version. PyPI removes such projects within hours, so this usually fires together with a
// missing project; not-on-index then stays silent and this one speaks.
// https://ossf.github.io/osv-schema/ , https://github.com/ossf/malicious-packages
import { CODES } from '../../core/codes';
import type { Fix } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import type { IndexRule } from '../rule';
import { foundValue, isEnabled, makeFinding, severityOf } from './index-helpers';

const info = CODES.malicious;

export function osvLink(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

export const knownMaliciousRule: IndexRule = {
  info,
  check(dep, facts, ctx, offlineFindings) {
    if (!isEnabled(knownMaliciousRule, ctx)) return [];
    const project = foundValue(facts.osvProject) ?? [];
    const version = foundValue(facts.osvVersion) ?? [];
    const ids = [...new Set([...project, ...version].map((r) => r.id).filter((id) => id.startsWith('MAL-')))].sort();
    if (ids.length === 0) return [];
    // Offer the names it imitates unless the typosquat finding already does.
    const typosquatHere = offlineFindings.some((f) => f.code === CODES.typosquat.code && f.dependency?.name === dep.name);
    const own = normalizeName(dep.name);
    const fixes: Fix[] = typosquatHere
      ? []
      : (ctx.suggest?.(dep.name, 3) ?? [])
          .filter((s) => normalizeName(s.name) !== own)
          .slice(0, 3)
          .map((s, i) => ({ kind: 'replace', range: dep.range, newText: s.name, title: `Replace with '${s.name}'`, isPreferred: i === 0 }));
    const links = ids.map(osvLink);
    const message = `'${dep.rawName}' is known malware (${ids.join(', ')}): do not install it; if it was installed, treat the machine as compromised. ${links[0]}`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        ids,
        links,
        scope: version.some((r) => r.id.startsWith('MAL-')) ? 'version' : 'project',
      }, fixes),
    ];
  },
};
