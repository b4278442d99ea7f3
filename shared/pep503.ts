// The one PEP 503 name normaliser, shared by the server, the CLI and the VS Code client (the
// allowlist is de-duplicated by it). https://peps.python.org/pep-0503/#normalized-names
// test/unit/conformance.test.ts fails when another copy of the rule appears in the sources.

/** PEP 503: lowercase, and every run of `-`, `_`, `.` becomes a single `-` (surrounding space dropped). */
export function normalizeName(name: string): string {
  return name.trim().replace(/[-_.]+/g, '-').toLowerCase();
}
