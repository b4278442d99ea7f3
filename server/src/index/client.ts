// The index client: everything the index rules need about one project, as PackageFacts. It asks
// the Simple API of each configured index (PEP 691/503; the only source that may say "missing"),
// the PyPI JSON API, the Integrity API (PEP 740) and OSV, through one HTTP layer (http.ts) and one
// cache (cache.ts). It never throws: anything it cannot answer is `unknown` with a reason.
import { version } from '../../../package.json';
import type { Settings } from '../core/settings';
import { Breakers } from './breaker';
import { IndexCache, type CacheEntry, type CacheFs, type CacheKind } from './cache';
import { cachedDataError } from './cached-schema';
import { buildCredentials } from './credentials';
import type { JsonProject, Lookup, LookupFailure, OsvRecordRef, PackageFacts, ReleaseProvenance, SimpleProject } from './facts';
import { errorFailure } from './failure';
import { FailureLedger, type IncompleteReport } from './ledger';
import { capJsonProject, capSimpleProject } from './cap';
import { FetchError, Http, raceAbort } from './http';
import { OsvBatcher } from './osv';
import type { DiscoveredIndexes } from './config-files';
import { describePlan, makePlan, planFor, routeFor, type IndexPlan, type IndexRef, type WorkspaceIndex } from './plan';
import { planProvenance, summariseProvenance } from './provenance';
import { computeStatus, type IndexStatus } from './status';
import { fetchJsonProject, fetchJsonVersionVulns, fetchProvenance, fetchSimple, type Fetched, type FileProvenance } from './sources';
import { isValidName, normalizeName, originOf, redact, redactText, refusalReason } from './urls';

export { defaultCacheDir } from './dirs';
export { redact } from './urls';

type LogFn = (level: 'error' | 'warn' | 'info' | 'debug', msg: string) => void;

/** Knobs for tests and the benchmark; production code leaves them unset. */
export interface IndexTuning {
  /** Public PyPI's Simple URL (default https://pypi.org/simple/). */
  publicIndexUrl?: string;
  jsonApi?: 'auto' | 'always' | 'never';
  maxResponseBytes?: number;
  maxAttempts?: number;
  backoffMs?: number;
  retryAfterCapMs?: number;
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  osvWindowMs?: number;
  cacheMaxBytes?: number;
  cacheFs?: CacheFs;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface IndexClientOptions {
  settings: Settings;
  cacheDir?: string;
  log?: LogFn;
  userAgent?: string;
  /** Index URLs found in workspace files (requirements -i/--extra-index-url, [[tool.uv.index]]); honoured only when settings.workspaceTrusted. */
  workspaceIndexes?: readonly WorkspaceIndex[];
  /** Indexes pip / uv would ask (index/config-files.ts), discovered once by the caller. */
  discovered?: DiscoveredIndexes;
  now?: () => number;
  tuning?: IndexTuning;
}

export type { IndexStatus } from './status';
export type { IncompleteReport } from './ledger';

export const USER_AGENT = `pipwatch/${version} (+https://github.com/pipwatch/pipwatch)`;
/** How long past its TTL an entry is still served while a background refresh runs. */
const STALE_WINDOW_MS = 7 * 86400_000;
const unknown = (reason: string): { state: 'unknown'; reason: string } => ({ state: 'unknown', reason });

/**
 * A found answer with at most MAX_RELEASES releases plus the pinned one (index/cap.ts), memoised
 * per cached answer and pin: a re-analysis costs a map lookup, not a pass over every file.
 */
function cappedBy<T extends object>(memo: WeakMap<T, Map<string, Lookup<T>>>, cap: (v: T, pin: string | undefined) => T) {
  return (l: Lookup<T>, pin: string | undefined): Lookup<T> => {
    if (l.state !== 'found') return l;
    let byPin = memo.get(l.value);
    if (!byPin) memo.set(l.value, (byPin = new Map()));
    let out = byPin.get(pin ?? '');
    if (!out) byPin.set(pin ?? '', (out = { state: 'found', value: cap(l.value, pin) }));
    return out;
  };
}
const capped = cappedBy(new WeakMap<SimpleProject, Map<string, Lookup<SimpleProject>>>(), capSimpleProject);
const cappedJson = cappedBy(new WeakMap<JsonProject, Map<string, Lookup<JsonProject>>>(), capJsonProject);

export class IndexClient {
  private readonly settings: Settings;
  private readonly plan: IndexPlan;
  private readonly http: Http;
  private readonly cache: IndexCache;
  private readonly breakers: Breakers;
  private readonly osv: OsvBatcher | undefined;
  private readonly log: LogFn;
  private readonly now: () => number;
  private readonly listeners = new Set<(s: IndexStatus) => void>();
  private readonly background = new Map<string, Promise<unknown>>();
  private current: IndexStatus = { state: 'ok' };
  /** Every lookup that was asked for and did not complete (issue 8 §2). */
  private readonly ledger = new FailureLedger(() => this.updateStatus());
  private cacheHits = 0;
  /** Derived values memoised on the identity of the cached inputs, so warm lookups allocate little
   *  and `rememberFacts` can tell "unchanged" by reference. */
  private readonly jsonMemo = new WeakMap<object, { vulns: unknown; out: Lookup<JsonProject> }>();
  private readonly provMemo = new WeakMap<object, { deps: unknown[]; out: Lookup<ReleaseProvenance[]> }>();
  private readonly planMemo = new WeakMap<object, ReturnType<typeof planProvenance>>();
  /** Facts objects assembled in this process (as opposed to parsed from disk). */
  private readonly memoised = new WeakSet<object>();
  private disposed = false;

