// pyproject.toml: PEP 621 `[project]`, PEP 735 `[dependency-groups]`, PEP 518 `[build-system]`,
// Poetry and uv tables.
import { parsePyproject } from '../parse/pyproject';
import type { FormatModule } from './format';

export const pyprojectFormat: FormatModule = {
  id: 'pyproject',
  label: 'pyproject.toml',
  reads: '`project.dependencies`, optional dependencies, dependency groups, build requirements, Poetry dependencies, uv indexes',
  parse: (text) => parsePyproject(text),
  declares: true,
  manifestRank: 0,
};
