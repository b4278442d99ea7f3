// Jupyter notebook: `%pip`/`!pip` install lines, `%%bash` cells, and the imports of all code cells as one module. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseNotebook } from '../parse/surfaces/notebook';
import { inNotebookText } from '../parse/surfaces/notebook-text';
import type { FormatModule } from './format';

export const notebookFormat: FormatModule = {
  id: 'notebook',
  label: 'Jupyter notebook',
  reads: '`%pip`/`!pip` install lines, `%%bash` cells, and the imports of all code cells as one module',
  parse: (text, ctx) => (ctx?.ranges === 'text' ? inNotebookText(parseNotebook(text), text) : parseNotebook(text)),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'unknown',
};
