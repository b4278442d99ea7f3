// setup.py, read from its syntax tree (@lezer/python) and NEVER run: running a project's
// setup.py executes its code. Reads `setup(...)` / `setuptools.setup(...)` keyword arguments
// install_requires, setup_requires, tests_require (lists or tuples of string literals) and
// extras_require (a dict literal of such lists), and a module-level name assigned a literal list
// exactly once (`REQUIRES = [...]` then `install_requires=REQUIRES`). Anything computed (a call,
// `+`, a comprehension, an f-string, a name assigned twice) is skipped with an information note.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { Dependency, ParsedDocument } from '../core/types';
import { requirementAt } from './requirement-at';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS, stripBom } from './text';

const LIST_KEYS = new Set(['install_requires', 'setup_requires', 'tests_require']);
/** Only the first MAX_CHARS are read: a setup.py larger than this is generated. */
const MAX_CHARS = 1_000_000;

/** Span of a plain string literal's contents, or undefined when it is not one we can map exactly. */
function literalSpan(text: string, node: SyntaxNode): [number, number] | undefined {
  if (node.name !== 'String') return undefined;
  const raw = text.slice(node.from, node.to);
  const m = /^([rRuU]?)('''|"""|'|")/.exec(raw);
  if (!m) return undefined; // b'' and other prefixes are not requirement strings
  const q = m[2]!;
  const inner: [number, number] = [node.from + m[0].length, node.to - q.length];
  if (inner[1] < inner[0] || !raw.endsWith(q)) return undefined;
  // Escapes would need decoding; requirement strings do not use them. Raw strings map as written.
  if (!m[1]!.toLowerCase().includes('r') && text.slice(...inner).includes('\\')) return undefined;
  return inner;
}

export function parseSetupPy(input: string): ParsedDocument {
  const text = stripBom(input).slice(0, MAX_CHARS);
  const doc: ParsedDocument = { kind: 'setup-py', dependencies: [], problems: [], includes: [], indexes: [] };
  if (!text.includes('setup')) return doc;
  const idx = new LineIndex(text);
  const rangeOf = (s: number, e: number) => idx.range(s, e);
  const note = (n: SyntaxNode, message: string): void => {
    if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range: rangeOf(n.from, n.to), message, severity: 'information' });
  };
  const tree = parser.parse(text);
  const top = tree.topNode;

  // Module-level `NAME = <literal>` assignments; a name assigned more than once is not literal.
  const assigned = new Map<string, SyntaxNode | null>();
  const mutated = new Set<string>();
  for (let st = top.firstChild; st; st = st.nextSibling) {
    const target = st.firstChild;
    const op = target?.nextSibling;
    const value = op?.nextSibling;
    if (st.name === 'AssignStatement' && target?.name === 'VariableName' && op?.name === 'AssignOp' && value && !value.nextSibling) {
      const name = text.slice(target.from, target.to);
      assigned.set(name, assigned.has(name) ? null : value);
      continue;
    }
    // `extras["x"] = …`, `REQS += …`, `REQS.append(…)`: the name's value is built at run time.
    let first: SyntaxNode | null = target ?? null;
    while (first?.firstChild) first = first.firstChild;
    if (first?.name === 'VariableName') mutated.add(text.slice(first.from, first.to));
  }
  for (const name of mutated) assigned.set(name, null);
  const resolve = (n: SyntaxNode): SyntaxNode | undefined => {
    if (n.name !== 'VariableName') return n;
    return assigned.get(text.slice(n.from, n.to)) ?? undefined;
  };

  const readList = (valueNode: SyntaxNode, key: string, label: string): void => {
    const v = resolve(valueNode);
    if (!v || (v.name !== 'ArrayExpression' && v.name !== 'TupleExpression')) {
      note(valueNode, `${key} is computed at run time; Pipwatch never runs setup.py`);
      return;
    }
    for (let el = v.firstChild; el; el = el.nextSibling) {
      if (['[', ']', '(', ')', ','].includes(el.name)) continue;
      const span = literalSpan(text, el);
      if (!span) {
        note(el, `an entry of ${key} is computed at run time; Pipwatch never runs setup.py`);
        continue;
      }
      const dep = requirementAt(text, span[0], span[1], 'manifest', label, rangeOf);
      if ('error' in dep) {
        if (doc.problems.length < MAX_PROBLEMS) doc.problems.push({ range: dep.range, message: dep.error, severity: 'warning' });
      } else if (doc.dependencies.length < MAX_DEPENDENCIES) doc.dependencies.push(dep as Dependency);
    }
  };

  const cursor = tree.cursor();
  do {
    if (cursor.name !== 'CallExpression') continue;
    const call = cursor.node;
    const callee = call.firstChild;
    if (!callee) continue;
    const calleeText = text.slice(callee.from, callee.to);
    if (calleeText !== 'setup' && !/^(setuptools|distutils\.core)\.setup$/.test(calleeText.replace(/\s+/g, ''))) continue;
    const args = callee.nextSibling;
    if (args?.name !== 'ArgList') continue;
    for (let a = args.firstChild; a; a = a.nextSibling) {
      // `setup(**kwargs)`: the arguments are a dict built at run time.
      if (a.name === '**' && a.nextSibling) {
        note(a.nextSibling, `setup() arguments in **${text.slice(a.nextSibling.from, a.nextSibling.to).slice(0, 40)} are computed at run time; Pipwatch never runs setup.py`);
        continue;
      }
      if (a.name !== 'VariableName' || a.nextSibling?.name !== 'AssignOp') continue;
      const key = text.slice(a.from, a.to);
      const value = a.nextSibling.nextSibling;
      if (!value) continue;
      if (LIST_KEYS.has(key)) readList(value, key, `setup.py ${key}`);
      else if (key === 'extras_require') {
        const d = resolve(value);
        if (!d || d.name !== 'DictionaryExpression') {
          note(value, 'extras_require is computed at run time; Pipwatch never runs setup.py');
          continue;
        }
        // `{key: value, ...}`: String, ':', value, ','.
        for (let k = d.firstChild; k; k = k.nextSibling) {
          if (k.name === '{' || k.name === '}' || k.name === ',' || k.name === ':') continue;
          const colon = k.nextSibling;
          const v = colon?.name === ':' ? colon.nextSibling : null;
          if (!v) break;
          const ks = literalSpan(text, k);
          const extra = ks ? text.slice(...ks) : '?';
          readList(v, `extras_require[${extra}]`, `setup.py extras_require[${extra}]`);
          k = v;
        }
      }
    }
  } while (cursor.next());
  doc.dependencies.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  return doc;
}
