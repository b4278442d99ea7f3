// Notebooks over LSP 3.17 notebook sync (issue 9 §2): the server analyses a notebook once, as a
// whole, and publishes each finding on its cell's URI with cell-local ranges; edits, added and
// removed cells and closing update those cells; hovers and quick fixes work on cells; a cell
// that a client also opens as a text document is not analysed on its own. An .ipynb opened as
// text gets ranges inside its JSON.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from './helpers/edits';
import { ensureBuilt, pathToFileUri, TestClient, waitFor, type NotebookCellFixture } from './helpers/lsp-client';

let root: string;
before(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'pipwatch-notebook-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const codes = (p: PublishDiagnosticsParams | undefined): string[] => (p?.diagnostics ?? []).map((d) => String(d.code)).sort();
const range = (d: Diagnostic | undefined): number[] | undefined => d && [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

function notebook(name: string): { uri: string; cell: (id: string) => string } {
  const uri = pathToFileUri(path.join(root, name));
  // VS Code's cell URIs: the notebook's path with a scheme of their own and a fragment per cell.
  return { uri, cell: (id) => `vscode-notebook-cell:${uri.slice('file://'.length)}#${id}` };
}

describe('notebook sync (push)', () => {
  it('advertises jupyter-notebook sync with Python cells and publishes per cell, cell-local', async () => {
    const { client: c, init } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: root });
    try {
      assert.deepEqual(init.capabilities.notebookDocumentSync, {
        notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
      });
      const nb = notebook('push.ipynb');
      const cells: NotebookCellFixture[] = [
        { uri: nb.cell('a'), text: 'import yaml\n' },
        { uri: nb.cell('b'), text: '# set up\n%pip install reqeusts\n' },
        { uri: nb.cell('c'), text: 'import os\nprint(1)\n' },
      ];
      await c.openNotebook(nb.uri, cells);
      const b = await c.waitForPushed(nb.cell('b'), (p) => codes(p).includes('PW101'));
      assert.deepEqual(range(b.diagnostics.find((d) => d.code === 'PW101')), [1, 13, 1, 21]);
      assert.equal(b.version, 1, 'stamped with the cell document version');
      const a = await c.waitForPushed(nb.cell('a'), (p) => codes(p).includes('PW103'));
      assert.deepEqual(range(a.diagnostics[0]), [0, 7, 0, 11]);
      assert.deepEqual(c.pushed.get(nb.cell('c')) ?? [], [], 'a clean cell gets nothing');
      assert.equal(c.pushed.get(nb.uri), undefined, 'nothing on the notebook URI itself');

      // Hover and quick fix on the cell, in cell-local positions.
      const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: nb.cell('b') }, position: { line: 1, character: 15 } });
      assert.match(JSON.stringify(hover?.contents), /requests/);
      assert.deepEqual(hover?.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 21 } });
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: nb.cell('c') }, position: { line: 1, character: 15 } }), null, 'cell c has no name there');
      const diag = b.diagnostics.find((d) => d.code === 'PW101')!;
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: nb.cell('b') }, range: diag.range, context: { diagnostics: [diag] } });
      const fix = actions.find((x) => x.isPreferred)!;
      const edit = fix.edit!.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(edit.textDocument, { uri: nb.cell('b'), version: 1 });
      assert.equal(applyEdits(cells[1]!.text, edit.edits as never), '# set up\n%pip install requests\n');

      // A client that also opens a cell as a text document: that copy is not analysed alone
      // (as a Python file, `%pip` is no install command and the PW101 would be wiped).
      await c.open(nb.cell('b'), 'python', cells[1]!.text);
      await c.change(nb.cell('b'), 2, 'import numpy\n');

      // Edit cell b's text (the fix): its finding goes, cell a keeps its own.
      await c.changeNotebook(nb.uri, 2, { cells: { textContent: [{ document: { uri: nb.cell('b'), version: 2 }, changes: [{ text: '# set up\n%pip install requests\n' }] }] } });
      const fixed = await c.waitForPushed(nb.cell('b'), (p) => p.version === 2);
      assert.deepEqual(codes(fixed), []);
      const bPushes = c.pushed.get(nb.cell('b'))!;
      assert.ok(bPushes.slice(0, -1).every((p) => codes(p).includes('PW101')), `no standalone analysis of the cell: ${JSON.stringify(bPushes.map(codes))}`);

      // Remove cell a (its stale finding is cleared), add a cell with a typo.
      await c.changeNotebook(nb.uri, 3, {
        cells: {
          structure: {
            array: { start: 0, deleteCount: 1, cells: [{ kind: 2, document: nb.cell('d') }] },
            didOpen: [{ uri: nb.cell('d'), languageId: 'python', version: 1, text: '!pip install djnago\n' }],
            didClose: [{ uri: nb.cell('a') }],
          },
        },
      });
      const d = await c.waitForPushed(nb.cell('d'), (p) => codes(p).includes('PW101'));
      assert.deepEqual(range(d.diagnostics[0]), [0, 13, 0, 19]);
      await c.waitForPushed(nb.cell('a'), (p) => p.diagnostics.length === 0);

      // The .ipynb's JSON text (same URI) opening and closing leaves the cells' findings alone;
      // a hover round trip makes sure the server has handled the close.
      await c.open(nb.uri, 'json', '{"cells": []}');
      await c.close(nb.uri);
      await c.request('textDocument/hover', { textDocument: { uri: nb.cell('d') }, position: { line: 0, character: 15 } });
      assert.deepEqual(codes(c.pushed.get(nb.cell('d'))!.at(-1)), ['PW101']);

      // Closing the notebook clears every cell that shows findings.
      await c.closeNotebook(nb.uri, [nb.cell('d'), nb.cell('b'), nb.cell('c')]);
      await c.waitForPushed(nb.cell('d'), (p) => p.diagnostics.length === 0);
    } finally {
      await c.stop();
    }
  });

  it('reads an .ipynb opened as text with ranges inside its JSON, escapes included', async () => {
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: root });
    try {
      const uri = pathToFileUri(path.join(root, 'as-text.ipynb'));
      const json = JSON.stringify(
        { cells: [{ cell_type: 'markdown', source: ['# pip install nothing'] }, { cell_type: 'code', source: ['x = "\\t"\n', '%pip install "reqeusts"\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 },
        null,
        1,
      );
      await c.open(uri, 'json', json);
      const p = await c.waitForPushed(uri, (x) => codes(x).includes('PW101'));
      const r = p.diagnostics.find((x) => x.code === 'PW101')!.range;
      const line = json.split('\n')[r.start.line]!;
      assert.equal(r.start.line, r.end.line);
      assert.equal(line.slice(r.start.character, r.end.character), 'reqeusts');
      assert.ok(line.includes('%pip install \\"reqeusts\\"'), line);
    } finally {
      await c.stop();
    }
  });
});

