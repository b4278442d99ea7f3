// The index cache (style rule 13): a bounded memory layer over one JSON file per key on disk.
// Each entry holds when it was stored, the ETag for If-None-Match revalidation (RFC 9110 §13.1.2)
// and the validated answer. Writes are atomic (temp file + rename) so a crash never leaves a torn
// entry; a corrupt or foreign file — or one whose `data` fails `validate` (a valid envelope around
// the wrong shape, issue 8 §5) — is deleted and treated as a miss. If the directory cannot be
// written (read-only, ENOSPC, not a directory) the cache logs once and carries on in memory only.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type CacheKind = 'simple' | 'json' | 'provenance' | 'osv' | 'facts';

export interface CacheEntry<T = unknown> {
  key: string;
  kind: CacheKind;
  /** ms since epoch when the answer was fetched or last revalidated. */
  storedAt: number;
  etag?: string;
  /** True for negative answers (404s), which use the shorter `missing` TTL. */
  negative?: boolean;
  data: T;
}

/** The file-system calls the cache makes, injectable so tests can simulate a full disk. */
export interface CacheFs {
  writeFile(p: string, data: string): Promise<void>;
  rename(a: string, b: string): Promise<void>;
}

export interface CacheOptions {
  dir?: string;
  /** Bound on bytes on disk; oldest-used entries are evicted beyond it. */
  maxBytes?: number;
  /** Bound on entries kept in memory. */
  maxMemoryEntries?: number;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', msg: string) => void;
  fs?: CacheFs;
  /** Why the `data` read back from disk under `key` is invalid (undefined when valid). */
  validate?: (key: string, data: unknown) => string | undefined;
}

const FORMAT = 1;

export class IndexCache {
  private readonly mem = new Map<string, CacheEntry>();
  private readonly dir: string | undefined;
  private diskOk: boolean;
  private readonly maxBytes: number;
  private readonly maxMem: number;
  private readonly fsx: CacheFs;
  /** file name -> [size, last use] for eviction; filled lazily from a directory scan. */
  private sizes: Map<string, { size: number; used: number }> | undefined;
  private total = 0;
  private pending = new Set<Promise<void>>();
  private reported = false;
  /** File names present on disk (listed once at start): a miss costs no system call. */
  private present: Set<string> | undefined;
  private tmpSeq = 0;

  constructor(private readonly opts: CacheOptions = {}) {
    this.dir = opts.dir ? path.join(opts.dir, `index-v${FORMAT}`) : undefined;
    this.diskOk = this.dir !== undefined;
    this.maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
    this.maxMem = opts.maxMemoryEntries ?? 5000;
    // Callback fs (not fs.promises): no FileHandle objects per write, noticeably cheaper in bulk.
    this.fsx = opts.fs ?? {
      writeFile: (p, d) => new Promise((res, rej) => fs.writeFile(p, d, (e) => (e ? rej(e) : res()))),
      rename: (a, b) => new Promise((res, rej) => fs.rename(a, b, (e) => (e ? rej(e) : res()))),
    };
    if (this.dir) {
      try {
        fs.mkdirSync(this.dir, { recursive: true });
      } catch (e) {
        this.goMemoryOnly(e);
      }
      try {
        this.present = new Set(fs.readdirSync(this.dir).filter((f) => f.endsWith('.json')));
      } catch {
        this.present = new Set();
      }
    }
  }

  get onDisk(): boolean {
    return this.diskOk;
  }

