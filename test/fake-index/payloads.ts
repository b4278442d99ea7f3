// Render fixtures into the exact wire shapes of pypi-api.md: PEP 691 JSON, PEP 503 HTML (with the
// PEP 592/658/714/740/792 attributes), the PyPI JSON API (both endpoints), PEP 740 provenance and OSV.
import { createHash } from 'node:crypto';
import type { FakeFile, FakeOsvRecord, FakeProject, FakeRelease } from './model';
import { normalize } from './model';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const blake = (s: string): string => createHash('sha256').update(`b2:${s}`).digest('hex');

function fileUrl(origin: string, f: FakeFile): string {
  return `${origin}/packages/${f.sha256.slice(0, 2)}/${f.sha256.slice(2, 4)}/${f.sha256.slice(4)}/${f.filename}`;
}

export function provenanceUrl(origin: string, p: FakeProject, r: FakeRelease, f: FakeFile): string {
  return `${origin}/integrity/${normalize(p.name)}/${r.version}/${f.filename}/provenance`;
}

const quarantined = (p: FakeProject): boolean => p.status?.status === 'quarantined';

export function simpleJson(origin: string, p: FakeProject): unknown {
  const files = quarantined(p)
    ? []
    : p.releases.flatMap((r) =>
        r.files.map((f) => ({
          filename: f.filename,
          url: fileUrl(origin, f),
          hashes: { sha256: f.sha256 },
          'requires-python': f.requiresPython ?? null,
          size: f.size,
          'upload-time': f.uploadTime,
          yanked: f.yanked,
          'core-metadata': f.packagetype === 'bdist_wheel' ? { sha256: md5(f.filename) + md5(f.sha256) } : false,
          'data-dist-info-metadata': f.packagetype === 'bdist_wheel' ? { sha256: md5(f.filename) + md5(f.sha256) } : false,
          provenance: f.provenance && f.provenance !== 'forbidden' ? provenanceUrl(origin, p, r, f) : null,
        })),
      );
  const meta: Record<string, unknown> = { 'api-version': '1.4', '_last-serial': p.serial };
  const out: Record<string, unknown> = { meta, name: normalize(p.name) };
  if (p.statusForm === 'meta' && p.status) {
    meta['project-status'] = p.status.status;
    if (p.status.reason) meta['project-status-reason'] = p.status.reason;
  } else {
    out['project-status'] = p.status ?? { status: 'active' };
  }
  out.versions = quarantined(p) ? [] : p.releases.map((r) => r.version);
  out.files = files;
  return out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function simpleHtml(origin: string, p: FakeProject): string {
  const lines = ['<!DOCTYPE html>', '<html>', '  <head>', '    <meta name="pypi:repository-version" content="1.4">'];
  if (p.status) {
    lines.push(`    <meta name="pypi:project-status" content="${esc(p.status.status)}">`);
    if (p.status.reason) lines.push(`    <meta name="pypi:project-status-reason" content="${esc(p.status.reason)}">`);
  }
  lines.push(`    <title>Links for ${esc(normalize(p.name))}</title>`, '  </head>', '  <body>', `    <h1>Links for ${esc(normalize(p.name))}</h1>`);
  if (!quarantined(p)) {
    for (const r of p.releases) {
      for (const f of r.files) {
        const attrs = [`href="${esc(fileUrl(origin, f))}#sha256=${f.sha256}"`];
        if (f.requiresPython) attrs.push(`data-requires-python="${esc(f.requiresPython)}"`);
        if (f.packagetype === 'bdist_wheel') {
          const h = `sha256=${md5(f.filename)}${md5(f.sha256)}`;
          attrs.push(`data-dist-info-metadata="${h}"`, `data-core-metadata="${h}"`);
        }
        if (f.yanked !== false) attrs.push(f.yanked === true ? 'data-yanked=""' : `data-yanked="${esc(f.yanked)}"`);
        if (f.provenance && f.provenance !== 'forbidden') attrs.push(`data-provenance="${esc(provenanceUrl(origin, p, r, f))}"`);
        lines.push(`    <a ${attrs.join(' ')}>${esc(f.filename)}</a><br />`);
      }
    }
  }
  lines.push('  </body>', '</html>', `<!--SERIAL ${p.serial}-->`);
  return lines.join('\n');
}

export function simpleRootHtml(projects: FakeProject[]): string {
  const links = projects.map((p) => `    <a href="/simple/${normalize(p.name)}/">${esc(p.name)}</a>`);
  return ['<!DOCTYPE html>', '<html>', '  <head>', '    <meta name="pypi:repository-version" content="1.4">', '    <title>Simple index</title>', '  </head>', '  <body>', ...links, '  </body>', '</html>'].join('\n');
}

function jsonFile(origin: string, f: FakeFile): unknown {
  return {
    comment_text: '',
    digests: { blake2b_256: blake(f.filename), md5: md5(f.filename), sha256: f.sha256 },
    downloads: -1,
    filename: f.filename,
    has_sig: false,
    md5_digest: md5(f.filename),
    packagetype: f.packagetype,
    python_version: f.packagetype === 'sdist' ? 'source' : 'py3',
    requires_python: f.requiresPython ?? null,
    size: f.size,
    upload_time: f.uploadTime.slice(0, 19),
    upload_time_iso_8601: f.uploadTime,
    url: fileUrl(origin, f),
    yanked: f.yanked !== false,
    yanked_reason: typeof f.yanked === 'string' ? f.yanked : null,
  };
}

/** Newest release that is not entirely yanked (what PyPI reports as info.version). */
function latest(p: FakeProject): FakeRelease | undefined {
  const live = p.releases.filter((r) => r.files.some((f) => f.yanked === false));
  return live[live.length - 1] ?? p.releases[p.releases.length - 1];
}

/** `/pypi/{name}/json` (version undefined) or `/pypi/{name}/{version}/json`. */
export function jsonApi(origin: string, p: FakeProject, version?: string): unknown {
  const rel = version ? p.releases.find((r) => r.version === version) : latest(p);
  if (!rel) return undefined;
  const name = normalize(p.name);
  const anyYanked = rel.files.length > 0 && rel.files.every((f) => f.yanked !== false);
  const info = {
    author: 'Fixture Author',
    author_email: 'author@example.org',
    bugtrack_url: null,
    classifiers: p.classifiers,
    description: `# ${p.name}\n\n${p.summary}`,
    description_content_type: 'text/markdown',
    docs_url: null,
    download_url: null,
    downloads: { last_day: -1, last_month: -1, last_week: -1 },
    dynamic: null,
    home_page: p.homePage ?? null,
    keywords: null,
    license: null,
    license_expression: 'MIT',
    license_files: ['LICENSE'],
    maintainer: null,
    maintainer_email: null,
    name: p.name,
    package_url: `${origin}/project/${name}/`,
    platform: null,
    project_url: `${origin}/project/${name}/`,
    project_urls: p.projectUrls,
    provides_extra: null,
    release_url: `${origin}/project/${name}/${rel.version}/`,
    requires_dist: null,
    requires_python: p.requiresPython ?? null,
    summary: p.summary,
    version: rel.version,
    yanked: anyYanked,
    yanked_reason: anyYanked && typeof rel.files[0].yanked === 'string' ? rel.files[0].yanked : null,
  };
  const vulns = (p.vulns?.[rel.version] ?? []).map((v) => ({
    aliases: v.aliases,
    details: v.details,
    fixed_in: v.fixed_in,
    id: v.id,
    link: `https://osv.dev/vulnerability/${v.id}`,
    source: 'osv',
    summary: v.summary ?? null,
    withdrawn: null,
  }));
  const out: Record<string, unknown> = {
    info,
    last_serial: p.serial,
    ownership: { organization: null, roles: [{ role: 'Owner', user: `${name}-maintainer` }] },
  };
  if (!version) out.releases = Object.fromEntries(p.releases.map((r) => [r.version, r.files.map((f) => jsonFile(origin, f))]));
  out.urls = rel.files.map((f) => jsonFile(origin, f));
  out.vulnerabilities = vulns;
  return out;
}

export function provenance(f: FakeFile): unknown {
  const pub = f.provenance as Exclude<FakeFile['provenance'], null | 'forbidden'>;
  return {
    version: 1,
    attestation_bundles: [
      {
        publisher: pub,
        attestations: [
          {
            version: 1,
            verification_material: {
              certificate: Buffer.from(`fixture certificate for ${f.filename}`).toString('base64'),
              transparency_entries: [{ logIndex: String(100000 + f.size), kindVersion: { kind: 'dsse', version: '0.0.1' } }],
            },
            envelope: {
              statement: Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: f.filename, digest: { sha256: f.sha256 } }] })).toString('base64'),
              signature: Buffer.from(`sig:${f.sha256}`).toString('base64'),
            },
          },
        ],
      },
    ],
  };
}

export function osvRecord(r: FakeOsvRecord): unknown {
  return {
    id: r.id,
    summary: r.summary,
    details: r.details,
    aliases: r.aliases,
    modified: r.modified,
    published: r.modified,
    database_specific: r.id.startsWith('MAL-') ? { 'malicious-packages-origins': [{ source: 'ossf-package-analysis' }] } : {},
    affected: [
      {
        package: { ecosystem: 'PyPI', name: r.package, purl: `pkg:pypi/${r.package}` },
        ...(r.versions ? { versions: r.versions } : { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }),
      },
    ],
    schema_version: '1.6.0',
  };
}