describe('notebook sync (pull)', () => {
  it('answers textDocument/diagnostic per cell from one analysis of the notebook', async () => {
    const { client: c } = await TestClient.start({ mode: 'pull', settings: { offline: true }, rootPath: root });
    try {
      const nb = notebook('pull.ipynb');
      await c.openNotebook(nb.uri, [
        { uri: nb.cell('x'), text: '%pip install reqeusts\n' },
        { uri: nb.cell('y'), text: 'import yaml\n' },
      ]);
      type Report = { kind: string; resultId?: string; items: Diagnostic[] };
      const pull = (uri: string, previousResultId?: string): Promise<Report> =>
        c.request<Report>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      const x = await pull(nb.cell('x'));
      assert.deepEqual(x.items.map((d) => [d.code, ...range(d)!]), [['PW101', 0, 13, 0, 21]]);
      const y = await pull(nb.cell('y'));
      assert.deepEqual(y.items.map((d) => [d.code, ...range(d)!]), [['PW103', 0, 7, 0, 11]]);
      assert.notEqual(x.resultId, y.resultId);
      assert.equal((await pull(nb.cell('x'), x.resultId)).kind, 'unchanged');
      await c.changeNotebook(nb.uri, 2, { cells: { textContent: [{ document: { uri: nb.cell('x'), version: 2 }, changes: [{ text: '%pip install requests\n' }] }] } });
      const after = await waitFor(async () => {
        const r = await pull(nb.cell('x'), x.resultId);
        return r.kind === 'full' ? r : undefined;
      }, 5000, 'a new report for cell x');
      assert.deepEqual(after.items, []);
      // The same .ipynb also open as JSON text: its findings are on the cells, not repeated there.
      await c.open(nb.uri, 'json', JSON.stringify({ cells: [{ cell_type: 'code', source: '%pip install reqeusts\n' }] }));
      assert.deepEqual((await pull(nb.uri)).items, []);
      await c.close(nb.uri);
      assert.deepEqual((await pull(nb.cell('y'))).items.map((d) => d.code), ['PW103'], 'closing the text leaves the notebook');
      assert.equal(c.pushed.size, 0, 'a pull client gets nothing pushed');
    } finally {
      await c.stop();
    }
  });
});
