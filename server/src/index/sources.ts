// One function per endpoint: fetch, validate, map into the PackageFacts vocabulary. Network and
// HTTP-level failures throw FetchError (the caller serves stale cache or `unknown`); payload
// problems return `unknown` with the reason. Only the Simple API may answer `missing` (a 404 from
// the JSON API also covers quarantined projects, pypi-api.md).
import type { IndexFile, JsonProject, Lookup, LookupFailure, Publisher, SimpleProject, Vulnerability } from './facts';
import { foreignAnswer, httpFailure, invalidAnswer } from './failure';
import { parseSimpleHtml, versionFromFilename } from './html';
import type { Http } from './http';
import { jsonProject, parseJson, provenancePayload, simpleProject } from './schema';
import { isFileUrl, readLocalIndex } from './local-index';
import { normalizeName, redact, stripUserinfo, withSlash } from './urls';

/** PEP 691 content negotiation: prefer JSON, accept HTML from older / private indexes. */
export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
export const INTEGRITY_ACCEPT = 'application/vnd.pypi.integrity.v1+json';

export type Fetched<T> =
  | { notModified: true }
  | { notModified?: false; result: Lookup<T>; etag?: string; cacheable: boolean; negative?: boolean };

const unknown = (reason: string): { state: 'unknown'; reason: string } => ({ state: 'unknown', reason });
/** An answer that is no answer: a failed lookup (issue 8 §2), never cached. */
const failed = (reason: string, failure: LookupFailure): { result: { state: 'unknown'; reason: string; failure: LookupFailure }; cacheable: false } => ({
  result: { state: 'unknown', reason, failure },
  cacheable: false,
});

export async function fetchSimple(http: Http, indexUrl: string, name: string, etag: string | undefined, signal?: AbortSignal): Promise<Fetched<SimpleProject>> {
  const url = `${withSlash(indexUrl)}${encodeURIComponent(name)}/`;
  // A local PEP 503 folder (only a configured index can be one: plan.ts): read, not requested.
  const res = isFileUrl(indexUrl) ? await readLocalIndex(url) : await http.request({ url, accept: SIMPLE_ACCEPT, etag, signal });
  const shown = redact(stripUserinfo(indexUrl));
  if (res.status === 304) return { notModified: true };
  if (res.status === 404 || res.status === 410) return { result: { state: 'missing' }, cacheable: true, negative: true, etag: res.etag };
  if (res.status !== 200) return failed(`${shown} answered HTTP ${res.status}`, httpFailure(res.status));
  const ct = (res.contentType ?? '').toLowerCase();
  const isJson = ct.includes('json') || (!ct.includes('html') && res.body.trimStart().startsWith('{'));
  if (isJson) {
    const p = parseJson(res.body, simpleProject);
    if (!p.ok) return failed(`invalid Simple API payload from ${shown}: ${p.error}`, invalidAnswer());
    const v = p.value;
    // An answer about another project (a misconfigured proxy, a hostile index) is no answer: never
    // accepted nor cached, so the lookup stays visibly incomplete (issue 8 §5).
    if (normalizeName(v.name) !== normalizeName(name)) return failed(`${shown} answered for a different project ("${v.name.slice(0, 100)}") when asked for ${name}`, foreignAnswer());
    const files: IndexFile[] = v.files.map((f) => ({
      filename: f.filename,
      url: new URL(f.url, res.url).toString(),
      version: versionFromFilename(f.filename, name),
      hashes: f.hashes,
      yanked: f.yanked ?? false,
      ...(f['requires-python'] ? { requiresPython: f['requires-python'] } : {}),
      ...(typeof f.size === 'number' ? { size: f.size } : {}),
      ...(f['upload-time'] ? { uploadTime: f['upload-time'] } : {}),
      ...(f.provenance !== undefined ? { provenance: f.provenance === null ? null : new URL(f.provenance, res.url).toString() } : {}),
    }));
    // PEP 792 status; accept both the `project-status` object and the `meta` string form.
    const ps = v['project-status'];
    const status = ps
      ? { status: ps.status, ...(ps.reason ? { reason: ps.reason } : {}) }
      : v.meta['project-status']
        ? { status: v.meta['project-status'], ...(v.meta['project-status-reason'] ? { reason: v.meta['project-status-reason'] } : {}) }
        : undefined;
    return {
      result: {
        state: 'found',
        value: {
          indexUrl: shown,
          name: v.name,
          versions: v.versions ?? versionsOf(files),
          files,
          ...(status ? { status } : {}),
          ...(v.meta['_last-serial'] !== undefined ? { lastSerial: v.meta['_last-serial'] } : {}),
        },
      },
      etag: res.etag,
      cacheable: true,
    };
  }
  const h = parseSimpleHtml(res.body, res.url, name);
  return {
    result: { state: 'found', value: { indexUrl: shown, name, versions: versionsOf(h.files), files: h.files, ...(h.status ? { status: h.status } : {}) } },
    etag: res.etag,
    cacheable: true,
  };
}

function versionsOf(files: IndexFile[]): string[] {
  return [...new Set(files.map((f) => f.version).filter((v): v is string => !!v))];
}

