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

/**
 * Client -> server request: check an install command run in a terminal (VS Code shell
 * integration), and, once it ends, the names its output says it installed (issue 9 §4). The
 * server runs the same engine as `pipwatch mcp`'s check_packages, with the settings of `cwd`'s
 * scope; index URLs typed in the command are reported, never used.
 */
export const CHECK_COMMAND_REQUEST = 'pipwatch/checkCommand';
/** Output past this is cut to its tail by both sides: installers say what they installed last. */
export const MAX_COMMAND_OUTPUT_CHARS = 1_000_000;
export interface CheckCommandParams {
  /** The command line as the shell ran it. */
  command: string;
  /** What it printed (escapes allowed), at most MAX_COMMAND_OUTPUT_CHARS: its tail. */
  output?: string;
  /** The terminal's working directory as a URI: whose settings apply. */
  cwd?: string;
  /** Offline rules only, for a warning at once while the index is asked in a second request. */
  offline?: boolean;
}
export function parseCheckCommandParams(p: unknown): CheckCommandParams | undefined {
  if (!isObject(p) || typeof p.command !== 'string') return undefined;
  const out: CheckCommandParams = { command: p.command };
  if (typeof p.output === 'string') out.output = p.output.length > MAX_COMMAND_OUTPUT_CHARS ? p.output.slice(p.output.length - MAX_COMMAND_OUTPUT_CHARS) : p.output;
  if (typeof p.cwd === 'string' && p.cwd.length > 0) out.cwd = p.cwd;
  if (p.offline === true) out.offline = true;
  return out;
}

export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';
export interface CommandFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  /** The canonical name to install instead, when there is one. */
  fix?: string;
}
export interface CommandPackage {
  /** The requirement as typed, or `name==version` as the output reported it. */
  input: string;
  /** PEP 503 normalised name; absent when the entry is not a registry name. */
  name?: string;
  /** Typed in the command, or only read from its output (pulled in as a dependency). */
  source: 'command' | 'output';
  verdict: FindingSeverity | 'ok' | 'not-checked';
  findings: CommandFinding[];
  /** `complete`, `offline` (index not asked), `not looked up`, or `incomplete: reason`. */
  lookup: string;
  /** The command that removes it again with the tool that installed it, without the name: `pip uninstall -y`. */
  uninstall?: string;
}
export interface CheckCommandResult {
  /** The command runs an installer Pipwatch reads; false: nothing was checked. */
  install: boolean;
  packages: CommandPackage[];
  /** Index URLs named in the command: reported, not used for the check. */
  ignoredIndexes: string[];
  mode: 'offline' | 'online';
  /** Lookups that did not complete, refused input, names past the cap. */
  notes: string[];
  /** The findings explained, as Markdown (the "Details" view). */
  details: string;
}
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const VERDICTS = new Set([...SEVERITIES, 'ok', 'not-checked']);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
function parseCommandPackage(p: unknown): CommandPackage | undefined {
  if (!isObject(p) || typeof p.input !== 'string' || typeof p.verdict !== 'string' || !VERDICTS.has(p.verdict) || typeof p.lookup !== 'string') return undefined;
  if (p.source !== 'command' && p.source !== 'output') return undefined;
  const findings: CommandFinding[] = [];
  for (const f of Array.isArray(p.findings) ? p.findings : []) {
    if (!isObject(f) || typeof f.code !== 'string' || typeof f.message !== 'string' || typeof f.severity !== 'string' || !SEVERITIES.has(f.severity)) continue;
    const cf: CommandFinding = { code: f.code, severity: f.severity as FindingSeverity, message: f.message };
    if (typeof f.fix === 'string') cf.fix = f.fix;
    findings.push(cf);
  }
  const out: CommandPackage = { input: p.input, source: p.source, verdict: p.verdict as CommandPackage['verdict'], findings, lookup: p.lookup };
  if (typeof p.name === 'string') out.name = p.name;
  if (typeof p.uninstall === 'string' && p.uninstall.length > 0) out.uninstall = p.uninstall;
  return out;
}
export function parseCheckCommandResult(p: unknown): CheckCommandResult | undefined {
  if (!isObject(p) || typeof p.install !== 'boolean' || !Array.isArray(p.packages) || (p.mode !== 'offline' && p.mode !== 'online')) return undefined;
  const packages = p.packages.map(parseCommandPackage).filter((x): x is CommandPackage => x !== undefined);
  return { install: p.install, packages, ignoredIndexes: strings(p.ignoredIndexes), mode: p.mode, notes: strings(p.notes), details: typeof p.details === 'string' ? p.details : '' };
}

/**
 * One command line that uninstalls `packages` (those with an `uninstall` and a name), grouped by
 * tool in order: `pip uninstall -y a b`. Names are PEP 503 normalised, so they need no quoting.
 */
export function uninstallCommand(packages: readonly CommandPackage[]): string | undefined {
  const groups = new Map<string, string[]>();
  for (const p of packages) {
    if (!p.uninstall || !p.name || !/^[a-z0-9][a-z0-9.-]*$/.test(p.name)) continue;
    const names = groups.get(p.uninstall) ?? [];
    if (!names.includes(p.name)) names.push(p.name);
    groups.set(p.uninstall, names);
  }
  const parts = [...groups].map(([cmd, names]) => `${cmd} ${names.join(' ')}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** workspace/executeCommand commands the server implements. */
export const COMMANDS = {
  addToAllowlist: 'pipwatch.server.addToAllowlist', // args: [name: string]
  clearCache: 'pipwatch.server.clearCache', // args: []
} as const;
