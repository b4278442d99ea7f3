// Python sources: their imports (@lezer/python syntax tree) and a PEP 723 `# /// script` block.
// https://peps.python.org/pep-0723/
import type { ParsedDocument } from '../core/types';
import { parseScriptMetadata } from '../parse/pep723';
import { parsePythonImports } from '../parse/python-imports';
import { guardedParse, type FormatModule } from './format';

function parsePython(text: string): ParsedDocument {
  // Parsed apart so a failure in one still keeps the other's findings.
  const imports = guardedParse('python', () => parsePythonImports(text));
  const script = guardedParse('python', () => parseScriptMetadata(text));
  return {
    kind: 'python',
    dependencies: [...script.dependencies, ...imports.dependencies],
    problems: [...script.problems, ...imports.problems],
    includes: [],
    indexes: [],
  };
}

export const pythonFormat: FormatModule = {
  id: 'python',
  label: 'Python source',
  reads: 'imports (PW102, PW103) and the PEP 723 inline script block',
  parse: parsePython,
  // Imports never declare; its PEP 723 block does, and workspace/facts.ts reads that (with the
  // file's path, for first-party modules) on its own, only for files that have one.
  declares: false,
};
