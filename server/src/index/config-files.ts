// Which indexes pip and uv would ask on this machine, read from the user's own environment and
// user/global configuration files (trusted: they are the user's, not the workspace's). Pure: the
// file system, environment, platform and home are injected, so every location is testable.
//
// pip (https://pip.pypa.io/en/stable/topics/configuration/, pip's configuration.py):
// - files, loaded in this order, each overriding the keys of the previous ones:
//   global  Unix: `<each XDG_CONFIG_DIRS entry, default /etc/xdg>/pip/pip.conf`, then `/etc/pip.conf`;
//           macOS: `/Library/Application Support/pip/pip.conf`; Windows: `C:\ProgramData\pip\pip.ini`
//   user    legacy `~/.pip/pip.conf` (Windows `%HOME%\pip\pip.ini`), then
//           Unix `$XDG_CONFIG_HOME/pip/pip.conf` (default `~/.config/pip/pip.conf`);
//           macOS `~/Library/Application Support/pip/pip.conf` if that directory exists, else the
//           XDG path; Windows `%APPDATA%\pip\pip.ini`. Skipped when PIP_CONFIG_FILE names an
//           existing file (`should_load_user_config`).
//   site    `$VIRTUAL_ENV/pip.conf` (`pip.ini` on Windows)
//   PIP_CONFIG_FILE, last; `os.devnull` (`/dev/null`, Windows `nul`) loads no file at all.
// - keys are merged across files first; then `[install]` overrides `[global]`, and PIP_* env
//   variables override both. Key names are case-insensitive, `_` = `-`, a leading `--` is dropped.
// - `index-url` replaces the default index; `extra-index-url` is whitespace-separated (one a line).
//
// uv (https://docs.astral.sh/uv/concepts/configuration-files/, .../concepts/indexes/):
// - UV_NO_CONFIG: no file; UV_CONFIG_FILE: that file instead of any discovered one. Otherwise the
//   user file (`$XDG_CONFIG_HOME/uv/uv.toml`, default `~/.config/uv/uv.toml`; Windows
//   `%APPDATA%\uv\uv.toml`) and the first system file found (`<XDG_CONFIG_DIRS, default
//   /etc/xdg>/uv/uv.toml`, then `/etc/uv/uv.toml`; Windows `%SYSTEMDRIVE%\ProgramData\uv\uv.toml`).
//   Arrays concatenate (user entries first); scalars: user wins.
// - indexes, highest priority first: UV_INDEX (space-separated, `name=url` allowed), the file's
//   `[[index]]` entries (not `explicit = true` ones: those serve only pinned sources), legacy
//   `extra-index-url` / UV_EXTRA_INDEX_URL; the default index is the last: UV_DEFAULT_INDEX,
//   else UV_INDEX_URL (deprecated), else an `[[index]]` with `default = true`, else `index-url`,
//   else PyPI. `[pip]` `index-url` / `extra-index-url` (for `uv pip`) count as well.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';

export interface ConfigFs {
  /** File text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  isDir(path: string): boolean;
}

export interface DiscoveryInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  fs: ConfigFs;
}

/** An index URL (may carry userinfo: credentials are derived from it, it is shown redacted). */
export interface FoundIndex {
  url: string;
  /** Where it came from, for the log: `PIP_INDEX_URL`, `/home/u/.config/pip/pip.conf [global] index-url`. */
  source: string;
  /** uv index name (for UV_INDEX_<NAME>_USERNAME / _PASSWORD). */
  name?: string;
}

export interface ToolIndexes {
  /** The index that replaces the default one (pip `index-url`, uv default index); undefined = PyPI. */
  primary?: FoundIndex;
  extras: FoundIndex[];
  /** Config files that were read (existing ones only). */
  files: string[];
}

export interface DiscoveredIndexes {
  primary?: FoundIndex;
  extras: FoundIndex[];
  files: string[];
}

const joinPath = (platform: NodeJS.Platform, ...parts: string[]): string => (platform === 'win32' ? path.win32 : path.posix).join(...parts);

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v.trim() : undefined;
}

