// Realistic projects for the fake index, one per risk the index rules look for. Rule tests import
// FIXTURES (names and the interesting versions) and, for ready-made PackageFacts, `factsFor`.
import { DAY, github, isoDaysAgo, release, type FakeIndexData, type FakeProject, type FakeRelease } from './model';

/** Names (PEP 503) and versions of the fixtures, for tests elsewhere. */
export const FIXTURES = {
  /** Active, attested on every release by psf/requests. */
  active: 'requests',
  activeVersions: ['2.31.0', '2.32.2', '2.32.3'],
  /** Newest release 1.3.0 lost the provenance 1.1.0 and 1.2.0 had. Uploaded as "Tokenlib_Core". */
  provenanceDropped: 'tokenlib-core',
  provenanceDroppedDisplay: 'Tokenlib_Core',
  /** Attested by evil-fork/fastjsonx while project_urls say github.com/fastjsonx/fastjsonx. */
  publisherMismatch: 'fastjsonx',
  archived: 'oldlib',
  /** 200 on the Simple API with status quarantined and no files; 404 on the JSON API. */
  quarantined: 'colourama-utils',
  /** Deprecated, status in `project-status` with a reason. */
  deprecated: 'deprecated-lib',
  deprecatedReason: 'Superseded by newlib; no further releases.',
  /** Deprecated, status given in the `meta` string form. */
  deprecatedMeta: 'legacy-http',
  yanked: 'yankedpin',
  yankedPinned: '2.0.0',
  yankedPinnedReason: 'Broken wheel: missing C extension',
  /** `>=3` only matches 3.0.0 and 3.0.1, both yanked. */
  yankedRange: '>=3',
  vulnerable: 'vulnlib',
  vulnerableVersion: '1.0.0',
  vulnerableIds: ['PYSEC-2024-101', 'GHSA-4x5v-gmq8-25ch'],
  vulnerableFixedIn: '1.0.1',
  /** Not on the index; OSV has a MAL- record for it. */
  malicious: 'reqeusts',
  maliciousId: 'MAL-2024-1234',
  /** First upload 3 days before "now". */
  brandNew: 'brandnew-ai-tools',
  brandNewDays: 3,
  /** One release, no project_urls, no home page. */
  thin: 'thinpkg',
  inactive: 'inactive-lib',
  /** On the private fake index (1.0.0) and on public PyPI (99.0.0). */
  confusion: 'acme-internal',
  /** Only on the private index: must never reach a public host when listed in privatePackages. */
  privateOnly: 'acme-secret',
  hashes: 'hashpin',
  hashesVersion: '1.0.0',
  /** Nowhere. */
  missing: 'definitely-not-a-real-package-xyz',
  /** Release age (PW212): 1.2.0 uploaded 2 hours before "now"; 1.1.0 is the newest older than 3 days. */
  fresh: 'freshrel',
  freshVersion: '1.2.0',
  freshOld: '1.1.0',
  /** 2.0.0 two hours old after 1,500 quiet days since 1.0.0. */
  dormant: 'dormantlib',
  dormantVersion: '2.0.0',
  /** 1.0.1, 1.0.2 and 1.0.3 uploaded within the same hour, two hours ago. */
  burst: 'burstlib',
  burstVersion: '1.0.2',
  /** 1.1.0 unattested between attested 1.0.0 and 1.2.0 (per-version provenance). */
  provenanceGap: 'gaplib',
  provenanceGapVersion: '1.1.0',
} as const;

const C_STABLE = 'Development Status :: 5 - Production/Stable';
const PY3 = 'Programming Language :: Python :: 3';

function project(p: Partial<FakeProject> & Pick<FakeProject, 'name' | 'releases' | 'serial'>): FakeProject {
  return {
    summary: `${p.name} for tests`,
    classifiers: [C_STABLE, PY3],
    projectUrls: { Source: `https://github.com/${p.name.toLowerCase()}/${p.name.toLowerCase()}` },
    ...p,
  };
}

