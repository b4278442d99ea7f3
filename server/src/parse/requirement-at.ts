// A PEP 508 requirement that sits at known offsets of a document (setup.cfg lines, setup.py and
// environment.yml string literals without escapes): offsets map to ranges by addition.
import type { Dependency, DependencySource, Range } from '../core/types';
import { normalizeName } from '../identify/normalize';
import { parseRequirementString } from './pep508';

export function requirementAt(
  text: string,
  start: number,
  end: number,
  source: DependencySource,
  section: string,
  rangeOf: (s: number, e: number) => Range,
): Dependency | { error: string; range: Range } {
  const r = parseRequirementString(text.slice(start, end), 0);
  if ('error' in r) return { error: `cannot read requirement in ${section}: ${r.error}`, range: rangeOf(start, end) };
  const dep: Dependency = {
    rawName: r.name,
    name: normalizeName(r.name),
    range: rangeOf(start + r.nameStart, start + r.nameEnd),
    source,
    section,
    extras: r.extras,
    specifier: r.specifier,
  };
  if (r.specifierStart !== undefined && r.specifierEnd !== undefined) dep.specifierRange = rangeOf(start + r.specifierStart, start + r.specifierEnd);
  if (r.marker !== undefined) dep.marker = r.marker;
  if (r.url !== undefined) dep.url = r.url;
  return dep;
}
