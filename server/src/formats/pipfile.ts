// Pipfile (pipenv): the packages each category declares, and its `[[source]]` indexes.
// https://pipenv.pypa.io/en/latest/pipfile.html
import { parsePipfile } from '../parse/locks/pipfile';
import type { FormatModule } from './format';

export const pipfileFormat: FormatModule = {
  id: 'pipfile',
  label: 'Pipfile',
  reads: '`[packages]`, `[dev-packages]` and custom categories (names, versions, extras, markers, git/path entries) and `[[source]]` indexes',
  parse: (text) => parsePipfile(text),
  declares: true,
};