/** The pip config files in load order (later override earlier), or [] when disabled. */
export function pipConfigFiles(input: DiscoveryInput): string[] {
  const { env, platform, home, fs } = input;
  const j = (...p: string[]) => joinPath(platform, ...p);
  const explicit = env.PIP_CONFIG_FILE;
  const devnull = platform === 'win32' ? 'nul' : '/dev/null';
  if (explicit !== undefined && explicit.toLowerCase() === devnull) return [];
  const files: string[] = [];
  if (platform === 'win32') {
    files.push(j(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'pip', 'pip.ini'));
  } else if (platform === 'darwin') {
    files.push('/Library/Application Support/pip/pip.conf');
  } else {
    const xdg = nonEmpty(env.XDG_CONFIG_DIRS) ?? '/etc/xdg';
    for (const d of xdg.split(':').filter(Boolean)) files.push(j(d, 'pip', 'pip.conf'));
    files.push('/etc/pip.conf');
  }
  if (!(explicit && fs.readFile(explicit) !== undefined)) {
    if (platform === 'win32') {
      files.push(j(env.HOME || home, 'pip', 'pip.ini'));
      files.push(j(env.APPDATA || j(home, 'AppData', 'Roaming'), 'pip', 'pip.ini'));
    } else {
      files.push(j(home, '.pip', 'pip.conf'));
      const xdgHome = j(nonEmpty(env.XDG_CONFIG_HOME) ?? j(home, '.config'), 'pip', 'pip.conf');
      const mac = j(home, 'Library', 'Application Support', 'pip');
      files.push(platform === 'darwin' && fs.isDir(mac) ? j(mac, 'pip.conf') : xdgHome);
    }
  }
  if (nonEmpty(env.VIRTUAL_ENV)) files.push(j(env.VIRTUAL_ENV!.trim(), platform === 'win32' ? 'pip.ini' : 'pip.conf'));
  if (explicit) files.push(explicit);
  return files;
}

/** pip's key normalisation: lowercase, `_` -> `-`, no leading `--`. */
const pipKey = (k: string): string => k.trim().toLowerCase().replace(/_/g, '-').replace(/^--/, '');

/**
 * INI as Python's RawConfigParser reads pip.conf: `[section]`, `key = value` or `key: value`,
 * `#`/`;` comment lines, indented lines continue the previous value (multi-line extra-index-url).
 */
export function parseIni(text: string): Map<string, string> {
  const out = new Map<string, string>(); // `section.key` -> value
  let section = '';
  let last: string | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      if (raw.trim() === '') last = undefined;
      continue;
    }
    if (/^\s/.test(raw) && last) {
      out.set(last, `${out.get(last)}\n${raw.trim()}`);
      continue;
    }
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (sec) {
      section = sec[1].trim().toLowerCase();
      last = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw.trim());
    if (!kv || !section) continue;
    last = `${section}.${pipKey(kv[1])}`;
    out.set(last, kv[2].trim());
  }
  return out;
}

const words = (v: string): string[] => v.split(/\s+/).filter(Boolean);

export function pipIndexes(input: DiscoveryInput): ToolIndexes {
  const merged = new Map<string, { value: string; file: string }>();
  const files: string[] = [];
  for (const f of pipConfigFiles(input)) {
    const text = input.fs.readFile(f);
    if (text === undefined) continue;
    files.push(f);
    for (const [k, v] of parseIni(text)) merged.set(k, { value: v, file: f });
  }
  // `[install]` over `[global]` over the merged files, then the environment (pip's override order).
  const pick = (key: string, envVar: string): { value: string; source: string } | undefined => {
    const e = input.env[envVar];
    if (e !== undefined && e.trim() !== '') return { value: e, source: envVar };
    for (const sec of ['install', 'global']) {
      const m = merged.get(`${sec}.${key}`);
      if (m) return { value: m.value, source: `${m.file} [${sec}] ${key}` };
    }
    return undefined;
  };
  const ix = pick('index-url', 'PIP_INDEX_URL');
  const ex = pick('extra-index-url', 'PIP_EXTRA_INDEX_URL');
  const primaryUrl = ix && words(ix.value)[0];
  return {
    ...(primaryUrl ? { primary: { url: primaryUrl, source: ix.source } } : {}),
    extras: ex ? words(ex.value).map((url) => ({ url, source: ex.source })) : [],
    files,
  };
}

