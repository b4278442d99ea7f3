// Hand-written validators for every payload the index client reads (style rule 12): unknown
// extra fields pass, a missing or mistyped required field yields an error string that the client
// turns into a clean `unknown`, never a crash. Types are derived from the validators (`Infer`).

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };
export type Validator<T> = ((v: unknown, path: string) => Check<T>) & { optional?: boolean };
export type Infer<V> = V extends Validator<infer T> ? T : never;

// Paths are built only for a failure: a payload with 10^5 files would otherwise build a path
// string per field it checks (`files[81234].hashes.sha256`), which cost as much as JSON.parse.
// A container hands its items the relative path REL; a failure under it reads `\0<rest>` and the
// container puts its own path in front on the way out (`within`). A path string that starts with
// REL is itself relative, so custom validators (cached-schema.ts lookupOf) compose the same way.
const REL = '\u0000';

const fail = (path: string, what: string): { ok: false; error: string } => ({ ok: false, error: `${path || 'payload'}: ${what}` });

/** A failure of an item at `seg` (`.key` or `[i]`) under `path`, with the path resolved when known. */
function within(r: { ok: false; error: string }, path: string, seg: string): { ok: false; error: string } {
  if (r.error[0] !== REL) return r;
  const rel = seg + r.error.slice(1);
  // At the top (path ''): `info.version`, `[0]`, not `.info.version`.
  return { ok: false, error: path !== '' ? path + rel : rel[0] === '.' ? rel.slice(1) : rel };
}

export const str: Validator<string> = (v, p) => (typeof v === 'string' ? { ok: true, value: v } : fail(p, 'expected a string'));
export const num: Validator<number> = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? { ok: true, value: v } : fail(p, 'expected a number');
export const bool: Validator<boolean> = (v, p) => (typeof v === 'boolean' ? { ok: true, value: v } : fail(p, 'expected a boolean'));
export const any: Validator<unknown> = (v) => ({ ok: true, value: v });

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (v, p) => (v === null ? { ok: true, value: null } : inner(v, p));
}

/** A field that may be absent (undefined). */
export function opt<T>(inner: Validator<T>): Validator<T | undefined> {
  const f: Validator<T | undefined> = (v, p) => (v === undefined ? { ok: true, value: undefined } : inner(v, p));
  f.optional = true;
  return f;
}

export function oneOf<A, B>(a: Validator<A>, b: Validator<B>): Validator<A | B> {
  return (v, p) => {
    const ra = a(v, p);
    return ra.ok ? ra : b(v, p);
  };
}

export function arr<T>(item: Validator<T>): Validator<T[]> {
  return (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'expected an array');
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i], REL);
      if (!r.ok) return within(r, p, `[${i}]`);
      out.push(r.value);
    }
    return { ok: true, value: out };
  };
}

/** An object used as a map (`hashes`, `project_urls`, `releases`). */
export function record<T>(value: Validator<T>): Validator<Record<string, T>> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'expected an object');
    const src = v as Record<string, unknown>;
    const out: Record<string, T> = {};
    for (const k of Object.keys(src)) {
      const r = value(src[k], REL);
      if (!r.ok) return within(r, p, `.${k}`);
      out[k] = r.value;
    }
    return { ok: true, value: out };
  };
}

type Shape = Record<string, Validator<unknown>>;
type OptKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ReqKeys<S extends Shape> = Exclude<keyof S, OptKeys<S>>;
export type ObjOf<S extends Shape> = { [K in ReqKeys<S>]: Infer<S[K]> } & { [K in OptKeys<S>]?: Infer<S[K]> };

export function obj<S extends Shape>(shape: S): Validator<ObjOf<S>> {
  const fields = Object.entries(shape);
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'expected an object');
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, check] of fields) {
      const x = src[k];
      if (x === undefined && !check.optional && !(k in src)) return fail(p, `missing required field "${k}"`);
      const r = check(x, REL);
      if (!r.ok) return within(r, p, `.${k}`);
      if (r.value !== undefined) out[k] = r.value;
    }
    return { ok: true, value: out as ObjOf<S> };
  };
}

/** Parse JSON text and validate it; never throws. */
export function parseJson<T>(text: string, v: Validator<T>): Check<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `invalid JSON (${(e as Error).message.slice(0, 80)})` };
  }
  return v(data, '');
}

// --- PEP 691 JSON Simple API (api-version 1.x) --------------------------------------------------
const optStr = opt(nullable(str));
export const simpleFile = obj({
  filename: str,
  url: str,
  hashes: record(str),
  'requires-python': optStr,
  size: opt(nullable(num)),
  'upload-time': optStr,
  yanked: opt(oneOf(bool, str)),
  provenance: opt(nullable(str)),
});
/** PEP 792 puts the status in `project-status`; one spec example has it inside `meta` as strings. */
export const simpleProject = obj({
  meta: obj({ 'api-version': str, '_last-serial': opt(num), 'project-status': opt(str), 'project-status-reason': opt(str) }),
  name: str,
  'project-status': opt(obj({ status: str, reason: opt(nullable(str)) })),
  versions: opt(arr(str)),
  files: arr(simpleFile),
});
export type SimpleProjectPayload = Infer<typeof simpleProject>;

// --- PyPI JSON API -------------------------------------------------------------------------------
const jsonFile = obj({
  filename: opt(str),
  upload_time_iso_8601: optStr,
  yanked: opt(bool),
  yanked_reason: optStr,
  digests: opt(record(nullable(str))),
});
export const jsonVuln = obj({
  id: str,
  aliases: opt(nullable(arr(str))),
  summary: optStr,
  details: optStr,
  fixed_in: opt(nullable(arr(str))),
  link: optStr,
  withdrawn: optStr,
});
export const jsonProject = obj({
  info: obj({
    name: str,
    version: str,
    summary: optStr,
    classifiers: opt(nullable(arr(str))),
    project_urls: opt(nullable(record(nullable(str)))),
    home_page: optStr,
    requires_python: optStr,
  }),
  releases: opt(record(arr(jsonFile))),
  urls: opt(arr(jsonFile)),
  vulnerabilities: opt(nullable(arr(jsonVuln))),
});
export type JsonProjectPayload = Infer<typeof jsonProject>;

// --- PEP 740 Integrity API -----------------------------------------------------------------------
export const provenancePayload = obj({
  version: num,
  attestation_bundles: arr(
    obj({
      publisher: obj({
        kind: str,
        repository: optStr,
        workflow: optStr,
        workflow_filepath: optStr,
        environment: optStr,
        email: optStr,
      }),
      attestations: arr(any),
    }),
  ),
});
export type ProvenancePayload = Infer<typeof provenancePayload>;

// --- OSV querybatch ------------------------------------------------------------------------------
export const osvBatch = obj({
  results: arr(obj({ vulns: opt(arr(obj({ id: str, modified: opt(str) }))), next_page_token: opt(str) })),
});
export type OsvBatchPayload = Infer<typeof osvBatch>;
