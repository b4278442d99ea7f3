// The only network code in Pipwatch: one keep-alive undici Agent, a concurrency bound, per-attempt
// timeouts, retries with exponential backoff + jitter (honouring Retry-After, RFC 9110 §10.2.3),
// a response-size cap, same-origin redirects only, per-origin credentials, a circuit breaker,
// and sharing of identical in-flight requests.
import { Agent, request } from 'undici';
import { onAbort } from './abort';
import type { Breakers } from './breaker';
import { redact, stripUserinfo } from './urls';

export type FailKind = 'network' | 'timeout' | 'too-large' | 'redirect' | 'refused' | 'breaker' | 'aborted' | 'http';

export class FetchError extends Error {
  constructor(
    readonly kind: FailKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  accept: string;
  etag?: string;
  body?: string;
  signal?: AbortSignal;
  /** Never attach credentials (OSV and other public services). */
  anonymous?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Final URL after same-origin redirects (without userinfo). */
  url: string;
  etag?: string;
  contentType?: string;
  body: string;
}

export interface HttpOptions {
  /** Concurrent requests per origin. */
  concurrency: number;
  /** Concurrent requests per public origin (public PyPI, OSV), when `isPublicOrigin` says so. */
  publicConcurrency?: number;
  isPublicOrigin?: (origin: string) => boolean;
  timeoutMs: number;
  userAgent: string;
  maxBytes: number;
  maxAttempts: number;
  backoffMs: number;
  retryAfterCapMs: number;
  maxRedirects: number;
  /** Authorization header per origin; nothing else ever gets one. */
  credentials: Map<string, string>;
  breakers: Breakers;
  log: (level: 'error' | 'warn' | 'info' | 'debug', msg: string) => void;
}

class Semaphore {
  private active = 0;
  private readonly queue: { go: () => void }[] = [];
  constructor(private readonly limit: number) {}

