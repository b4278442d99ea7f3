// A tiny LSP client for protocol tests: starts the BUNDLED server (dist/server.js --stdio) as a
// child process and speaks JSON-RPC through vscode-languageserver-protocol, as any editor would
// (vscode-languageserver-node's connection tests do the same over streams). Waits poll with a
// timeout; there are no fixed sleeps.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { HERMETIC_ENV } from './hermetic-env';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/server.js once when it is missing or older than server/src (npm test builds first). */
export function ensureBuilt(): void {
  const stale = !existsSync(SERVER) || statSync(SERVER).mtimeMs < newestMtime(path.join(ROOT, 'server/src'));
  if (!stale) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node scripts/build.mjs failed');
}

export type Mode = 'push' | 'pull';

export function capabilities(mode: Mode, extra: { createFiles?: boolean; configuration?: boolean; watchFiles?: boolean } = {}): ClientCapabilities {
  const caps: ClientCapabilities = {
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { versionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
    },
    workspace: {
      workspaceEdit: { documentChanges: true, ...(extra.createFiles ? { resourceOperations: ['create'] } : {}) },
      configuration: extra.configuration ?? false,
      workspaceFolders: true,
      ...(extra.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
    },
    window: { workDoneProgress: true },
  };
  if (mode === 'pull') {
    caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
    caps.workspace!.diagnostics = { refreshSupport: true };
  }
  return caps;
}

export interface StartOptions {
  mode: Mode;
  /** `pipwatch` settings (initializationOptions.settings; also the workspace/configuration answer). */
  settings?: Record<string, unknown>;
  rootPath?: string;
  cacheDir?: string;
  persistsAllowlist?: boolean;
  workspaceTrusted?: boolean;
  configuration?: boolean;
  createFiles?: boolean;
  watchFiles?: boolean;
  /** Extra environment variables for the server process (credentials, NETRC…). */
  env?: NodeJS.ProcessEnv;
}

/** A notebook cell as a client syncs it: its URI (`vscode-notebook-cell:…#…`), text, kind (2 = code). */
export interface NotebookCellFixture {
  uri: string;
  text: string;
  kind?: 1 | 2;
  languageId?: string;
}

export class TestClient {
  readonly pushed = new Map<string, PublishDiagnosticsParams[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  refreshes = 0;
  readonly registrations: { id?: string; method: string; registerOptions?: unknown }[] = [];
  /** Ids of registrations the server withdrew (client/unregisterCapability). */
  readonly unregistered: string[] = [];
  stderr = '';
  exited: number | null | undefined;
  settings: Record<string, unknown>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(opts: StartOptions): Promise<{ client: TestClient; init: InitializeResult }> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...HERMETIC_ENV, ...opts.env } });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new TestClient(proc, conn, opts.settings ?? {});
    proc.stderr!.on('data', (d: Buffer) => (c.stderr += d.toString()));
    proc.on('exit', (code) => (c.exited = code));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = c.pushed.get(p.uri) ?? [];
      list.push(p);
      c.pushed.set(p.uri, list);
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => void c.logs.push(p.message));
    for (const method of ['pipwatch/status', 'pipwatch/allowlistAdded', 'pipwatch/includedFiles', '$/progress']) {
      conn.onNotification(method, (params: unknown) => void c.notifications.push({ method, params }));
    }
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => c.settings));
    conn.onRequest('workspace/diagnostic/refresh', () => {
      c.refreshes++;
      return null;
    });
    conn.onRequest('client/registerCapability', (p: { registrations: { id?: string; method: string; registerOptions?: unknown }[] }) => {
      c.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string }[] }) => {
      c.unregistered.push(...p.unregisterations.map((u) => u.id));
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    const rootUri = opts.rootPath ? pathToFileUri(opts.rootPath) : null;
    const init = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: opts.rootPath ? [{ uri: rootUri, name: path.basename(opts.rootPath) }] : null,
      capabilities: capabilities(opts.mode, { configuration: opts.configuration ?? false, createFiles: opts.createFiles ?? false, watchFiles: opts.watchFiles ?? false }),
      initializationOptions: {
        settings: opts.settings ?? {},
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.persistsAllowlist ? { persistsAllowlist: true } : {}),
        ...(opts.workspaceTrusted ? { workspaceTrusted: true } : {}),
      },
    })) as InitializeResult;
    await conn.sendNotification('initialized', {});
    return { client: c, init };
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Full-text change (the server advertises incremental sync; a range-less change is valid in it). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** `notebookDocument/didOpen` (LSP 3.17) of a `jupyter-notebook`; cells default to Python code. */
  openNotebook(uri: string, cells: NotebookCellFixture[], version = 1): Promise<void> {
    return this.conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version, cells: cells.map((c) => ({ kind: c.kind ?? 2, document: c.uri })) },
      cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: c.languageId ?? 'python', version: 1, text: c.text })),
    });
  }

  /** `notebookDocument/didChange` with a raw NotebookDocumentChangeEvent (`cells.structure`, `cells.textContent`). */
  changeNotebook(uri: string, version: number, change: unknown): Promise<void> {
    return this.conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri, version }, change });
  }

  closeNotebook(uri: string, cellUris: string[]): Promise<void> {
    return this.conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri }, cellTextDocuments: cellUris.map((u) => ({ uri: u })) });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The newest pushed diagnostics of `uri` that satisfy `pred`. */
  waitForPushed(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return waitFor(() => {
      const list = this.pushed.get(uri) ?? [];
      const last = list[list.length - 1];
      return last && pred(last) ? last : undefined;
    }, timeoutMs, `pushed diagnostics for ${uri}`);
  }

  notificationsOf(method: string): unknown[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  async stop(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await withTimeout(this.conn.sendRequest('shutdown'), 3000);
        await this.conn.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await waitFor(() => (this.exited !== undefined ? true : undefined), 3000, 'server exit').catch(() => this.proc.kill());
    this.conn.dispose();
  }
}

export function pathToFileUri(p: string): string {
  return pathToFileURL(p).href;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p.finally(() => clearTimeout(t)), new Promise<T>((_, rej) => (t = setTimeout(() => rej(new Error('timeout')), ms)))]);
}

/** Polls `fn` every 20 ms until it returns a value, or rejects after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Text with a `|` caret marker: the text without it and the marker's position. */
export function caret(text: string): { text: string; position: { line: number; character: number } } {
  const i = text.indexOf('|');
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return { text: before + text.slice(i + 1), position: { line, character: i - (before.lastIndexOf('\n') + 1) } };
}
