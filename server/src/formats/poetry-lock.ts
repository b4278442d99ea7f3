// poetry.lock (lock-version 1.x and 2.x): every locked package with version, source, hashes and
// the dependency edges. https://python-poetry.org/docs/basic-usage/#committing-your-poetrylock-file-to-version-control
import { parsePoetryLock } from '../parse/locks/poetry-lock';
import type { FormatModule } from './format';

export const poetryLockFormat: FormatModule = {
  id: 'poetry-lock',
  label: 'poetry.lock',
  reads: 'every `[[package]]` (name, version, source, file hashes) and `[package.dependencies]` edges',
  parse: (text) => parsePoetryLock(text),
  // The lock does not name the project's own dependencies; those not required by another locked
  // package count as declared (direct), the rest do not.
  declares: true,
};
