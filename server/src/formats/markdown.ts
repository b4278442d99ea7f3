// Markdown: install commands in shell and untagged fenced blocks (console: prompt lines), inline code spans, dockerfile/yaml blocks. Install commands are where a typo'd or hallucinated name is typed (issue 9).
import { parseMarkdown } from '../parse/surfaces/markdown';
import type { FormatModule } from './format';

export const markdownFormat: FormatModule = {
  id: 'markdown',
  label: 'Markdown',
  reads: 'install commands in shell and untagged fenced blocks (console: prompt lines), inline code spans, dockerfile/yaml blocks',
  parse: (text) => parseMarkdown(text),
  // Names installed by a command are not the project's declarations (PW103 still asks for one).
  declares: false,
  includeBase: 'unknown',
};
