// A fake package index on 127.0.0.1 (random port) speaking the Simple API (JSON + HTML with PEP 691
// content negotiation), the PyPI JSON API, the Integrity API and OSV, with per-path fault
// injection. Tests drive the real undici client against it; nothing here is mocked.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { publicData } from './fixtures';
import type { FakeIndexData, FakeProject } from './model';
import { normalize } from './model';
import { jsonApi, osvRecord, provenance, simpleHtml, simpleJson, simpleRootHtml } from './payloads';

export type Fault = (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'invalid-json' }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'drip'; intervalMs: number }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'redirect-loop' }
) & { /** Fire this many times, then pass through (default: always). */ times?: number };

export interface FakeRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body?: string;
  /** Status sent, once the response finished. */
  status?: number;
}

export interface FakeIndexOptions {
  data?: FakeIndexData;
  now?: number;
  /** Added before every response. */
  latencyMs?: number;
  /** Serve only PEP 503 HTML (like many private indexes). */
  htmlOnly?: boolean;
  /** OSV results per page before a `next_page_token`. */
  osvPageSize?: number;
  /** Require HTTP Basic auth on every path. */
  auth?: { username: string; password: string };
}

export interface FakeIndex {
  url: string;
  simpleUrl: string;
  osvUrl: string;
  requests: FakeRequest[];
  data: FakeIndexData;
  /** Highest number of requests being handled at once since the last reset. */
  readonly maxInFlight: number;
  reset(): void;
  setFault(path: string | RegExp, fault: Fault): void;
  close(): Promise<void>;
}

const SIMPLE_TYPES: Record<string, 'json' | 'html'> = {
  'application/vnd.pypi.simple.v1+json': 'json',
  'application/vnd.pypi.simple.latest+json': 'json',
  'application/vnd.pypi.simple.v1+html': 'html',
  'application/vnd.pypi.simple.latest+html': 'html',
  'text/html': 'html',
  '*/*': 'html',
};

/** PEP 691 server-side negotiation: highest q wins, ties go to the first listed. */
export function negotiate(accept: string | undefined, htmlOnly = false): { form: 'json' | 'html'; type: string } | undefined {
  if (!accept) return { form: 'html', type: 'text/html' };
  let best: { form: 'json' | 'html'; type: string; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [t, ...params] = part.trim().split(';');
    const type = t.trim().toLowerCase();
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    const form = SIMPLE_TYPES[type];
    if (!form || !(q > 0) || (htmlOnly && form === 'json')) continue;
    if (!best || q > best.q) best = { form, type: type === '*/*' ? 'text/html' : type, q };
  }
  return best;
}

