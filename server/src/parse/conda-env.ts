// conda environment.yml / environment.yaml (https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#create-env-file-manually):
// the `dependencies:` list holds conda packages (not PyPI: skipped) and one `pip:` sub-list whose
// entries are pip requirement lines: requirements, `-r file` includes and index options.
// Read with the `yaml` package (eemeli/yaml), whose scalars carry source ranges, so a name's
// range is the characters in the file (quoted scalars without escapes map by offset).
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import type { Dependency, IndexOption, ParsedDocument } from '../core/types';
import { requirementAt } from './requirement-at';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from './text';

/** Environment files are small; past this it is not one. */
const MAX_CHARS = 2_000_000;

/** Source span of a scalar's text, when it maps character for character (no escapes, one line). */
function scalarSpan(text: string, node: Scalar): [number, number] | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  let [s, e] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    s++;
    e--;
  } else if (node.type !== 'PLAIN') return undefined;
  return text.slice(s, e) === node.value ? [s, e] : undefined;
}

export function parseCondaEnv(input: string): ParsedDocument {
  const text = stripBom(input);
  const doc: ParsedDocument = { kind: 'conda-env', dependencies: [], problems: [], includes: [], indexes: [] };
  const idx = new LineIndex(text);
  const rangeOf = (s: number, e: number) => idx.range(s, e);
  const problem = (s: number, e: number, message: string, severity: 'warning' | 'information' | 'error' = 'warning'): void => {
    if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range: rangeOf(s, e), message, severity });
  };
  if (text.length > MAX_CHARS) {
    problem(0, 0, `environment file too large to check (${text.length} characters; the limit is ${MAX_CHARS})`);
    return doc;
  }
  let parsed;
  try {
    // Aliases are not expanded, so a billion-laughs file stays small.
    parsed = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    problem(0, 0, `cannot read the YAML: ${String(e).slice(0, 200)}`);
    return doc;
  }
  for (const err of parsed.errors.slice(0, 1)) problem(err.pos[0], err.pos[1], `invalid YAML: ${err.message.split('\n', 1)[0]}; entries after it may be missed`, 'error');
  const root = parsed.contents;
  const deps = isMap(root) ? root.get('dependencies', true) : undefined;
  if (!isSeq(deps)) return doc;
  for (const item of deps.items) {
    // Conda packages (`numpy=1.26`, `conda-forge::pip`) are not PyPI names: only `pip:` counts.
    if (!isMap(item)) continue;
    const pip = item.get('pip', true);
    if (pip === undefined) continue;
    if (!isSeq(pip)) {
      const r = (pip as { range?: [number, number] }).range;
      problem(r?.[0] ?? 0, r?.[1] ?? 0, 'environment file: `pip:` must be a list of requirements');
      continue;
    }
    for (const entry of pip.items) {
      if (!isScalar(entry)) continue;
      const span = scalarSpan(text, entry);
      if (!span) {
        if (entry.range) problem(entry.range[0], entry.range[1], 'environment file: a pip entry written with escapes or over several lines is not read', 'information');
        continue;
      }
      pipLine(text, span, doc, rangeOf, problem);
      if (doc.dependencies.length >= MAX_DEPENDENCIES) return doc;
    }
  }
  return doc;
}

/** One `pip:` entry: a requirement, `-r file`, or an index option (pip's requirements-file syntax). */
function pipLine(
  text: string,
  [s, e]: [number, number],
  doc: ParsedDocument,
  rangeOf: (s: number, e: number) => ReturnType<LineIndex['range']>,
  problem: (s: number, e: number, m: string, sev?: 'warning' | 'information') => void,
): void {
  const line = text.slice(s, e);
  const opt = /^(-r|--requirement|-c|--constraint|-i|--index-url|--extra-index-url|-f|--find-links)(?:\s*=\s*|\s+)(\S+)\s*$/.exec(line);
  if (opt) {
    const value = opt[2]!;
    const vs = s + line.lastIndexOf(value);
    const range = rangeOf(vs, vs + value.length);
    const flag = opt[1]!;
    if (flag === '-r' || flag === '--requirement' || flag === '-c' || flag === '--constraint') {
      doc.includes.push({ kind: flag.startsWith('-c') || flag === '--constraint' ? 'constraint' : 'requirement', target: value, range });
    } else {
      const kind: IndexOption['kind'] = flag === '-i' || flag === '--index-url' ? 'index-url' : flag === '-f' || flag === '--find-links' ? 'find-links' : 'extra-index-url';
      doc.indexes.push({ kind, url: value, range, origin: 'requirements' });
    }
    return;
  }
  if (line.startsWith('-')) return; // -e ., --pre, --no-deps…: nothing named from an index
  // A URL, VCS reference or local path installs from there, not from an index.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|git\+|hg\+|svn\+|bzr\+|file:|\.{1,2}[\\/]|[\\/]|~)/i.test(line)) return;
  const dep = requirementAt(text, s, e, 'manifest', 'environment.yml pip', rangeOf);
  if ('error' in dep) problem(s, e, dep.error);
  else doc.dependencies.push(dep as Dependency);
}
