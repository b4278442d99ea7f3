// The formats registry: the ONE list of format modules. Each id has its file names in
// shared/formats.json; test/unit/conformance.test.ts checks that both lists, the README's formats
// table and the tests agree. Add a format: docs/architecture.md "Add a format".
import type { DocumentKind } from '../core/types';
import type { FormatModule } from './format';
import { markdownFormat } from './markdown';
import { shellFormat } from './shell';
import { dockerfileFormat } from './dockerfile';
import { ciYamlFormat } from './ci-yaml';
import { makefileFormat } from './makefile';
import { toxIniFormat } from './tox-ini';
import { notebookFormat } from './notebook';
import { condaEnvFormat } from './conda-env';
import { pipfileFormat } from './pipfile';
import { pipfileLockFormat } from './pipfile-lock';
import { pyprojectFormat } from './pyproject';
import { pdmLockFormat } from './pdm-lock';
import { poetryLockFormat } from './poetry-lock';
import { pylockFormat } from './pylock';
import { pythonFormat } from './python';
import { requirementsFormat } from './requirements';
import { setupCfgFormat } from './setup-cfg';
import { setupPyFormat } from './setup-py';
import { uvLockFormat } from './uv-lock';

export const FORMATS: readonly FormatModule[] = [
  requirementsFormat,
  pyprojectFormat,
  uvLockFormat,
  poetryLockFormat,
  pdmLockFormat,
  pylockFormat,
  pipfileFormat,
  pipfileLockFormat,
  setupCfgFormat,
  setupPyFormat,
  condaEnvFormat,
  pythonFormat,
  markdownFormat,
  shellFormat,
  dockerfileFormat,
  ciYamlFormat,
  makefileFormat,
  toxIniFormat,
  notebookFormat,
];

const byId = new Map<DocumentKind, FormatModule>(FORMATS.map((f) => [f.id, f]));

/** The module for a kind; undefined for `unknown` and kinds without a parser yet. */
export function formatFor(kind: DocumentKind): FormatModule | undefined {
  return byId.get(kind);
}

/**
 * Bytes of a file the folder scan reads to sniff it: a shebang line is at most 256 bytes on Linux
 * (BINPRM_BUF_SIZE, execve(2)); a little more leaves room for a BOM and `env -S` arguments.
 */
export const SNIFF_BYTES = 512;

/**
 * The format whose `sniff` claims these first bytes, for a file no name pattern or language id
 * decided; undefined when none does (binary data never does: callers skip text with a NUL byte).
 */
export function sniffKind(head: string): DocumentKind | undefined {
  const text = head.slice(0, SNIFF_BYTES);
  return FORMATS.find((f) => f.sniff?.(text))?.id;
}
