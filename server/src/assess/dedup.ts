// One finding per name token: the engine's single de-duplication policy (docs/architecture.md,
// "One finding per range"). Findings on the same range that answer the same question — "what
// should be installed under this name?" — are one family, and only the best-evidenced one is
// shown; two answers to one question on one token is noise at best ("install 'yaml'" next to
// "'yaml' is an import name, install PyYAML") and a contradiction at worst ("install 'x'" next to
// "'x' does not exist"). Findings about anything else (security, index state) always stay.
import { CODES } from '../core/codes';
import type { Finding } from '../core/types';

/**
 * code -> the codes it supersedes on the same range. Evidence order: an index answer (PW201) or a
 * curated fact (PW102) beats a similarity guess (PW101), which beats the "not declared" hint (PW103)
 * — installing a guessed typosquat is exactly what PW101 warns against.
 */
const SUPERSEDES: Record<string, readonly string[]> = {
  [CODES.importName.code]: [CODES.typosquat.code, CODES.undeclared.code],
  [CODES.typosquat.code]: [CODES.undeclared.code],
  [CODES.notOnIndex.code]: [CODES.undeclared.code],
};

/** The token a finding is about. The module is part of it: `from google.cloud import a, b` puts two dependencies on one token. */
function rangeKey(f: Finding): string {
  const r = f.range;
  return `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}:${f.dependency?.module ?? ''}`;
}

/** Drops every finding superseded by another on the same range; returns the rest sorted by position. */
export function dedupFindings(findings: readonly Finding[]): Finding[] {
  const codesAt = new Map<string, Set<string>>();
  for (const f of findings) {
    const k = rangeKey(f);
    const set = codesAt.get(k) ?? new Set<string>();
    set.add(f.code);
    codesAt.set(k, set);
  }
  const kept = findings.filter((f) => {
    const here = codesAt.get(rangeKey(f))!;
    if (here.size === 1) return true;
    for (const c of here) if (SUPERSEDES[c]?.includes(f.code)) return false;
    return true;
  });
  return kept.sort(byPosition);
}

export function byPosition(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
