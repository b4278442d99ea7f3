// A project's own release cooldown ("do not use releases younger than …"), read from the files the
// installers themselves read. Pure functions over text; the rules combine the result with the
// `pipwatch.releaseAge.cooldownDays` setting. Sources:
// - uv: `exclude-newer` in `[tool.uv]` (pyproject.toml) or top level (uv.toml): an RFC 3339
//   timestamp, a date, a friendly duration ("7 days", "24 hours", "1 week") or an ISO 8601
//   duration ("P7D", "PT24H"); `exclude-newer-package` maps a name to the same forms (or `false`,
//   which exempts the package). uv.lock records what it was resolved with in `[options]`:
//   `exclude-newer-span` (the duration) and `exclude-newer` (the instant it computed).
//   https://docs.astral.sh/uv/reference/settings/#exclude-newer
// - pip (26.0+): `uploaded-prior-to` (an ISO 8601 date or datetime) in pip.conf.
//   https://pip.pypa.io/en/stable/user_guide/#filtering-by-upload-time
// - Poetry (2.4+): `[solver] min-release-age` (integer days) and `min-release-age-exclude` in
//   poetry.toml / config.toml. https://python-poetry.org/blog/announcing-poetry-2.4.0/
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { normalizeName } from '../identify/normalize';

/** "Nothing uploaded after this instant" or "nothing younger than this many ms". */
export type Cooldown = { kind: 'relative'; ms: number; text: string } | { kind: 'absolute'; before: number; text: string };

export interface CooldownPolicy {
  /** The project-wide rule, when the project sets one. */
  all?: Cooldown;
  /** PEP 503 name -> its own rule, or `exempt` (uv `false`, Poetry `min-release-age-exclude`). */
  perPackage: Map<string, Cooldown | 'exempt'>;
  /** Where it was read, for messages: `[tool.uv] exclude-newer in pyproject.toml`. */
  source: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNITS: Record<string, number> = {
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
  month: 30 * DAY, months: 30 * DAY,
  y: 365 * DAY, year: 365 * DAY, years: 365 * DAY,
};

/** A duration: "7 days", "1 week 2 days", "24h", or ISO 8601 "P7D", "PT24H", "P1W". Undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t.length === 0 || t.length > 100) return undefined;
  const iso = /^p(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)w)?(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?)?$/.exec(t);
  if (iso && t !== 'p' && t !== 'pt') {
    const [, y, mo, w, d, h, mi, s] = iso.map((x) => (x === undefined ? 0 : Number(x)));
    return y * 365 * DAY + mo * 30 * DAY + w * 7 * DAY + d * DAY + h * HOUR + mi * 60_000 + s * 1000;
  }
  let total = 0;
  let matched = false;
  for (const part of t.replace(/,/g, ' ').split(/\s+(?=\d)/)) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(part.trim());
    if (!m || UNITS[m[2]] === undefined) return undefined;
    total += Number(m[1]) * UNITS[m[2]];
    matched = true;
  }
  return matched ? total : undefined;
}

/** An RFC 3339 timestamp or a plain date (read as midnight UTC). Undefined if not one. */
export function parseInstant(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(t)) return undefined;
  // A date alone, or a datetime without an offset, is read as UTC: pip and uv read it in local
  // time, which differs by machine; UTC keeps the answer the same everywhere (±1 day at most).
  const withZone = /T|\s/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(t) ? `${t.replace(' ', 'T')}Z` : t.replace(' ', 'T');
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
  return Number.isFinite(ms) ? ms : undefined;
}

/** An uv `exclude-newer` value: instant first, then a duration. */
export function parseCooldownValue(text: string): Cooldown | undefined {
  const before = parseInstant(text);
  if (before !== undefined) return { kind: 'absolute', before, text: text.trim() };
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 ? { kind: 'relative', ms, text: text.trim() } : undefined;
}

