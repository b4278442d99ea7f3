// Shell script: install commands in the whole script (`.sh`, `.bash`, `.zsh`, `.ksh`, or no
// extension and a shell shebang). Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { hasShellShebang, parseShellScript } from '../parse/surfaces/shell-script';
import type { FormatModule } from './format';

export const shellFormat: FormatModule = {
  id: 'shell',
  label: 'Shell script',
  reads: 'install commands in the whole script (`.sh`, `.bash`, `.zsh`, `.ksh`)',
  parse: (text) => parseShellScript(text),
  // `scripts/bootstrap`, `install`: no extension, `#!/bin/sh` or `#!/usr/bin/env bash` says what they are.
  sniff: hasShellShebang,
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'unknown',
};
