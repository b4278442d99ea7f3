// pdm.lock (lock_version 4.x, https://pdm-project.org/en/latest/usage/lockfile/): `[[package]]`
// with name, version, requires_python, `dependencies` as PEP 508 strings (the edges), `files`
// with hashes, and for non-index packages `git` / `url` / `path` (+ `editable`). `[metadata]
// groups` names the groups the lock covers; the project itself is not a locked package.
import type { LockOrigin, ParsedDocument } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import { parseRequirementString } from '../pep508';
import { FileFacts, linkEdges, lockedDependency, pushCapped, startLock, type Locked } from './lock-util';
import { get, getArray, getString, scanToml, tablesOf, type TomlTable } from './toml-scan';

function originOf(pkg: TomlTable): { origin: LockOrigin; at?: string } {
  const git = getString(pkg, 'git')?.value;
  if (git) return { origin: 'git', at: git };
  const path = getString(pkg, 'path')?.value;
  const editable = get(pkg, 'editable');
  if (path) return { origin: editable?.t === 'scalar' && editable.raw === 'true' ? 'editable' : 'path', at: path };
  const url = getString(pkg, 'url')?.value;
  if (url) return { origin: 'url', at: url };
  return { origin: 'registry' };
}

export function parsePdmLock(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'pdm-lock', 'pdm.lock');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, problems: syntax } = scanToml(text, { rawArrays: RAW });
  problems.fromScanner(syntax, 'pdm.lock');

  const locked: Locked[] = [];
  for (const pkg of tablesOf(getArray(root, 'package'))) {
    const nameNode = getString(pkg, 'name');
    if (!nameNode) {
      problems.add(pkg.s, pkg.e, 'pdm.lock: a [[package]] without a name');
      continue;
    }
    const src = originOf(pkg);
    const versionNode = getString(pkg, 'version');
    const dep = lockedDependency(text, nameNode, 'pdm.lock', rangeOf, problems, { origin: src.origin, ...(versionNode ? { version: versionNode } : {}) });
    if (!dep) continue;
    if (src.at) dep.section = `pdm.lock (${src.origin} ${src.at})`;
    const facts = new FileFacts();
    const files = get(pkg, 'files');
    if (files?.t === 'array') facts.fromSpan(text, files.s, files.e);
    facts.applyTo(dep);
    const edges: string[] = [];
    for (const d of getArray(pkg, 'dependencies') ?? []) {
      if (d.t !== 'string') continue;
      const r = parseRequirementString(d.value, 0);
      if (!('error' in r)) edges.push(normalizeName(r.name));
    }
    locked.push({ dep, dependsOn: edges });
  }
  linkEdges(locked);
  for (const l of locked) if (!pushCapped(doc, l.dep)) break;
  return doc;
}

/** `files` lists are read for their hashes only. */
const RAW: ReadonlySet<string> = new Set(['files']);
