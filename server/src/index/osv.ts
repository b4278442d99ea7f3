// OSV lookups batched: queries that arrive within a short window go out as one
// `POST /v1/querybatch` (https://google.github.io/osv.dev/post-v1-querybatch/), results in input
// order; a result with `next_page_token` is asked again with that token until exhausted.
import type { Lookup, LookupFailure, OsvRecordRef } from './facts';
import { errorFailure, httpFailure, invalidAnswer } from './failure';
import { FetchError, type Http } from './http';
import { osvBatch, parseJson } from './schema';

interface Query {
  name: string;
  version?: string;
  pageToken?: string;
  acc: OsvRecordRef[];
  pages: number;
  resolve: (r: Lookup<OsvRecordRef[]>) => void;
}

export interface OsvOptions {
  http: Http;
  osvUrl: string;
  /** Collect queries for this long before sending (ms). */
  windowMs?: number;
  maxBatch?: number;
  maxPages?: number;
}

export class OsvBatcher {
  private queue: Query[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly stats = { batches: 0 };

  constructor(private readonly o: OsvOptions) {}

  /** Never rejects: failures become `unknown`. */
  query(name: string, version?: string): Promise<Lookup<OsvRecordRef[]>> {
    return new Promise((resolve) => this.enqueue({ name, version, acc: [], pages: 0, resolve }));
  }

  private enqueue(q: Query): void {
    this.queue.push(q);
    if (this.queue.length >= (this.o.maxBatch ?? 500)) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.o.windowMs ?? 15);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, this.o.maxBatch ?? 500);
    if (batch.length) void this.send(batch);
    if (this.queue.length) this.timer = setTimeout(() => this.flush(), 0);
  }

  private async send(batch: Query[]): Promise<void> {
    this.stats.batches++;
    const body = JSON.stringify({
      queries: batch.map((q) => ({
        package: { name: q.name, ecosystem: 'PyPI' },
        ...(q.version ? { version: q.version } : {}),
        ...(q.pageToken ? { page_token: q.pageToken } : {}),
      })),
    });
    const fail = (reason: string, failure?: LookupFailure): void => batch.forEach((q) => q.resolve({ state: 'unknown', reason, ...(failure ? { failure } : {}) }));
    let text: string;
    try {
      const res = await this.o.http.request({ url: `${this.o.osvUrl.replace(/\/+$/, '')}/v1/querybatch`, method: 'POST', accept: 'application/json', body, anonymous: true });
      if (res.status !== 200) return fail(`OSV answered HTTP ${res.status}`, httpFailure(res.status));
      text = res.body;
    } catch (e) {
      return fail(`OSV unavailable: ${e instanceof FetchError ? e.message : String(e)}`, errorFailure(e));
    }
    const parsed = parseJson(text, osvBatch);
    if (!parsed.ok) return fail(`OSV payload invalid: ${parsed.error}`, invalidAnswer());
    if (parsed.value.results.length !== batch.length) return fail('OSV payload invalid: result count differs from query count', invalidAnswer());
    batch.forEach((q, i) => {
      const r = parsed.value.results[i];
      for (const v of r.vulns ?? []) q.acc.push({ id: v.id, ...(v.modified ? { modified: v.modified } : {}) });
      if (r.next_page_token && q.pages < (this.o.maxPages ?? 10)) {
        q.pageToken = r.next_page_token;
        q.pages++;
        this.enqueue(q);
      } else {
        q.resolve({ state: 'found', value: q.acc });
      }
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const q of this.queue.splice(0)) q.resolve({ state: 'unknown', reason: 'client disposed' });
  }
}
