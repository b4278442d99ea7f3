// tox.ini: `deps` (requirement lines) and install commands in `commands` of `[testenv…]` sections. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseToxIni } from '../parse/surfaces/tox-ini';
import type { FormatModule } from './format';

export const toxIniFormat: FormatModule = {
  id: 'tox-ini',
  label: 'tox.ini',
  reads: '`deps` (requirement lines) and install commands in `commands` of `[testenv…]` sections',
  parse: (text) => parseToxIni(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'file',
};
