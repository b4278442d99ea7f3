// Pipfile.lock (pipenv, pipfile-spec 6): JSON with `_meta.sources` (the indexes, by name) and one
// object per category (`default`, `develop`, custom ones) mapping a name (the KEY) to
// `{ "version": "==x", "hashes": [...], "index": "pypi", "markers": ... }`, or to `git` / `path` /
// `file` / `editable` entries for packages that do not come from an index. The lock records no
// edges: `requiredBy` stays unset; `default`/`develop` name what the Pipfile asked for and what
// it pulled in alike, so `direct` is unknown.
import type { Dependency, LockOrigin, ParsedDocument } from '../../core/types';
import { isValidProjectName, normalizeName } from '../../identify/normalize';
import { FileFacts, pushCapped, startLock } from './lock-util';
import { jsonValueSpan, member, scanJson, type JsonNode, type JsonObject } from './json-scan';

function str(n: JsonNode | undefined): string | undefined {
  return n?.t === 'string' ? n.value : undefined;
}

function originOf(entry: JsonNode): LockOrigin {
  if (str(member(entry, 'git')) !== undefined) return 'git';
  const path = str(member(entry, 'path')) ?? str(member(entry, 'file'));
  if (path !== undefined) {
    if (member(entry, 'editable')?.t === 'true') return 'editable';
    return /^https?:/i.test(path) ? 'url' : 'path';
  }
  return 'registry';
}

export function parsePipfileLock(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'pipfile-lock', 'Pipfile.lock');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, error } = scanJson(text);
  // Reading stops at the error; every entry read before it is kept.
  if (error) problems.add(error.at, error.at + 1, `invalid JSON in Pipfile.lock: ${error.message}`, 'error');
  if (root && root.t !== 'object') {
    problems.add(root.s, root.e, 'Pipfile.lock must be a JSON object');
    return doc;
  }
  const sources = new Map<string, string>();
  const srcList = member(member(root, '_meta'), 'sources');
  for (const s of srcList?.t === 'array' ? srcList.items : []) {
    const name = str(member(s, 'name'));
    const url = str(member(s, 'url'));
    if (name && url) sources.set(name, url);
  }
  for (const cat of (root as JsonObject | undefined)?.members ?? []) {
    if (cat.key.value === '_meta' || cat.value.t !== 'object') continue;
    for (const { key, value } of cat.value.members) {
      const span = jsonValueSpan(key);
      if (!isValidProjectName(key.value)) {
        problems.add(span[0], span[1], `Pipfile.lock "${cat.key.value}": "${key.value.slice(0, 80)}" is not a valid project name`);
        continue;
      }
      const dep: Dependency = { rawName: key.value, name: normalizeName(key.value), range: rangeOf(...span), source: 'lock', section: `Pipfile.lock "${cat.key.value}"`, isKey: true, origin: originOf(value) };
      const version = member(value, 'version');
      // `"==2.31.0"`: the version is what follows the `==` (or `===`).
      const m = version?.t === 'string' ? /^\s*===?\s*([^\s,;]+)\s*$/.exec(version.value) : null;
      if (m && version?.t === 'string') {
        dep.version = m[1]!;
        dep.specifier = `==${m[1]}`;
        const [vs, ve] = jsonValueSpan(version);
        const at = !version.starts ? vs + version.value.indexOf(m[1]!) : undefined;
        dep.versionRange = at !== undefined ? rangeOf(at, at + m[1]!.length) : rangeOf(vs, ve);
      }
      const index = str(member(value, 'index'));
      if (index && dep.origin === 'registry') {
        const url = sources.get(index);
        if (url) dep.registryUrl = url;
      }
      const marker = str(member(value, 'markers'));
      if (marker) dep.marker = marker;
      const facts = new FileFacts();
      const hashes = member(value, 'hashes');
      for (const h of hashes?.t === 'array' ? hashes.items : []) facts.hash(str(h));
      facts.applyTo(dep);
      if (!pushCapped(doc, dep)) return doc;
    }
  }
  return doc;
}