  constructor(opts: IndexClientOptions) {
    const t = opts.tuning ?? {};
    this.settings = opts.settings;
    this.now = opts.now ?? Date.now;
    const sink = opts.log;
    this.log = (level, msg) => sink?.(level, redactText(msg)); // no credential ever reaches a log line
    // PIPWATCH_PUBLIC_INDEX_URL stands in for public PyPI (tests point it at a fake on 127.0.0.1).
    const publicIndexUrl = t.publicIndexUrl ?? ((t.env ?? process.env).PIPWATCH_PUBLIC_INDEX_URL || undefined);
    this.plan = makePlan({ settings: opts.settings, workspaceIndexes: opts.workspaceIndexes, publicIndexUrl, jsonApi: t.jsonApi, discovered: opts.discovered });
    const publicOrigins = new Set([this.plan.publicPypi.origin, originOf(this.plan.osvUrl ?? '') ?? '']);
    const configured = [this.plan.primary, ...this.plan.extras, ...this.plan.pinned.values()];
    const isPublic = (o: string): boolean => publicOrigins.has(o) || configured.some((r) => r.origin === o && r.isPublic);
    const credentials = buildCredentials({
      primary: this.plan.primary.url,
      extras: configured.slice(1).map((e) => e.url),
      named: configured.flatMap((r) => (r.name ? [{ name: r.name, url: r.url }] : [])),
      isPublic,
      env: t.env,
      home: t.home,
    });
    this.breakers = new Breakers({ threshold: t.breakerThreshold ?? 5, baseCooldownMs: t.breakerCooldownMs, now: this.now });
    this.breakers.onChange(() => this.updateStatus());
    this.http = new Http({
      concurrency: opts.settings.index.concurrency,
      publicConcurrency: opts.settings.index.publicConcurrency,
      isPublicOrigin: isPublic,
      timeoutMs: opts.settings.index.timeoutMs,
      userAgent: opts.userAgent ?? USER_AGENT,
      maxBytes: t.maxResponseBytes ?? 20 * 1024 * 1024,
      maxAttempts: t.maxAttempts ?? 3,
      backoffMs: t.backoffMs ?? 250,
      retryAfterCapMs: t.retryAfterCapMs ?? 10_000,
      maxRedirects: 5,
      credentials,
      breakers: this.breakers,
      log: this.log,
    });
    this.cache = new IndexCache({ dir: opts.cacheDir, log: this.log, maxBytes: t.cacheMaxBytes, fs: t.cacheFs, validate: cachedDataError });
    if (this.plan.osvUrl && !this.plan.osvRefused) {
      this.osv = new OsvBatcher({ http: this.http, osvUrl: this.plan.osvUrl, windowMs: t.osvWindowMs });
    }
    if (this.plan.ignoredWorkspaceIndexes) {
      this.log('info', `ignoring ${this.plan.ignoredWorkspaceIndexes} index URL(s) from workspace files: the workspace is not trusted`);
    }
    for (const r of [this.plan.primary, ...this.plan.extras]) if (r.refused) this.log('warn', `index refused: ${r.refused}`);
    if (this.plan.osvRefused) this.log('warn', `OSV refused: ${this.plan.osvRefused}`);
    this.updateStatus();
  }

