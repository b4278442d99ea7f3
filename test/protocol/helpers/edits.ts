// Applies LSP TextEdits to a string, as an editor would (edits against the original text,
// applied from the end so earlier offsets stay valid).
import type { TextEdit } from 'vscode-languageserver-protocol';

function offsetAt(text: string, line: number, character: number): number {
  let off = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl === -1) return text.length;
    off = nl + 1;
  }
  return Math.min(off + character, text.length);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((e) => ({
    start: offsetAt(text, e.range.start.line, e.range.start.character),
    end: offsetAt(text, e.range.end.line, e.range.end.character),
    newText: e.newText,
  }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