export function publicData(now: number = Date.now()): FakeIndexData {
  const gh = github('psf/requests', 'publish.yml');
  const projects: FakeProject[] = [
    project({
      name: 'requests',
      serial: 24100001,
      summary: 'Python HTTP for Humans.',
      projectUrls: { Documentation: 'https://requests.readthedocs.io', Source: 'https://github.com/psf/requests' },
      homePage: 'https://requests.readthedocs.io',
      requiresPython: '>=3.8',
      releases: [
        release(now, 'requests', '2.31.0', 900, { provenance: gh }),
        release(now, 'requests', '2.32.2', 540, { provenance: gh }),
        release(now, 'requests', '2.32.3', 520, { provenance: gh, requiresPython: '>=3.8' }),
      ],
    }),
    project({
      name: 'Tokenlib_Core',
      serial: 24100002,
      projectUrls: { Source: 'https://github.com/tokenlib/tokenlib-core' },
      releases: [
        release(now, 'tokenlib-core', '1.1.0', 200, { provenance: github('tokenlib/tokenlib-core') }),
        release(now, 'tokenlib-core', '1.2.0', 120, { provenance: github('tokenlib/tokenlib-core') }),
        release(now, 'tokenlib-core', '1.3.0', 2, { provenance: null }),
      ],
    }),
    project({
      name: 'fastjsonx',
      serial: 24100003,
      projectUrls: { Homepage: 'https://fastjsonx.dev', Repository: 'https://github.com/fastjsonx/fastjsonx' },
      releases: [release(now, 'fastjsonx', '0.9.0', 60, { provenance: github('evil-fork/fastjsonx') })],
    }),
    project({ name: 'oldlib', serial: 24100004, status: { status: 'archived' }, releases: [release(now, 'oldlib', '0.4.2', 2000)] }),
    // PyPI removes every file from the Simple API view of a quarantined project.
    project({ name: 'colourama-utils', serial: 24100005, status: { status: 'quarantined' }, releases: [] }),
    project({
      name: 'deprecated-lib',
      serial: 24100006,
      status: { status: 'deprecated', reason: FIXTURES.deprecatedReason },
      releases: [release(now, 'deprecated-lib', '3.1.0', 400)],
    }),
    project({
      name: 'legacy-http',
      serial: 24100007,
      status: { status: 'deprecated', reason: 'Use requests.' },
      statusForm: 'meta',
      releases: [release(now, 'legacy-http', '0.1.0', 3000)],
    }),
    project({
      name: 'yankedpin',
      serial: 24100008,
      releases: [
        release(now, 'yankedpin', '1.0.0', 700),
        release(now, 'yankedpin', '1.1.0', 600),
        release(now, 'yankedpin', '2.0.0', 300, { yanked: FIXTURES.yankedPinnedReason }),
        release(now, 'yankedpin', '3.0.0', 100, { yanked: true }),
        release(now, 'yankedpin', '3.0.1', 90, { yanked: 'Regression in 3.0' }),
      ],
    }),
    project({
      name: 'vulnlib',
      serial: 24100009,
      releases: [release(now, 'vulnlib', '1.0.0', 500), release(now, 'vulnlib', '1.0.1', 100)],
      vulns: {
        '1.0.0': [
          { id: 'PYSEC-2024-101', aliases: ['CVE-2024-30001', 'GHSA-4x5v-gmq8-25ch'], details: 'Path traversal in vulnlib.extract.', fixed_in: ['1.0.1'] },
          { id: 'GHSA-4x5v-gmq8-25ch', aliases: ['CVE-2024-30001'], details: 'Path traversal in vulnlib.extract.', summary: 'Path traversal', fixed_in: ['1.0.1'] },
        ],
      },
    }),
    project({
      name: 'brandnew-ai-tools',
      serial: 24100010,
      releases: [release(now, 'brandnew-ai-tools', '0.0.1', FIXTURES.brandNewDays), release(now, 'brandnew-ai-tools', '0.0.2', 1)],
    }),
    project({ name: 'thinpkg', serial: 24100011, projectUrls: null, classifiers: [], releases: [release(now, 'thinpkg', '0.1', 40)] }),
    project({
      name: 'inactive-lib',
      serial: 24100012,
      classifiers: ['Development Status :: 7 - Inactive', PY3],
      releases: [release(now, 'inactive-lib', '2.0.0', 1500)],
    }),
    project({ name: 'acme-internal', serial: 24100013, summary: 'totally legit', releases: [release(now, 'acme-internal', '99.0.0', 5)] }),
    project({
      name: 'freshrel',
      serial: 24100015,
      releases: [release(now, 'freshrel', '1.0.0', 100), release(now, 'freshrel', '1.1.0', 30), release(now, 'freshrel', '1.2.0', 2 / 24)],
    }),
    project({ name: 'dormantlib', serial: 24100016, releases: [release(now, 'dormantlib', '1.0.0', 1500 + 2 / 24), release(now, 'dormantlib', '2.0.0', 2 / 24)] }),
    project({
      name: 'burstlib',
      serial: 24100017,
      releases: [
        release(now, 'burstlib', '1.0.0', 200),
        release(now, 'burstlib', '1.0.1', 2.5 / 24),
        release(now, 'burstlib', '1.0.2', 2.2 / 24),
        release(now, 'burstlib', '1.0.3', 2 / 24),
      ],
    }),
    project({
      name: 'gaplib',
      serial: 24100018,
      releases: [
        release(now, 'gaplib', '1.0.0', 300, { provenance: github('gaplib/gaplib') }),
        release(now, 'gaplib', '1.1.0', 200, { provenance: null }),
        release(now, 'gaplib', '1.2.0', 100, { provenance: github('gaplib/gaplib') }),
      ],
    }),
    project({ name: 'hashpin', serial: 24100014, releases: [release(now, 'hashpin', '1.0.0', 100), release(now, 'hashpin', '1.1.0', 50)] }),
  ];
  const osv = [
    {
      id: FIXTURES.maliciousId,
      modified: isoDaysAgo(now, 20),
      package: 'reqeusts',
      summary: 'Malicious code in reqeusts (PyPI)',
      details: 'This package was found to exfiltrate environment variables on install.',
      aliases: [],
    },
    ...['PYSEC-2024-101', 'GHSA-4x5v-gmq8-25ch'].map((id) => ({
      id,
      modified: isoDaysAgo(now, 30),
      package: 'vulnlib',
      versions: ['1.0.0'],
      summary: 'Path traversal in vulnlib.extract',
      details: 'Archive members with ../ escape the target directory.',
      aliases: ['CVE-2024-30001'],
    })),
  ];
  return { projects, osv };
}

