// Pipfile.lock (pipenv, pipfile-spec 6): every locked package of every category.
// https://pipenv.pypa.io/en/latest/pipfile.html#pipfile-lock
import { parsePipfileLock } from '../parse/locks/pipfile-lock';
import type { FormatModule } from './format';

export const pipfileLockFormat: FormatModule = {
  id: 'pipfile-lock',
  label: 'Pipfile.lock',
  reads: 'every package of `default`, `develop` and custom categories: name, `==` version, hashes, index, git/path/editable entries',
  parse: (text) => parsePipfileLock(text),
  // The lock records no edges, so what the Pipfile asked for cannot be told from what it pulled in.
  declares: true,
};
