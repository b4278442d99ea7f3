// PW204 yanked: PEP 592. Installers skip yanked files unless the requirement pins them with
// `==`/`===`, so a pin to a yanked release still installs the release its maintainers withdrew.
// A range whose only matches are yanked is the same problem one step removed.
// https://peps.python.org/pep-0592/
import { CODES } from '../../core/codes';
import type { Fix } from '../../core/types';
import type { IndexRule } from '../rule';
import {
  findRelease,
  isEnabled,
  isPrerelease,
  makeFinding,
  newestVersion,
  pinFix,
  pinnedVersion,
  releaseMap,
  satisfiesAll,
  severityOf,
  specifierClauses,
  type ReleaseFacts,
} from './index-helpers';

const info = CODES.yanked;

function reasonText(r: ReleaseFacts): string {
  return r.yankedReason ? ` (reason: ${r.yankedReason})` : ' (no reason given)';
}

export const yankedRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(yankedRule, ctx)) return [];
    if (dep.url) return [];
    const releases = releaseMap(facts);
    if (!releases) return []; // neither the Simple API nor the JSON API answered
    const severity = severityOf(info, ctx);
    const pin = pinnedVersion(dep);

    if (pin) {
      const rel = findRelease(releases, pin.version);
      if (!rel || !rel.yanked) return [];
      const allowPre = isPrerelease(pin.version);
      const candidates = [...releases.values()]
        .filter((r) => !r.yanked && satisfiesAll(r.version, pin.rest, allowPre))
        .map((r) => r.version);
      const target = newestVersion(candidates, allowPre);
      const fixes: Fix[] = [];
      const fix = target ? pinFix(dep, target, pin.rest, `Pin to ${target} (newest release that is not yanked)`) : undefined;
      if (fix) fixes.push(fix);
      const message = `${dep.rawName} ${pin.version} is yanked${reasonText(rel)}: its maintainers withdrew it${target ? `; ${target} is the newest release that is not` : ''}`;
      return [
        makeFinding(info, severity, dep, message, {
          version: rel.version,
          reason: rel.yankedReason ?? null,
          suggestedVersion: target ?? null,
        }, fixes),
      ];
    }

    // A range: pre-releases count only when nothing else matches (PEP 440 "Handling of pre-releases").
    const clauses = specifierClauses(dep.specifier);
    const all = [...releases.values()];
    let matching = all.filter((r) => !isPrerelease(r.version) && satisfiesAll(r.version, clauses, false));
    if (matching.length === 0) matching = all.filter((r) => satisfiesAll(r.version, clauses, true));
    if (matching.length === 0 || matching.some((r) => !r.yanked)) return [];
    const newest = newestVersion(matching.map((r) => r.version), true);
    const rel = newest ? findRelease(releases, newest) : undefined;
    const what = clauses.length > 0 ? ` matching '${clauses.join(',')}'` : '';
    const message =
      `Every release of ${dep.rawName}${what} is yanked${rel ? ` (newest: ${rel.version}${reasonText(rel)})` : ''}: ` +
      `installers skip yanked releases, and pip installs one only as a last resort`;
    return [
      makeFinding(info, severity, dep, message, {
        specifier: clauses.join(','),
        yankedVersions: matching.map((r) => r.version),
        reason: rel?.yankedReason ?? null,
      }),
    ];
  },
};