/** The uv config files whose settings apply (user first, then system), or [] when disabled. */
export function uvConfigFiles(input: DiscoveryInput): string[] {
  const { env, platform, home, fs } = input;
  const j = (...p: string[]) => joinPath(platform, ...p);
  const truthy = (v: string | undefined) => !!v && !/^(0|false|no|off)$/i.test(v.trim());
  if (truthy(env.UV_NO_CONFIG)) return [];
  if (nonEmpty(env.UV_CONFIG_FILE)) return [env.UV_CONFIG_FILE!.trim()];
  const out: string[] = [];
  if (platform === 'win32') {
    out.push(j(env.APPDATA || j(home, 'AppData', 'Roaming'), 'uv', 'uv.toml'));
    out.push(j(env.SYSTEMDRIVE || 'C:', 'ProgramData', 'uv', 'uv.toml'));
  } else {
    out.push(j(nonEmpty(env.XDG_CONFIG_HOME) ?? j(home, '.config'), 'uv', 'uv.toml'));
    // Only the first system file found counts, the XDG ones first.
    const xdg = (nonEmpty(env.XDG_CONFIG_DIRS) ?? '/etc/xdg').split(':').filter(Boolean).map((d) => j(d, 'uv', 'uv.toml'));
    const system = [...xdg, '/etc/uv/uv.toml'].find((f) => fs.readFile(f) !== undefined);
    if (system) out.push(system);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `name=url` (UV_INDEX) or a bare URL. */
function uvIndexEntry(raw: string, source: string): FoundIndex {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(raw);
  return m && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? { url: m[2], source, name: m[1] } : { url: raw, source };
}

export function uvIndexes(input: DiscoveryInput, log?: (msg: string) => void): ToolIndexes {
  const files: string[] = [];
  const fileIndexes: FoundIndex[] = [];
  let fileDefault: FoundIndex | undefined;
  let legacyDefault: FoundIndex | undefined;
  const legacyExtras: FoundIndex[] = [];
  for (const f of uvConfigFiles(input)) {
    const text = input.fs.readFile(f);
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = getStaticTOMLValue(parseTOML(text));
    } catch (e) {
      log?.(`${f}: invalid TOML, its indexes are not used (${String(e).slice(0, 200)})`);
      continue;
    }
    files.push(f);
    if (!isRecord(doc)) continue;
    for (const ix of Array.isArray(doc.index) ? doc.index : []) {
      if (!isRecord(ix) || typeof ix.url !== 'string' || ix.explicit === true) continue;
      const found: FoundIndex = { url: ix.url, source: `${f} [[index]]${typeof ix.name === 'string' ? ` ${ix.name}` : ''}`, ...(typeof ix.name === 'string' ? { name: ix.name } : {}) };
      if (ix.default === true) fileDefault ??= found; // scalars: the first file (user) wins
      else fileIndexes.push(found);
    }
    for (const [tbl, label] of [[doc, ''], [isRecord(doc.pip) ? doc.pip : {}, '[pip] ']] as const) {
      if (typeof tbl['index-url'] === 'string') legacyDefault ??= { url: tbl['index-url'], source: `${f} ${label}index-url` };
      const extra = tbl['extra-index-url'];
      for (const u of Array.isArray(extra) ? extra : []) if (typeof u === 'string') legacyExtras.push({ url: u, source: `${f} ${label}extra-index-url` });
    }
  }
  const env = input.env;
  const envIndexes = words(env.UV_INDEX ?? '').map((w) => uvIndexEntry(w, 'UV_INDEX'));
  const envExtras = words(env.UV_EXTRA_INDEX_URL ?? '').map((url) => ({ url, source: 'UV_EXTRA_INDEX_URL' }));
  const envDefault = nonEmpty(env.UV_DEFAULT_INDEX)
    ? uvIndexEntry(env.UV_DEFAULT_INDEX!.trim(), 'UV_DEFAULT_INDEX')
    : nonEmpty(env.UV_INDEX_URL)
      ? { url: env.UV_INDEX_URL!.trim(), source: 'UV_INDEX_URL' }
      : undefined;
  const primary = envDefault ?? fileDefault ?? legacyDefault;
  return { ...(primary ? { primary } : {}), extras: [...envIndexes, ...fileIndexes, ...envExtras, ...legacyExtras], files };
}

/**
 * pip's and uv's indexes together. A name is "on no index" only if neither tool could install it
 * from any index it would consult, so the two are combined rather than one picked: a developer
 * with a private index in pip.conf and uv.toml must not get a false PW201 from whichever Pipwatch
 * ignored. The primary is pip's `index-url` when set (pip reads requirements files, the most common
 * input), else uv's default index; the other tool's replaced default joins the extras. A tool's
 * implicit default (PyPI) is consulted only when no tool replaces it: someone who sets a private
 * `index-url` has said PyPI is not where their packages come from.
 */
export function discoverIndexes(input: DiscoveryInput, log?: (msg: string) => void): DiscoveredIndexes {
  const pip = pipIndexes(input);
  const uv = uvIndexes(input, log);
  const primary = pip.primary ?? uv.primary;
  const extras: FoundIndex[] = [];
  const seen = new Set<string>(primary ? [key(primary.url)] : []);
  for (const e of [...pip.extras, ...(pip.primary && uv.primary ? [uv.primary] : []), ...uv.extras]) {
    if (seen.has(key(e.url))) continue;
    seen.add(key(e.url));
    extras.push(e);
  }
  return { ...(primary ? { primary } : {}), extras, files: [...pip.files, ...uv.files] };
}

/** Same index whatever the userinfo or trailing slash. */
function key(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/**
 * UV_INDEX_<NAME>_USERNAME / UV_INDEX_<NAME>_PASSWORD for a named uv index: the name upper-cased,
 * every non-alphanumeric character replaced by `_` (https://docs.astral.sh/uv/concepts/indexes/#providing-credentials-directly).
 */
export function uvNamedCredentials(name: string, env: NodeJS.ProcessEnv): { username?: string; password?: string } | undefined {
  const n = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const username = env[`UV_INDEX_${n}_USERNAME`];
  const password = env[`UV_INDEX_${n}_PASSWORD`];
  return username || password ? { ...(username ? { username } : {}), ...(password ? { password } : {}) } : undefined;
}

/** The real file system, for the server and the CLI (tests inject their own). */
export function nodeConfigFs(): ConfigFs {
  return {
    readFile(p) {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined; // absent is the common case
      }
    },
    isDir(p) {
      try {
        return fs.statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
