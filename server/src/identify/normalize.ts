// Package name identity.
// PEP 503 normalisation: https://peps.python.org/pep-0503/#normalized-names
// Valid names: https://packaging.python.org/en/latest/specifications/name-normalization/

import { normalizeName as normalizeAny } from '../../../shared/pep503';

/** True when `name` is its own PEP 503 form: lowercase letters and digits, separators a single `-`. */
function isNormal(name: string): boolean {
  let prevDash = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 45 /* - */) {
      if (prevDash) return false;
      prevDash = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) prevDash = false;
    else return false;
  }
  return true;
}

/**
 * The shared normaliser (shared/pep503.ts), skipped for a name already in normal form: most names
 * the server normalises are (lock entries, popular names, names normalised once before), and the
 * check costs a fraction of trim + replace + toLowerCase, which the typo and lock paths call per name.
 */
export function normalizeName(name: string): string {
  return isNormal(name) ? name : normalizeAny(name);
}

// ASCII letters/digits at both ends, `._-` allowed inside (the spec's regex, case-insensitive).
// The regex is linear: one character class run bounded by a final single character.
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}
