// A notebook shown as its own text (.ipynb opened as JSON: Neovim, Helix, VS Code's "Reopen
// Editor With… Text Editor", Scan Workspace on a closed file): the notebook parser's cell-local
// positions mapped back to the characters of the JSON file. A cell's `source` is a string or a
// list of strings (nbformat 4: https://nbformat.readthedocs.io/en/latest/format_description.html)
// whose JSON escapes (RFC 8259 §7: `\n`, `\"`, `\u0072`) make a cell's text differ from the file's
// characters, so each decoded character keeps its source span (json-scan.ts) and a range maps
// start to the span's start and end to the span's end: `\u0072equests` underlines all 13 characters.
import type { ParsedDocument, Position, Range } from '../../core/types';
import { member, scanJson, type JsonNode, type JsonString } from '../locks/json-scan';
import { LineIndex, stripBom } from '../text';

interface Piece {
  /** Offset of the piece's first character in the cell text. */
  at: number;
  node: JsonString;
}

interface CellSource {
  pieces: Piece[];
  /** The cell's text as the notebook parser reads it: the pieces joined. */
  lines: LineIndex;
}

/** Source span [start, end) of decoded character k of a JSON string. */
function charSpan(s: JsonString, k: number): [number, number] {
  if (s.starts && s.ends) return [s.starts[k] as number, s.ends[k] as number];
  return [s.s + 1 + k, s.s + 2 + k];
}

function cellSources(root: JsonNode | undefined): (CellSource | undefined)[] {
  const cells = member(root, 'cells');
  if (cells?.t !== 'array') return [];
  return cells.items.map((cell) => {
    const src = member(cell, 'source');
    // The notebook parser (notebook.ts notebookCells) reads a string, or the strings of a list.
    const strings = src?.t === 'string' ? [src] : src?.t === 'array' ? src.items.filter((x): x is JsonString => x.t === 'string') : [];
    const pieces: Piece[] = [];
    let at = 0;
    for (const node of strings) {
      pieces.push({ at, node });
      at += node.value.length;
    }
    return { pieces, lines: new LineIndex(strings.map((s) => s.value).join('')) };
  });
}

/** Maps cell-local positions of one notebook text to positions in that text. */
export class NotebookTextPositions {
  private readonly cells: (CellSource | undefined)[];
  private readonly file: LineIndex;

  private constructor(text: string) {
    const src = stripBom(text);
    this.file = new LineIndex(src);
    this.cells = cellSources(scanJson(src).root);
  }

  /** Undefined when the text is not JSON with a `cells` array (the parser reported that already). */
  static of(text: string): NotebookTextPositions | undefined {
    const p = new NotebookTextPositions(text);
    return p.cells.length > 0 ? p : undefined;
  }

  /**
   * The file offset of cell-text offset `o`: the start of character `o` (`side` start) or the end
   * of character `o - 1` (`side` end), so a range never swallows the quote or comma between pieces.
   */
  private fileOffset(cell: CellSource, o: number, side: 'start' | 'end'): number | undefined {
    const { pieces } = cell;
    if (pieces.length === 0) return undefined;
    // The last piece holding the character (start) or ending at/after o (end); empty pieces skipped.
    let k = -1;
    for (let j = 0; j < pieces.length; j++) {
      const p = pieces[j] as Piece;
      const len = p.node.value.length;
      if (len === 0) continue;
      if (side === 'start' ? p.at <= o && o < p.at + len : p.at < o && o <= p.at + len) {
        k = j;
        break;
      }
    }
    if (k < 0) {
      // Past the last character (an empty range at the end of the cell): after its last character.
      const last = [...pieces].reverse().find((p) => p.node.value.length > 0);
      if (!last) return (pieces[0] as Piece).node.s + 1;
      return charSpan(last.node, last.node.value.length - 1)[1];
    }
    const p = pieces[k] as Piece;
    return side === 'start' ? charSpan(p.node, o - p.at)[0] : charSpan(p.node, o - p.at - 1)[1];
  }

  /** A cell-local range in file positions; undefined for a cell the text does not have. */
  range(cell: number, r: Range): Range | undefined {
    const c = this.cells[cell];
    if (!c) return undefined;
    const so = c.lines.offsetAt(r.start);
    const eo = c.lines.offsetAt(r.end);
    const s = this.fileOffset(c, so, 'start');
    // An empty range stays empty (a PW001 at a cell's start).
    const e = eo <= so ? s : this.fileOffset(c, eo, 'end');
    if (s === undefined || e === undefined) return undefined;
    return { start: this.file.positionAt(s), end: this.file.positionAt(e) };
  }

  /** Where a cell's source starts in the file (for a finding whose range the cell cannot hold). */
  cellStart(cell: number): Position | undefined {
    const c = this.cells[cell];
    const first = c?.pieces[0];
    return first ? this.file.positionAt(first.node.s + 1) : undefined;
  }
}

/**
 * The notebook parser's document with every range in positions of `text` itself and no `cell`:
 * what a diagnostic on the .ipynb file's own URI must carry. A range the mapper cannot place
 * (never for a document parsed from this same text) falls back to the file's first character.
 */
export function inNotebookText(doc: ParsedDocument, text: string): ParsedDocument {
  const map = NotebookTextPositions.of(text);
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const place = (cell: number | undefined, r: Range): Range => {
    if (cell === undefined || !map) return cell === undefined ? r : zero;
    const got = map.range(cell, r);
    if (got) return got;
    const at = map.cellStart(cell);
    return at ? { start: at, end: at } : zero;
  };
  return {
    ...doc,
    dependencies: doc.dependencies.map((d) => {
      const { cell, ...rest } = d;
      const out = { ...rest, range: place(cell, d.range) };
      if (d.specifierRange) out.specifierRange = place(cell, d.specifierRange);
      if (d.versionRange) out.versionRange = place(cell, d.versionRange);
      return out;
    }),
    problems: doc.problems.map((p) => {
      const { cell, ...rest } = p;
      return { ...rest, range: place(cell, p.range) };
    }),
  };
}