  acquire(signal?: AbortSignal): Promise<() => void> {
    const release = (): void => {
      this.active--;
      this.queue.shift()?.go();
    };
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      let off = (): void => undefined;
      const waiter = {
        go: () => {
          off();
          this.active++;
          resolve(release);
        },
      };
      this.queue.push(waiter);
      if (signal) {
        off = onAbort(signal, () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new FetchError('aborted', 'request cancelled'));
        });
      }
    });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FetchError('aborted', 'request cancelled'));
    const t = setTimeout(() => {
      off?.();
      resolve();
    }, ms);
    const off = signal
      ? onAbort(signal, () => {
          clearTimeout(t);
          reject(new FetchError('aborted', 'request cancelled'));
        })
      : undefined;
  });
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(v: string | undefined, now = Date.now()): number | undefined {
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return parseInt(v, 10) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

interface Shared {
  promise: Promise<HttpResponse>;
  controller: AbortController;
  refs: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class Http {
  private readonly agent: Agent;
  /** One bound per origin: a slow private index never holds back public PyPI, and each host
   *  sees at most its own limit. */
  private readonly sems = new Map<string, Semaphore>();
  private readonly inflight = new Map<string, Shared>();
  readonly counters = { requests: 0, inflightShared: 0, errors: 0 };

  constructor(private readonly o: HttpOptions) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: Math.max(o.concurrency, o.publicConcurrency ?? 0),
      connect: { timeout: o.timeoutMs },
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    });
  }

  /** Perform a request; identical concurrent requests share one network exchange. */
  request(req: HttpRequest): Promise<HttpResponse> {
    const key = `${req.method ?? 'GET'} ${stripUserinfo(req.url)} ${req.accept} ${req.etag ?? ''} ${req.anonymous ? 'anon' : ''} ${req.body ?? ''}`;
    let s = this.inflight.get(key);
    if (s) {
      this.counters.inflightShared++;
    } else {
      const controller = new AbortController();
      const shared: Shared = { controller, refs: 0, promise: this.run(req, controller.signal) };
      shared.promise.catch(() => undefined).finally(() => this.inflight.delete(key));
      this.inflight.set(key, shared);
      s = shared;
    }
    return this.join(s, req.signal);
  }

  private join(s: Shared, signal?: AbortSignal): Promise<HttpResponse> {
    s.refs++;
    const leave = (): void => {
      if (--s.refs === 0) s.controller.abort();
    };
    if (!signal) return s.promise;
    if (signal.aborted) {
      leave();
      return Promise.reject(new FetchError('aborted', 'request cancelled'));
    }
    return new Promise((resolve, reject) => {
      const off = onAbort(signal, () => {
        leave();
        reject(new FetchError('aborted', 'request cancelled'));
      });
      s.promise.then(
        (v) => (off(), resolve(v)),
        (e: unknown) => (off(), reject(e)),
      );
    });
  }

  private async run(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    let url = stripUserinfo(req.url);
    const origin = new URL(url).origin;
    const seen = new Set<string>([url]);
    let attempt = 1;
    for (;;) {
      if (signal.aborted) throw new FetchError('aborted', 'request cancelled');
      if (!this.o.breakers.admit(origin)) {
        throw new FetchError('breaker', `${origin} is paused after repeated failures`);
      }
      let res: HttpResponse & { retryAfter?: string; location?: string };
      try {
        res = await this.once(url, req, signal);
      } catch (e) {
        const err = e instanceof FetchError ? e : new FetchError('network', String(e));
        if (err.kind === 'aborted') {
          this.o.breakers.release(origin);
          throw err;
        }
        this.counters.errors++;
        if (err.kind === 'network' && attempt < this.o.maxAttempts) {
          this.o.breakers.release(origin);
          await sleep(this.backoff(attempt++), signal);
          continue;
        }
        if (err.kind === 'network' || err.kind === 'timeout') this.o.breakers.failure(origin, err.message);
        else this.o.breakers.release(origin);
        throw err;
      }
      if (REDIRECTS.has(res.status) && res.location) {
        this.o.breakers.success(origin);
        let next: URL;
        try {
          next = new URL(res.location, url);
        } catch {
          throw new FetchError('redirect', `bad redirect Location from ${redact(url)}`);
        }
        // Only same-origin redirects: credentials and trust are per origin (PyPI 301s non-normalised names).
        if (next.origin !== origin) {
          this.counters.errors++;
          throw new FetchError('redirect', `redirect from ${redact(url)} to another origin (${redact(next.origin)}) refused`);
        }
        const n = next.toString();
        if (seen.has(n) || seen.size > this.o.maxRedirects) {
          this.counters.errors++;
          throw new FetchError('redirect', `redirect loop at ${redact(url)}`);
        }
        seen.add(n);
        url = n;
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        this.counters.errors++;
        if (attempt < this.o.maxAttempts) {
          this.o.breakers.release(origin);
          const ra = parseRetryAfter(res.retryAfter);
          const wait = ra !== undefined ? Math.min(ra, this.o.retryAfterCapMs) : this.backoff(attempt);
          this.o.log('debug', `HTTP ${res.status} from ${redact(url)}; retry ${attempt} in ${Math.round(wait)} ms`);
          attempt++;
          await sleep(wait, signal);
          continue;
        }
        this.o.breakers.failure(origin, `HTTP ${res.status}`);
        throw new FetchError('http', `HTTP ${res.status} from ${redact(url)}`, res.status);
      }
      this.o.breakers.success(origin);
      return { status: res.status, url, etag: res.etag, contentType: res.contentType, body: res.body };
    }
  }

  private backoff(attempt: number): number {
    return this.o.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
  }

  private semaphore(origin: string): Semaphore {
    let s = this.sems.get(origin);
    if (!s) {
      const limit = this.o.publicConcurrency && this.o.isPublicOrigin?.(origin) ? this.o.publicConcurrency : this.o.concurrency;
      this.sems.set(origin, (s = new Semaphore(limit)));
    }
    return s;
  }

  private async once(
    url: string,
    req: HttpRequest,
    signal: AbortSignal,
  ): Promise<HttpResponse & { retryAfter?: string; location?: string }> {
    const release = await this.semaphore(new URL(url).origin).acquire(signal);
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.o.timeoutMs);
    const off = onAbort(signal, () => ctl.abort());
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, accept: req.accept };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const auth = req.anonymous ? undefined : this.o.credentials.get(new URL(url).origin);
    if (auth) headers.authorization = auth;
    try {
      this.counters.requests++;
      const res = await request(url, {
        dispatcher: this.agent,
        method: req.method ?? 'GET',
        headers,
        body: req.body,
        signal: ctl.signal,
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
      });
      const h = (n: string): string | undefined => {
        const v = res.headers[n];
        return Array.isArray(v) ? v[0] : v;
      };
      const declared = Number(h('content-length'));
      const tooLarge = (): FetchError => new FetchError('too-large', `response from ${redact(url)} exceeds ${this.o.maxBytes} bytes`);
      if (Number.isFinite(declared) && declared > this.o.maxBytes) {
        res.body.destroy();
        throw tooLarge();
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const c of res.body) {
        total += (c as Buffer).length;
        if (total > this.o.maxBytes) {
          res.body.destroy();
          throw tooLarge();
        }
        chunks.push(c as Buffer);
      }
      return {
        status: res.statusCode,
        url,
        etag: h('etag'),
        contentType: h('content-type'),
        retryAfter: h('retry-after'),
        location: h('location'),
        body: Buffer.concat(chunks).toString('utf8'),
      };
    } catch (e) {
      if (e instanceof FetchError) throw e;
      if (signal.aborted) throw new FetchError('aborted', 'request cancelled');
      const code = (e as { code?: string }).code ?? '';
      if (timedOut || /TIMEOUT/.test(code)) throw new FetchError('timeout', `timed out after ${this.o.timeoutMs} ms: ${redact(url)}`);
      throw new FetchError('network', `${code || (e as Error).message || 'network error'}: ${redact(url)}`);
    } finally {
      clearTimeout(timer);
      off();
      release();
    }
  }

  async close(): Promise<void> {
    for (const s of this.inflight.values()) s.controller.abort();
    await this.agent.close().catch(() => this.agent.destroy());
  }
}

/** Settle with `p`, or reject as cancelled when `signal` aborts first. */
export function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new FetchError('aborted', 'request cancelled'));
  return new Promise<T>((resolve, reject) => {
    const off = onAbort(signal, () => reject(new FetchError('aborted', 'request cancelled')));
    p.then(resolve, reject).finally(off);
  });
}
