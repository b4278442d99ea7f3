// LSP 3.17 notebook document sync (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#notebookDocument_synchronization):
// a Jupyter notebook arrives as one notebook with its Python cells, and is analysed ONCE as a
// whole, the way its kernel runs it — the imports of all code cells as one module, plus the
// `%pip`/`!pip` lines — by the same notebook parser the CLI uses (the cells are handed to it as
// nbformat JSON). Findings keep cell-local ranges and are published on each cell's own URI.
// Cells never reach the text-document path: a client that also opens a cell as a text document
// (none should: vscode-languageclient does not) has that copy ignored while its notebook is open.
import { NotebookDocuments, type NotebookDocument, type NotebookDocumentSyncOptions, type TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import { toDiagnostics } from '../present/diagnostic';
import type { DocumentSource, OpenDocument, Publication } from './diagnostics';

/** Jupyter notebooks (VS Code's `jupyter-notebook` type), their Python cells only. */
export const NOTEBOOK_SYNC: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
};

/** A cell of an open notebook. */
export interface CellRef {
  notebook: string;
  /** Index among the notebook's synced cells: the `cell` of its findings. */
  index: number;
  /** The cell's text document (for its version and quick-fix edits). */
  document: TextDocument;
}

export interface NotebookEvents {
  opened(uri: string, cellUris: string[]): void;
  changed(uri: string): void;
  closed(uri: string): void;
}

/** The cell a finding is about: its own, its dependency's, else the first (a too-large notebook). */
export function cellOf(f: Finding): number {
  return f.cell ?? f.dependency?.cell ?? 0;
}

export class Notebooks {
  private readonly store = new NotebookDocuments(TextDocument);
  /**
   * Our own change counter per open notebook, used as the analysed document's version: every
   * open/change notification bumps it, whether or not the client bumped the notebook's version
   * for a cell's text edit.
   */
  private readonly revs = new Map<string, number>();
  private readonly texts = new Map<string, { rev: number; text: string }>();
  /** Cells that got a non-empty push, per notebook: cleared when they have none (or it closes). */
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly events: NotebookEvents) {}

  /** Hooks the notebook notifications into `connection` (before `connection.listen()`). */
  listen(connection: Parameters<NotebookDocuments<TextDocument>['listen']>[0]): void {
    this.store.onDidOpen((nb) => {
      this.revs.set(nb.uri, 1);
      this.events.opened(
        nb.uri,
        nb.cells.map((c) => c.document),
      );
    });
    this.store.onDidChange((e) => {
      const uri = e.notebookDocument.uri;
      this.revs.set(uri, (this.revs.get(uri) ?? 0) + 1);
      this.events.changed(uri);
    });
    this.store.onDidClose((nb) => {
      this.revs.delete(nb.uri);
      this.texts.delete(nb.uri);
      this.events.closed(nb.uri);
    });
    this.store.listen(connection);
  }

  private notebook(uri: string): NotebookDocument | undefined {
    return this.revs.has(uri) ? this.store.getNotebookDocument(uri) : undefined;
  }

  /** The notebook as one document for the validator (undefined when `uri` is no open notebook). */
  document(uri: string): OpenDocument | undefined {
    const nb = this.notebook(uri);
    const rev = this.revs.get(uri);
    if (!nb || rev === undefined) return undefined;
    return { uri, version: rev, languageId: 'jupyter-notebook', notebook: true, getText: () => this.textOf(nb, rev) };
  }

  all(): OpenDocument[] {
    return [...this.revs.keys()].map((u) => this.document(u)).filter((d): d is OpenDocument => d !== undefined);
  }

  has(uri: string): boolean {
    return this.revs.has(uri);
  }

  /**
   * The cells as nbformat 4 JSON, what the notebook parser reads: one parser for the CLI and the
   * editor. Only Python code cells are code; any other cell a client syncs is markdown to it.
   */
  private textOf(nb: NotebookDocument, rev: number): string {
    const cached = this.texts.get(nb.uri);
    if (cached?.rev === rev) return cached.text;
    const cells = nb.cells.map((c) => {
      const doc = this.store.getCellTextDocument(c);
      const code = c.kind === 2 && (doc?.languageId ?? 'python') === 'python';
      return { cell_type: code ? 'code' : 'markdown', metadata: {}, source: doc?.getText() ?? '' };
    });
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
    this.texts.set(nb.uri, { rev, text });
    return text;
  }

  /** The open notebook cell `uri` is (NotebookDocuments keeps removed cells mapped: checked here). */
  cell(uri: string): CellRef | undefined {
    const nb = this.store.findNotebookDocumentForCell(uri);
    if (!nb || !this.revs.has(nb.uri)) return undefined;
    const index = nb.cells.findIndex((c) => c.document === uri);
    const cell = nb.cells[index];
    const document = cell ? this.store.getCellTextDocument(cell) : undefined;
    return cell && document ? { notebook: nb.uri, index, document } : undefined;
  }

  /** Findings of one cell of the notebook's analysis. */
  findingsOf(findings: readonly Finding[], index: number): Finding[] {
    return findings.filter((f) => cellOf(f) === index);
  }

  /**
   * Push publications for a notebook's findings: one per cell that has some (cell-local ranges,
   * the cell's version), and an empty one for each cell that had some before — a removed cell, a
   * fixed one, all of them when the notebook closed. Undefined for a URI that is no notebook.
   */
  route(uri: string, findings: readonly Finding[]): Publication[] | undefined {
    const before = this.published.get(uri);
    const nb = this.notebook(uri);
    if (!nb && !before) return undefined;
    const byCell = new Map<number, Finding[]>();
    for (const f of findings) {
      const k = cellOf(f);
      const list = byCell.get(k) ?? [];
      list.push(f);
      byCell.set(k, list);
    }
    const out: Publication[] = [];
    const now = new Set<string>();
    for (const [k, list] of byCell) {
      const cell = nb?.cells[k];
      const doc = cell ? this.store.getCellTextDocument(cell) : undefined;
      if (!cell || !doc) continue;
      now.add(cell.document);
      out.push({ uri: cell.document, version: doc.version, diagnostics: toDiagnostics(list, doc.version) });
    }
    for (const u of before ?? []) {
      if (now.has(u)) continue;
      // A fixed cell's empty list carries its version; a removed cell has none any more.
      const cell = nb?.cells.find((c) => c.document === u);
      const doc = cell ? this.store.getCellTextDocument(cell) : undefined;
      out.push(doc ? { uri: u, version: doc.version, diagnostics: [] } : { uri: u, diagnostics: [] });
    }
    if (nb && now.size > 0) this.published.set(uri, now);
    else this.published.delete(uri);
    return out;
  }
}

/**
 * What the validator analyses: open text documents, except cells of an open notebook (those are
 * analysed with their notebook), and the open notebooks themselves.
 */
export function openDocuments(documents: TextDocuments<TextDocument>, notebooks: Notebooks): DocumentSource {
  return {
    get: (uri) => notebooks.document(uri) ?? (notebooks.cell(uri) ? undefined : documents.get(uri)),
    all: () => [...documents.all().filter((d) => !notebooks.cell(d.uri)), ...notebooks.all()],
  };
}
