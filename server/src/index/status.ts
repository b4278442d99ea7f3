// The one status line the editor shows for index lookups (house style §10): disabled (offline
// setting), offline (the primary index's breaker is open), degraded (a refused URL, or an extra
// index / public PyPI / OSV unreachable), ok. Messages name hosts redacted, never credentials.
import type { Settings } from '../core/settings';
import type { Breakers } from './breaker';
import type { LookupFailure } from './facts';
import type { IndexPlan } from './plan';
import { originOf, redact } from './urls';

export type IndexStatus = { state: 'ok' | 'degraded' | 'offline' | 'disabled'; message?: string };

/** Lookups that failed (`failures`, one per source and cause) keep the status from `ok` (issue 8 §2). */
export function computeStatus(settings: Settings, plan: IndexPlan, breakers: Breakers, failures: readonly LookupFailure[] = []): IndexStatus {
  if (settings.offline) return { state: 'disabled', message: 'Index lookups are off (pipwatch.offline).' };
  const p = plan.primary;
  if (p.refused) return { state: 'degraded', message: `Index lookups unavailable: ${p.refused}.` };
  if (breakers.isOpen(p.origin)) {
    const why = breakers.state(p.origin).lastError ?? 'repeated failures';
    return { state: 'offline', message: `Cannot reach the package index ${redact(p.clean)} (${why}); index checks are paused and will retry automatically.` };
  }
  const problems: string[] = [];
  for (const r of [...plan.extras, ...(plan.anyPrivate ? [plan.publicPypi] : [])]) {
    if (r.refused) problems.push(r.refused);
    else if (breakers.isOpen(r.origin)) problems.push(`${redact(r.clean)} unreachable`);
  }
  const osvOrigin = originOf(plan.osvUrl ?? '');
  if (plan.osvRefused) problems.push(plan.osvRefused);
  else if (osvOrigin && osvOrigin !== p.origin && breakers.isOpen(osvOrigin)) problems.push('OSV unreachable');
  if (problems.length) return { state: 'degraded', message: `Some index lookups are unavailable: ${problems.join('; ')}.` };
  if (failures.length) {
    const causes = failures.slice(0, 3).map((f) => `${f.source ?? 'index'}: ${f.cause}${f.hint ? ` (${f.hint})` : ''}`);
    const more = failures.length > 3 ? `; ${failures.length - 3} more` : '';
    return { state: 'degraded', message: `Some index lookups failed — ${causes.join('; ')}${more}. Index findings for those packages are unknown.` };
  }
  return { state: 'ok' };
}
