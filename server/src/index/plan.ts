// Which indexes a lookup asks, decided once per client from settings and (only in a trusted
// workspace) index URLs found in workspace files. Public hosts never receive names matching
// `privatePackages`, nor credentials from env / netrc.
import type { Settings } from '../core/settings';
import { globMatch, originOf, refusalReason, stripUserinfo, withSlash } from './urls';

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
}

export interface IndexPlan {
  primary: IndexRef;
  extras: IndexRef[];
  publicPypi: IndexRef;
  /** Any configured index is not public PyPI: look names up on public PyPI too (dependency confusion). */
  anyPrivate: boolean;
  osvUrl?: string;
  osvRefused?: string;
  privateGlobs: string[];
  ignoredWorkspaceIndexes: number;
}

export interface PlanInput {
  settings: Settings;
  workspaceIndexes?: { kind: 'index-url' | 'extra-index-url'; url: string }[];
  /** Public PyPI's Simple URL (tests point it at a fake). */
  publicIndexUrl?: string;
  /** 'auto': JSON / Integrity APIs only on public PyPI; 'always': on any index ending in /simple/. */
  jsonApi?: 'auto' | 'always' | 'never';
}

export function makePlan(input: PlanInput): IndexPlan {
  const s = input.settings.index;
  const publicUrl = withSlash(input.publicIndexUrl ?? PUBLIC_PYPI);
  const publicOrigins = new Set([...PUBLIC_ORIGINS, originOf(publicUrl) ?? '']);
  const ref = (url: string): IndexRef => {
    const u = withSlash(url.trim());
    const origin = originOf(u) ?? u;
    const clean = withSlash(stripUserinfo(u));
    const isPublic = publicOrigins.has(origin);
    const mode = input.jsonApi ?? 'auto';
    const apiOk = mode === 'always' || (mode === 'auto' && isPublic);
    const r: IndexRef = { url: u, clean, origin, isPublic };
    if (apiOk && /\/simple\/$/.test(clean)) r.apiBase = clean.replace(/simple\/$/, '');
    const why = refusalReason(u);
    if (why) r.refused = why;
    return r;
  };
  const trusted = input.settings.workspaceTrusted;
  const ws = input.workspaceIndexes ?? [];
  let primaryUrl = s.url;
  const extraUrls = [...s.extraUrls];
  if (trusted) {
    const wsPrimary = ws.find((w) => w.kind === 'index-url');
    if (wsPrimary) primaryUrl = wsPrimary.url; // pip semantics: --index-url replaces the default
    for (const w of ws) if (w.kind === 'extra-index-url') extraUrls.push(w.url);
  }
  const primary = ref(primaryUrl);
  const seen = new Set([primary.clean]);
  const extras: IndexRef[] = [];
  for (const u of extraUrls) {
    const r = ref(u);
    if (seen.has(r.clean)) continue;
    seen.add(r.clean);
    extras.push(r);
  }
  const osvWhy = refusalReason(s.osvUrl);
  return {
    primary,
    extras,
    publicPypi: ref(publicUrl),
    anyPrivate: !primary.isPublic || extras.some((e) => !e.isPublic),
    ...(s.osvEnabled ? { osvUrl: s.osvUrl.replace(/\/+$/, '') } : {}),
    ...(s.osvEnabled && osvWhy ? { osvRefused: osvWhy } : {}),
    privateGlobs: s.privatePackages,
    ignoredWorkspaceIndexes: trusted ? 0 : ws.length,
  };
}

export function isPrivateName(plan: IndexPlan, name: string): boolean {
  return plan.privateGlobs.some((g) => globMatch(g, name));
}
