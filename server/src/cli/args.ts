// Command-line parsing for `pipwatch`. Hand-written (no dependency) and strict: an unknown flag,
// a missing value or a bad value is a usage error (exit 2) with one clear line on stderr, so a typo
// in a CI script fails loudly instead of silently checking less.
import type { Severity } from '../core/types';

export type FailOn = Exclude<Severity, 'hint'> | 'never';

export interface CheckOptions {
  offline: boolean;
  format: 'text' | 'json';
  failOn: FailOn;
  indexUrl?: string;
  extraIndexUrls: string[];
  /** Globs of private names: never sent to public PyPI or OSV (pipwatch.index.privatePackages). */
  privatePackages: string[];
  osvUrl?: string;
  noOsv: boolean;
  cacheDir?: string;
  /** Release-age cooldown in days (PW212) when the project sets none; undefined = the default. */
  cooldownDays?: number;
  trustWorkspaceIndexes: boolean;
  /** Exit 0/1 from the findings alone even when index lookups did not complete (no exit 3). */
  allowIncomplete: boolean;
  /** The name `-` (stdin) is checked under: decides its kind and its project root. */
  stdinFilename?: string;
  paths: string[];
}

export type ParsedArgs =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'check'; options: CheckOptions }
  | { command: 'mcp'; options: CheckOptions }
  | { command: 'error'; message: string };

export const USAGE = `Usage: pipwatch check [options] <files or folders...>
       pipwatch mcp [--online] [index options]

Checks Python dependencies (requirements files and every file their -r/-c lines include,
pyproject.toml, uv/poetry/pdm/pylock lockfiles, PEP 723 script blocks and imports in .py files)
for typosquats, import names used as requirements, undeclared imports and,
unless --offline, names missing from the index, quarantined, archived, yanked, unattested and
known-malicious or vulnerable releases. Folders are searched recursively (virtual environments,
.git, node_modules, build output and caches are skipped). "-" reads one file from standard input.
A file given by name whose name says nothing else is checked as a requirements file when it
ends in .txt or .in, or when a requirements file of its project includes it.

Workspace facts (what is declared, which modules are the project's own) come from the project
root of each path: the nearest folder at or above it holding pyproject.toml, setup.cfg, setup.py,
Pipfile, uv.lock, poetry.lock, pdm.lock, .git or .hg, else the path's own folder. The same files
give the same result however they are named, and folders above the project never count.

Options:
  --offline                  offline rules only: no index or OSV request is made
  --format text|json         output format (default: text)
  --fail-on LEVEL            exit 1 when a finding at or above LEVEL exists:
                             error, warning, information or never (default: warning)
  --index-url URL            primary index, PEP 503 Simple API (default: the index pip / uv are
                             configured with, else https://pypi.org/simple/)
  --extra-index-url URL      extra index, like pip's option (repeatable; added to pip's / uv's)
  --private-packages GLOB    names of your own packages ('acme-*'; repeatable): never sent to
                             public PyPI or OSV, looked up on your private indexes only
  --osv-url URL              OSV API base URL (default: https://api.osv.dev)
  --no-osv                   do not query OSV for malicious and vulnerable releases
  --cache-dir DIR            index cache directory (default: the platform cache directory)
  --cooldown-days N          a pinned or locked release younger than N days is a warning (PW212)
                             unless the project sets its own cooldown (default: 3; 0 = off)
  --allow-incomplete         do not exit 3 when index lookups could not complete (the stderr
                             lines and PW002 hints still say which packages were not checked)
  --trust-workspace          honour what the checked files and their projects configure: index
                             URLs (-i/--extra-index-url, pyproject.toml [tool.uv] and Poetry
                             sources, a project uv.toml) and cooldown exemptions or looser
                             cooldowns (uv exclude-newer(-package), Poetry min-release-age-exclude);
                             off by default, because a cloned repository could otherwise send every
                             dependency name to a server it controls, answer that its own packages
                             are safe, or exempt its own fresh release from PW212 (each value left
                             out is named on stderr: "index … named in pyproject.toml … ignored")
  --trust-workspace-indexes  the former name of --trust-workspace (same meaning)
  --stdin-filename NAME      the file name "-" is checked as (decides its kind and project
                             root, relative to the current folder; default: requirements.txt)
  -h, --help                 show this help
  -V, --version              show the version

pipwatch mcp runs a Model Context Protocol server on stdio for coding agents, with one tool,
check_packages ({"packages": [...]} or {"command": "pip install ..."}). It is offline unless
--online is given; the index options above apply to it as to check.

Output: one finding a line, "path:line:col: severity code message"; a summary goes to stderr,
with one line per index source and cause of lookups that could not complete (HTTP 401/403,
invalid or oversized answer, refused redirect, unreachable host). --format json prints an array
of findings; a dependency whose lookup did not complete is a PW002 entry (evidence.failures).
What is found but not read is said: a file over 5 MB or unreadable is a PW001 finding, an
include that cannot be read says why, unreadable folders and dangling links get a stderr line,
and the summary counts them ("2 not checked").
Exit status (the first that applies):
  2  usage error
  4  internal error (a bug: one line on stderr; PIPWATCH_DEBUG=1 adds the stack)
  1  a finding at or above --fail-on exists
  3  online checks were asked for and some could not complete (not with --allow-incomplete
     or --offline)
  0  otherwise
`;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'never'];
const VALUE_FLAGS = new Set(['--format', '--fail-on', '--index-url', '--extra-index-url', '--private-packages', '--osv-url', '--cache-dir', '--cooldown-days', '--stdin-filename']);
const BOOL_FLAGS = new Set(['--offline', '--online', '--no-osv', '--trust-workspace', '--trust-workspace-indexes', '--allow-incomplete']);

