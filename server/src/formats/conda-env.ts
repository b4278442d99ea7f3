// conda environment files: the `pip:` entries (PyPI); conda packages are not PyPI names.
// https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#create-env-file-manually
import { parseCondaEnv } from '../parse/conda-env';
import type { FormatModule } from './format';

export const condaEnvFormat: FormatModule = {
  id: 'conda-env',
  label: 'conda environment',
  reads: 'the `pip:` list under `dependencies:` (requirements, `-r` includes, index options)',
  parse: (text) => parseCondaEnv(text),
  declares: true,
  includeBase: 'file',
};
