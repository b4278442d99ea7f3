// One table of every diagnostic code: the rule id, its default severity and the README anchor
// its codeDescription links to. Rules import their entry from here so code and docs stay in step.
import type { Severity } from './types';

export interface CodeInfo {
  code: string;
  rule: string;
  title: string;
  defaultSeverity: Severity;
  /** Needs index data (runs only when lookups are on). */
  online: boolean;
}

export const DOCS_BASE = 'https://github.com/pipwatch/pipwatch/blob/main/README.md';

export const CODES = {
  parse: { code: 'PW001', rule: 'parse', title: 'File cannot be fully read', defaultSeverity: 'warning', online: false },
  lookupIncomplete: { code: 'PW002', rule: 'lookup-incomplete', title: 'Index lookup did not complete', defaultSeverity: 'hint', online: true },
  typosquat: { code: 'PW101', rule: 'typosquat', title: 'Typosquat of a popular project', defaultSeverity: 'warning', online: false },
  importName: { code: 'PW102', rule: 'import-name-as-requirement', title: 'Import name used as a requirement', defaultSeverity: 'warning', online: false },
  undeclared: { code: 'PW103', rule: 'undeclared-import', title: 'Undeclared third-party import', defaultSeverity: 'hint', online: false },
  fileHost: { code: 'PW104', rule: 'file-host-mismatch', title: 'Locked files on another host than their index', defaultSeverity: 'warning', online: false },
  notOnIndex: { code: 'PW201', rule: 'not-on-index', title: 'Not on the index', defaultSeverity: 'error', online: true },
  confusion: { code: 'PW202', rule: 'dependency-confusion', title: 'Dependency confusion', defaultSeverity: 'warning', online: true },
  status: { code: 'PW203', rule: 'project-status', title: 'Quarantined, archived, deprecated or inactive project', defaultSeverity: 'warning', online: true },
  yanked: { code: 'PW204', rule: 'yanked', title: 'Yanked version', defaultSeverity: 'warning', online: true },
  provenanceMissing: { code: 'PW205', rule: 'provenance-missing', title: 'No attestation on the newest release', defaultSeverity: 'hint', online: true },
  provenanceDropped: { code: 'PW206', rule: 'provenance-dropped', title: 'Provenance dropped', defaultSeverity: 'warning', online: true },
  publisherMismatch: { code: 'PW207', rule: 'publisher-mismatch', title: 'Publisher repository mismatch', defaultSeverity: 'warning', online: true },
  malicious: { code: 'PW208', rule: 'known-malicious', title: 'Known malicious (OSV MAL-)', defaultSeverity: 'error', online: true },
  vulnerable: { code: 'PW209', rule: 'known-vulnerable', title: 'Known vulnerable version', defaultSeverity: 'warning', online: true },
  young: { code: 'PW210', rule: 'young-project', title: 'Young or thin project', defaultSeverity: 'information', online: true },
  hashMismatch: { code: 'PW211', rule: 'hash-mismatch', title: 'Hash matches no file of the pinned version', defaultSeverity: 'error', online: true },
  // Offline when the lock records the upload time (uv.lock, pylock); else from the Simple API (PEP 700).
  releaseAge: { code: 'PW212', rule: 'release-age', title: 'Release younger than the cooldown', defaultSeverity: 'warning', online: false },
  releaseMissing: { code: 'PW213', rule: 'release-missing', title: 'Pinned or locked release not on the index', defaultSeverity: 'warning', online: true },
} as const satisfies Record<string, CodeInfo>;

export type CodeKey = keyof typeof CODES;

export function docsUrl(info: CodeInfo): string {
  return `${DOCS_BASE}#${info.code.toLowerCase()}`;
}
