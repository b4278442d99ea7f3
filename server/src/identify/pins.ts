// The one PEP 440 pin parser: which exact version a dependency installs. The index is asked about
// that version and every version-level rule (yanked, vulnerable, release age…) reads the same
// answer, so `pkg==2.4.0,<3` can never be "pinned" for one and "a range" for another.
// https://packaging.python.org/en/latest/specifications/version-specifiers/#version-matching
import type { Dependency } from '../core/types';

export interface Pin {
  version: string;
  /** The clause that pins, e.g. `==2.4.0` (for a lock: `==<version>`). */
  clause: string;
  /** The specifier's other clauses, e.g. `<3`. */
  rest: string[];
}

/** Splits `>=1.0,<2` into clauses (the parsers already removed spaces; be lenient anyway). */
export function specifierClauses(specifier: string | undefined): string[] {
  return (specifier ?? '').split(',').map((c) => c.trim()).filter((c) => c.length > 0);
}

/**
 * The exact version a dependency installs: a lock's resolved `version`, else the specifier's
 * `==X` (not a `==X.*` prefix match) or `===X` (arbitrary equality) clause, whatever other clauses
 * sit next to it; undefined otherwise.
 */
export function pinnedVersion(dep: Pick<Dependency, 'version' | 'specifier'>): Pin | undefined {
  if (dep.version) return { version: dep.version, clause: `==${dep.version}`, rest: [] };
  const clauses = specifierClauses(dep.specifier);
  for (const clause of clauses) {
    const m = /^===?\s*([^=\s*,;]+)$/.exec(clause);
    if (m && !(m[1] as string).endsWith('.*')) return { version: m[1] as string, clause, rest: clauses.filter((c) => c !== clause) };
  }
  return undefined;
}

/** Just the version of `pinnedVersion`. */
export function pinnedVersionOf(dep: Pick<Dependency, 'version' | 'specifier'>): string | undefined {
  return pinnedVersion(dep)?.version;
}
