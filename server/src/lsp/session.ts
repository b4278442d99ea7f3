// The glue: wires `connection.onX` to the pipeline (typescript-language-server lsp-connection.ts).
// Decides pull vs push from the client's capabilities once, at initialize:
//   - `textDocument.diagnostic` present -> PULL: we advertise diagnosticProvider and never publish
//     for open documents; index results land via `workspace/diagnostic/refresh` when the client
//     has `workspace.diagnostics.refreshSupport` (else the next pull gets them);
//   - otherwise -> PUSH: `publishDiagnostics` with the document version, again when lookups land.
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allPatterns } from '../../../shared/formats';
import { checkCommand } from '../assess/check-command';
import { analyzeOffline } from '../assess/engine';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { Fix } from '../core/types';
import { FORMATS } from '../formats/registry';
import { defaultCacheDir } from '../index/dirs';
import { normalizeName } from '../identify/normalize';
import { documentKind } from '../parse/document-kind';
import { codeActionsFor, type ManifestTarget } from '../present/code-actions';
import { commandDetails } from '../present/command-report';
import { toDiagnostics } from '../present/diagnostic';
import { redactText } from '../index/urls';
import { includeReader, pathToUri, readTextFileSync, uriToPath } from '../workspace/files';
import type { WorkspaceFacts } from '../assess/rule';
import { Validator } from './diagnostics';
import { provideHover } from './hover';
import { IndexClients } from './index-clients';
import { NOTEBOOK_SYNC, Notebooks, openDocuments } from './notebooks';
import { createLogger, errorText, type Logger } from './log';
import {
  ALLOWLIST_ADDED_NOTIFICATION,
  CHECK_COMMAND_REQUEST,
  COMMANDS,
  parseCheckCommandParams,
  type CheckCommandResult,
  INCLUDED_FILES_NOTIFICATION,
  SCAN_WORKSPACE_REQUEST,
  TRUST_CHANGED_NOTIFICATION,
  type IncludedFilesParams,
  type InitializationOptions,
  type ScanWorkspaceResult,
} from '../../../shared/protocol';
import { FactsSync } from './facts-sync';
import { scanWorkspaceRequest } from './scan';
import { SettingsStore } from './settings-store';
import { WorkspaceState } from './workspace-state';
import { PROJECT_CONFIG_GLOBS } from '../workspace/project-config';

/** Globs for `workspace/didChangeWatchedFiles`: the files of every format that feeds workspace facts (isManifestUri). */
const MANIFEST_GLOBS = [...allPatterns(FORMATS.filter((f) => f.declares || f.includeBase === 'file').map((f) => f.id)), ...PROJECT_CONFIG_GLOBS];

interface ClientFeatures {
  pull: boolean;
  refresh: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  watchDynamic: boolean;
  watchRelative: boolean;
  documentChanges: boolean;
  createFiles: boolean;
  workspaceFolders: boolean;
}

