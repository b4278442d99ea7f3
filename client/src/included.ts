// Files the server analyses as pip requirements only because another requirements file includes
// them (`-r deps/prod.txt`, issue 7 §2). VS Code sends the server only documents its selector
// matches, and no file-name pattern can know these names, so the client gives such documents the
// `pip-requirements` language: the selector matches that language, VS Code re-opens the document
// with it, and the server receives it. Simpler and sturdier than rebuilding the selector (which
// would need a client restart).
import * as vscode from 'vscode';
import { parseIncludedFilesParams } from '../../shared/protocol';

const LANGUAGE = 'pip-requirements';

export class IncludedFiles implements vscode.Disposable {
  private uris = new Set<string>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.sub = vscode.workspace.onDidOpenTextDocument((doc) => this.adopt(doc));
  }

  /** Handles `pipwatch/includedFiles` (the full list each time). */
  update(raw: unknown): void {
    const p = parseIncludedFilesParams(raw);
    if (!p) return;
    this.uris = new Set(p.uris.map((u) => vscode.Uri.parse(u).toString()));
    for (const doc of vscode.workspace.textDocuments) this.adopt(doc);
  }

  private adopt(doc: vscode.TextDocument): void {
    if (doc.languageId === LANGUAGE || !this.uris.has(doc.uri.toString())) return;
    this.log.info(`${vscode.workspace.asRelativePath(doc.uri)} is included by a requirements file: analysed as pip requirements`);
    vscode.languages.setTextDocumentLanguage(doc, LANGUAGE).then(undefined, (e: unknown) => this.log.warn(`cannot set the language of ${doc.uri.toString()}: ${String(e)}`));
  }

  dispose(): void {
    this.sub.dispose();
  }
}
