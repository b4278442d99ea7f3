// uv.lock: every locked package (transitive ones too), with its version, source, hashes, upload
// time and who requires it. https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile
import { parseUvLock } from '../parse/locks/uv-lock';
import type { FormatModule } from './format';

export const uvLockFormat: FormatModule = {
  id: 'uv-lock',
  label: 'uv.lock',
  reads: 'every `[[package]]` (name, version, source, hashes, upload time) and the dependency edges',
  parse: (text) => parseUvLock(text),
  // The project's own (root) dependencies count as declared; transitive ones do not (direct: false).
  declares: true,
};
