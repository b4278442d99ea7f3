// Status bar item: the finding count of the active file, and whether index lookups are working.
// Counts come from VS Code's own diagnostics collection, so the client never analyses anything.
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';
import { allLanguageIds, allPatterns, formatOfLanguage, matchPath } from '../../shared/formats';
import type { StatusParams } from '../../shared/protocol';

const SOURCE = 'pipwatch';

/**
 * The documents VS Code sends to the server, from shared/formats.json (the one list): every
 * language id a format claims, and every file-name pattern on disk (a file VS Code names
 * plaintext still counts). The server decides the kind again, so a pattern that is too wide
 * (MANIFEST.in matches `**\/*.in`) costs one empty analysis, never a wrong finding.
 */
export function documentSelector(): DocumentSelector {
  return [
    ...allLanguageIds().map((language) => ({ language })),
    ...allPatterns().map((pattern) => ({ scheme: 'file', pattern })),
    // The Python cells of Jupyter notebooks, which the server takes by LSP notebook sync (its
    // `notebookDocumentSync` capability): hovers, quick fixes and pulled diagnostics on cells.
    NOTEBOOK_CELLS,
  ];
}

/** A Python cell of a Jupyter notebook (vscode-languageclient NotebookCellTextDocumentFilter). */
export const NOTEBOOK_CELLS = { notebook: 'jupyter-notebook', language: 'python' } as const;

/** Documents the server analyses (the same decision as the server's documentKind). */
export function isWatched(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme === 'vscode-notebook-cell') return vscode.languages.match(NOTEBOOK_CELLS, doc) > 0;
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote' && doc.uri.scheme !== 'untitled') return false;
  return matchPath(doc.uri.path) !== undefined || formatOfLanguage(doc.languageId) !== undefined;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private index: StatusParams['index'] = { state: 'ok' };

  constructor() {
    this.item = vscode.window.createStatusBarItem('pipwatch.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Pipwatch';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  setIndexStatus(index: StatusParams['index']): void {
    this.index = index;
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isWatched(doc)) {
      this.item.hide();
      return;
    }
    const count = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE).length;
    // 'offline'/'degraded': lookups are failing (network, breaker) — worth a warning.
    // 'disabled': the user chose offline mode — shown quietly, no warning colour.
    const lookupsDown = this.index.state === 'offline' || this.index.state === 'degraded';
    const lookupsOff = this.index.state === 'disabled';
    const icon = lookupsDown ? '$(warning)' : count > 0 ? '$(shield)' : '$(check)';
    this.item.text = `${icon} Pipwatch ${count}`;
    const tip = new vscode.MarkdownString();
    tip.appendText(count === 1 ? '1 Pipwatch finding in this file' : `${count} Pipwatch findings in this file`);
    if (lookupsDown || lookupsOff) {
      tip.appendMarkdown('\n\n');
      tip.appendText(
        lookupsOff
          ? 'Index lookups are off (pipwatch.offline): only offline rules run.'
          : `Index lookups ${this.index.state}${this.index.message ? `: ${this.index.message}` : ''} — only offline rules run.`,
      );
    }
    tip.appendMarkdown('\n\nClick to open the Problems view.');
    this.item.tooltip = tip;
    this.item.backgroundColor = lookupsDown ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Pipwatch: ${count} findings${lookupsDown ? ', index lookups unavailable' : ''}` };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
