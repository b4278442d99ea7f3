// Which indexes a lookup asks, decided once per client from settings, the indexes pip and uv
// would ask (config-files.ts: the user's environment and user/global config files) and (only in
// a trusted workspace) index URLs found in workspace files. Precedence for the primary index:
// a trusted workspace's `--index-url` / default index > an explicit Pipwatch setting or CLI flag
// (`pipwatch.index.url` other than PyPI's default, `--index-url`) > pip/uv environment > pip/uv
// config files > PyPI. Extra indexes are the union of all of these (each tool adds, none removes).
// Public hosts never receive names matching `privatePackages`, nor credentials from env / netrc.
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { DiscoveredIndexes } from './config-files';
import { globMatch, indexRefusalReason, originOf, refusalReason, stripUserinfo, withSlash } from './urls';

export const PUBLIC_PYPI = 'https://pypi.org/simple/';
const PUBLIC_ORIGINS = ['https://pypi.org', 'https://test.pypi.org', 'https://files.pythonhosted.org'];

export interface IndexRef {
  /** As configured (may hold userinfo: used only to derive credentials). */
  url: string;
  /** Without userinfo: for requests, cache keys and facts. */
  clean: string;
  origin: string;
  isPublic: boolean;
  /** Base for `pypi/{name}/json` and `integrity/…` when this index is PyPI (or configured so). */
  apiBase?: string;
  refused?: string;
  /** Where the URL came from, for the log: `pipwatch.index.url`, `PIP_INDEX_URL`, a config file. */
  source: string;
  /** uv index name (UV_INDEX_<NAME>_USERNAME / _PASSWORD). */
  name?: string;
}

/**
 * An index URL a workspace file names: requirements `-i` / `--extra-index-url`, or a project's
 * pyproject.toml / uv.toml (parse/project-indexes.ts). `explicit` indexes serve only the packages
 * pinned to them (`packages`); a pinned package is asked of its index alone, as uv does.
 */
export interface WorkspaceIndex {
  kind: 'index-url' | 'extra-index-url' | 'explicit';
  url: string;
  name?: string;
  /** Where it was named, for the log and the "ignored" notes. */
  source?: string;
  packages?: readonly string[];
}

export interface IndexPlan {
  primary: IndexRef;
  extras: IndexRef[];
  /** PEP 503 name -> the one index it is pinned to ([tool.uv.sources], Poetry `source =`). */
  pinned: Map<string, IndexRef>;
  publicPypi: IndexRef;
  /** Any configured index is not public PyPI: look names up on public PyPI too (dependency confusion). */
  anyPrivate: boolean;
  osvUrl?: string;
  osvRefused?: string;
  privateGlobs: string[];
  ignoredWorkspaceIndexes: number;
  /** The workspace index URLs not used because the workspace is not trusted (redacted later). */
  ignoredWorkspace: WorkspaceIndex[];
}

export interface PlanInput {
  settings: Settings;
  workspaceIndexes?: readonly WorkspaceIndex[];
  /** Public PyPI's Simple URL (tests point it at a fake). */
  publicIndexUrl?: string;
  /** 'auto': JSON / Integrity APIs only on public PyPI; 'always': on any index ending in /simple/. */
  jsonApi?: 'auto' | 'always' | 'never';
  /** Indexes pip / uv would ask (the user's environment and config files). */
  discovered?: DiscoveredIndexes;
}

export function makePlan(input: PlanInput): IndexPlan {
  const s = input.settings.index;
  const publicUrl = withSlash(input.publicIndexUrl ?? PUBLIC_PYPI);
  const publicOrigins = new Set([...PUBLIC_ORIGINS, originOf(publicUrl) ?? '']);
  const ref = (url: string, source: string, name?: string): IndexRef => {
    const u = withSlash(url.trim());
    const origin = originOf(u) ?? u;
    const clean = withSlash(stripUserinfo(u));
    const isPublic = publicOrigins.has(origin);
    const mode = input.jsonApi ?? 'auto';
    const apiOk = mode === 'always' || (mode === 'auto' && isPublic);
    const r: IndexRef = { url: u, clean, origin, isPublic, source, ...(name ? { name } : {}) };
    if (apiOk && /^https?:/i.test(clean) && /\/simple\/$/.test(clean)) r.apiBase = clean.replace(/simple\/$/, '');
    const why = indexRefusalReason(u);
    if (why) r.refused = why;
    return r;
  };
  const trusted = input.settings.workspaceTrusted;
  const ws = input.workspaceIndexes ?? [];
  const found = input.discovered;
  const explicit = withSlash(s.url.trim()) !== withSlash(DEFAULT_SETTINGS.index.url);
  let primarySpec: [string, string, string?] = explicit ? [s.url, 'pipwatch.index.url / --index-url'] : found?.primary ? [found.primary.url, found.primary.source, found.primary.name] : [s.url, 'the default'];
  const extraSpecs: [string, string, string?][] = s.extraUrls.map((u) => [u, 'pipwatch.index.extraUrls / --extra-index-url']);
  const pinnedSpecs: [WorkspaceIndex, [string, string, string?]][] = [];
  if (trusted) {
    const label = (w: WorkspaceIndex): string => w.source ?? `a workspace file (--${w.kind})`;
    const wsPrimary = ws.find((w) => w.kind === 'index-url');
    // pip semantics: --index-url replaces the default. A second file's replacement is asked
    // too (as an extra): dropping it would call its packages nonexistent (PW201).
    if (wsPrimary) primarySpec = [wsPrimary.url, label(wsPrimary), wsPrimary.name];
    for (const w of ws) if (w !== wsPrimary && w.kind !== 'explicit') extraSpecs.push([w.url, label(w), w.name]);
    for (const w of ws) if (w.packages && w.packages.length > 0) pinnedSpecs.push([w, [w.url, `${label(w)} (pinned: ${w.packages.slice(0, 5).join(', ')}${w.packages.length > 5 ? ', …' : ''})`, w.name]]);
  }
  for (const e of found?.extras ?? []) extraSpecs.push([e.url, e.source, e.name]);
  const primary = ref(...primarySpec);
  const seen = new Set([primary.clean]);
  const extras: IndexRef[] = [];
  for (const spec of extraSpecs) {
    const r = ref(...spec);
    if (seen.has(r.clean)) continue;
    seen.add(r.clean);
    extras.push(r);
  }
  const pinned = new Map<string, IndexRef>();
  for (const [w, spec] of pinnedSpecs) {
    const r = ref(...spec);
    for (const p of w.packages ?? []) if (!pinned.has(p)) pinned.set(p, r);
  }
  const osvWhy = refusalReason(s.osvUrl);
  return {
    primary,
    extras,
    pinned,
    publicPypi: ref(publicUrl, 'public PyPI'),
    anyPrivate: !primary.isPublic || extras.some((e) => !e.isPublic),
    ...(s.osvEnabled ? { osvUrl: s.osvUrl.replace(/\/+$/, '') } : {}),
    ...(s.osvEnabled && osvWhy ? { osvRefused: osvWhy } : {}),
    privateGlobs: s.privatePackages,
    ignoredWorkspaceIndexes: trusted ? 0 : ws.length,
    ignoredWorkspace: trusted ? [] : [...ws],
  };
}

