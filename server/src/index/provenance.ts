// Which releases' provenance to inspect and how to summarise it (PEP 740). The newest stable,
// non-yanked release plus up to two earlier ones, newest first: "earlier attested, newest not" is
// what a release from a stolen token looks like. The Simple API's per-file `provenance` (api 1.3)
// already says attested or not; one bundle per release is fetched for the publisher identity.
import { compare, explain, valid } from '@renovatebot/pep440';
import type { IndexFile, Lookup, Publisher, ReleaseProvenance, SimpleProject } from './facts';
import type { FileProvenance } from './sources';

export interface ReleasePlan {
  version: string;
  files: IndexFile[];
  /** URLs whose bundles decide attestation (files whose index did not say) or give the publisher. */
  fetch: string[];
  publishersChecked: boolean;
}

export function planProvenance(p: SimpleProject, integrityBase: string | undefined, project: string, releases = 3): ReleasePlan[] | string {
  const byVersion = new Map<string, IndexFile[]>();
  for (const f of p.files) {
    if (!f.version || !valid(f.version)) continue;
    const list = byVersion.get(f.version) ?? [];
    list.push(f);
    byVersion.set(f.version, list);
  }
  let versions = [...byVersion.keys()].filter((v) => !byVersion.get(v)!.every((f) => f.yanked !== false));
  const stable = versions.filter((v) => !explain(v)?.is_prerelease);
  if (stable.length) versions = stable;
  versions.sort((a, b) => compare(b, a));
  const plans: ReleasePlan[] = [];
  for (const [i, version] of versions.slice(0, releases).entries()) {
    const files = byVersion.get(version)!;
    const fetch: string[] = [];
    for (const f of files) {
      if (f.provenance !== undefined) continue;
      if (!integrityBase) return 'the index does not report provenance (PEP 740)';
      fetch.push(`${integrityBase}integrity/${encodeURIComponent(project)}/${encodeURIComponent(version)}/${encodeURIComponent(f.filename)}/provenance`);
      if (fetch.length >= 4) break; // enough to decide; bounded cost for releases with many wheels
    }
    // The publisher identity is fetched for the newest release only: "provenance dropped" needs
    // just the attested flags (in the Simple API), "publisher mismatch" the newest publisher.
    const withUrl = i === 0 ? files.find((f) => typeof f.provenance === 'string') : undefined;
    if (withUrl && !fetch.includes(withUrl.provenance as string)) fetch.push(withUrl.provenance as string);
    plans.push({ version, files, fetch, publishersChecked: i === 0 });
  }
  return plans;
}

/** Combine the plan with fetched bundles; `unknown` if any needed bundle is unknown. */
export function summariseProvenance(plans: ReleasePlan[], got: (url: string) => Lookup<FileProvenance> | undefined): Lookup<ReleaseProvenance[]> {
  const out: ReleaseProvenance[] = [];
  for (const plan of plans) {
    const publishers: Publisher[] = [];
    let attested = plan.files.length > 0;
    for (const f of plan.files) if (f.provenance === null) attested = false;
    for (const url of plan.fetch) {
      const r = got(url);
      if (!r) return { state: 'unknown', reason: 'provenance not fetched yet' };
      if (r.state === 'unknown') return r; // keeps its `failure`: a failed fetch is an incomplete lookup
      if (r.state !== 'found') return { state: 'unknown', reason: 'provenance missing' };
      if (!r.value.attested) attested = false;
      for (const pb of r.value.publishers) {
        if (!publishers.some((x) => x.kind === pb.kind && x.repository === pb.repository && x.workflow === pb.workflow && x.email === pb.email)) publishers.push(pb);
      }
    }
    out.push({ version: plan.version, attested, publishers, ...(plan.publishersChecked ? {} : { publishersChecked: false }) });
  }
  return { state: 'found', value: out };
}
