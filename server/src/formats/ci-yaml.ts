// CI workflow: install commands in GitHub Actions `run:`, GitLab/Azure/Travis `script:`, CircleCI `command:`. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseCiYaml } from '../parse/surfaces/ci-yaml';
import type { FormatModule } from './format';

export const ciYamlFormat: FormatModule = {
  id: 'ci-yaml',
  label: 'CI workflow',
  reads: 'install commands in GitHub Actions `run:`, GitLab/Azure/Travis `script:`, CircleCI `command:`',
  parse: (text) => parseCiYaml(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'unknown',
};
