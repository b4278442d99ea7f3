// Where index credentials come from, and the rule that they go only to the origin they belong
// to. Sources, in order: userinfo in the configured index URL; PIP_INDEX_URL / PIP_EXTRA_INDEX_URL /
// UV_INDEX_URL / UV_EXTRA_INDEX_URL / UV_DEFAULT_INDEX / UV_INDEX (space-separated URLs whose
// userinfo applies to a configured index on the same origin); UV_INDEX_<NAME>_USERNAME /
// UV_INDEX_<NAME>_PASSWORD for a named uv index (config-files.ts); PIPWATCH_INDEX_USERNAME and
// PIPWATCH_INDEX_PASSWORD (for the primary index when it is not public PyPI); then ~/.netrc
// (or the file named by NETRC), matched by host name like pip/requests do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { uvNamedCredentials } from './config-files';

export interface NetrcEntry {
  login?: string;
  password?: string;
}

/** Parse a .netrc file: `machine`/`default` blocks with `login`, `password`, `account`, `macdef`. */
export function parseNetrc(text: string): { machines: Map<string, NetrcEntry>; fallback?: NetrcEntry } {
  const machines = new Map<string, NetrcEntry>();
  let fallback: NetrcEntry | undefined;
  const lines = text.split(/\r?\n/);
  const tokens: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) continue;
    const toks = line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    for (let j = 0; j < toks.length; j++) {
      const t = toks[j];
      if (t === 'macdef') {
        // A macro body runs to the next empty line; it is never a credential.
        while (i + 1 < lines.length && lines[i + 1].trim() !== '') i++;
        break;
      }
      tokens.push(t.startsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t);
    }
  }
  let cur: NetrcEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'machine' && i + 1 < tokens.length) {
      cur = {};
      machines.set(tokens[++i].toLowerCase(), cur);
    } else if (t === 'default') {
      cur = {};
      fallback = cur;
    } else if ((t === 'login' || t === 'password' || t === 'account') && cur && i + 1 < tokens.length) {
      const v = tokens[++i];
      if (t === 'login') cur.login = v;
      else if (t === 'password') cur.password = v;
    }
  }
  return { machines, fallback };
}

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

function userinfo(url: string): { origin: string; header?: string } | undefined {
  try {
    const u = new URL(url);
    const header = u.username || u.password ? basic(decodeURIComponent(u.username), decodeURIComponent(u.password)) : undefined;
    return { origin: u.origin, header };
  } catch {
    return undefined;
  }
}

export interface CredentialInput {
  /** The primary index URL (may carry userinfo). */
  primary: string;
  /** Extra index URLs (may carry userinfo). */
  extras: string[];
  /** Origins that are public (PyPI, OSV): never given env / netrc credentials. */
  isPublic: (origin: string) => boolean;
  /** Named uv indexes: UV_INDEX_<NAME>_USERNAME / _PASSWORD apply to their origin. */
  named?: { name: string; url: string }[];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** Authorization header per origin, computed once. Only configured index origins get one. */
export function buildCredentials(input: CredentialInput): Map<string, string> {
  const env = input.env ?? process.env;
  const out = new Map<string, string>();
  const indexes = [input.primary, ...input.extras].map(userinfo).filter((x): x is { origin: string; header?: string } => !!x);
  for (const ix of indexes) if (ix.header && !out.has(ix.origin)) out.set(ix.origin, ix.header);
  const configured = new Set(indexes.map((i) => i.origin));
  for (const n of input.named ?? []) {
    const origin = userinfo(n.url)?.origin;
    const c = uvNamedCredentials(n.name, env);
    if (origin && c && !out.has(origin)) out.set(origin, basic(c.username ?? '', c.password ?? ''));
  }
  for (const v of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX']) {
    for (const raw of (env[v] ?? '').split(/\s+/).filter(Boolean)) {
      // UV_INDEX entries may be `name=url`.
      const ix = userinfo(raw.replace(/^[A-Za-z0-9_.-]+=(?=https?:)/, ''));
      if (ix?.header && configured.has(ix.origin) && !out.has(ix.origin)) out.set(ix.origin, ix.header);
    }
  }
  const primary = indexes[0];
  const user = env.PIPWATCH_INDEX_USERNAME;
  const pass = env.PIPWATCH_INDEX_PASSWORD;
  if (primary && !out.has(primary.origin) && !input.isPublic(primary.origin) && (user || pass)) {
    out.set(primary.origin, basic(user ?? '', pass ?? ''));
  }
  const netrcPath = env.NETRC || path.join(input.home ?? os.homedir(), process.platform === 'win32' ? '_netrc' : '.netrc');
  let netrc: ReturnType<typeof parseNetrc> | undefined;
  try {
    netrc = parseNetrc(fs.readFileSync(netrcPath, 'utf8'));
  } catch {
    netrc = undefined; // no netrc is the common case
  }
  if (netrc) {
    for (const origin of configured) {
      if (out.has(origin) || input.isPublic(origin)) continue;
      const e = netrc.machines.get(new URL(origin).hostname.toLowerCase()) ?? netrc.fallback;
      if (e && (e.login || e.password)) out.set(origin, basic(e.login ?? '', e.password ?? ''));
    }
  }
  return out;
}
