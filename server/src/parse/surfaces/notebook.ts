// Jupyter notebooks (.ipynb, nbformat 4: https://nbformat.readthedocs.io/en/latest/format_description.html).
// The code cells of a notebook run as one module in one kernel, so their imports are read as one
// Python module (the cells joined, line magics blanked) with each position mapped back to its
// cell; `%pip install`, `!pip install`, `!uv pip install` lines and `%%bash`/`%%sh` cells are
// install commands. Every range is relative to its cell's source (Dependency.cell says which),
// which is what an editor's notebook view and the CLI's `path:cell N:line:col` show.
import type { Dependency, ParsedDocument, ParseProblem } from '../../core/types';
import { parseInstallCommands } from '../install-command';
import { parsePythonImports } from '../python-imports';
import { stripBom } from '../text';
import { Mask, addCommands } from './command-doc';

export interface NotebookCell {
  /** 0-based index among all cells (markdown cells count, as an editor numbers them). */
  index: number;
  kind: 'code' | 'markdown' | 'raw';
  text: string;
}

const SHELL_CELL = /^%%(bash|sh|script[ \t]+(ba)?sh|system)\b/;

function problem(message: string, cell?: number): ParseProblem {
  const p: ParseProblem = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, severity: 'warning' };
  if (cell !== undefined) p.cell = cell;
  return p;
}

/** The cells of an .ipynb file; a problem instead when it is not a notebook. */
export function notebookCells(input: string): { cells: NotebookCell[]; language?: string } | { error: string } {
  let nb: unknown;
  try {
    nb = JSON.parse(stripBom(input));
  } catch (e) {
    return { error: `not a valid notebook (JSON): ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof nb !== 'object' || nb === null || !Array.isArray((nb as { cells?: unknown }).cells)) {
    return { error: 'not a notebook: no "cells" array (nbformat 4)' };
  }
  const meta = (nb as { metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } }).metadata;
  const lang = meta?.language_info?.name ?? meta?.kernelspec?.language;
  const cells: NotebookCell[] = [];
  (nb as { cells: unknown[] }).cells.forEach((c, index) => {
    const cell = (typeof c === 'object' && c !== null ? c : {}) as { cell_type?: unknown; source?: unknown };
    const src = Array.isArray(cell.source) ? cell.source.filter((s) => typeof s === 'string').join('') : typeof cell.source === 'string' ? cell.source : '';
    const kind = cell.cell_type === 'code' ? 'code' : cell.cell_type === 'markdown' ? 'markdown' : 'raw';
    cells.push({ index, kind, text: src });
  });
  return typeof lang === 'string' ? { cells, language: lang.toLowerCase() } : { cells };
}

/** Install commands of one code cell: `!`/`%` lines, or the whole cell under `%%bash`. */
export function cellCommandMask(text: string): Mask {
  const mask = new Mask(text);
  if (SHELL_CELL.test(text)) {
    const nl = text.indexOf('\n');
    if (nl >= 0) mask.keep(nl + 1, text.length);
    return mask;
  }
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const m = /^[ \t]*[!%]/.exec(text.slice(pos, nl));
    if (m) {
      let end = nl;
      mask.keep(pos + m[0].length - 1, end);
      // A magic continued with `\` carries on to the next line.
      while (text[end - 1] === '\\' || (text[end - 1] === '\r' && text[end - 2] === '\\')) {
        const n2 = text.indexOf('\n', end + 1);
        end = n2 < 0 ? text.length : n2;
        mask.keep(nl, end);
        nl = end;
      }
    }
    pos = nl + 1;
  }
  return mask;
}

/** Python source of a code cell with IPython magics and shell escapes blanked (same length). */
function pythonOf(text: string): string {
  if (/^%%/.test(text)) return text.replace(/[^\r\n]/g, ' '); // a cell magic: not Python
  return text.replace(/^([ \t]*)([!%?].*)$/gm, (_, ws: string, rest: string) => ws + ' '.repeat(rest.length));
}

export function parseNotebook(input: string): ParsedDocument {
  const doc: ParsedDocument = { kind: 'notebook', dependencies: [], problems: [], includes: [], indexes: [] };
  const nb = notebookCells(input);
  if ('error' in nb) {
    doc.problems.push(problem(nb.error));
    return doc;
  }
  if (nb.language !== undefined && nb.language !== 'python') return doc; // an R or Julia kernel
  const code = nb.cells.filter((c) => c.kind === 'code');
  for (const c of code) {
    const mask = cellCommandMask(c.text);
    const before = doc.problems.length;
    addCommands(doc, c.text, parseInstallCommands(mask.toString()), c.index);
    for (const p of doc.problems.slice(before)) p.cell = c.index;
  }
  // All code cells as one module: line L of the joined text is line L - first[k] of cell k.
  const first: number[] = [];
  const parts: string[] = [];
  let line = 0;
  for (const c of code) {
    first.push(line);
    const py = pythonOf(c.text.replace(/\r\n?/g, '\n'));
    parts.push(py);
    line += py.split('\n').length;
  }
  const imports = parsePythonImports(parts.join('\n'));
  const cellAt = (l: number): number => {
    let k = 0;
    while (k + 1 < first.length && (first[k + 1] as number) <= l) k++;
    return k;
  };
  for (const d of imports.dependencies) {
    const k = cellAt(d.range.start.line);
    const base = first[k] as number;
    const dep: Dependency = {
      ...d,
      range: { start: { line: d.range.start.line - base, character: d.range.start.character }, end: { line: d.range.end.line - base, character: d.range.end.character } },
      cell: (code[k] as NotebookCell).index,
    };
    doc.dependencies.push(dep);
  }
  for (const p of imports.problems) doc.problems.push({ ...p, cell: (code[cellAt(p.range.start.line)] as NotebookCell | undefined)?.index ?? 0 });
  return doc;
}