function features(params: InitializeParams): ClientFeatures {
  const c = params.capabilities;
  return {
    pull: !!c.textDocument?.diagnostic,
    refresh: !!c.workspace?.diagnostics?.refreshSupport,
    configuration: !!c.workspace?.configuration,
    configurationDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    watchRelative: !!c.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    createFiles: !!c.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

function initOptions(v: unknown): InitializationOptions {
  return typeof v === 'object' && v !== null ? (v as InitializationOptions) : {};
}

/** Runs `fn`, turning any exception into `fallback` plus one log line (house style §10). */
async function guard<T>(log: Logger, what: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    log.error(`${what} failed: ${errorText(e)}`);
    return fallback;
  }
}

export function startSession(connection: Connection): void {
  const log = createLogger(connection.console);
  const documents = new TextDocuments(TextDocument);
  // Notebooks analysed as a whole, findings on their cells (lsp/notebooks.ts); `source` is what
  // the validator sees: text documents (minus notebook cells) and the open notebooks.
  const notebooks = new Notebooks({
    opened: (uri, cells) => {
      // A closed-file scan's push on the .ipynb itself would show beside the cells' findings.
      if (pushedClosed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      // A client that opened a cell as a text document too: that copy is not analysed on its own.
      for (const c of cells) if (documents.get(c)) validator.closed(c);
      validator.changed(uri);
    },
    changed: (uri) => validator.changed(uri),
    closed: (uri) => {
      validator.closed(uri);
      settings.forget(uri);
      // The same .ipynb still open as text is analysed as text again.
      if (documents.get(uri)) validator.changed(uri);
    },
  });
  const source = openDocuments(documents, notebooks);
  let f: ClientFeatures;
  let settings: SettingsStore;
  let indexClients: IndexClients;
  let validator: Validator;
  let workspace: WorkspaceState;
  let persistsAllowlist = false;
  /** Closed files that got pushed diagnostics from a workspace scan (cleared when opened in a pull client). */
  const pushedClosed = new Set<string>();
  const readInclude = includeReader();
  const readFile = (p: string): string | undefined => documents.get(pathToUri(p))?.getText() ?? readInclude(p);
  const openUris = (): string[] => source.all().map((d) => d.uri);
  // A notebook whose URI names no format (an untitled one) is still read as a notebook.
  const factsFor = (uri: string): WorkspaceFacts => (notebooks.has(uri) ? { ...workspace.factsFor(uri), kindHint: 'notebook' } : workspace.factsFor(uri));
  const factsSync = new FactsSync({
    connection,
    documents,
    log,
    workspace: () => workspace,
    watch: () => ({ dynamic: f.watchDynamic, relative: f.watchRelative }),
  });

  const settingsChanged = async (): Promise<void> => {
    const now = await Promise.all([undefined, ...openUris()].map((u) => settings.get(u)));
    indexClients.retain(now);
    validator.invalidateAll();
  };

  connection.onInitialize((params): InitializeResult => {
    f = features(params);
    const opts = initOptions(params.initializationOptions);
    persistsAllowlist = opts.persistsAllowlist === true;
    settings = new SettingsStore(connection, log, f.configuration, opts.settings, opts.workspaceTrusted === true);
    const cacheDir = typeof opts.cacheDir === 'string' && opts.cacheDir ? opts.cacheDir : defaultCacheDir();
    indexClients = new IndexClients(connection, log, cacheDir);
    workspace = new WorkspaceState(log, () => validator.invalidateAll(), {
      onIncludedFiles: (uris) => void connection.sendNotification(INCLUDED_FILES_NOTIFICATION, { uris } satisfies IncludedFilesParams).catch(() => undefined),
      onIncludeTargets: (paths) => factsSync.watchIncludeTargets(paths),
    });
    const folders = params.workspaceFolders?.map((w) => w.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    validator = new Validator({
      connection,
      documents: source,
      log,
      mode: f.pull ? 'pull' : 'push',
      refreshSupport: f.refresh,
      settings,
      workspaceFacts: factsFor,
      route: (uri, findings) => notebooks.route(uri, findings),
      workspaceReady: (uri) => workspace.ready(uri),
      readFile,
      indexClient: (s, ix) => indexClients.get(s, ix),
    });
    log.info(`pipwatch server: ${f.pull ? 'pull' : 'push'} diagnostics${f.pull && f.refresh ? ' with refresh' : ''}, ${folders.length} workspace folder(s)`);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        notebookDocumentSync: NOTEBOOK_SYNC,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [COMMANDS.addToAllowlist, COMMANDS.clearCache] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: f.workspaceFolders } },
      },
      serverInfo: { name: 'pipwatch', version: '0.1.0' },
    };
    // Only pull clients get a diagnostic provider: a push-only client would ignore it anyway.
    if (f.pull) result.capabilities.diagnosticProvider = { identifier: 'pipwatch', interFileDependencies: true, workspaceDiagnostics: false };
    return result;
  });

  connection.onInitialized(() => {
    if (f.configuration && f.configurationDynamic) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pipwatch' }).catch((e: unknown) => log.warn(`register didChangeConfiguration: ${errorText(e)}`));
    }
    if (f.watchDynamic) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: MANIFEST_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((e: unknown) => log.warn(`register file watchers: ${errorText(e)}`));
    }
    if (f.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((w) => w.uri));
        const uris = [...workspace.roots.map((r) => pathToUri(r)).filter((u) => !removed.has(u)), ...e.added.map((w) => w.uri)];
        workspace.setFolders(uris);
        void workspace.scanAll().catch((err: unknown) => log.warn(`workspace scan failed: ${errorText(err)}`));
      });
    }
    // Tell the editor at once when lookups are off, so its status item does not wait for a document.
    void settings.get().then((s) => indexClients.retain([s]), () => undefined);
    // Workspace facts in the background; open documents are validated again when they land.
    void workspace.scanAll().catch((e: unknown) => log.warn(`workspace scan failed: ${errorText(e)}`));
    // Build the lazily loaded tables (popularity, typo index, Python grammar) before the first
    // document needs them, so the first diagnostics do not pay for it.
    setTimeout(() => {
      const t0 = Date.now();
      for (const [name, text] of [['requirements.txt', 'requests\n'], ['warmup.py', 'import requests\n']]) {
        try {
          analyzeOffline({ uri: `file:///pipwatch-warmup/${name}`, text, settings: DEFAULT_SETTINGS, workspace: { declared: new Set(), firstParty: new Set() } });
        } catch (e) {
          log.warn(`warm-up failed: ${errorText(e)}`);
        }
      }
      log.debug(`warm-up ${Date.now() - t0} ms`);
    }, 0);
  });

  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    if (f.pull && pushedClosed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    factsSync.opened(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (!notebooks.cell(e.document.uri)) validator.changed(e.document.uri);
    factsSync.changed(e.document);
  });
  documents.onDidClose((e) => {
    // The .ipynb's text closing leaves its open notebook (same URI) alone.
    if (notebooks.has(e.document.uri)) return;
    validator.closed(e.document.uri);
    settings.forget(e.document.uri);
    factsSync.closed(e.document.uri);
  });
  documents.onDidSave((e) => factsSync.saved(e.document));

  connection.onDidChangeWatchedFiles((p) => guard(log, 'didChangeWatchedFiles', undefined, () => factsSync.watchedFilesChanged(p)));

  connection.onDidChangeConfiguration((p) =>
    guard(log, 'didChangeConfiguration', undefined, async () => {
      const uris = [undefined, ...openUris()];
      const before = JSON.stringify(await Promise.all(uris.map((u) => settings.get(u))));
      settings.configurationChanged(p.settings);
      const after = JSON.stringify(await Promise.all(uris.map((u) => settings.get(u))));
      // Rebuilt only when something really changed (vscode-eslint): no needless revalidation.
      if (after !== before) await settingsChanged();
    }),
  );

  connection.onNotification(TRUST_CHANGED_NOTIFICATION, (p: unknown) =>
    guard(log, 'workspaceTrustChanged', undefined, async () => {
      const trusted = typeof p === 'object' && p !== null && (p as { trusted?: unknown }).trusted === true;
      if (trusted === settings.workspaceTrusted) return;
      settings.setTrusted(trusted);
      log.info(`workspace trust: ${trusted ? 'trusted' : 'untrusted'}`);
      await settingsChanged();
    }),
  );

  connection.onExecuteCommand((p) =>
    guard(log, `command ${p.command}`, null, async () => {
      if (p.command === COMMANDS.addToAllowlist) {
        const name = p.arguments?.[0];
        if (typeof name !== 'string' || !name.trim()) return null;
        const n = normalizeName(name.trim());
        if (settings.addToAllowlist(n)) validator.invalidateAll();
        if (persistsAllowlist) await connection.sendNotification(ALLOWLIST_ADDED_NOTIFICATION, { name: n });
        log.info(`allowlist: added '${n}'`);
      } else if (p.command === COMMANDS.clearCache) {
        await indexClients.clearCache();
        log.info('index cache cleared');
        validator.invalidateAll();
      }
      return null;
    }),
  );

  // The manifest named by the fix (the facts snapshot its diagnostic was made from), so the edit
  // lands in the file the title names even if the facts changed since; a new requirements.txt
  // next to the document when the snapshot had no manifest.
  const manifestTarget = (uri: string, target: Fix['target']): ManifestTarget | undefined => {
    if (target) {
      if (documentKind(target.uri) !== target.kind) return undefined; // not a manifest (data from the client)
      const open = documents.get(target.uri);
      if (open) return { kind: target.kind, uri: target.uri, text: open.getText(), version: open.version };
      const file = uriToPath(target.uri);
      const r = file ? readTextFileSync(file) : undefined;
      return r?.ok ? { kind: target.kind, uri: target.uri, text: r.text, version: null } : undefined;
    }
    const file = uriToPath(uri);
    return file ? { kind: 'create', uri: pathToUri(path.join(path.dirname(file), 'requirements.txt')) } : undefined;
  };

  connection.onCodeAction((p: CodeActionParams) =>
    guard<CodeAction[]>(log, 'codeAction', [], () => {
      const cell = notebooks.cell(p.textDocument.uri);
      const doc = cell?.document ?? documents.get(p.textDocument.uri);
      if (!doc) return [];
      // A cell's new requirements.txt goes next to its notebook.
      const owner = cell?.notebook ?? doc.uri;
      return codeActionsFor(
        {
          uri: doc.uri,
          version: doc.version,
          documentChanges: f.documentChanges,
          createFiles: f.createFiles,
          manifest: (target) => manifestTarget(owner, target),
        },
        p.context.diagnostics,
      );
    }),
  );

  const locate = (uri: string): { uri: string; cell?: number } => {
    const cell = notebooks.cell(uri);
    return cell ? { uri: cell.notebook, cell: cell.index } : { uri };
  };
  connection.onHover((p, token) => provideHover({ validator, log, locate, indexClient: (s, ix) => indexClients.get(s, ix) }, p, token));

  connection.languages.diagnostics.on((p) =>
    guard<DocumentDiagnosticReport>(log, 'textDocument/diagnostic', { kind: 'full', items: [] }, async () => {
      // A cell is answered from its notebook's analysis: its own findings, its own version.
      const cell = notebooks.cell(p.textDocument.uri);
      const r = await validator.request(cell?.notebook ?? p.textDocument.uri);
      // The .ipynb's own text while it is open as a notebook too: the findings are on the cells.
      if (!r || (!cell && notebooks.has(p.textDocument.uri))) return { kind: 'full', items: [] };
      const resultId = cell ? `${r.resultId}.${cell.index}` : r.resultId;
      if (p.previousResultId === resultId) return { kind: 'unchanged', resultId };
      if (!cell) return { kind: 'full', resultId, items: toDiagnostics(r.findings, r.version) };
      return { kind: 'full', resultId, items: toDiagnostics(notebooks.findingsOf(r.findings, cell.index), cell.document.version) };
    }),
  );

  connection.onRequest(SCAN_WORKSPACE_REQUEST, (p: unknown, token) =>
    guard<ScanWorkspaceResult>(log, 'scanWorkspace', { files: 0, findings: 0, cancelled: false }, () => {
      const wd = typeof p === 'object' && p !== null ? (p as { workDoneToken?: string | number }).workDoneToken : undefined;
      const progress = wd !== undefined ? connection.window.attachWorkDoneProgress(wd) : undefined;
      return scanWorkspaceRequest(
        {
          connection,
          documents: source,
          log,
          roots: () => workspace.roots,
          settings: (u) => settings.get(u),
          workspaceFacts: factsFor,
          included: () => workspace.includedUris(),
          workspaceReady: (u) => workspace.ready(u),
          readFile,
          indexClient: (s, ix) => indexClients.get(s, ix),
          validator,
          pushed: (u) => void pushedClosed.add(u),
        },
        token,
        progress,
      );
    }),
  );

  // A terminal's install command (VS Code shell integration, client/src/terminal.ts): the names it
  // types and, once it ended, the ones its output says came in. Index URLs typed in it are only
  // reported; lookups use the settings' own indexes, like every other check.
  connection.onRequest(CHECK_COMMAND_REQUEST, (raw: unknown, token) =>
    guard<CheckCommandResult>(log, 'checkCommand', { install: false, packages: [], ignoredIndexes: [], mode: 'offline', notes: ['the check failed (see the log)'], details: '' }, async () => {
      const p = parseCheckCommandParams(raw);
      if (!p) return { install: false, packages: [], ignoredIndexes: [], mode: 'offline', notes: ['bad parameters'], details: '' };
      const s = await settings.get(p.cwd);
      if (!s.enable) return { install: false, packages: [], ignoredIndexes: [], mode: 'offline', notes: ['pipwatch.enable is off'], details: '' };
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      const r = await checkCommand(p, s, p.offline ? undefined : indexClients.get(s), ac.signal);
      if (r.install) r.details = redactText(commandDetails(p.command, r));
      return r;
    }),
  );

  connection.onShutdown(async () => {
    factsSync.dispose();
    validator?.dispose();
    workspace?.dispose();
    // Awaited: the index cache writes its entries before the process exits (warm next start).
    await indexClients?.dispose();
  });

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
}
