// setup.py: the requirements of `setup(...)`, read from the syntax tree and never run, plus the
// file's imports like any Python source.
import type { ParsedDocument } from '../core/types';
import { parsePythonImports } from '../parse/python-imports';
import { parseSetupPy } from '../parse/setup-py';
import { guardedParse, type FormatModule } from './format';

function parse(text: string): ParsedDocument {
  const setup = guardedParse('setup-py', () => parseSetupPy(text));
  const imports = guardedParse('setup-py', () => parsePythonImports(text));
  return { ...setup, dependencies: [...setup.dependencies, ...imports.dependencies], problems: [...setup.problems, ...imports.problems] };
}

export const setupPyFormat: FormatModule = {
  id: 'setup-py',
  label: 'setup.py',
  reads: '`setup()` `install_requires`, `setup_requires`, `tests_require`, `extras_require` when they are literals (never run), and imports',
  parse,
  declares: true,
};
