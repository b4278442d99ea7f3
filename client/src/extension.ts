// The VS Code client: starts the bundled language server, passes settings and trust, shows
// status and logs. All analysis lives in the server (house style item 4, after ruff-vscode).
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ALLOWLIST_ADDED_NOTIFICATION,
  INCLUDED_FILES_NOTIFICATION,
  STATUS_NOTIFICATION,
  TRUST_CHANGED_NOTIFICATION,
  parseAllowlistAddedParams,
  parseStatusParams,
  type InitializationOptions,
  type TrustChangedParams,
} from '../../shared/protocol';
import { registerCommands } from './commands';
import { IncludedFiles } from './included';
import { SECTION, currentSettings, persistAllowlistName } from './settings';
import { StatusBar, documentSelector } from './status';
import { TerminalWatch, type TerminalWarning } from './terminal';

let client: LanguageClient | undefined;

/** The API the extension returns from activate(); the e2e suite uses it to wait for readiness. */
export interface PipwatchApi {
  ready(): Promise<void>;
  /** The terminal warnings shown so far, newest last (the e2e suite asserts them, not the UI). */
  terminalWarnings(): TerminalWarning[];
  /** Does what a terminal warning's button does. */
  terminalAction(index: number, action: 'Details' | 'Uninstall'): Promise<boolean>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PipwatchApi> {
  // A LogOutputChannel has levels and is never revealed on its own (house style item 11).
  const log = vscode.window.createOutputChannel('Pipwatch', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(log, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    // Sends workspace/didChangeConfiguration on every pipwatch.* change; the server then pulls
    // the new values, so settings apply without a restart.
    synchronize: { configurationSection: SECTION },
    initializationOptions: (): InitializationOptions => ({
      settings: currentSettings(),
      cacheDir: context.globalStorageUri.fsPath,
      workspaceTrusted: vscode.workspace.isTrusted,
      persistsAllowlist: true,
    }),
    middleware: {
      workspace: {
        // The library answers workspace/configuration with plain values; add which restricted
        // values are workspace-scoped, so an untrusted workspace cannot set them (issue 8 §11).
        configuration: async (params, token, next) => {
          const res = await next(params, token);
          if (!Array.isArray(res)) return res;
          return res.map((r: unknown, i) => {
            const item = params.items[i];
            if (item?.section !== SECTION || typeof r !== 'object' || r === null) return r;
            return currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : null);
          });
        },
      },
    },
    outputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };

  // Id 'pipwatch' makes the library honour `pipwatch.trace.server`.
  const created = new LanguageClient('pipwatch', 'Pipwatch', serverOptions, clientOptions);
  client = created;
  // Notification handlers registered before start() survive restarts.
  created.onNotification(STATUS_NOTIFICATION, (raw: unknown) => {
    const p = parseStatusParams(raw);
    if (p) status.setIndexStatus(p.index);
  });
  const included = new IncludedFiles(log);
  context.subscriptions.push(included);
  created.onNotification(INCLUDED_FILES_NOTIFICATION, (raw: unknown) => included.update(raw));
  created.onNotification(ALLOWLIST_ADDED_NOTIFICATION, (raw: unknown) => {
    const p = parseAllowlistAddedParams(raw);
    if (p) void persistAllowlistName(p.name, log);
  });

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (created.isRunning()) {
        void created.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true } satisfies TrustChangedParams);
      }
    }),
    ...registerCommands({
      client: () => client,
      log,
      restart: async () => {
        log.info('restarting the language server');
        try {
          await created.restart();
        } catch (err) {
          log.error(`restart failed: ${String(err)}`);
          void vscode.window.showErrorMessage(`Pipwatch: server restart failed: ${String(err)}`);
        }
      },
    }),
  );

  // Install commands typed in the integrated terminal (VS Code 1.93+; nothing on older hosts).
  const terminal = new TerminalWatch({ client: () => client, log });
  context.subscriptions.push(terminal);

  const started = created.start().catch((err: unknown) => {
    log.error(`language server failed to start: ${String(err)}`);
    throw err;
  });
  // Activation must not fail because the server failed: the log and the status tell the user.
  void started.catch(() => undefined);
  return {
    ready: () => started,
    terminalWarnings: () => terminal.warnings(),
    terminalAction: (i, action) => terminal.act(i, action),
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