function tomlValue(text: string): Record<string, unknown> | undefined {
  try {
    const v = getStaticTOMLValue(parseTOML(text.replace(/^\uFEFF/, '')));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function table(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function fromUvTable(t: Record<string, unknown> | undefined, source: string): CooldownPolicy | undefined {
  if (!t) return undefined;
  const all = typeof t['exclude-newer'] === 'string' ? parseCooldownValue(t['exclude-newer']) : undefined;
  const perPackage = new Map<string, Cooldown | 'exempt'>();
  for (const [name, v] of Object.entries(table(t['exclude-newer-package']) ?? {})) {
    if (v === false) perPackage.set(normalizeName(name), 'exempt');
    else if (typeof v === 'string') {
      const c = parseCooldownValue(v);
      if (c) perPackage.set(normalizeName(name), c);
    }
  }
  return all || perPackage.size > 0 ? { ...(all ? { all } : {}), perPackage, source } : undefined;
}

/** `[tool.uv] exclude-newer` / `exclude-newer-package` of a pyproject.toml. */
export function cooldownFromPyproject(text: string): CooldownPolicy | undefined {
  const tool = table(tomlValue(text)?.tool);
  return fromUvTable(table(tool?.uv), '[tool.uv] exclude-newer in pyproject.toml');
}

/** Top-level `exclude-newer` / `exclude-newer-package` of a uv.toml. */
export function cooldownFromUvToml(text: string): CooldownPolicy | undefined {
  return fromUvTable(tomlValue(text), 'exclude-newer in uv.toml');
}

/**
 * uv.lock `[options]`: `exclude-newer-span` is the relative setting the lock was resolved with
 * (the recorded `exclude-newer` instant is only when it was computed); an absolute setting is
 * recorded as `exclude-newer` alone.
 */
export function cooldownFromUvLock(text: string): CooldownPolicy | undefined {
  // Only the [options] table matters and locks are large: parse just that table.
  const start = text.search(/^\[options\]\s*$/m);
  if (start < 0) return undefined;
  const rest = text.slice(start);
  const next = rest.slice(1).search(/^\[/m);
  const options = table(tomlValue(next < 0 ? rest : rest.slice(0, next + 1))?.options);
  if (!options) return undefined;
  const span = typeof options['exclude-newer-span'] === 'string' ? parseDuration(options['exclude-newer-span']) : undefined;
  const source = 'exclude-newer recorded in uv.lock [options]';
  if (span && span > 0) {
    const perPackage = fromUvTable({ 'exclude-newer-package': options['exclude-newer-package'] }, source)?.perPackage ?? new Map();
    return { all: { kind: 'relative', ms: span, text: String(options['exclude-newer-span']) }, perPackage, source };
  }
  return fromUvTable(options, source);
}

/** Poetry's `[solver] min-release-age` (days) and `min-release-age-exclude` of poetry.toml. */
export function cooldownFromPoetryToml(text: string): CooldownPolicy | undefined {
  const solver = table(tomlValue(text)?.solver);
  if (!solver) return undefined;
  const days = solver['min-release-age'];
  const all: Cooldown | undefined = typeof days === 'number' && days > 0 ? { kind: 'relative', ms: days * DAY, text: `${days} days` } : undefined;
  const perPackage = new Map<string, Cooldown | 'exempt'>();
  const ex = solver['min-release-age-exclude'];
  const names = Array.isArray(ex) ? ex : typeof ex === 'string' ? ex.split(',') : [];
  for (const n of names) if (typeof n === 'string' && n.trim()) perPackage.set(normalizeName(n.trim()), 'exempt');
  return all ? { all, perPackage, source: '[solver] min-release-age in poetry.toml' } : undefined;
}

/** pip's `uploaded-prior-to` in a pip.conf / pip.ini ([global] or [install]). */
export function cooldownFromPipConf(text: string): CooldownPolicy | undefined {
  let section = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const sec = /^\[([^\]]+)\]$/.exec(line);
    if (sec) {
      section = sec[1].trim().toLowerCase();
      continue;
    }
    if (section !== 'global' && section !== 'install') continue;
    const kv = /^(uploaded[-_]prior[-_]to)\s*[=:]\s*(.+)$/i.exec(line);
    if (!kv) continue;
    const before = parseInstant(kv[2]);
    if (before !== undefined) return { all: { kind: 'absolute', before, text: kv[2].trim() }, perPackage: new Map(), source: 'uploaded-prior-to in pip.conf' };
  }
  return undefined;
}

/** The rule for one package: per-package first, then project-wide; undefined = use the setting. */
export function cooldownFor(policy: CooldownPolicy | undefined, name: string): Cooldown | 'exempt' | undefined {
  if (!policy) return undefined;
  return policy.perPackage.get(normalizeName(name)) ?? policy.all;
}

/** The newest upload instant a release may have under `c` at `now`. */
export function cutoffOf(c: Cooldown, now: number): number {
  return c.kind === 'absolute' ? c.before : now - c.ms;
}