  /**
   * Facts about one project (and `version`, when given). `lockScale`: the version is one of
   * hundreds from a lockfile, so its advisories come from OSV's batched query alone and the JSON
   * API's per-version endpoint (one request per package) is skipped while OSV is on.
   * `transitive`: a package only pulled in by others: the Simple API (versions, yanked, hashes,
   * upload times, per-file provenance) and OSV answer everything its checks read, so the JSON
   * API is not asked at all — a lock then costs one request per name plus a few OSV POSTs.
   * `undeclaredImport`: the name comes from an import no manifest declares and the import map does
   * not know; with a private index configured it is asked of the private indexes only (plan.ts routeFor).
   */
  async lookup(
    rawName: string,
    opts: { version?: string; signal?: AbortSignal; wantProvenance?: boolean; lockScale?: boolean; transitive?: boolean; undeclaredImport?: boolean } = {},
  ): Promise<PackageFacts> {
    const name = normalizeName(rawName);
    if (!isValidName(rawName.trim())) return this.allUnknown(name, 'not a valid project name', opts.version);
    if (this.settings.offline) return this.allUnknown(name, 'offline mode: index lookups are off', opts.version);
    if (this.disposed) return this.allUnknown(name, 'index client disposed', opts.version);
    this.ledger.asked(name);
    try {
      const facts = await this.assemble(name, opts.version?.trim() || undefined, opts.signal, opts.wantProvenance !== false, opts.lockScale === true, opts.transitive === true, opts.undeclaredImport === true);
      this.rememberFacts(facts, opts.version);
      return facts;
    } catch (e) {
      this.log('error', `lookup of ${name} failed: ${(e as Error).stack ?? String(e)}`);
      const failure: LookupFailure = { cause: 'internal error', source: 'pipwatch', hint: 'a bug: please report it' };
      this.ledger.failed(failure, name);
      return this.allUnknown(name, `internal error: ${String(e)}`, opts.version, failure);
    }
  }

  peek(rawName: string, version?: string): PackageFacts | undefined {
    if (this.settings.offline) return undefined;
    const name = normalizeName(rawName);
    const f = this.cache.get<PackageFacts>(this.factsKey(name, version))?.data;
    return f && f.name === name ? f : undefined;
  }

  /** The effective index configuration, redacted, with where each URL came from ([] = the default). */
  describeIndexes(): string[] {
    return describePlan(this.plan);
  }

  status(): IndexStatus {
    return this.current;
  }

  /** The lookups of this client's life that were asked for and could not complete, grouped by source and cause. */
  incomplete(): IncompleteReport {
    return this.ledger.report();
  }

