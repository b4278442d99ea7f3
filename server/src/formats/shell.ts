// Shell script: install commands in the whole script (`.sh`, `.bash`, `.zsh`, `.ksh`). Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseShellScript } from '../parse/surfaces/shell-script';
import type { FormatModule } from './format';

export const shellFormat: FormatModule = {
  id: 'shell',
  label: 'Shell script',
  reads: 'install commands in the whole script (`.sh`, `.bash`, `.zsh`, `.ksh`)',
  parse: (text) => parseShellScript(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
};
