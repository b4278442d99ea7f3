// pip requirements and constraints files (`-r`/`-c` targets too, whatever their name).
// https://pip.pypa.io/en/stable/reference/requirements-file-format/
import { parseRequirements } from '../parse/requirements';
import type { FormatModule } from './format';

export const requirementsFormat: FormatModule = {
  id: 'requirements',
  label: 'pip requirements',
  reads: 'every requirement line, `-r`/`-c` includes, index options, hashes',
  parse: (text) => parseRequirements(text),
  declares: true,
  includeBase: 'file',
  manifestRank: 1,
};
