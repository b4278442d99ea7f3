// poetry.lock (Poetry 1.x and 2.x; lock-version 1.x and 2.x): `[[package]]` with name, version,
// `[package.source]` (type git / directory / file / url / legacy, i.e. a private index), the
// edges in `[package.dependencies]` (keys are names), and the files with hashes either in the
// package's `files = [...]` (lock-version 2) or in `[metadata.files]` by package name (older).
// The lock does not record the project itself, so `direct` is set only where no locked package
// depends on a name (see linkEdges).
import type { LockOrigin, ParsedDocument } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import { FileFacts, linkEdges, lockedDependency, pushCapped, startLock, type Locked } from './lock-util';
import { get, getArray, getString, getTable, scanToml, tablesOf, type TomlNode, type TomlTable } from './toml-scan';

/** `develop = true` sits on the package (Poetry 1.x wrote it there) or on its source. */
function isTrue(t: TomlTable | undefined, key: string): boolean {
  const v = get(t, key);
  return v?.t === 'scalar' && v.raw === 'true';
}

function originOf(source: TomlTable | undefined, develop: boolean): { origin: LockOrigin; registryUrl?: string; at?: string } {
  const type = getString(source, 'type')?.value;
  const url = getString(source, 'url')?.value;
  switch (type) {
    case undefined:
      return { origin: 'registry' };
    case 'legacy': // a `[[tool.poetry.source]]` index
      return url ? { origin: 'registry', registryUrl: url } : { origin: 'registry' };
    case 'git':
      return { origin: 'git', ...(url ? { at: url } : {}) };
    case 'url':
      return { origin: 'url', ...(url ? { at: url } : {}) };
    case 'directory':
    case 'file':
      return { origin: develop ? 'editable' : 'path', ...(url ? { at: url } : {}) };
    default:
      return { origin: 'url', ...(url ? { at: url } : {}) };
  }
}

function filesInto(facts: FileFacts, items: TomlNode[] | undefined): void {
  for (const f of tablesOf(items)) facts.hash(getString(f, 'hash')?.value);
}

export function parsePoetryLock(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'poetry-lock', 'poetry.lock');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, problems: syntax } = scanToml(text);
  problems.fromScanner(syntax, 'poetry.lock');
  const oldFiles = getTable(getTable(root, 'metadata'), 'files');
  const oldByName = new Map<string, TomlNode[]>();
  for (const e of oldFiles?.entries.values() ?? []) if (e.value.t === 'array') oldByName.set(normalizeName(e.name), e.value.items);

  const locked: Locked[] = [];
  for (const pkg of tablesOf(getArray(root, 'package'))) {
    const nameNode = getString(pkg, 'name');
    if (!nameNode) {
      problems.add(pkg.s, pkg.e, 'poetry.lock: a [[package]] without a name');
      continue;
    }
    const source = getTable(pkg, 'source');
    const src = originOf(source, isTrue(pkg, 'develop') || isTrue(source, 'develop'));
    const versionNode = getString(pkg, 'version');
    const dep = lockedDependency(text, nameNode, 'poetry.lock', rangeOf, problems, { origin: src.origin, ...(versionNode ? { version: versionNode } : {}) });
    if (!dep) continue;
    if (src.registryUrl) dep.registryUrl = src.registryUrl;
    if (src.at && src.origin !== 'registry') dep.section = `poetry.lock (${src.origin} ${src.at})`;
    const facts = new FileFacts();
    filesInto(facts, getArray(pkg, 'files'));
    filesInto(facts, oldByName.get(dep.name));
    facts.applyTo(dep);
    const edges = [...(getTable(pkg, 'dependencies')?.entries.keys() ?? [])].map(normalizeName);
    locked.push({ dep, dependsOn: edges });
  }
  linkEdges(locked);
  for (const l of locked) if (!pushCapped(doc, l.dep)) break;
  return doc;
}
