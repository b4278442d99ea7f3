// Settings as the client hands them to the server, and persistence of allowlist additions.
// The server validates everything (normalizeSettings); the client only copies VS Code's values.
import * as vscode from 'vscode';
import { normalizeName } from '../../shared/pep503';
import { TRUST_RESTRICTED_SETTINGS, WORKSPACE_SCOPED_FIELD } from '../../shared/protocol';

export const SECTION = 'pipwatch';

/**
 * The `pipwatch.*` configuration as a plain nested object ({enable, allowlist, index: {url, …}}).
 * A WorkspaceConfiguration carries methods (get/has/inspect/update); a JSON round trip keeps only data.
 */
export function currentSettings(scope?: vscode.ConfigurationScope | null): unknown {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  const plain = JSON.parse(JSON.stringify(cfg)) as Record<string, unknown>;
  return { ...plain, [WORKSPACE_SCOPED_FIELD]: workspaceScoped(cfg) };
}

/**
 * Which trust-restricted settings get their value from the workspace or folder, with the user's
 * own value: the server drops those values while the workspace is untrusted (issue 8 §11), even
 * where VS Code's restrictedConfigurations does not apply (an older host, a settings sync race).
 */
export function workspaceScoped(cfg: vscode.WorkspaceConfiguration): Record<string, { userValue?: unknown }> {
  const out: Record<string, { userValue?: unknown }> = {};
  for (const key of TRUST_RESTRICTED_SETTINGS) {
    const i = cfg.inspect(key);
    if (!i) continue;
    const fromWorkspace = i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined
      || i.workspaceLanguageValue !== undefined || i.workspaceFolderLanguageValue !== undefined;
    if (fromWorkspace) out[key] = i.globalValue !== undefined ? { userValue: i.globalValue } : {};
  }
  return out;
}

/**
 * Appends a name to `pipwatch.allowlist`. Workspace settings when a folder is open and trusted, so
 * the choice travels with the project; user settings otherwise (an untrusted workspace's allowlist
 * is ignored). Duplicates are not added twice.
 */
export async function persistAllowlistName(name: string, log: vscode.LogOutputChannel): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0 && vscode.workspace.isTrusted;
  const target = hasFolder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = cfg.inspect<string[]>('allowlist');
  const existing = (hasFolder ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  // PEP 503: `Foo_Bar` and `foo-bar` are the same project, so neither is added twice.
  if (existing.some((n) => normalizeName(n) === normalizeName(name))) {
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