  private fileFor(key: string): string {
    return path.join(this.dir!, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  private remember(e: CacheEntry): void {
    this.mem.delete(e.key); // re-insert: Map order is our LRU order
    this.mem.set(e.key, e);
    while (this.mem.size > this.maxMem) this.mem.delete(this.mem.keys().next().value as string);
  }

  /** Memory first, then a synchronous disk read (entries are small; hovers need an answer now). */
  get<T>(key: string): CacheEntry<T> | undefined {
    const m = this.mem.get(key);
    if (m) {
      this.remember(m);
      return m as CacheEntry<T>;
    }
    if (!this.dir) return undefined;
    const file = this.fileFor(key);
    if (this.present && !this.present.has(path.basename(file))) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const e = parseEntry(text, key);
    const invalid = e ? this.opts.validate?.(key, e.data) : 'not a cache entry';
    if (!e || invalid) {
      this.opts.log?.('warn', `cache: discarding corrupt entry ${path.basename(file)} (${invalid})`);
      this.removeFile(file);
      return undefined;
    }
    this.remember(e);
    const s = this.sizes?.get(path.basename(file));
    if (s) s.used = Date.now();
    return e as CacheEntry<T>;
  }

  /** Forget `key` in memory and on disk (the caller found its data unusable). */
  discard(key: string): void {
    this.mem.delete(key);
    if (this.dir) this.removeFile(this.fileFor(key));
  }

  private removeFile(file: string): void {
    this.present?.delete(path.basename(file));
    try {
      fs.rmSync(file, { force: true });
    } catch {
      /* already gone or read-only: a miss either way */
    }
  }

  /** Store in memory at once and on disk in the background (awaitable through `flush`). */
  set(e: CacheEntry): Promise<void> {
    this.remember(e);
    if (!this.diskOk || !this.dir) return Promise.resolve();
    const p = this.write(e).finally(() => this.pending.delete(p));
    this.pending.add(p);
    return p;
  }

  private async write(e: CacheEntry): Promise<void> {
    const file = this.fileFor(e.key);
    const tmp = `${file}.${process.pid}.${++this.tmpSeq}.tmp`;
    const text = JSON.stringify({ format: FORMAT, ...e });
    try {
      await this.fsx.writeFile(tmp, text);
      await this.fsx.rename(tmp, file);
      this.present?.add(path.basename(file));
    } catch (err) {
      fs.rm(tmp, { force: true }, () => undefined);
      this.goMemoryOnly(err);
      return;
    }
    await this.account(path.basename(file), Buffer.byteLength(text));
  }

  private goMemoryOnly(err: unknown): void {
    if (this.reported) return;
    this.reported = true;
    this.diskOk = false;
    const code = (err as NodeJS.ErrnoException)?.code ?? String(err);
    this.opts.log?.('warn', `cache: cannot write ${this.opts.dir} (${code}); continuing with an in-memory cache`);
  }

  private scanning: Promise<void> | undefined;

  /** One directory scan, shared by concurrent first writes. */
  private scan(): Promise<void> {
    this.scanning ??= (async () => {
      const sizes = new Map<string, { size: number; used: number }>();
      let total = 0;
      try {
        for (const f of await fs.promises.readdir(this.dir!)) {
          if (!f.endsWith('.json')) continue;
          const st = await fs.promises.stat(path.join(this.dir!, f)).catch(() => undefined);
          if (st) {
            sizes.set(f, { size: st.size, used: st.mtimeMs });
            total += st.size;
          }
        }
      } catch {
        /* directory vanished: start counting from zero */
      }
      this.sizes = sizes;
      this.total = total;
    })();
    return this.scanning;
  }

  private async account(name: string, size: number): Promise<void> {
    if (!this.sizes) await this.scan();
    if (!this.sizes) return;
    const prev = this.sizes.get(name);
    if (prev) this.total -= prev.size;
    this.sizes.set(name, { size, used: Date.now() });
    this.total += size;
    if (this.total <= this.maxBytes) return;
    // LRU-ish: evict least recently used files until 90% of the bound.
    const order = [...this.sizes.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [f, s] of order) {
      if (this.total <= this.maxBytes * 0.9 || f === name) continue;
      await fs.promises.rm(path.join(this.dir!, f), { force: true }).catch(() => undefined);
      this.present?.delete(f);
      this.sizes.delete(f);
      this.total -= s.size;
    }
  }

  /** Total bytes on disk as far as the cache knows (after at least one write). */
  get diskBytes(): number {
    return this.total;
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async clear(): Promise<void> {
    await this.flush();
    this.mem.clear();
    if (this.dir) {
      await fs.promises.rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
      this.present?.clear();
      try {
        fs.mkdirSync(this.dir, { recursive: true });
      } catch {
        /* reported on the next write */
      }
      if (this.sizes) {
        this.sizes.clear();
        this.total = 0;
      }
    }
  }
}

function parseEntry(text: string, key: string): CacheEntry | undefined {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const kinds = ['simple', 'json', 'provenance', 'osv', 'facts'];
    if (o.format !== FORMAT || o.key !== key || typeof o.storedAt !== 'number' || !kinds.includes(o.kind as string)) return undefined;
    if (!('data' in o) || (o.etag !== undefined && typeof o.etag !== 'string')) return undefined;
    return { key, kind: o.kind as CacheKind, storedAt: o.storedAt, data: o.data, ...(o.etag ? { etag: o.etag as string } : {}), ...(o.negative ? { negative: true } : {}) };
  } catch {
    return undefined;
  }
}
