// CI YAML: shell in GitHub Actions `run:` (workflows and composite `action.yml`), GitLab CI
// `script:`/`before_script:`/`after_script:`, Azure Pipelines `script:`/`bash:`/`pwsh:`, Travis
// `install:`/`before_install:`/`script:`, CircleCI `run:`/`command:`. Read with the `yaml` package
// (eemeli/yaml, YAML 1.2), whose nodes carry source ranges: a scalar's shell text is taken from
// the source itself, so positions are exact without decoding. Literal block scalars (`run: |`) keep
// their lines (indentation is blank to the shell); folded (`>`) and multi-line plain scalars fold
// line breaks into spaces, as YAML 1.2 §6.5/§8.1.3 does, so a folded command stays one command.
// `${{ … }}` expressions read as shell expansions: unknown values, never names.
import { isAlias, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
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
    const seen = new Set<unknown>();
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !SHELL_KEYS.has(String(pair.key.value))) return;
        keepShell(pair.value, { doc, text, mask, seen }, 0);
      },
    });
  }
  const out = commandsDocument('ci-yaml', text, commandsOfMask(mask));
  out.problems.unshift(...problems);
  return out;
}

/**
 * The shell text of a shell key's value: a scalar, a sequence of them, or an alias of either
 * (GitLab's `before_script: *setup` reuses an anchored `.setup: &setup [...]` list; the anchored
 * node is read where it is written, so positions point at its text). GitLab flattens nested
 * sequences in `script:` (an alias inside a list) up to 10 levels. Each node is read once (`seen`),
 * so aliases of aliases cost their text once, never once per path (billion laughs).
 * CircleCI `run: {command: …}` is a map: its `command` pair is visited on its own.
 */
function keepShell(node: unknown, c: { doc: Document.Parsed; text: string; mask: Mask; seen: Set<unknown> }, depth: number): void {
  if (depth > 10 || c.seen.has(node)) return;
  c.seen.add(node);
  if (isAlias(node)) {
    let target: unknown;
    try {
      target = node.resolve(c.doc);
    } catch {
      target = undefined; // an undefined anchor is already a YAML error on the document
    }
    // A merge-key map or other alias target is visited where it is written.
    if (isScalar(target) || isSeq(target)) keepShell(target, c, depth + 1);
  } else if (isScalar(node)) keepScalar(node, c.text, c.mask);
  else if (isSeq(node)) for (const item of node.items) keepShell(item, c, depth + 1);
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