function checkUrl(flag: string, v: string): string | undefined {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : `${flag}: not an http(s) URL: ${v}`;
  } catch {
    return `${flag}: not a URL: ${v}`;
  }
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command (try: pipwatch check .)' };
  const [cmd, ...rest] = argv;
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') return { command: 'help' };
  if (cmd === '-V' || cmd === '--version') return { command: 'version' };
  if (cmd !== 'check' && cmd !== 'mcp') return { command: 'error', message: `unknown command '${cmd}' (the commands are 'check' and 'mcp')` };
  const mcp = cmd === 'mcp';

  // `pipwatch mcp` is offline unless --online: an agent's names leave the machine only when asked.
  const o: CheckOptions = { offline: mcp, format: 'text', failOn: 'warning', extraIndexUrls: [], privatePackages: [], noOsv: false, trustWorkspaceIndexes: false, allowIncomplete: false, paths: [] };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      o.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { command: 'help' };
    if (arg === '-V' || arg === '--version') return { command: 'version' };
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOL_FLAGS.has(flag)) {
      if (eq > 0) return { command: 'error', message: `${flag} takes no value` };
      if (flag === '--online' && !mcp) return { command: 'error', message: '--online is for pipwatch mcp (pipwatch check is online unless --offline)' };
      if (flag === '--offline') o.offline = true;
      else if (flag === '--online') o.offline = false;
      else if (flag === '--no-osv') o.noOsv = true;
      else if (flag === '--allow-incomplete') o.allowIncomplete = true;
      else o.trustWorkspaceIndexes = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return { command: 'error', message: `unknown option '${flag}'` };
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) return { command: 'error', message: `${flag} needs a value` };
      i++;
    }
    if (value === '') return { command: 'error', message: `${flag} needs a value` };
    switch (flag) {
      case '--format':
        if (value !== 'text' && value !== 'json') return { command: 'error', message: `--format must be text or json, not '${value}'` };
        o.format = value;
        break;
      case '--fail-on':
        if (!FAIL_ON.includes(value as FailOn)) return { command: 'error', message: `--fail-on must be one of ${FAIL_ON.join(', ')}, not '${value}'` };
        o.failOn = value as FailOn;
        break;
      case '--index-url':
      case '--extra-index-url':
      case '--osv-url': {
        const bad = checkUrl(flag, value);
        if (bad) return { command: 'error', message: bad };
        if (flag === '--index-url') o.indexUrl = value;
        else if (flag === '--osv-url') o.osvUrl = value;
        else o.extraIndexUrls.push(value);
        break;
      }
      case '--private-packages':
        // A glob over PEP 503 names (`*`, `?`), as in pipwatch.index.privatePackages.
        if (!/^[A-Za-z0-9*?._-]+$/.test(value)) return { command: 'error', message: `--private-packages takes a name glob such as 'acme-*', not '${value}'` };
        o.privatePackages.push(value);
        break;
      case '--cooldown-days': {
        const n = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) || !(n >= 0 && n <= 365)) return { command: 'error', message: `--cooldown-days must be a number of days from 0 to 365, not '${value}'` };
        o.cooldownDays = n;
        break;
      }
      case '--stdin-filename':
        o.stdinFilename = value;
        break;
      default:
        o.cacheDir = value;
    }
  }
  if (mcp) {
    if (o.paths.length > 0) return { command: 'error', message: `pipwatch mcp takes no files (got '${o.paths[0]}')` };
    return { command: 'mcp', options: o };
  }
  if (o.paths.length === 0) return { command: 'error', message: 'no files or folders to check (try: pipwatch check .)' };
  const dashes = o.paths.filter((p) => p === '-').length;
  if (dashes > 1) return { command: 'error', message: "'-' (standard input) may be given once" };
  if (o.stdinFilename !== undefined && dashes === 0) return { command: 'error', message: "--stdin-filename needs '-' among the paths" };
  return { command: 'check', options: o };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** True when a finding of `severity` makes the run fail under `--fail-on`. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] >= RANK[failOn];
}
