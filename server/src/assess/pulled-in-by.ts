// A finding on a package that only the lock pulls in (a transitive dependency) says who pulls it
// in: the user cannot fix `idna` in uv.lock by editing it, but can question `anyio`, which needs it.
// Names come from the lock's own dependency edges (`requiredBy`, set by the lock parsers).
import type { Dependency, Finding } from '../core/types';

const SHOWN = 3;

/** ` (pulled in by a, b and 2 more)` for a transitive locked package; '' otherwise. */
export function pulledInBySuffix(dep: Dependency | undefined): string {
  if (!dep || dep.source !== 'lock' || dep.direct === true || !dep.requiredBy?.length) return '';
  const by = dep.requiredBy;
  const more = by.length > SHOWN ? ` and ${by.length - SHOWN} more` : '';
  return ` (pulled in by ${by.slice(0, SHOWN).join(', ')}${more})`;
}

/** The finding with the suffix appended to its message, when it applies. */
export function withPulledInBy(f: Finding): Finding {
  const suffix = pulledInBySuffix(f.dependency);
  return suffix ? { ...f, message: f.message + suffix, evidence: { ...f.evidence, requiredBy: f.dependency!.requiredBy } } : f;
}
