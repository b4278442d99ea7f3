// Makefile recipes: lines that start with a tab (GNU make's default .RECIPEPREFIX, manual §5.1)
// are shell commands; the `@`, `-` and `+` prefixes (§5.2, §5.5, §9.3) are make's, not the shell's.
// Make variables (`$(PIP)`, `${PKG}`) stay unexpanded: the word is dynamic, so never a name — but
// `$(PIP) install x` / `$(PYTHON) -m pip install x` are still read as pip.
import type { ParsedDocument } from '../../core/types';
import { stripBom } from '../text';
import { Mask, commandsDocument, commandsOfMask } from './command-doc';

export function parseMakefile(input: string): ParsedDocument {
  const text = stripBom(input);
  const mask = new Mask(text);
  let pos = 0;
  let continued = false;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    if (text[pos] === '\t' || continued) {
      let k = text[pos] === '\t' ? pos + 1 : pos;
      if (!continued) while (k < end && (text[k] === '@' || text[k] === '-' || text[k] === '+' || text[k] === ' ' || text[k] === '\t')) k++;
      mask.keep(k, end);
      continued = text[end - 1] === '\\';
      if (continued) mask.keep(end, nl + 1);
    }
    pos = nl + 1;
  }
  return commandsDocument('makefile', text, commandsOfMask(mask));
}
