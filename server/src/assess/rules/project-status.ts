// PW203 project-status: PEP 792 project status from the primary index's Simple API, and the
// trove classifier `Development Status :: 7 - Inactive` from the JSON API.
// https://peps.python.org/pep-0792/
import { CODES } from '../../core/codes';
import type { Severity } from '../../core/types';
import type { IndexRule } from '../rule';
import { foundValue, isEnabled, makeFinding, severityOf } from './index-helpers';

const info = CODES.status;
const INACTIVE = 'Development Status :: 7 - Inactive';

export const projectStatusRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(projectStatusRule, ctx)) return [];
    const simple = foundValue(facts.primary);
    const status = simple?.status?.status?.toLowerCase();
    const reason = simple?.status?.reason?.trim();
    const because = reason ? ` (reason: ${reason})` : '';
    let severity: Severity | undefined;
    let message = '';
    if (status === 'quarantined') {
      severity = 'error';
      message = `'${dep.rawName}' is quarantined on ${simple!.indexUrl}: held for malware review; installers must not use it${because}`;
    } else if (status === 'archived') {
      severity = 'warning';
      message = `'${dep.rawName}' is archived: its maintainers stopped working on it and it takes no new releases, not even security fixes${because}`;
    } else if (status === 'deprecated') {
      severity = 'warning';
      message = `'${dep.rawName}' is deprecated${reason ? `: ${reason}` : ''}`;
    }
    if (severity) {
      return [
        makeFinding(info, severityOf(info, ctx, severity), dep, message, {
          status,
          ...(reason ? { reason } : {}),
          indexUrl: simple!.indexUrl,
        }),
      ];
    }
    // Only when the index gives no stronger status: an active project may still be marked inactive.
    const json = foundValue(facts.json);
    if (json?.classifiers.includes(INACTIVE)) {
      const message = `'${dep.rawName}' declares itself inactive (${INACTIVE}): expect no fixes`;
      return [makeFinding(info, severityOf(info, ctx, 'information'), dep, message, { status: 'inactive', classifier: INACTIVE })];
    }
    return [];
  },
};
