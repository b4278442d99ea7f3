// pylock.toml (PEP 751, https://packaging.python.org/en/latest/specifications/pylock-toml/):
// `[[packages]]` with name, version, `index` (the index URL it came from), exactly one source
// among `vcs` / `directory` / `archive` / `sdist` + `wheels`, file `hashes` as tables of
// algorithm = hex, `upload-time` as a TOML datetime, and `dependencies` as tables naming other
// entries (the edges; optional in the spec, so many locks have none).
import type { LockOrigin, ParsedDocument } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import { parseRequirementString } from '../pep508';
import { FileFacts, linkEdges, lockedDependency, pushCapped, startLock, type Locked } from './lock-util';
import { get, getArray, getString, getTable, scanToml, tablesOf, type TomlTable } from './toml-scan';

function originOf(pkg: TomlTable): { origin: LockOrigin; at?: string } {
  const vcs = getTable(pkg, 'vcs');
  if (vcs) return { origin: 'git', at: getString(vcs, 'url')?.value ?? getString(vcs, 'path')?.value ?? getString(vcs, 'type')?.value ?? 'vcs' };
  const dir = getTable(pkg, 'directory');
  if (dir) {
    const editable = get(dir, 'editable');
    return { origin: editable?.t === 'scalar' && editable.raw === 'true' ? 'editable' : 'path', at: getString(dir, 'path')?.value ?? '' };
  }
  const archive = getTable(pkg, 'archive');
  if (archive) {
    const url = getString(archive, 'url')?.value;
    return url ? { origin: 'url', at: url } : { origin: 'path', at: getString(archive, 'path')?.value ?? '' };
  }
  return { origin: 'registry' };
}

/** One file table: every `hashes` entry and its `upload-time` (a TOML datetime; a string is accepted). */
function fileInto(facts: FileFacts, f: TomlTable | undefined): void {
  if (!f) return;
  for (const h of getTable(f, 'hashes')?.entries.values() ?? []) if (h.value.t === 'string') facts.hash(`${h.name}:${h.value.value}`);
  facts.url(getString(f, 'url')?.value);
  const up = get(f, 'upload-time');
  facts.uploaded(up?.t === 'scalar' ? up.raw.replace(' ', 'T') : up?.t === 'string' ? up.value : undefined);
}

export function parsePylock(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'pylock', 'pylock.toml');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, problems: syntax } = scanToml(text);
  problems.fromScanner(syntax, 'pylock.toml');
  const version = getString(root, 'lock-version');
  if (version && !/^1(\.\d+)?$/.test(version.value)) {
    problems.add(version.s, version.e, `pylock.toml lock-version ${version.value} is not one Pipwatch knows (1.0); reading it as 1.0`, 'information');
  }

  const locked: Locked[] = [];
  for (const pkg of tablesOf(getArray(root, 'packages'))) {
    const nameNode = getString(pkg, 'name');
    if (!nameNode) {
      problems.add(pkg.s, pkg.e, 'pylock.toml: a [[packages]] entry without a name');
      continue;
    }
    const src = originOf(pkg);
    const versionNode = getString(pkg, 'version');
    const dep = lockedDependency(text, nameNode, 'pylock.toml', rangeOf, problems, { origin: src.origin, ...(versionNode ? { version: versionNode } : {}) });
    if (!dep) continue;
    const index = getString(pkg, 'index')?.value;
    if (index && src.origin === 'registry') dep.registryUrl = index;
    if (src.at !== undefined) dep.section = `pylock.toml (${src.origin} ${src.at})`;
    const facts = new FileFacts();
    fileInto(facts, getTable(pkg, 'sdist'));
    fileInto(facts, getTable(pkg, 'archive'));
    for (const w of tablesOf(getArray(pkg, 'wheels'))) fileInto(facts, w);
    facts.applyTo(dep);
    const edges: string[] = [];
    for (const d of tablesOf(getArray(pkg, 'dependencies'))) {
      const n = getString(d, 'name');
      if (n) edges.push(normalizeName(n.value));
    }
    // PDM records the edges under its tool table as PEP 508 strings instead.
    for (const d of getArray(getTable(getTable(pkg, 'tool'), 'pdm'), 'dependencies') ?? []) {
      const r = d.t === 'string' ? parseRequirementString(d.value, 0) : undefined;
      if (r && !('error' in r)) edges.push(normalizeName(r.name));
    }
    locked.push({ dep, dependsOn: edges });
  }
  // Without any edges the lock says nothing about who pulls what in: leave `direct` unset.
  if (locked.some((l) => l.dependsOn.length > 0)) linkEdges(locked);
  for (const l of locked) if (!pushCapped(doc, l.dep)) break;
  return doc;
}
