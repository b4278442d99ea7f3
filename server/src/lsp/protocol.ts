// Names shared by the server and the VS Code client for Pipwatch's few protocol extensions.
// Everything here is optional for other editors: the server works with plain LSP alone.

/** Passed by the client in `initializationOptions`. All fields optional. */
export interface InitializationOptions {
  /** Settings in the `pipwatch.*` shape (nested: {enable, allowlist, rules, offline, index: {...}}). */
  settings?: unknown;
  /** Where the on-disk index cache lives (VS Code: the extension's globalStorageUri). */
  cacheDir?: string;
  /** VS Code's workspace trust; other editors: absent = untrusted for workspace-file index URLs. */
  workspaceTrusted?: boolean;
  /** The client handles `pipwatch/allowlistAdded` by persisting the name to its settings. */
  persistsAllowlist?: boolean;
}

/** Server -> client notification: index lookup status changed, and findings per document. */
export const STATUS_NOTIFICATION = 'pipwatch/status';
export interface StatusParams {
  index: { state: 'ok' | 'degraded' | 'offline' | 'disabled'; message?: string };
}

/** Server -> client: a name was added to the allowlist through a code action; persist it. */
export const ALLOWLIST_ADDED_NOTIFICATION = 'pipwatch/allowlistAdded';
export interface AllowlistAddedParams {
  name: string;
}

/** Client -> server: workspace trust changed (VS Code `onDidGrantWorkspaceTrust`). */
export const TRUST_CHANGED_NOTIFICATION = 'pipwatch/workspaceTrustChanged';
export interface TrustChangedParams {
  trusted: boolean;
}

/** Client -> server request: scan every manifest and Python file of the workspace (with work-done progress). */
export const SCAN_WORKSPACE_REQUEST = 'pipwatch/scanWorkspace';
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  cancelled: boolean;
}

/** workspace/executeCommand commands the server implements. */
export const COMMANDS = {
  addToAllowlist: 'pipwatch.server.addToAllowlist', // args: [name: string]
  clearCache: 'pipwatch.server.clearCache', // args: []
} as const;
