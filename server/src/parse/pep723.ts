// PEP 723 inline script metadata (https://peps.python.org/pep-0723/): a `# /// script` block of
// comment lines closed by `# ///`, whose content (each line minus `#` or `# `) is TOML.
// The PEP's reference regex is
//   (?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$
// Its greedy content group means the block runs over every consecutive comment line and is
// closed by the LAST `# ///` among them. We scan lines once instead of running that regex,
// which backtracks badly on long comment runs, and map TOML offsets back to the .py file.
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { Dependency, ParseProblem, Range } from '../core/types';
import { extractFromToml, MAX_TOML_CHARS, tomlErrorProblem, tooDeepProblem, tooLargeProblem } from './pyproject';
import { LineIndex, stripBom } from './text';
import { limitTomlNesting } from './nesting';

const OPEN = /^# \/\/\/ ([a-zA-Z0-9-]+)$/;

interface Block {
  type: string;
  openLine: number;
  /** Physical lines of the content (between the opening and closing lines). */
  contentLines: number[];
}

function findBlocks(idx: LineIndex, line: (n: number) => string): { blocks: Block[]; unclosed: number[] } {
  const blocks: Block[] = [];
  const unclosed: number[] = [];
  let n = 0;
  while (n < idx.lineCount) {
    const m = OPEN.exec(line(n));
    if (!m) {
      n++;
      continue;
    }
    // Consecutive comment lines of the block shape (`#` alone or `# …`).
    let last = -1;
    let k = n + 1;
    for (; k < idx.lineCount; k++) {
      const l = line(k);
      if (l !== '#' && !l.startsWith('# ')) break;
      if (l === '# ///') last = k;
    }
    if (last < 0) {
      unclosed.push(n);
      n = k;
      continue;
    }
    const contentLines: number[] = [];
    for (let c = n + 1; c < last; c++) contentLines.push(c);
    blocks.push({ type: m[1]!, openLine: n, contentLines });
    n = last + 1;
  }
  return { blocks, unclosed };
}

export function parseScriptMetadata(input: string): { dependencies: Dependency[]; problems: ParseProblem[] } {
  const text = stripBom(input);
  const idx = new LineIndex(text);
  const out = { dependencies: [] as Dependency[], problems: [] as ParseProblem[] };
  // Python reads source with universal newlines, so a trailing `\r` is not part of the line.
  const line = (n: number): string => text.slice(idx.lineStart(n), idx.lineEnd(n));
  const { blocks, unclosed } = findBlocks(idx, line);
  const lineRange = (n: number): Range => ({ start: { line: n, character: 0 }, end: { line: n, character: idx.lineEnd(n) - idx.lineStart(n) } });
  const scripts = blocks.filter((b) => b.type === 'script');
  for (const n of unclosed) {
    if (OPEN.exec(line(n))?.[1] === 'script') {
      out.problems.push({ range: lineRange(n), message: 'PEP 723 `# /// script` block is not closed by a `# ///` line', severity: 'warning' });
    }
  }
  for (const extra of scripts.slice(1)) {
    out.problems.push({ range: lineRange(extra.openLine), message: 'more than one `# /// script` block (PEP 723 allows one); only the first is read', severity: 'warning' });
  }
  const block = scripts[0];
  if (!block) return out;

  // Build the TOML content and, per content line, where it starts in the TOML and in the file.
  const parts: string[] = [];
  const tomlStarts: number[] = [];
  const fileLines: number[] = [];
  const prefix: number[] = [];
  let len = 0;
  for (const n of block.contentLines) {
    const l = line(n);
    const body = l === '#' ? '' : l.slice(2);
    tomlStarts.push(len);
    fileLines.push(n);
    prefix.push(l === '#' ? 1 : 2);
    parts.push(body);
    len += body.length + 1;
  }
  const toml = parts.join('\n') + '\n';
  const position = (o: number) => {
    let lo = 0;
    let hi = tomlStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tomlStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    if (tomlStarts.length === 0) return { line: block.openLine, character: 0 };
    return { line: fileLines[lo]!, character: prefix[lo]! + (o - tomlStarts[lo]!) };
  };
  const rangeOf = (s: number, e: number): Range => ({ start: position(s), end: position(e) });
  if (toml.length > MAX_TOML_CHARS) {
    out.problems.push({ ...tooLargeProblem(toml.length), range: lineRange(block.openLine) });
    return out;
  }
  const guarded = limitTomlNesting(toml);
  for (const d of guarded.deep) out.problems.push(tooDeepProblem(d, rangeOf));
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(guarded.text);
  } catch (e) {
    out.problems.push(tomlErrorProblem(e, rangeOf, Math.max(0, toml.length - 1)));
    return out;
  }
  extractFromToml(toml, ast, 'script', rangeOf, out);
  return out;
}
