// The protocol between the Pipwatch server and the VS Code client: every custom notification and
// request, its parameter type, and a validator for the receiving side (any editor may send
// anything). Shared by both bundles; it imports nothing, so the client never pulls in server code.
// Everything here is optional for other editors: the server works with plain LSP alone.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

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

/**
 * Settings a workspace could use to silence findings about its own dependencies or to send its
 * names to a server it controls (issue 8 §11). In an untrusted workspace their workspace and
 * folder values are ignored: VS Code does it through package.json
 * `capabilities.untrustedWorkspaces.restrictedConfigurations` (kept equal to this list by a test),
 * and the server does it again for any client that says which values are workspace-scoped.
 */
export const TRUST_RESTRICTED_SETTINGS = [
  'enable',
  'allowlist',
  'rules',
  'offline',
  'index.url',
  'index.extraUrls',
  'index.privatePackages',
  'index.osvUrl',
  'index.osvEnabled',
  'index.youngDays',
  'releaseAge.cooldownDays',
] as const;

/**
 * Field of the settings object in which a client names the restricted settings whose effective
 * value comes from the workspace (VS Code: `inspect()` found a workspace or folder value), with the
 * user's own value when there is one: `{"offline": {"userValue": false}, "rules": {}}`. A client
 * that sends no such field (Neovim's `settings = {...}`, Helix's config) sends the user's own
 * configuration: nothing in it is workspace-scoped, so nothing is dropped.
 */
export const WORKSPACE_SCOPED_FIELD = 'workspaceScoped';

/** Server -> client notification: index lookup status changed, and findings per document. */
export const STATUS_NOTIFICATION = 'pipwatch/status';
export interface StatusParams {
  index: { state: 'ok' | 'degraded' | 'offline' | 'disabled'; message?: string };
}
const INDEX_STATES = new Set(['ok', 'degraded', 'offline', 'disabled']);
export function parseStatusParams(p: unknown): StatusParams | undefined {
  if (!isObject(p) || !isObject(p.index) || typeof p.index.state !== 'string' || !INDEX_STATES.has(p.index.state)) return undefined;
  const state = p.index.state as StatusParams['index']['state'];
  return { index: typeof p.index.message === 'string' ? { state, message: p.index.message } : { state } };
}

/** Server -> client: a name was added to the allowlist through a code action; persist it. */
export const ALLOWLIST_ADDED_NOTIFICATION = 'pipwatch/allowlistAdded';
export interface AllowlistAddedParams {
  name: string;
}
export function parseAllowlistAddedParams(p: unknown): AllowlistAddedParams | undefined {
  return isObject(p) && typeof p.name === 'string' && p.name.length > 0 ? { name: p.name } : undefined;
}

/**
 * Server -> client: the files analysed as pip requirements only because another requirements file
 * includes them (`-r deps/prod.txt`), the full list each time. VS Code sends only documents its
 * selector matches, so the client gives these the `pip-requirements` language (then they match).
 */
export const INCLUDED_FILES_NOTIFICATION = 'pipwatch/includedFiles';
export interface IncludedFilesParams {
  uris: string[];
}
export function parseIncludedFilesParams(p: unknown): IncludedFilesParams | undefined {
  if (!isObject(p) || !Array.isArray(p.uris)) return undefined;
  return { uris: p.uris.filter((u): u is string => typeof u === 'string' && u.length > 0) };
}

/** Client -> server: workspace trust changed (VS Code `onDidGrantWorkspaceTrust`). */
export const TRUST_CHANGED_NOTIFICATION = 'pipwatch/workspaceTrustChanged';
export interface TrustChangedParams {
  trusted: boolean;
}
/** Anything but `{trusted: true}` means untrusted (the safe reading). */
export function parseTrustChangedParams(p: unknown): TrustChangedParams {
  return { trusted: isObject(p) && p.trusted === true };
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
