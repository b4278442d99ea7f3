// Pipfile (pipenv, https://pipenv.pypa.io/en/latest/pipfile.html): TOML whose `[packages]`,
// `[dev-packages]` and custom category tables map a name (the KEY) to `"*"`, a PEP 440 specifier,
// or a table with version / extras / markers / git / path / file / editable / index. `[[source]]`
// tables are the indexes. Declarations, not a lock: source = 'manifest'.
import type { Dependency, IndexOption, ParsedDocument } from '../../core/types';
import { isValidProjectName, normalizeName } from '../../identify/normalize';
import { MAX_DEPENDENCIES } from '../text';
import { Problems, startLock, valueSpan, type RangeOf } from './lock-util';
import { get, getArray, getString, scanToml, tablesOf, type TomlEntry, type TomlString } from './toml-scan';

/** Top-level tables that are not package categories. */
const NOT_CATEGORIES = new Set(['source', 'requires', 'scripts', 'pipenv', 'pipfile']);

/** Pipenv writes `"*"` for any version and otherwise a PEP 440 specifier (`==1.2`, `>=2,<3`). */
function specifierOf(v: string): string {
  const s = v.replace(/\s+/g, '');
  return s === '*' ? '' : s;
}

function entryDependency(text: string, e: TomlEntry, category: string, rangeOf: RangeOf, problems: Problems): Dependency | undefined {
  const [s, end] = e.quoted ? valueSpan(text, e.quoted) : [e.keyStart, e.keyEnd];
  const range = rangeOf(s, end);
  if (!isValidProjectName(e.name)) {
    problems.add(e.keyStart, e.keyEnd, `Pipfile [${category}]: "${e.name.slice(0, 80)}" is not a valid project name`);
    return undefined;
  }
  const dep: Dependency = { rawName: e.name, name: normalizeName(e.name), range, source: 'manifest', section: `Pipfile [${category}]`, isKey: true, extras: [], specifier: '' };
  const setVersion = (s: TomlString): void => {
    dep.specifier = specifierOf(s.value);
    if (dep.specifier !== '') dep.specifierRange = rangeOf(...valueSpan(text, s));
  };
  const v = e.value;
  if (v.t === 'string') setVersion(v);
  else if (v.t === 'table') {
    const version = getString(v, 'version');
    if (version) setVersion(version);
    const extras = getArray(v, 'extras');
    if (extras) dep.extras = extras.flatMap((x) => (x.t === 'string' ? [x.value] : []));
    const markers = getString(v, 'markers');
    if (markers) dep.marker = markers.value;
    // Not from an index: the rules skip entries with a url, and nothing is looked up.
    const git = getString(v, 'git');
    const path = getString(v, 'path') ?? getString(v, 'file');
    if (git) {
      dep.url = `git+${git.value}`;
      dep.origin = 'git';
    } else if (path) {
      dep.url = path.value;
      const editable = get(v, 'editable');
      dep.origin = editable?.t === 'scalar' && editable.raw === 'true' ? 'editable' : /^https?:/i.test(path.value) ? 'url' : 'path';
    }
  } else {
    problems.add(v.s, v.e, `Pipfile [${category}] ${e.name}: expected a version string or a table`);
  }
  return dep;
}

export function parsePipfile(input: string): ParsedDocument {
  const { doc, lock } = startLock(input, 'pipfile', 'Pipfile');
  if (!lock) return doc;
  const { text, rangeOf, problems } = lock;
  const { root, problems: syntax } = scanToml(text);
  problems.fromScanner(syntax, 'Pipfile');
  for (const top of root.entries.values()) {
    if (NOT_CATEGORIES.has(top.name) || top.value.t !== 'table') continue;
    for (const e of top.value.entries.values()) {
      const dep = entryDependency(text, e, top.name, rangeOf, problems);
      if (!dep) continue;
      if (doc.dependencies.length >= MAX_DEPENDENCIES) break;
      doc.dependencies.push(dep);
    }
  }
  // The first [[source]] is where pipenv installs from; the others are extra indexes.
  tablesOf(getArray(root, 'source')).forEach((s, i) => {
    const url = getString(s, 'url');
    if (!url) return;
    const opt: IndexOption = { kind: i === 0 ? 'index-url' : 'extra-index-url', url: url.value, range: rangeOf(...valueSpan(text, url)), origin: 'pipfile' };
    doc.indexes.push(opt);
  });
  doc.dependencies.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return doc;
}
