// CI YAML: shell in GitHub Actions `run:` (workflows and composite `action.yml`), GitLab CI
// `script:`/`before_script:`/`after_script:`, Azure Pipelines `script:`/`bash:`/`pwsh:`, Travis
// `install:`/`before_install:`/`script:`, CircleCI `run:`/`command:`. Read with the `yaml` package
// (eemeli/yaml, YAML 1.2), whose nodes carry source ranges: a scalar's shell text is taken from
// the source itself, so positions are exact without decoding. Literal block scalars (`run: |`) keep
// their lines (indentation is blank to the shell); folded (`>`) and multi-line plain scalars fold
// line breaks into spaces, as YAML 1.2 §6.5/§8.1.3 does, so a folded command stays one command.
// `${{ … }}` expressions read as shell expansions: unknown values, never names.
import { isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
import type { ParsedDocument } from '../../core/types';
import { LineIndex, stripBom } from '../text';
import { Mask, commandsDocument, commandsOfMask } from './command-doc';

const SHELL_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'before_install', 'install', 'bash', 'pwsh', 'powershell', 'command', 'commands']);

export function parseCiYaml(input: string): ParsedDocument {
  const text = stripBom(input);
  const mask = new Mask(text);
  const problems: ParsedDocument['problems'] = [];
  let docs: Document.Parsed[];
  try {
    // Aliases are not expanded (visit sees the alias node), so a billion-laughs file stays small.
    const all = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
    docs = Array.isArray(all) ? all : [];
  } catch (e) {
    docs = [];
    problems.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `cannot read the YAML: ${String(e)}`, severity: 'warning' });
  }
  const idx = new LineIndex(text);
  for (const doc of docs) {
    for (const err of doc.errors.slice(0, 1)) {
      const at = err.pos[0];
      problems.push({ range: idx.range(at, at), message: `invalid YAML: ${err.message.split('\n', 1)[0]}; install commands after it may be missed`, severity: 'warning' });
    }
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !SHELL_KEYS.has(String(pair.key.value))) return;
        const v = pair.value;
        if (isScalar(v)) keepScalar(v, text, mask);
        // CircleCI `run: {command: …}` is a map: its `command` pair is visited on its own.
        else if (isSeq(v)) for (const item of v.items) if (isScalar(item)) keepScalar(item, text, mask);
      },
    });
  }
  const out = commandsDocument('ci-yaml', text, commandsOfMask(mask));
  out.problems.unshift(...problems);
  return out;
}

function keepScalar(node: Scalar, text: string, mask: Mask): void {
  if (typeof node.value !== 'string' || !node.range) return;
  let [start, end] = node.range;
  const type = node.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    start++;
    end--;
  } else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // Skip the header line (`|`, `>-`, `|2`, and a comment after it).
    const nl = text.indexOf('\n', start);
    start = nl < 0 ? end : nl + 1;
  }
  if (end <= start) return;
  mask.keep(start, end);
  if (type === 'BLOCK_FOLDED' || type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') foldBreaks(text, start, end, mask, type === 'BLOCK_FOLDED');
  // A scalar ends its command, even in a flow sequence (`["pip install a", "b"]`).
  if (text[end] !== '\n' && text[end] !== '\r') mask.separate(end);
}

/** Line breaks inside a folded or flow scalar become spaces, except blank lines and (folded) more-indented lines. */
function foldBreaks(text: string, start: number, end: number, mask: Mask, folded: boolean): void {
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    const next = text.slice(i + 1, Math.min(end, text.indexOf('\n', i + 1) < 0 ? end : text.indexOf('\n', i + 1)));
    if (next.trim() === '') continue;
    if (folded) {
      const prevStart = text.lastIndexOf('\n', i - 1) + 1;
      const indentOf = (s: string): number => s.length - s.trimStart().length;
      if (indentOf(next) > indentOf(text.slice(Math.max(prevStart, start), i)) && prevStart >= start) continue;
    }
    mask.put(i, ' ');
    if (text[i - 1] === '\r') mask.put(i - 1, ' ');
  }
}
