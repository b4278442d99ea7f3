import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotebook } from '../../server/src/parse/surfaces/notebook';
import { LineIndex } from '../../server/src/parse/text';

function nb(cells: { type?: string; src: string | string[] }[], language = 'python'): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { language_info: { name: language } },
    cells: cells.map((c) => ({ cell_type: c.type ?? 'code', metadata: {}, source: c.src, outputs: [] })),
  });
}

/** The text a dependency range covers in its cell. */
function cellSlice(cells: string[], d: { cell?: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  const text = cells[d.cell!]!;
  const idx = new LineIndex(text);
  return text.slice(idx.offsetAt(d.range.start), idx.offsetAt(d.range.end));
}

test('notebook: %pip / !pip / !uv pip lines and imports of all code cells, cell-local ranges', () => {
  const cells = ['%pip install reqeusts pandas\n', '# Title', 'import numpy as np\n!pip install -q seaborn\nfrom sklearn import svm', '!uv pip install polars\nimport os'];
  const doc = parseNotebook(nb([{ src: cells[0]! }, { type: 'markdown', src: cells[1]! }, { src: ['import numpy as np\n', '!pip install -q seaborn\n', 'from sklearn import svm'] }, { src: cells[3]! }]));
  const got = doc.dependencies.map((d) => [d.source, d.rawName, d.cell, d.range.start.line, cellSlice(cells, d)]);
  assert.deepEqual(got, [
    ['command', 'reqeusts', 0, 0, 'reqeusts'],
    ['command', 'pandas', 0, 0, 'pandas'],
    ['command', 'seaborn', 2, 1, 'seaborn'],
    ['command', 'polars', 3, 0, 'polars'],
    ['import', 'numpy', 2, 0, 'numpy'],
    ['import', 'sklearn', 2, 2, 'sklearn'],
    ['import', 'os', 3, 1, 'os'],
  ]);
  assert.deepEqual(doc.problems, []);
});

test('notebook: %%bash cells are shell; magics never break the module', () => {
  const cells = ['%%bash\npip install httpx\n', '%matplotlib inline\nimport rich'];
  const doc = parseNotebook(nb(cells.map((src) => ({ src }))));
  assert.deepEqual(doc.dependencies.map((d) => [d.rawName, d.cell, cellSlice(cells, d)]), [['httpx', 0, 'httpx'], ['rich', 1, 'rich']]);
});

test('notebook: other kernels are not Python; broken JSON is one PW001 and nothing else', () => {
  assert.deepEqual(parseNotebook(nb([{ src: 'library(x)\n!pip install x' }], 'R')).dependencies, []);
  const bad = parseNotebook('{"cells": [');
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0]!.message, /not a valid notebook/);
  assert.match(parseNotebook('{"a": 1}').problems[0]!.message, /no "cells"/);
  assert.deepEqual(parseNotebook(JSON.stringify({ cells: [{ cell_type: 'code', source: 42 }, null] })).dependencies, []);
});
