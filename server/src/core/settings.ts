// The one settings type, with defaults that mirror package.json's `contributes.configuration`.
// The server validates whatever the client sends (any editor may send anything) through
// `normalizeSettings`, so the rest of the code can trust the shape.
import { TRUST_RESTRICTED_SETTINGS, WORKSPACE_SCOPED_FIELD } from '../../../shared/protocol';
import type { Severity } from './types';

export interface RuleSetting {
  enable: boolean;
  /** Override of the rule's default severity. */
  severity?: Severity;
}

export interface IndexSettings {
  /** Primary index (PEP 503 base URL ending in /simple/). */
  url: string;
  extraUrls: string[];
  /** Globs of names never looked up on public PyPI (private package names would leak). */
  privatePackages: string[];
  osvUrl: string;
  osvEnabled: boolean;
  /** Concurrent requests per private or custom index origin. */
  concurrency: number;
  /** Concurrent requests to public PyPI and OSV (CDN-backed; see DEFAULT_SETTINGS). */
  publicConcurrency: number;
  /** Seconds each kind of answer stays fresh in the cache. */
  ttlSeconds: { simple: number; json: number; provenance: number; osv: number; missing: number };
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Days within which a first release counts as young. */
  youngDays: number;
}

export interface ReleaseAgeSettings {
  /** Days a release must have been public before it is used (unless the project sets its own cooldown). */
  cooldownDays: number;
}