/** A private index (served HTML-only by the tests, as many private indexes are). */
export function privateData(now: number = Date.now()): FakeIndexData {
  return {
    projects: [
      project({ name: 'acme-internal', serial: 1, summary: 'ACME internal utilities', releases: [release(now, 'acme-internal', '1.0.0', 200)] }),
      project({ name: 'acme-secret', serial: 2, summary: 'ACME secrets', releases: [release(now, 'acme-secret', '0.3.0', 90)] }),
    ],
    osv: [],
  };
}

/** N synthetic attested projects (`benchpkg-0000`…), for the benchmark. */
export function syntheticData(n: number, now: number = Date.now()): FakeIndexData {
  const projects: FakeProject[] = [];
  for (let i = 0; i < n; i++) {
    const name = `benchpkg-${String(i).padStart(4, '0')}`;
    const pub = github(`bench/${name}`);
    projects.push(project({ name, serial: 1000 + i, releases: [release(now, name, '1.0.0', 100 + i, { provenance: pub }), release(now, name, '1.1.0', 50, { provenance: pub })] }));
  }
  return { projects, osv: [] };
}

/**
 * One project with `n` releases (issue 8 §7: projects with 10^5 versions exist on PyPI, e.g.
 * nightly builds). Release i is i+1 hours old reversed: the last one is the newest upload; every
 * tenth is yanked; `pinned` (an old, yanked release) is in the middle of the upload order, far
 * outside the newest releases a lookup keeps.
 */
export function manyVersionsData(n: number, now: number = Date.now()): FakeIndexData & { name: string; pinned: string } {
  const name = 'nightlybuilds';
  const releases: FakeRelease[] = [];
  for (let i = 0; i < n; i++) {
    const version = `0.${Math.floor(i / 1000)}.${i % 1000}`;
    const r = release(now, name, version, (n - i) / 24, i % 10 === 9 ? { yanked: 'broken build' } : {});
    releases.push({ version, files: r.files.slice(0, 1) }); // one sdist per release keeps the body under the cap
  }
  const pinned = releases[Math.floor(n / 20) * 10 + 9]!.version;
  return { name, pinned, projects: [project({ name, serial: 1, releases })], osv: [] };
}

export { DAY };
