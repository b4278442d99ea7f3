// Notebook ranges in the .ipynb's own JSON text (issue 9 §2): what an editor showing the file as
// text underlines must be the characters of the name, through JSON escapes and list pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/assess/engine';
import { NotebookTextPositions } from '../../server/src/parse/surfaces/notebook-text';
import { parseNotebook } from '../../server/src/parse/surfaces/notebook';
import { slice } from '../fixtures/parse/carets';

function nb(sources: (string | string[])[], indent?: number): string {
  const cells = sources.map((source, i) => (i === 0 ? { cell_type: 'markdown', metadata: {}, source } : { cell_type: 'code', metadata: {}, source, outputs: [] }));
  return JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, indent);
}

/** Names with their text in the JSON file, from the document parsed with text ranges. */
function named(text: string): [string, string][] {
  return parseDocument('notebook', text, undefined, 'text').dependencies.map((d) => [d.rawName, slice(text, d.range)]);
}

test('notebook text ranges: list pieces, pretty-printed or not, cover exactly the name', () => {
  for (const indent of [undefined, 1]) {
    const text = nb(['# pip install nothing', ['import numpy\n', '%pip install -q reqeusts pandas\n'], '!pip install djnago\nimport yaml'], indent);
    assert.deepEqual(named(text), [
      ['reqeusts', 'reqeusts'],
      ['pandas', 'pandas'],
      ['djnago', 'djnago'],
      ['numpy', 'numpy'],
      ['yaml', 'yaml'],
    ]);
    const doc = parseDocument('notebook', text, undefined, 'text');
    assert.ok(doc.dependencies.every((d) => d.cell === undefined), 'no cell: positions are the file’s');
  }
});

test('notebook text ranges: escapes in the JSON string are honoured', () => {
  // `\"` before the name, `\t` and `\u00e9` earlier on the line, `\u0072` inside the name.
  const text = '{"cells": [{"cell_type": "code", "source": ["x = \\"caf\\u00e9\\"\\t# \\u00e9\\n", "%pip install \\"\\u0072eqeusts[socks]>=2\\"\\n"]}], "metadata": {}}';
  const doc = parseDocument('notebook', text, undefined, 'text');
  const dep = doc.dependencies[0]!;
  assert.equal(dep.rawName, 'reqeusts');
  assert.equal(slice(text, dep.range), '\\u0072eqeusts');
  assert.equal(slice(text, dep.specifierRange!), '>=2');
  // Escaped CRLF line ends inside one string: lines of the cell, not of the file.
  const crlf = '{"cells": [{"cell_type": "code", "source": "import os\\r\\n!pip install djnago\\r\\nimport rich"}]}';
  assert.deepEqual(named(crlf), [['djnago', 'djnago'], ['os', 'os'], ['rich', 'rich']]);
});

test('notebook text ranges: a BOM, cell-local defaults unchanged, and ranges at piece boundaries', () => {
  const text = '\ufeff' + nb(['', ['!pip install djnago']]);
  assert.deepEqual(named(text).map((x) => x[0]), ['djnago']);
  const dep = parseDocument('notebook', text, undefined, 'text').dependencies[0]!;
  assert.equal(slice(text.slice(1), dep.range), 'djnago');
  // Without `ranges: 'text'` the CLI's cell-local positions stay as they were.
  const cellLocal = parseDocument('notebook', text).dependencies[0]!;
  assert.deepEqual([cellLocal.cell, cellLocal.range.start], [1, { line: 0, character: 13 }]);

  const pieces = nb(['', ['import a', 'bc\n', 'x']]);
  const map = NotebookTextPositions.of(pieces)!;
  // `abc` spans two pieces: the range runs from `a` in the first string to `c` in the second.
  const r = map.range(1, { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } })!;
  assert.equal(slice(pieces, r), 'a","bc');
  // A range ending at a piece's end stops before its closing quote.
  assert.equal(slice(pieces, map.range(1, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } })!), 'import a');
  // Empty ranges stay empty; a cell the file does not have maps to nothing.
  const empty = map.range(1, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })!;
  assert.deepEqual(empty.start, empty.end);
  assert.equal(map.range(7, empty), undefined);
});

test('notebook text ranges: not a notebook stays one PW001 at the start', () => {
  assert.equal(NotebookTextPositions.of('{"cells": ['), undefined);
  const doc = parseDocument('notebook', '{"cells": [', undefined, 'text');
  assert.equal(doc.problems.length, 1);
  assert.deepEqual(doc.problems[0]!.range.start, { line: 0, character: 0 });
  // The text mapping agrees with the parser on every cell-local range of a real-looking notebook.
  const text = nb(['# t', ['%pip install reqeusts\n', 'import yaml\n'], ['%%bash\n', 'pip install httpx\n']], 1);
  const cells = parseNotebook(text).dependencies;
  const inText = parseDocument('notebook', text, undefined, 'text').dependencies;
  assert.deepEqual(inText.map((d) => slice(text, d.range)), cells.map((d) => d.rawName));
});
