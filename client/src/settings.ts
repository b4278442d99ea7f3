// Settings as the client hands them to the server, and persistence of allowlist additions.
// The server validates everything (normalizeSettings); the client only copies VS Code's values.
import * as vscode from 'vscode';

export const SECTION = 'pipwatch';

/**
 * The `pipwatch.*` configuration as a plain nested object ({enable, allowlist, index: {url, …}}).
 * A WorkspaceConfiguration carries methods (get/has/inspect/update); a JSON round trip keeps only data.
 */
export function currentSettings(scope?: vscode.ConfigurationScope): unknown {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return JSON.parse(JSON.stringify(cfg)) as unknown;
}

/**
 * Appends a name to `pipwatch.allowlist`. Workspace settings when a folder is open, so the choice
 * travels with the project; user settings otherwise. Duplicates are not added twice.
 */
export async function persistAllowlistName(name: string, log: vscode.LogOutputChannel): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const target = hasFolder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = cfg.inspect<string[]>('allowlist');
  const existing = (hasFolder ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  // PEP 503: `Foo_Bar` and `foo-bar` are the same project, so neither is added twice.
  const pep503 = (n: string): string => n.toLowerCase().replace(/[-_.]+/g, '-');
  if (existing.some((n) => pep503(n) === pep503(name))) {
    log.info(`allowlist already holds '${name}'`);
    return;
  }
  try {
    await cfg.update('allowlist', [...existing, name], target);
    log.info(`added '${name}' to pipwatch.allowlist (${hasFolder ? 'workspace' : 'user'} settings)`);
  } catch (err) {
    log.error(`could not add '${name}' to pipwatch.allowlist: ${String(err)}`);
    void vscode.window.showErrorMessage(`Pipwatch: could not add '${name}' to the allowlist: ${String(err)}`);
  }
}
