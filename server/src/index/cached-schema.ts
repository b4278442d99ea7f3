// Validators for what the client itself stores in the cache (the mapped PackageFacts vocabulary,
// not the raw payloads of schema.ts), built from the same combinators: an entry read back from disk
// is as untrusted as a fresh payload (issue 8 §5). A cache file with a valid envelope but `data`
// of the wrong shape is a miss: refetched and overwritten, never served to a rule or a hover.
import type { FileProvenance } from './sources';
import type { JsonProject, Lookup, OsvRecordRef, PackageFacts, ReleaseProvenance, SimpleProject, Vulnerability } from './facts';
import { arr, bool, nullable, num, obj, oneOf, opt, record, str, type Validator } from './schema';

const failure = opt(obj({ cause: str, source: opt(str), hint: opt(str) }));

export function lookupOf<T>(value: Validator<T>): Validator<Lookup<T>> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: `${p || 'entry'}: expected a lookup object` };
    const o = v as { state?: unknown; value?: unknown; reason?: unknown };
    if (o.state === 'missing') return { ok: true, value: { state: 'missing' } };
    if (o.state === 'unknown') {
      if (typeof o.reason !== 'string') return { ok: false, error: `${p}.reason: expected a string` };
      const f = failure((o as { failure?: unknown }).failure, `${p}.failure`);
      return f.ok ? { ok: true, value: { state: 'unknown', reason: o.reason, ...(f.value ? { failure: f.value } : {}) } } : f;
    }
    if (o.state !== 'found') return { ok: false, error: `${p}.state: expected found, missing or unknown` };
    if (!('value' in o)) return { ok: false, error: `${p}: found without a value` };
    const r = value(o.value, `${p}.value`);
    return r.ok ? { ok: true, value: { state: 'found', value: r.value } } : r;
  };
}

const indexFile = obj({
  filename: str,
  url: str,
  version: opt(str),
  hashes: record(str),
  requiresPython: opt(str),
  size: opt(num),
  uploadTime: opt(str),
  yanked: oneOf(bool, str),
  provenance: opt(nullable(str)),
});
export const simpleFacts: Validator<SimpleProject> = obj({
  indexUrl: str,
  name: str,
  versions: arr(str),
  files: arr(indexFile),
  status: opt(obj({ status: str, reason: opt(str) })),
  lastSerial: opt(num),
});
const vuln: Validator<Vulnerability> = obj({
  id: str,
  aliases: arr(str),
  summary: opt(str),
  details: opt(str),
  fixedIn: arr(str),
  link: opt(str),
  withdrawn: opt(nullable(str)),
});
export const vulnsFacts: Validator<Vulnerability[]> = arr(vuln);
export const jsonFacts: Validator<JsonProject> = obj({
  name: str,
  summary: opt(str),
  latestVersion: opt(str),
  classifiers: arr(str),
  projectUrls: record(str),
  homePage: opt(str),
  requiresPython: opt(str),
  releases: record(obj({ uploadTime: opt(str), yanked: bool, yankedReason: opt(str) })),
  vulnerabilities: arr(vuln),
  vulnerabilitiesUnknown: opt(str),
});
const publisher = obj({ kind: str, repository: opt(str), workflow: opt(str), environment: opt(str), email: opt(str) });
export const fileProvenanceFacts: Validator<FileProvenance> = obj({ attested: bool, publishers: arr(publisher) });
const releaseProvenance: Validator<ReleaseProvenance> = obj({ version: str, attested: bool, publishers: arr(publisher), publishersChecked: opt(bool) });
export const osvRefs: Validator<OsvRecordRef[]> = arr(obj({ id: str, modified: opt(str) }));
const simpleLookup = lookupOf(simpleFacts);
export const packageFacts: Validator<PackageFacts> = obj({
  name: str,
  primary: simpleLookup,
  extras: arr(obj({ indexUrl: str, result: simpleLookup })),
  publicPypi: opt(simpleLookup),
  json: opt(lookupOf(jsonFacts)),
  provenance: opt(lookupOf(arr(releaseProvenance))),
  osvProject: opt(lookupOf(osvRefs)),
  osvVersion: opt(lookupOf(osvRefs)),
});

/** Validators by cache-key prefix (client.ts builds the keys: `simple …`, `json …`, `jsonv …`…). */
const BY_PREFIX: [string, Validator<unknown>][] = [
  ['simple ', simpleLookup],
  ['json ', lookupOf(jsonFacts)],
  ['jsonv ', lookupOf(vulnsFacts)],
  ['prov ', lookupOf(fileProvenanceFacts)],
  ['osv ', lookupOf(osvRefs)],
  ['facts ', packageFacts],
];

/** Why the cached `data` under `key` is not what the client stores there; undefined when it is. */
export function cachedDataError(key: string, data: unknown): string | undefined {
  const v = BY_PREFIX.find(([p]) => key.startsWith(p))?.[1];
  if (!v) return 'unknown cache key';
  const r = v(data, 'data');
  return r.ok ? undefined : r.error;
}
