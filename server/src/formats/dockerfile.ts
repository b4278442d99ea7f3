// Dockerfile: `RUN` install commands: shell form with continuations, exec form, heredocs. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseDockerfile } from '../parse/surfaces/dockerfile';
import type { FormatModule } from './format';

export const dockerfileFormat: FormatModule = {
  id: 'dockerfile',
  label: 'Dockerfile',
  reads: '`RUN` install commands: shell form with continuations, exec form, heredocs',
  parse: (text) => parseDockerfile(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'unknown',
};