export interface Settings {
  enable: boolean;
  /** PEP 503 names never flagged by name-based rules. */
  allowlist: string[];
  /** Keyed by rule id (`typosquat`, `undeclared-import`, …). Missing keys use the rule's defaults. */
  rules: Record<string, RuleSetting>;
  /** No network lookups at all: offline rules only. */
  offline: boolean;
  index: IndexSettings;
  releaseAge: ReleaseAgeSettings;
  /** The workspace is trusted: index URLs found in workspace files may be honoured. */
  workspaceTrusted: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  allowlist: [],
  rules: {},
  offline: false,
  index: {
    url: 'https://pypi.org/simple/',
    extraUrls: [],
    privatePackages: [],
    osvUrl: 'https://api.osv.dev',
    osvEnabled: true,
    concurrency: 8,
    // Public PyPI sits behind a CDN built for installers that open many connections (uv defaults
    // to 50 concurrent downloads, UV_CONCURRENT_DOWNLOADS); 32 lets a 500-package lock finish in
    // about a second and a half of 50 ms round trips. Private indexes keep the polite 8.
    publicConcurrency: 32,
    ttlSeconds: { simple: 3600, json: 3600, provenance: 86400, osv: 3600, missing: 900 },
    timeoutMs: 10000,
    youngDays: 30,
  },
  // PyPI's advice: most malicious releases are found and removed within days.
  releaseAge: { cooldownDays: 3 },
  workspaceTrusted: false,
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function num(v: unknown, def: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

/** Turns untrusted input (from any LSP client) into a complete Settings value. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const r = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(r.rules)) {
    for (const [id, v] of Object.entries(r.rules)) {
      if (typeof v === 'boolean') rules[id] = { enable: v };
      else if (isRecord(v)) {
        const sev = typeof v.severity === 'string' && SEVERITIES.includes(v.severity as Severity) ? (v.severity as Severity) : undefined;
        rules[id] = { enable: v.enable !== false, ...(sev ? { severity: sev } : {}) };
      }
    }
  }
  const ix = isRecord(r.index) ? r.index : {};
  const ttl = isRecord(ix.ttlSeconds) ? ix.ttlSeconds : {};
  const bt = base.index.ttlSeconds;
  const ra = isRecord(r.releaseAge) ? r.releaseAge : {};
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : base.enable,
    allowlist: stringArray(r.allowlist),
    rules,
    offline: typeof r.offline === 'boolean' ? r.offline : base.offline,
    index: {
      url: typeof ix.url === 'string' && ix.url.trim() ? ix.url.trim() : base.index.url,
      extraUrls: stringArray(ix.extraUrls),
      privatePackages: stringArray(ix.privatePackages),
      osvUrl: typeof ix.osvUrl === 'string' && ix.osvUrl.trim() ? ix.osvUrl.trim() : base.index.osvUrl,
      osvEnabled: typeof ix.osvEnabled === 'boolean' ? ix.osvEnabled : base.index.osvEnabled,
      concurrency: num(ix.concurrency, base.index.concurrency, 1, 64),
      // Lowering `concurrency` lowers the public limit too, unless that is set on its own.
      publicConcurrency: num(
        ix.publicConcurrency,
        typeof ix.concurrency === 'number' && Number.isFinite(ix.concurrency) ? Math.min(base.index.publicConcurrency, num(ix.concurrency, 8, 1, 64)) : base.index.publicConcurrency,
        1,
        64,
      ),
      ttlSeconds: {
        simple: num(ttl.simple, bt.simple, 0, 30 * 86400),
        json: num(ttl.json, bt.json, 0, 30 * 86400),
        provenance: num(ttl.provenance, bt.provenance, 0, 30 * 86400),
        osv: num(ttl.osv, bt.osv, 0, 30 * 86400),
        missing: num(ttl.missing, bt.missing, 0, 30 * 86400),
      },
      timeoutMs: num(ix.timeoutMs, base.index.timeoutMs, 100, 120000),
      youngDays: num(ix.youngDays, base.index.youngDays, 0, 3650),
    },
    releaseAge: { cooldownDays: num(ra.cooldownDays, base.releaseAge.cooldownDays, 0, 365) },
    workspaceTrusted: typeof r.workspaceTrusted === 'boolean' ? r.workspaceTrusted : base.workspaceTrusted,
  };
}

export function ruleEnabled(settings: Settings, rule: string, defaultEnabled = true): boolean {
  return settings.rules[rule]?.enable ?? defaultEnabled;
}

export function ruleSeverity(settings: Settings, rule: string, fallback: Severity): Severity {
  return settings.rules[rule]?.severity ?? fallback;
}

// Shared with the VS Code client, which sends them (shared/protocol.ts).
export { TRUST_RESTRICTED_SETTINGS, WORKSPACE_SCOPED_FIELD } from '../../../shared/protocol';

function getPath(o: Record<string, unknown>, key: string): unknown {
  let cur: unknown = o;
  for (const k of key.split('.')) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/** A copy of `o` with `key` (dotted) set to `value`, or removed when value is undefined. */
function setPath(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = key.split('.');
  const out = { ...o };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
  } else {
    out[head] = setPath(isRecord(o[head]) ? o[head] : {}, rest.join('.'), value);
  }
  return out;
}

/**
 * The raw settings an untrusted workspace is allowed to have: every restricted setting the client
 * marked as workspace-scoped falls back to the user's value (or the default). Returns the names of
 * the settings whose workspace value was dropped, for one log line.
 */
export function dropWorkspaceValues(raw: unknown, trusted: boolean): { raw: unknown; ignored: string[] } {
  if (trusted || !isRecord(raw)) return { raw, ignored: [] };
  const scoped = raw[WORKSPACE_SCOPED_FIELD];
  if (!isRecord(scoped)) return { raw, ignored: [] };
  let out: Record<string, unknown> = raw;
  const ignored: string[] = [];
  for (const key of TRUST_RESTRICTED_SETTINGS) {
    const entry = scoped[key];
    if (entry === undefined) continue;
    const user = isRecord(entry) ? entry.userValue : undefined;
    if (JSON.stringify(getPath(out, key)) === JSON.stringify(user)) continue; // the user's own value wins anyway
    out = setPath(out, key, user);
    ignored.push(key);
  }
  return { raw: out, ignored };
}
