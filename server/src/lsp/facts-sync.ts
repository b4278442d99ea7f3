// Keeps workspace facts in step with the files they come from (issue 7 §2): an open document's
// text is the truth for a manifest or an included file, saved or not; the disk for the rest.
// Unsaved edits reach the facts after a pause in typing, a document closed without saving gives
// the disk's text back, and file watchers cover the include targets no manifest glob names
// (`-r deps/prod.txt`), present or missing, so a change on disk is seen. The including file's
// diagnostics follow because WorkspaceState revalidates on a change of an include target.
// LSP 3.17 didChangeWatchedFiles: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspace_didChangeWatchedFiles
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type DidChangeWatchedFilesParams,
  type Disposable,
  type FileSystemWatcher,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri, readTextFile, uriToPath } from '../workspace/files';
import { errorText, type Logger } from './log';
import { isManifestUri, type WorkspaceState } from './workspace-state';

/** Pause after the last keystroke before an edited manifest is parsed for the facts. */
const EDIT_DEBOUNCE_MS = 200;

/** Glob metacharacters (LSP GlobPattern): a path holding one cannot be watched by a plain pattern. */
const GLOB_META = /[*?[\]{}]/;

/**
 * A watcher for one include target: a RelativePattern on its folder when the client supports them
 * (LSP 3.17), else its absolute path as the pattern (VS Code and Neovim match string patterns
 * against absolute paths).
 */
export function includeWatcher(file: string, relative: boolean): FileSystemWatcher | undefined {
  const name = path.basename(file);
  if (relative) return GLOB_META.test(name) ? undefined : { globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: name } };
  const abs = file.split(path.sep).join('/');
  return GLOB_META.test(abs) ? undefined : { globPattern: abs };
}

export interface FactsSyncDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Logger;
  workspace: () => WorkspaceState;
  /** The client registers watchers dynamically, and takes RelativePatterns. */
  watch: () => { dynamic: boolean; relative: boolean };
}

export class FactsSync {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose unsaved text the facts hold: on close, the disk's text is taken back. */
  private readonly unsaved = new Set<string>();
  private readonly openVersion = new Map<string, number>();
  private registration: Promise<Disposable | undefined> = Promise.resolve(undefined);
  private watched = '';

  constructor(private readonly d: FactsSyncDeps) {}

  private feedsFacts(uri: string): boolean {
    const ws = this.d.workspace();
    return isManifestUri(uri) || ws.isIncluded(uri) || ws.isIncludeTarget(uri);
  }

  opened(doc: TextDocument): void {
    this.openVersion.set(doc.uri, doc.version);
    if (this.feedsFacts(doc.uri)) this.d.workspace().manifestChanged(doc.uri, doc.getText());
  }

  /** An edit (also fired for the open itself, which `opened` already took). */
  changed(doc: TextDocument): void {
    const uri = doc.uri;
    if (this.openVersion.get(uri) === doc.version || !this.feedsFacts(uri)) return;
    this.unsaved.add(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const now = this.d.documents.get(uri);
        if (now) this.d.workspace().manifestChanged(uri, now.getText());
      }, EDIT_DEBOUNCE_MS),
    );
  }

  saved(doc: TextDocument): void {
    this.unsaved.delete(doc.uri);
    if (this.feedsFacts(doc.uri)) this.d.workspace().manifestChanged(doc.uri, doc.getText());
  }

  closed(uri: string): void {
    this.openVersion.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    // Closed without saving: the edits are gone, the disk's text counts again.
    const file = this.unsaved.delete(uri) ? uriToPath(uri) : undefined;
    if (file) {
      void readTextFile(file).then(
        (r) => this.d.workspace().manifestChanged(uri, r.ok ? r.text : undefined),
        () => undefined,
      );
    }
  }

  async watchedFilesChanged(p: DidChangeWatchedFilesParams): Promise<void> {
    for (const c of p.changes) {
      // An open document's text wins over the disk until it is closed.
      if (this.d.documents.get(c.uri) || !this.feedsFacts(c.uri)) continue;
      const file = uriToPath(c.uri);
      if (!file) continue;
      if (c.type === FileChangeType.Deleted) this.d.workspace().manifestChanged(c.uri, undefined);
      else {
        const r = await readTextFile(file);
        this.d.workspace().manifestChanged(c.uri, r.ok ? r.text : '');
      }
    }
  }

  /** The include targets to watch (WorkspaceState's list, whenever it changes): one registration, replaced. */
  watchIncludeTargets(paths: readonly string[]): void {
    const w = this.d.watch();
    if (!w.dynamic) return;
    const watchers = paths.flatMap((p) => includeWatcher(p, w.relative) ?? []);
    const key = JSON.stringify(watchers);
    if (key === this.watched) return;
    this.watched = key;
    this.registration = this.registration
      .then(async (old) => {
        await old?.dispose();
        return watchers.length > 0 ? this.d.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }) : undefined;
      })
      .catch((e: unknown) => {
        this.d.log.warn(`register include watchers: ${errorText(e)}`);
        return undefined;
      });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