  onStatusChange(cb: (s: IndexStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  stats(): { requests: number; cacheHits: number; inflightShared: number; errors: number } {
    const c = this.http.counters;
    return { requests: c.requests, cacheHits: this.cacheHits, inflightShared: c.inflightShared, errors: c.errors };
  }

  /** Resolves when background refreshes and cache writes have settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background.values()]);
    await this.cache.flush();
  }

  clearCache(): Promise<void> {
    return this.cache.clear();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.osv?.dispose();
    await this.http.close();
    await this.idle();
    this.listeners.clear();
  }

  // --- assembly ------------------------------------------------------------------------------

  private async assemble(name: string, version: string | undefined, signal: AbortSignal | undefined, wantProvenance: boolean, lockScale = false, transitive = false, undeclaredImport = false): Promise<PackageFacts> {
    const plan = planFor(this.plan, name);
    const route = routeFor(plan, name, { undeclaredImport });
    const priv = route.keepPrivate;
    const simple = (ix: IndexRef): Promise<Lookup<SimpleProject>> => {
      const source = `index ${redact(ix.clean)}`;
      if (ix.refused) return Promise.resolve(this.refused(ix.refused, source, name));
      if (priv && ix.isPublic) return Promise.resolve(this.fixed(priv));
      return this.cached('simple', `simple ${ix.clean} ${name}`, (etag, s) => fetchSimple(this.http, ix.clean, name, etag, s), { source, name }, signal, sameProject(name));
    };
    const primaryP = simple(plan.primary);
    const extraPs = plan.extras.map((ix) => simple(ix));
    const extrasP = Promise.all(plan.extras.map(async (ix, i) => ({ indexUrl: redact(ix.clean), result: await extraPs[i]! })));
    // The confusion check reuses the configured public index's answer: no extra request.
    const publicIx = [plan.primary, ...plan.extras].findIndex((r) => r.isPublic);
    const publicP = route.publicConfusion && publicIx >= 0 ? (publicIx === 0 ? primaryP : extraPs[publicIx - 1]) : undefined;
    const base = plan.primary.apiBase && !plan.primary.refused && !(priv && plan.primary.isPublic) ? plan.primary.apiBase : undefined;
    const osvGate: Promise<boolean> | undefined = !this.osv || route.osv === 'never'
      ? undefined
      : route.osv === 'always'
        ? Promise.resolve(true)
        : Promise.all([primaryP, ...extraPs]).then((rs) => {
            const found = (pub: boolean) => rs.some((r, i) => r.state === 'found' && (i === 0 ? plan.primary : plan.extras[i - 1]!).isPublic === pub);
            return found(true) || !found(false); // a name only a private index has stays private
          });
    // OSV answers (name, version) in batches of hundreds; the JSON API needs one request each.
    const jsonVersion = lockScale && osvGate ? undefined : version;
    const jsonP = base && !transitive ? this.jsonFacts(base, name, jsonVersion, signal) : undefined;
    const osvProjectP = osvGate?.then((ok) => (ok ? this.osvLookup(name, undefined, signal) : undefined));
    const osvVersionP = version ? osvGate?.then((ok) => (ok ? this.osvLookup(name, version, signal) : undefined)) : undefined;
    // Every lookup is awaited below, but an early throw must not leave the later ones unhandled.
    for (const p of [extrasP, publicP, jsonP, osvProjectP, osvVersionP]) void p?.catch(() => undefined);
    const primary = capped(await primaryP, version);
    const provP = wantProvenance && primary.state === 'found' ? this.provenance(primary.value, plan.primary, name, signal) : undefined;
    const extras = (await extrasP).map((e) => ({ ...e, result: capped(e.result, version) }));
    const facts: PackageFacts = { name, primary, extras };
    const publicIndexes = [plan.primary, ...plan.extras].filter((r) => r.isPublic).map((r) => redact(r.clean));
    if (publicIndexes.length > 0) facts.publicIndexes = publicIndexes;
    if (publicP) facts.publicPypi = capped(await publicP, version);
    if (jsonP) facts.json = cappedJson(await jsonP, version);
    else if (priv && plan.primary.isPublic && plan.primary.apiBase) facts.json = this.fixed(priv);
    if (provP) facts.provenance = await provP;
    const osvProject = await osvProjectP;
    const osvVersion = await osvVersionP;
    if (osvProject) facts.osvProject = osvProject;
    else if (this.plan.osvRefused) facts.osvProject = this.refused(this.plan.osvRefused, this.osvSource(), name);
    if (osvVersion) facts.osvVersion = osvVersion;
    else if (this.plan.osvRefused && version) facts.osvVersion = this.refused(this.plan.osvRefused, this.osvSource(), name);
    return facts;
  }

  private async jsonFacts(base: string, name: string, version: string | undefined, signal?: AbortSignal): Promise<Lookup<JsonProject>> {
    const ctx = { source: `JSON API ${redact(base)}`, name };
    const projP = this.cached('json', `json ${base} ${name}`, (etag, s) => fetchJsonProject(this.http, base, name, etag, s), ctx, signal, sameProject(name));
    const vulnsP = version
      ? this.cached('json', `jsonv ${base} ${name} ${version}`, (etag, s) => fetchJsonVersionVulns(this.http, base, name, version, etag, s), ctx, signal)
      : undefined;
    const [proj, vulns] = await Promise.all([projP, vulnsP]);
    if (proj.state !== 'found') return proj;
    const m = this.jsonMemo.get(proj);
    if (m && m.vulns === vulns) return m.out;
    // A pinned version whose advisories could not be fetched has unknown vulnerabilities, not none.
    const vulnsUnknown = vulns?.state === 'unknown' && vulns.failure ? vulns.reason : undefined;
    const out: Lookup<JsonProject> = {
      state: 'found',
      value: { ...proj.value, vulnerabilities: vulns?.state === 'found' ? vulns.value : [], ...(vulnsUnknown ? { vulnerabilitiesUnknown: vulnsUnknown } : {}) },
    };
    this.jsonMemo.set(proj, { vulns, out });
    return out;
  }

  private async provenance(p: SimpleProject, ix: IndexRef, name: string, signal?: AbortSignal): Promise<Lookup<ReleaseProvenance[]>> {
    let plans = this.planMemo.get(p);
    if (!plans) this.planMemo.set(p, (plans = planProvenance(p, ix.apiBase, name)));
    if (typeof plans === 'string') return unknown(plans);
    const urls = [...new Set(plans.flatMap((r) => r.fetch))];
    const got = new Map<string, Lookup<FileProvenance>>();
    await Promise.all(
      urls.map(async (u) => {
        const why = refusalReason(u);
        const ctx = { source: `Integrity API ${originOf(u) ?? 'index'}`, name };
        got.set(u, why ? unknown(why) : await this.cached('provenance', `prov ${u}`, (etag, s) => fetchProvenance(this.http, u, etag, s), ctx, signal));
      }),
    );
    const deps = urls.map((u) => got.get(u));
    const m = this.provMemo.get(p);
    if (m && m.deps.length === deps.length && m.deps.every((d, i) => d === deps[i])) return m.out;
    const out = summariseProvenance(plans, (u) => got.get(u));
    this.provMemo.set(p, { deps, out });
    return out;
  }

  private osvLookup(name: string, version: string | undefined, signal?: AbortSignal): Promise<Lookup<OsvRecordRef[]>> {
    const osv = this.osv!;
    return this.cached(
      'osv',
      `osv ${this.plan.osvUrl} ${name} ${version ?? '*'}`,
      async (_etag, s): Promise<Fetched<OsvRecordRef[]>> => {
        const r = await raceAbort(osv.query(name, version), s);
        return { result: r, cacheable: r.state === 'found' };
      },
      { source: this.osvSource(), name },
      signal,
    );
  }

  private osvSource(): string {
    return `OSV ${redact(this.plan.osvUrl ?? '')}`;
  }

  // --- cache policy --------------------------------------------------------------------------

  /** The cache entry under `key`, unless `check` finds its data unusable (then it is discarded). */
  private entry<T>(key: string, check?: (data: Lookup<T>) => string | undefined): CacheEntry<Lookup<T>> | undefined {
    const e = this.cache.get<Lookup<T>>(key);
    const bad = e && check?.(e.data);
    if (!bad) return e;
    this.log('warn', `cache: discarding entry for ${key.split(' ')[0]} lookup: ${bad}`);
    this.cache.discard(key);
    return undefined;
  }

  /** Fresh hit -> cached; stale -> cached now + background refresh; miss -> fetch; error -> stale or unknown. */
  private cached<T>(
    kind: CacheKind,
    key: string,
    fetch: (etag: string | undefined, signal?: AbortSignal) => Promise<Fetched<T>>,
    ctx: LookupCtx,
    signal?: AbortSignal,
    check?: (data: Lookup<T>) => string | undefined,
  ): Promise<Lookup<T>> {
    const e = this.entry(key, check);
    if (e) {
      const ttl = (e.negative ? this.settings.index.ttlSeconds.missing : this.settings.index.ttlSeconds[kind as 'simple']) * 1000;
      const age = this.now() - e.storedAt;
      if (age >= 0 && age < ttl) {
        this.cacheHits++;
        this.ledger.answered(ctx.source, ctx.name);
        return Promise.resolve(e.data);
      }
      if (age >= 0 && age < ttl + STALE_WINDOW_MS) {
        this.cacheHits++;
        this.ledger.answered(ctx.source, ctx.name);
        if (!this.background.has(key) && !this.disposed) {
          const p = this.refresh(kind, key, fetch, ctx, undefined, check).finally(() => this.background.delete(key));
          this.background.set(key, p);
        }
        return Promise.resolve(e.data);
      }
    }
    return this.refresh(kind, key, fetch, ctx, signal, check);
  }

  private async refresh<T>(
    kind: CacheKind,
    key: string,
    fetch: (etag: string | undefined, signal?: AbortSignal) => Promise<Fetched<T>>,
    ctx: LookupCtx,
    signal?: AbortSignal,
    check?: (data: Lookup<T>) => string | undefined,
  ): Promise<Lookup<T>> {
    const e = this.entry(key, check);
    let f: Fetched<T>;
    try {
      f = await fetch(e?.etag, signal);
    } catch (err) {
      const msg = err instanceof FetchError ? err.message : String(err);
      // Transport failures surface once through the breaker status; the rest deserve one line each.
      if (err instanceof FetchError && (err.kind === 'redirect' || err.kind === 'too-large')) this.logOnce(msg);
      if (e) {
        this.log('debug', `serving stale ${kind} entry (${msg})`);
        return e.data; // stale-on-error
      }
      const failure = errorFailure(err);
      if (!failure) return unknown(msg); // cancelled: no answer wanted, no failure either
      return this.failedLookup(msg, failure, ctx);
    }
    if (f.notModified) {
      if (!e) return this.failedLookup('HTTP 304 without a cached entry', { cause: 'HTTP 304 without a cached entry' }, ctx);
      this.ledger.answered(ctx.source, ctx.name);
      void this.cache.set({ ...e, storedAt: this.now() });
      return e.data;
    }
    if (f.cacheable) {
      void this.cache.set({ key, kind, storedAt: this.now(), data: f.result, ...(f.etag ? { etag: f.etag } : {}), ...(f.negative ? { negative: true } : {}) });
    } else if (f.result.state === 'unknown') {
      this.logOnce(f.result.reason); // e.g. HTTP 401 from a private index, an invalid payload
    }
    if (!f.cacheable && e && f.result.state === 'unknown') {
      return e.data; // stale beats unknown
    }
    if (f.result.state === 'unknown' && f.result.failure) return this.failedLookup(f.result.reason, f.result.failure, ctx);
    this.ledger.answered(ctx.source, ctx.name);
    return f.result;
  }

  /** An `unknown` that records a failed lookup of `ctx.name` at `ctx.source`. */
  private failedLookup(reason: string, failure: LookupFailure, ctx: LookupCtx): { state: 'unknown'; reason: string; failure: LookupFailure } {
    const f = { ...failure, source: ctx.source };
    this.ledger.failed(f, ctx.name);
    return { state: 'unknown', reason, failure: f };
  }

  /** A configured URL refused by the transport policy: every lookup it should have made is incomplete. */
  private refused(reason: string, source: string, name: string): { state: 'unknown'; reason: string } {
    const u = this.fixed(reason, { cause: 'URL refused', source, hint: reason });
    this.ledger.failed(u.failure!, name);
    return u;
  }

  private readonly fixedUnknowns = new Map<string, { state: 'unknown'; reason: string; failure?: LookupFailure }>();
  /** One shared object per configuration-decided `unknown`, so warm facts compare by reference. */
  private fixed(reason: string, failure?: LookupFailure): { state: 'unknown'; reason: string; failure?: LookupFailure } {
    let u = this.fixedUnknowns.get(reason);
    if (!u) this.fixedUnknowns.set(reason, (u = failure ? { ...unknown(reason), failure } : unknown(reason)));
    return u;
  }

  private readonly logged = new Set<string>();
  private logOnce(reason: string): void {
    if (this.logged.has(reason) || this.logged.size > 100) return;
    this.logged.add(reason);
    this.log('warn', `index lookup: ${reason}`);
  }

  private factsKey(name: string, version?: string): string {
    return `facts ${planFor(this.plan, name).primary.clean} ${name} ${version?.trim() ?? ''}`;
  }

  /** The last assembled facts, for `peek` (hovers) — also across restarts. */
  private rememberFacts(f: PackageFacts, version?: string): void {
    if (f.primary.state === 'unknown') return;
    const key = this.factsKey(f.name, version);
    const prev = this.cache.get<PackageFacts>(key);
    // Warm lookups return the very same component objects: compare by reference (hot path);
    // only facts read back from disk after a restart need the structural comparison.
    if (prev && sameFacts(prev.data, f)) return;
    if (prev && !this.memoised.has(prev.data) && JSON.stringify(prev.data) === JSON.stringify(f)) {
      this.memoised.add(f);
      void this.cache.set({ ...prev, data: f }); // memory only changes identity; same bytes on disk
      return;
    }
    this.memoised.add(f);
    void this.cache.set({ key, kind: 'facts', storedAt: this.now(), data: f });
  }

  private allUnknown(name: string, reason: string, version?: string, failure?: LookupFailure): PackageFacts {
    const u = failure ? { ...unknown(reason), failure } : unknown(reason);
    return {
      name,
      primary: u,
      extras: this.plan.extras.map((e) => ({ indexUrl: redact(e.clean), result: u })),
      ...(this.plan.anyPrivate ? { publicPypi: u } : {}),
      json: u,
      provenance: u,
      osvProject: u,
      ...(version ? { osvVersion: u } : {}),
    };
  }

  // --- status --------------------------------------------------------------------------------

  private updateStatus(): void {
    const next = computeStatus(this.settings, this.plan, this.breakers, this.ledger.current());
    next.message = next.message && redactText(next.message);
    if (next.state === this.current.state && next.message === this.current.message) return;
    this.current = next;
    this.log(next.state === 'ok' || next.state === 'disabled' ? 'info' : 'warn', `index status: ${next.state}${next.message ? ` — ${next.message}` : ''}`);
    for (const l of this.listeners) l(next);
  }
}

/** Who asked what: the redacted source label and the project, for the failure ledger. */
interface LookupCtx {
  source: string;
  name: string;
}

/** A cached Simple / JSON API answer must be about the project it is filed under (PEP 503 names). */
function sameProject(name: string): (data: Lookup<{ name: string }>) => string | undefined {
  return (d) => (d.state === 'found' && normalizeName(d.value.name) !== name ? `answer names project "${d.value.name.slice(0, 100)}", not ${name}` : undefined);
}

/** Same component objects (warm lookups reuse cached objects and memoised derivations). */
function sameFacts(a: PackageFacts, b: PackageFacts): boolean {
  return (
    a.name === b.name &&
    a.primary === b.primary &&
    a.publicPypi === b.publicPypi &&
    a.json === b.json &&
    a.provenance === b.provenance &&
    a.osvProject === b.osvProject &&
    a.osvVersion === b.osvVersion &&
    a.extras.length === b.extras.length &&
    a.extras.every((e, i) => e.result === b.extras[i].result)
  );
}
