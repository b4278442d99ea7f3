// pdm.lock (lock_version 4.x): every locked package with version, source and hashes, and the
// PEP 508 `dependencies` edges. https://pdm-project.org/en/latest/usage/lockfile/
import { parsePdmLock } from '../parse/locks/pdm-lock';
import type { FormatModule } from './format';

export const pdmLockFormat: FormatModule = {
  id: 'pdm-lock',
  label: 'pdm.lock',
  reads: 'every `[[package]]` (name, version, git/url/path source, file hashes) and its `dependencies`',
  parse: (text) => parsePdmLock(text),
  declares: true,
};