export async function startFakeIndex(opts: FakeIndexOptions = {}): Promise<FakeIndex> {
  const data = opts.data ?? publicData(opts.now);
  const byName = new Map<string, FakeProject>(data.projects.map((p) => [normalize(p.name), p]));
  const requests: FakeRequest[] = [];
  let faults: { match: string | RegExp; fault: Fault }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<import('node:net').Socket>();
  let origin = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      const path = (req.url ?? '/').split('?')[0];
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: FakeRequest = { method: req.method ?? 'GET', path, headers: req.headers, ...(body ? { body } : {}) };
      requests.push(entry);
      res.on('finish', () => (entry.status = res.statusCode));
      void handle(req, res, path, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const takeFault = (path: string): Fault | undefined => {
    const i = faults.findIndex((f) => (typeof f.match === 'string' ? f.match === path : f.match.test(path)));
    if (i < 0) return undefined;
    const f = faults[i].fault;
    if (f.times !== undefined && --f.times <= 0) faults.splice(i, 1);
    return f;
  };

  const send = (res: http.ServerResponse, status: number, type: string, text: string, extra: Record<string, string> = {}, etagReq?: string): void => {
    const etag = `"${createHash('sha256').update(text).digest('hex').slice(0, 20)}"`;
    if (status === 200 && etagReq && etagReq === etag) {
      res.writeHead(304, { etag, ...extra });
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...(status === 200 ? { etag } : {}), ...extra });
    res.end(text);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string): Promise<void> {
    if (opts.latencyMs) await delay(opts.latencyMs);
    let fault = takeFault(path);
    if (fault?.kind === 'latency') {
      await delay(fault.ms);
      fault = undefined;
    }
    if (fault) return applyFault(req, res, path, fault, body);
    if (opts.auth) {
      const want = `Basic ${Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== want) return send(res, 401, 'text/plain', 'Unauthorized', { 'www-authenticate': 'Basic realm="fake"' });
    }
    const r = route(req, path, body);
    send(res, r.status, r.type, r.text, r.headers ?? {}, req.headers['if-none-match']);
  }

  function applyFault(req: http.IncomingMessage, res: http.ServerResponse, path: string, f: Fault, body: string): void {
    const real = route(req, path, body);
    switch (f.kind) {
      case 'status':
        return send(res, f.status, 'application/json', f.body ?? JSON.stringify({ message: `fault ${f.status}` }), f.retryAfter ? { 'retry-after': f.retryAfter } : {});
      case 'reset':
        req.socket.destroy();
        return;
      case 'truncate':
        res.writeHead(200, { 'content-type': real.type, 'content-length': Buffer.byteLength(real.text) });
        res.write(real.text.slice(0, Math.floor(real.text.length / 2)));
        setTimeout(() => req.socket.destroy(), 5);
        return;
      case 'invalid-json':
        return send(res, 200, real.type, `${real.text.slice(0, 40)} this is not json ]]`);
      case 'oversize': {
        res.writeHead(200, { 'content-type': real.type });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < f.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      case 'drip': {
        res.writeHead(200, { 'content-type': real.type });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= real.text.length) {
            clearInterval(t);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(real.text[i++]);
        }, f.intervalMs);
        res.on('close', () => clearInterval(t));
        return;
      }
      case 'redirect':
        res.writeHead(f.status ?? 302, { location: f.location });
        return void res.end();
      case 'redirect-loop':
        res.writeHead(302, { location: path.endsWith('/') ? path.slice(0, -1) + '-loop/' : `${path}-loop` });
        faults.push({ match: path.endsWith('/') ? path.slice(0, -1) + '-loop/' : `${path}-loop`, fault: { kind: 'redirect', location: path } });
        return void res.end();
      case 'latency':
        return;
    }
  }

  type Routed = { status: number; type: string; text: string; headers?: Record<string, string> };
  const json = (status: number, v: unknown, type = 'application/json'): Routed => ({ status, type, text: JSON.stringify(v) });
  const notFound: Routed = { status: 404, type: 'application/json', text: JSON.stringify({ message: 'Not Found' }) };
  const moved = (loc: string): Routed => ({ status: 301, type: 'text/html', text: '', headers: { location: loc } });

  function route(req: http.IncomingMessage, path: string, body: string): Routed {
    let m: RegExpExecArray | null;
    if (path === '/simple/') return { status: 200, type: 'text/html', text: simpleRootHtml(data.projects) };
    if ((m = /^\/simple\/([^/]+)(\/?)$/.exec(path))) {
      const raw = decodeURIComponent(m[1]);
      const norm = normalize(raw);
      if (raw !== norm || !m[2]) return moved(`/simple/${norm}/`); // PEP 503: redirect to the normalised URL
      const p = byName.get(norm);
      const neg = negotiate(req.headers.accept, opts.htmlOnly);
      if (!neg) return { status: 406, type: 'text/plain', text: 'Not Acceptable' };
      if (!p) return { status: 404, type: 'text/html', text: '<html><body>Not Found</body></html>' };
      if (neg.form === 'json') return json(200, simpleJson(origin, p), 'application/vnd.pypi.simple.v1+json');
      return { status: 200, type: neg.type === 'text/html' ? 'text/html; charset=utf-8' : neg.type, text: simpleHtml(origin, p) };
    }
    if ((m = /^\/pypi\/([^/]+)\/(?:([^/]+)\/)?json$/.exec(path))) {
      const raw = decodeURIComponent(m[1]);
      const norm = normalize(raw);
      if (raw !== norm) return moved(`/pypi/${norm}/${m[2] ? `${m[2]}/` : ''}json`);
      const p = byName.get(norm);
      // PyPI's JSON API answers 404 for quarantined projects (pypi-api.md).
      if (!p || p.status?.status === 'quarantined') return notFound;
      const payload = jsonApi(origin, p, m[2] ? decodeURIComponent(m[2]) : undefined);
      return payload ? json(200, payload) : notFound;
    }
    if ((m = /^\/integrity\/([^/]+)\/([^/]+)\/([^/]+)\/provenance$/.exec(path))) {
      const p = byName.get(normalize(decodeURIComponent(m[1])));
      const f = p?.releases.find((r) => r.version === decodeURIComponent(m![2]))?.files.find((x) => x.filename === decodeURIComponent(m![3]));
      if (f?.provenance === 'forbidden') return json(403, { message: 'Attestations are disabled for this project' });
      if (!f || !f.provenance) return json(404, { message: `No provenance available for ${decodeURIComponent(m[3])}` });
      return json(200, provenance(f), 'application/vnd.pypi.integrity.v1+json');
    }
    if (path === '/v1/querybatch' && req.method === 'POST') return osvBatch(body);
    if ((m = /^\/v1\/vulns\/([^/]+)$/.exec(path))) {
      const r = data.osv.find((x) => x.id === decodeURIComponent(m![1]));
      return r ? json(200, osvRecord(r)) : json(404, { code: 5, message: 'Bug not found.' });
    }
    return notFound;
  }

  function osvBatch(body: string): Routed {
    let q: { queries?: { package?: { name?: string; ecosystem?: string }; version?: string; page_token?: string }[] };
    try {
      q = JSON.parse(body) as typeof q;
    } catch {
      return json(400, { code: 3, message: 'Invalid JSON' });
    }
    if (!Array.isArray(q.queries)) return json(400, { code: 3, message: 'queries required' });
    const size = opts.osvPageSize ?? 1000;
    const results = q.queries.map((qq) => {
      const name = normalize(qq.package?.name ?? '');
      const hits = data.osv.filter((r) => normalize(r.package) === name && (!qq.version || !r.versions || r.versions.includes(qq.version)));
      const start = qq.page_token ? Number(Buffer.from(qq.page_token, 'base64').toString()) : 0;
      const page = hits.slice(start, start + size);
      if (!page.length) return {};
      const more = start + size < hits.length;
      return { vulns: page.map((r) => ({ id: r.id, modified: r.modified })), ...(more ? { next_page_token: Buffer.from(String(start + size)).toString('base64') } : {}) };
    });
    return json(200, { results });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    simpleUrl: `${origin}/simple/`,
    osvUrl: origin,
    requests,
    data,
    get maxInFlight() {
      return maxInFlight;
    },
    reset() {
      requests.length = 0;
      faults = [];
      maxInFlight = inFlight;
    },
    setFault(path, fault) {
      faults.push({ match: path, fault: { ...fault } });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