/** `GET {base}pypi/{name}/json`. */
export async function fetchJsonProject(http: Http, base: string, name: string, etag: string | undefined, signal?: AbortSignal): Promise<Fetched<JsonProject>> {
  const res = await http.request({ url: `${base}pypi/${encodeURIComponent(name)}/json`, accept: 'application/json', etag, signal });
  if (res.status === 304) return { notModified: true };
  if (res.status === 404) return { result: unknown('not on the JSON API (404 — quarantined projects answer 404 too)'), cacheable: true, negative: true };
  if (res.status !== 200) return failed(`JSON API answered HTTP ${res.status}`, httpFailure(res.status));
  const p = parseJson(res.body, jsonProject);
  if (!p.ok) return failed(`invalid JSON API payload: ${p.error}`, invalidAnswer());
  const { info, releases } = p.value;
  if (normalizeName(info.name) !== normalizeName(name)) return failed(`JSON API answered for a different project ("${info.name.slice(0, 100)}") when asked for ${name}`, foreignAnswer());
  const rel: JsonProject['releases'] = {};
  // One pass per release (a project may list 10^5): the earliest upload time (ISO 8601 compares
  // as text), yanked when every file is, and the first reason given.
  const all = releases ?? {};
  for (const ver of Object.keys(all)) {
    const files = all[ver]!;
    let first: string | undefined;
    let yanked = files.length > 0;
    let reason: string | undefined;
    for (const f of files) {
      const t = f.upload_time_iso_8601;
      if (t && (first === undefined || t < first)) first = t;
      if (f.yanked !== true) yanked = false;
      if (reason === undefined && f.yanked_reason) reason = f.yanked_reason;
    }
    rel[ver] = { yanked, ...(first ? { uploadTime: first } : {}), ...(yanked && reason ? { yankedReason: reason } : {}) };
  }
  const urls: Record<string, string> = {};
  for (const [k, u] of Object.entries(info.project_urls ?? {})) if (u) urls[k] = u;
  return {
    result: {
      state: 'found',
      value: {
        name: info.name,
        latestVersion: info.version,
        classifiers: info.classifiers ?? [],
        projectUrls: urls,
        releases: rel,
        vulnerabilities: [],
        ...(info.summary ? { summary: info.summary } : {}),
        ...(info.home_page ? { homePage: info.home_page } : {}),
        ...(info.requires_python ? { requiresPython: info.requires_python } : {}),
      },
    },
    etag: res.etag,
    cacheable: true,
  };
}

/** `GET {base}pypi/{name}/{version}/json`, for the advisories of a pinned version. */
export async function fetchJsonVersionVulns(http: Http, base: string, name: string, version: string, etag: string | undefined, signal?: AbortSignal): Promise<Fetched<Vulnerability[]>> {
  const url = `${base}pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
  const res = await http.request({ url, accept: 'application/json', etag, signal });
  if (res.status === 304) return { notModified: true };
  if (res.status === 404) return { result: unknown(`version ${version} not on the JSON API (404)`), cacheable: true, negative: true };
  if (res.status !== 200) return failed(`JSON API answered HTTP ${res.status}`, httpFailure(res.status));
  const p = parseJson(res.body, jsonProject);
  if (!p.ok) return failed(`invalid JSON API payload: ${p.error}`, invalidAnswer());
  const vulns: Vulnerability[] = (p.value.vulnerabilities ?? []).map((v) => ({
    id: v.id,
    aliases: v.aliases ?? [],
    fixedIn: v.fixed_in ?? [],
    ...(v.summary ? { summary: v.summary } : {}),
    ...(v.details ? { details: v.details } : {}),
    ...(v.link ? { link: v.link } : {}),
    ...(v.withdrawn !== undefined ? { withdrawn: v.withdrawn } : {}),
  }));
  return { result: { state: 'found', value: vulns }, etag: res.etag, cacheable: true };
}

export interface FileProvenance {
  attested: boolean;
  publishers: Publisher[];
}

/** PEP 740 Integrity API: 200 bundles, 404 "No provenance available", 403 attestations disabled. */
export async function fetchProvenance(http: Http, url: string, etag: string | undefined, signal?: AbortSignal): Promise<Fetched<FileProvenance>> {
  const res = await http.request({ url, accept: INTEGRITY_ACCEPT, etag, signal });
  if (res.status === 304) return { notModified: true };
  if (res.status === 404) return { result: { state: 'found', value: { attested: false, publishers: [] } }, cacheable: true };
  if (res.status === 403) return { result: unknown('attestations are disabled on this index (403)'), cacheable: true, negative: true };
  if (res.status !== 200) return failed(`Integrity API answered HTTP ${res.status}`, httpFailure(res.status));
  const p = parseJson(res.body, provenancePayload);
  if (!p.ok) return failed(`invalid provenance payload: ${p.error}`, invalidAnswer());
  const publishers: Publisher[] = p.value.attestation_bundles.map(({ publisher: pb }) => ({
    kind: pb.kind,
    ...(pb.repository ? { repository: pb.repository } : {}),
    ...(pb.workflow || pb.workflow_filepath ? { workflow: (pb.workflow ?? pb.workflow_filepath)! } : {}),
    ...(pb.environment ? { environment: pb.environment } : {}),
    ...(pb.email ? { email: pb.email } : {}),
  }));
  return { result: { state: 'found', value: { attested: publishers.length > 0, publishers } }, etag: res.etag, cacheable: true };
}
