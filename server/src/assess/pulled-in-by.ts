// A finding on a package that only the lock pulls in (a transitive dependency) says who pulls it
// in: the user cannot fix `idna` in uv.lock by editing it, but can question `anyio`, which needs it.
// Names come from the lock's own dependency edges (`requiredBy`, set by the lock parsers).
import type { Dependency, Finding } from '../core/types';

const SHOWN = 3;

function names(list: readonly string[]): string {
  const more = list.length > SHOWN ? ` and ${list.length - SHOWN} more` : '';
  return list.slice(0, SHOWN).join(', ') + more;
}

/**
 * ` (pulled in by a, b and 2 more)` for a transitive locked package; '' otherwise. When the
 * packages that need it are themselves transitive, the direct dependencies it comes through are
 * named too: ` (pulled in by werkzeug, through your dependency flask)`.
 */
export function pulledInBySuffix(dep: Dependency | undefined): string {
  if (!dep || dep.source !== 'lock' || dep.direct === true || !dep.requiredBy?.length) return '';
  const by = new Set(dep.requiredBy);
  const through = (dep.directVia ?? []).filter((n) => !by.has(n));
  const tail = through.length > 0 ? `, through your ${through.length === 1 ? 'dependency' : 'dependencies'} ${names(through)}` : '';
  return ` (pulled in by ${names(dep.requiredBy)}${tail})`;
}

/** The finding with the suffix appended to its message, when it applies. */
export function withPulledInBy(f: Finding): Finding {
  const suffix = pulledInBySuffix(f.dependency);
  if (!suffix) return f;
  const d = f.dependency!;
  return { ...f, message: f.message + suffix, evidence: { ...f.evidence, requiredBy: d.requiredBy, ...(d.directVia ? { directVia: d.directVia } : {}) } };
}
