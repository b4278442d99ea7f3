// Text helpers shared by the manifest parsers: BOM handling and offset -> LSP position mapping.
// Positions are LSP-style: 0-based line, UTF-16 code-unit character. JavaScript string indices
// already are UTF-16 code units, so an offset maps to a column by plain subtraction.
import type { Position, Range } from '../core/types';

/**
 * Editors strip a leading byte-order mark before handing text to a language server, so their
 * columns never count it. A parser that receives the BOM anyway (the CLI reading a file from disk)
 * drops it too, so line 0 columns agree with what the editor shows. Callers that slice the
 * original text by a range must therefore slice `stripBom(text)`.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offsets of line starts. Line breaks are `\n`, `\r\n` and a lone `\r`, as in the LSP spec. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // Without any `\r` the native search finds every line start (a 3.5 MB lock in a few ms).
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // Binary search: the last line start <= o.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] as number) };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  offsetAt(pos: Position): number {
    return Math.min(this.lineStart(pos.line) + pos.character, this.text.length);
  }
}

/** The text a range covers (for tests and quick fixes). */
export function textOfRange(text: string, range: Range): string {
  const idx = new LineIndex(text);
  return text.slice(idx.offsetAt(range.start), idx.offsetAt(range.end));
}

/** Bounded list of problems: binary junk must not produce a million diagnostics. */
export const MAX_PROBLEMS = 100;

/**
 * Dependencies read from one file at most. Real lock files hold hundreds; past this a file is
 * generated junk, and every rule downstream runs per dependency.
 */
export const MAX_DEPENDENCIES = 20_000;
