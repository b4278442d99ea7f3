// PW213 release-missing: the exact version a lock resolved (or an `==` pin names) is not on the
// index although the project is. A lock was resolved from the index, so its release was there and
// has been removed since — by its maintainers, or by PyPI, which quarantines single releases that
// carried malware (since 2026-05) as it already did whole projects (PEP 792). For a pin it may
// also be a mistyped version. Whole-project states (missing, quarantined) are PW201 / PW203.
import { CODES } from '../../core/codes';
import type { IndexRule } from '../rule';
import { filesOfVersion, foundValue, isEnabled, isValidVersion, makeFinding, newestVersion, pinnedVersion, sameVersion, severityOf } from './index-helpers';

const info = CODES.releaseMissing;

export const releaseMissingRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(releaseMissingRule, ctx) || dep.url) return [];
    const pin = pinnedVersion(dep);
    if (!pin || !isValidVersion(pin.version)) return [];
    const primary = foundValue(facts.primary);
    // Every index the installer may use counts: the release may live on an extra index.
    const projects = [primary, ...facts.extras.map((e) => foundValue(e.result))].filter((p) => p !== undefined);
    if (projects.length === 0) return [];
    if (primary?.status?.status === 'quarantined') return []; // the whole project is held: PW203
    if (projects.every((p) => p.files.length === 0)) return []; // nothing to compare with
    if (projects.some((p) => filesOfVersion(p, pin.version).length > 0)) return [];
    const listed = projects.some((p) => p.versions.some((v) => sameVersion(v, pin.version)));
    const newest = newestVersion(projects.flatMap((p) => p.versions));
    const isLock = dep.source === 'lock';
    const what = listed ? 'is listed on the index with no files left' : 'is not on the index';
    const message = isLock
      ? `${dep.rawName} ${pin.version}, which this lock resolved, ${what}${newest ? ` (newest release: ${newest})` : ''}: the release was removed or quarantined ` +
        `after locking — PyPI quarantines single releases that carried malware. If it was installed anywhere, check it against OSV and the project's announcements, then re-lock`
      : `${dep.rawName}==${pin.version} ${what}${newest ? ` (newest release: ${newest})` : ''}: a mistyped version, or a release removed or quarantined ` +
        `(PyPI quarantines single releases that carried malware); installing it fails`;
    return [
      makeFinding(info, severityOf(info, ctx, isLock ? 'error' : info.defaultSeverity), dep, message, {
        version: pin.version,
        newest: newest ?? null,
        listedWithoutFiles: listed,
      }),
    ];
  },
};
