// uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): `version = 1` with
// `revision` 1–4 (later revisions add fields such as `upload-time`; uv readers ignore unknown
// ones, and so do we). Every `[[package]]` is one locked package; its `source` says where it comes
// from, `dependencies` / `optional-dependencies` / `dev-dependencies` are the lock's edges, and
// `sdist` / `wheels` carry hashes and upload times. The project itself and workspace members
// (`[manifest] members`, or the `editable`/`virtual` source at `.`) are roots, not dependencies.
import type { LockOrigin, ParsedDocument } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import { FileFacts, linkEdges, lockedDependency, pushCapped, startLock, type Locked } from './lock-util';
import { get, getArray, getString, getTable, scanToml, tablesOf, type TomlNode, type TomlTable } from './toml-scan';

/** The wheel lists are most of a uv.lock: scanned as spans, read for hashes and upload times only. */
const RAW: ReadonlySet<string> = new Set(['wheels']);

/** `source = { registry = … }` etc. -> origin and, for registries, the index URL. */
function originOf(source: TomlTable | undefined): { origin: LockOrigin; registryUrl?: string; at?: string } {
  if (!source) return { origin: 'registry' };
  const reg = getString(source, 'registry');
  // A registry may be a local directory of wheels (`--find-links ./wheels`): nothing to look up.
  if (reg) return /^https?:\/\//i.test(reg.value) ? { origin: 'registry', registryUrl: reg.value } : { origin: 'path', at: reg.value };
  const git = getString(source, 'git');
  if (git) return { origin: 'git', at: git.value };
  const url = getString(source, 'url');
  if (url) return { origin: 'url', at: url.value };
  for (const k of ['editable', 'virtual'] as const) {
    const v = getString(source, k);
    if (v) return { origin: k, at: v.value };
  }
  for (const k of ['path', 'directory']) {
    const v = getString(source, k);
    if (v) return { origin: 'path', at: v.value };
  }
  return { origin: 'registry' };
}

/** Names in an array of `{ name = "…" }` dependency tables. */
function edgeNames(items: TomlNode[] | undefined, out: string[]): void {
  for (const t of tablesOf(items)) {
    const n = getString(t, 'name');
    if (n) out.push(normalizeName(n.value));
  }
}

/** Every edge of a package: dependencies plus each extra's and each dev group's. */
function edgesOf(pkg: TomlTable): string[] {
  const out: string[] = [];
  edgeNames(getArray(pkg, 'dependencies'), out);
  for (const key of ['optional-dependencies', 'dev-dependencies']) {
    const t = getTable(pkg, key);
    for (const e of t?.entries.values() ?? []) if (e.value.t === 'array') edgeNames(e.value.items, out);
  }
  return out;
}

export function parseUvLock(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'uv-lock', 'uv.lock');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, problems: syntax } = scanToml(text, { rawArrays: RAW });
  problems.fromScanner(syntax, 'uv.lock');

  const version = get(root, 'version');
  if (version?.t === 'scalar' && version.raw !== '1') {
    problems.add(version.s, version.e, `uv.lock version ${version.raw} is not one Pipwatch knows (1); reading it as version 1`, 'information');
  }
  const manifest = getTable(root, 'manifest');
  const members = new Set<string>();
  for (const m of getArray(manifest, 'members') ?? []) if (m.t === 'string') members.add(normalizeName(m.value));
  // Projects without a [project] table (`uv lock` on dependency groups only) list root requirements here.
  const rootReqs: string[] = [];
  edgeNames(getArray(manifest, 'requirements'), rootReqs);
  for (const e of getTable(manifest, 'dependency-groups')?.entries.values() ?? []) if (e.value.t === 'array') edgeNames(e.value.items, rootReqs);

  // Early uv lockfiles (before version 1) called the array `distribution`.
  const packages = tablesOf(getArray(root, 'package') ?? getArray(root, 'distribution'));
  const locked: Locked[] = [];
  const roots = new Set<string>();
  const rootEntries = new Set<Locked>();
  for (const pkg of packages) {
    const nameNode = getString(pkg, 'name');
    if (!nameNode) {
      problems.add(pkg.s, pkg.e, 'uv.lock: a [[package]] without a name');
      continue;
    }
    const src = originOf(getTable(pkg, 'source'));
    const name = normalizeName(nameNode.value);
    // The project itself and workspace members are what the lock is for, not what it installs.
    if (members.has(name) || ((src.origin === 'editable' || src.origin === 'virtual') && src.at === '.')) {
      roots.add(name);
      const entry: Locked = { dep: { rawName: nameNode.value, name, range: rangeOf(0, 0), source: 'lock' }, dependsOn: edgesOf(pkg) };
      rootEntries.add(entry);
      locked.push(entry);
      continue;
    }
    const versionNode = getString(pkg, 'version');
    const dep = lockedDependency(text, nameNode, 'uv.lock', rangeOf, problems, { origin: src.origin, ...(versionNode ? { version: versionNode } : {}) });
    if (!dep) continue;
    if (src.registryUrl) dep.registryUrl = src.registryUrl;
    if (src.origin === 'git' || src.origin === 'url') dep.section = `uv.lock (${src.origin} ${src.at})`;
    const facts = new FileFacts();
    const sdist = getTable(pkg, 'sdist');
    if (sdist) {
      facts.hash(getString(sdist, 'hash')?.value);
      facts.url(getString(sdist, 'url')?.value);
      // uv writes a string; a TOML datetime (hand-edited) is accepted too.
      const up = get(sdist, 'upload-time');
      facts.uploaded(up?.t === 'string' ? up.value : up?.t === 'scalar' ? up.raw : undefined);
    }
    const wheels = get(pkg, 'wheels');
    if (wheels?.t === 'array') facts.fromSpan(text, wheels.s, wheels.e);
    facts.applyTo(dep);
    locked.push({ dep, dependsOn: edgesOf(pkg) });
  }
  linkEdges(locked, roots.size > 0 || rootReqs.length > 0 ? { packages: roots, names: new Set(rootReqs) } : undefined);
  for (const l of locked) {
    if (rootEntries.has(l)) continue;
    if (!pushCapped(doc, l.dep)) break;
  }
  return doc;
}
