// Package name identity.
// PEP 503 normalisation: https://peps.python.org/pep-0503/#normalized-names
// Valid names: https://packaging.python.org/en/latest/specifications/name-normalization/

export { normalizeName } from '../../../shared/pep503';

// ASCII letters/digits at both ends, `._-` allowed inside (the spec's regex, case-insensitive).
// The regex is linear: one character class run bounded by a final single character.
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}
