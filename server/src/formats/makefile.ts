// Makefile: install commands in tab-indented recipe lines. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseMakefile } from '../parse/surfaces/makefile';
import type { FormatModule } from './format';

export const makefileFormat: FormatModule = {
  id: 'makefile',
  label: 'Makefile',
  reads: 'install commands in tab-indented recipe lines',
  parse: (text) => parseMakefile(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'file',
};
