// The four palette commands. Each is a thin call into the server or the client; none analyses.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, SCAN_WORKSPACE_REQUEST, type ScanWorkspaceResult } from '../../shared/protocol';

export interface CommandHost {
  /** The running client, or undefined while it is (re)starting. */
  client(): LanguageClient | undefined;
  restart(): Promise<void>;
  log: vscode.LogOutputChannel;
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pipwatch.scanWorkspace', () => scanWorkspace(host)),
    vscode.commands.registerCommand('pipwatch.showOutput', () => host.log.show(true)),
    vscode.commands.registerCommand('pipwatch.clearCache', () => clearCache(host)),
    vscode.commands.registerCommand('pipwatch.restartServer', () => host.restart()),
  ];
}

function running(host: CommandHost): LanguageClient | undefined {
  const c = host.client();
  if (!c || !c.isRunning()) {
    void vscode.window.showWarningMessage('Pipwatch: the language server is not running (see Pipwatch: Show Output).');
    return undefined;
  }
  return c;
}

async function scanWorkspace(host: CommandHost): Promise<ScanWorkspaceResult | undefined> {
  const c = running(host);
  if (!c) return undefined;
  try {
    // The token reaches the server as $/cancelRequest, so Cancel stops the scan there too.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Pipwatch: scanning workspace', cancellable: true },
      (_progress, token) => c.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, {}, token),
    );
    const what = `${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}`;
    host.log.info(`scan workspace: ${what}${result.cancelled ? ' (cancelled)' : ''}`);
    void vscode.window.showInformationMessage(
      result.cancelled ? `Pipwatch: scan cancelled — ${what} so far.` : `Pipwatch: ${what}.`,
    );
    return result;
  } catch (err) {
    // A cancelled request rejects; that is the user's choice, not an error to shout about.
    host.log.warn(`scan workspace ended: ${String(err)}`);
    return undefined;
  }
}

/** Resolves to true when the server cleared its cache (the result is for scripts and tests). */
async function clearCache(host: CommandHost): Promise<boolean> {
  const c = running(host);
  if (!c) return false;
  try {
    await c.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.clearCache, arguments: [] });
    host.log.info('index cache cleared');
    void vscode.window.showInformationMessage('Pipwatch: index cache cleared.');
    return true;
  } catch (err) {
    host.log.error(`clear cache failed: ${String(err)}`);
    void vscode.window.showErrorMessage(`Pipwatch: could not clear the cache: ${String(err)}`);
    return false;
  }
}