/**
 * The plan one name is looked up with: a name pinned to an index is asked of that index alone
 * (uv: "a package pinned to an index is only installed from it"), so it reaches neither the other
 * indexes nor public PyPI or OSV unless the pinned index is public.
 */
export function planFor(plan: IndexPlan, name: string): IndexPlan {
  const pin = plan.pinned.get(name);
  if (!pin) return plan;
  return { ...plan, primary: pin, extras: [], anyPrivate: !pin.isPublic };
}

export function isPrivateName(plan: IndexPlan, name: string): boolean {
  return plan.privateGlobs.some((g) => globMatch(g, name));
}

/**
 * The effective index configuration, redacted, one line per index with where it came from; empty
 * when it is the default (PyPI only, nothing configured), so nobody is told what they expect.
 */
export function describePlan(plan: IndexPlan): string[] {
  const isDefault = plan.extras.length === 0 && plan.pinned.size === 0 && plan.primary.clean === plan.publicPypi.clean;
  if (isDefault) return [];
  const line = (role: string, r: IndexRef) => `${role} ${r.clean}${r.url !== r.clean ? ' (with credentials)' : ''} from ${r.source}${r.refused ? ` — refused: ${r.refused}` : ''}`;
  const pins = [...new Set(plan.pinned.values())].map((r) => line('pinned index', r));
  return [line('primary index', plan.primary), ...plan.extras.map((e) => line('extra index', e)), ...pins];
}

/**
 * What may leave the machine for one name (the README's "Which names go to which host" table).
 * The principle: a name goes only where your installer would send it too.
 * - Simple API: every configured index (pip/uv ask them all), except that public hosts never get
 *   a `privatePackages` name, nor — when any private index is configured — an undeclared import
 *   (not in the import map: likely an internal module such as `acme_billing_internal`).
 * - Public PyPI for the dependency-confusion check (PW202): only when it is a configured index.
 *   With a private primary and no public index, pip never asks PyPI, so neither does Pipwatch.
 * - OSV: with PyPI alone, every name (PyPI already sees them all, and a removed malicious name
 *   is exactly what OSV's MAL- records are for). Once a private index is configured: only when a
 *   public index is configured too (pip asks it about every name anyway), and never for a name a
 *   private index has and no public index has — that name is nobody else's business.
 */
export interface Route {
  /** Reason public hosts are skipped for this name, or undefined when they may be asked. */
  keepPrivate?: string;
  /** Ask public PyPI's Simple API for the confusion check (it is a configured index). */
  publicConfusion: boolean;
  osv: 'always' | 'unless-private-only' | 'never';
}

export const PRIVATE_GLOB_REASON = 'matches pipwatch.index.privatePackages: never looked up on public PyPI';
export const PRIVATE_IMPORT_REASON = 'an undeclared import with a private index configured: looked up on the private indexes only';

export function routeFor(plan: IndexPlan, name: string, opts: { undeclaredImport?: boolean } = {}): Route {
  const keepPrivate = isPrivateName(plan, name) ? PRIVATE_GLOB_REASON : plan.anyPrivate && opts.undeclaredImport ? PRIVATE_IMPORT_REASON : undefined;
  const publicConfigured = plan.primary.isPublic || plan.extras.some((e) => e.isPublic);
  return {
    ...(keepPrivate ? { keepPrivate } : {}),
    publicConfusion: plan.anyPrivate && !keepPrivate && publicConfigured,
    osv: keepPrivate || (plan.anyPrivate && !publicConfigured) ? 'never' : plan.anyPrivate ? 'unless-private-only' : 'always',
  };
}
