// Python imports -> Dependency[] (source 'import'). A real parser (@lezer/python) rather than
// regexes, so `import x` inside strings, docstrings and comments never counts, parenthesised and
// multi-line statements are handled, and lezer's error recovery keeps the valid imports of a file
// that has a syntax error elsewhere (which is the normal state of a file being edited).
// Grammar reference: https://docs.python.org/3/reference/simple_stmts.html#the-import-statement
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { Dependency, ParseProblem } from '../core/types';
import { normalizeName } from '../identify/normalize';
import { isNamespacePrefix } from '../identify/import-map';
import { limitPythonNesting, MAX_PYTHON_DEPTH } from './nesting';
import { outlineImports } from './python-outline';
import { LineIndex, stripBom } from './text';

/** Only the first MAX_CHARS characters are scanned: past that a .py file is generated data. */
export const MAX_CHARS = 1_000_000;
/** At most this many imports are reported per file (a generated file can hold thousands). */
export const MAX_IMPORTS = 5000;
/** Wall-clock budget for one parse; lezer's error recovery is slow on control-character junk. */
export const PARSE_BUDGET_MS = 3000;

export interface PythonImports {
  dependencies: Dependency[];
  problems: ParseProblem[];
}

// Exceptions whose handler means "this import may fail": PEP 8's try/except ImportError idiom,
// plus the broad catches that also swallow it.
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const DOTTED = /^[\p{ID_Start}_][\p{ID_Continue}]*(\.[\p{ID_Start}_][\p{ID_Continue}]*)*$/u;

/** Control characters other than tab, LF, FF, CR: Python source never has many of them. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) ctrl++;
  }
  return ctrl > n / 100;
}

function problemAt(idx: LineIndex, offset: number, message: string, severity: ParseProblem['severity'] = 'information'): ParseProblem {
  const p = idx.positionAt(offset);
  return { range: { start: p, end: p }, message, severity };
}

/** `outline: false` parses every statement, as before python-outline.ts (tests compare the two). */
export function parsePythonImports(input: string, options: { outline?: boolean } = {}): PythonImports {
  const text = stripBom(input);
  const problems: ParseProblem[] = [];
  if (looksBinary(text)) {
    const start = { line: 0, character: 0 };
    problems.push({ range: { start, end: start }, message: 'File looks binary: imports were not scanned', severity: 'information' });
    return { dependencies: [], problems };
  }
  // Every form this module reports (`import`, `from … import`, import_module, __import__) contains it.
  if (!text.includes('import')) return { dependencies: [], problems };
  const idx = new LineIndex(text);
  let limit = text.length;
  if (limit > MAX_CHARS) {
    // Cut at a line break so the last scanned statement is whole.
    const nl = text.lastIndexOf('\n', MAX_CHARS);
    limit = nl > 0 ? nl + 1 : MAX_CHARS;
    problems.push(problemAt(idx, limit, `File is larger than ${MAX_CHARS} characters: imports after this point were not scanned`));
  }

  const nesting = limitPythonNesting(limit === text.length ? text : text.slice(0, limit));
  for (const at of nesting.deep) {
    const line = idx.positionAt(at).line + 1;
    problems.push(problemAt(idx, at, `this file could not be fully analysed: nesting too deep at line ${line} (more than ${MAX_PYTHON_DEPTH} brackets, which Python itself refuses); that part was not scanned`, 'warning'));
  }
  const started = Date.now();
  // Statements that cannot hold an import are outlined away first (python-outline.ts): they were
  // most of the parse. Nodes are read in the outline (`src`); ranges map back to `text`.
  const outline = options.outline === false ? { text: nesting.text, original: (k: number) => k } : outlineImports(nesting.text);
  const src = outline.text;
  const partial = parser.startParse(src);
  let tree = partial.advance();
  while (!tree) {
    if (partial.stoppedAt === null && Date.now() - started > PARSE_BUDGET_MS) {
      // A warning, not information: imports were lost, so the file must not pass `--fail-on warning` as clean.
      problems.push(problemAt(idx, outline.original(partial.parsedPos), 'Parsing took too long: imports after this point were not scanned', 'warning'));
      partial.stopAt(partial.parsedPos);
    }
    tree = partial.advance();
  }

  const deps: Dependency[] = [];
  let truncated = false;
  const add = (top: { from: number; to: number }, module: string, optional: boolean): void => {
    if (deps.length >= MAX_IMPORTS) {
      if (!truncated) problems.push(problemAt(idx, outline.original(top.from), `More than ${MAX_IMPORTS} imports: the rest were not checked`));
      truncated = true;
      return;
    }
    const from = outline.original(top.from);
    const to = outline.original(top.to);
    const rawName = text.slice(from, to);
    const dep: Dependency = { rawName, name: normalizeName(rawName), range: idx.range(from, to), source: 'import', module };
    if (optional) dep.optional = true;
    deps.push(dep);
  };

  // A bare `import_module(...)` is importlib's only when the file imported it under that name
  // (a test's mock fixture is often called `import_module` too).
  const bareImportModule = /\bfrom\s+importlib\s+import\b[^\n]*\bimport_module\b/.test(text);
  // Import statements only occur among statements, so without a dynamic import in the text the
  // walk can skip every expression subtree — most of a large file's nodes.
  const dynamic = /import_module|__import__/.test(text);
  tree.iterate({
    enter: (ref) => {
      if (ref.name === 'ImportStatement') {
        importStatement(ref.node, src, add);
        return false;
      }
      if (dynamic) {
        if (ref.name === 'CallExpression') dynamicImport(ref.node, src, bareImportModule, add);
        return undefined;
      }
      return STATEMENT_CONTAINERS.has(ref.name) || ref.type.isError ? undefined : false;
    },
  });
  // A module the file imports under a guard is optional in the whole file: the later unguarded
  // import sits behind the flag the guard set (`if has_simplejson: from simplejson import …`).
  const optionalTops = new Set(deps.filter((d) => d.optional).map((d) => d.rawName));
  if (optionalTops.size > 0) for (const d of deps) if (optionalTops.has(d.rawName)) d.optional = true;
  return { dependencies: deps, problems };
}

/** Nodes that can hold statements (and so import statements) in @lezer/python's tree. */
const STATEMENT_CONTAINERS = new Set([
  'Script', 'Body', 'StatementGroup', 'IfStatement', 'WhileStatement', 'ForStatement', 'TryStatement',
  'WithStatement', 'FunctionDefinition', 'ClassDefinition', 'DecoratedStatement', 'MatchStatement',
  'MatchBody', 'MatchClause',
]);

type Add = (top: { from: number; to: number }, module: string, optional: boolean) => void;

/** `import a.b as c, d` and `from a.b import (c, d)`; relative and `__future__` imports are skipped. */
function importStatement(node: SyntaxNode, text: string, add: Add): void {
  const kids: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
  const optional = isGuarded(node, text);
  if (kids[0]?.name === 'from') {
    // Module path: the tokens between `from` and `import`. A leading `.`/`...` makes it relative.
    const path: SyntaxNode[] = [];
    let i = 1;
    for (; i < kids.length && kids[i]!.name !== 'import'; i++) {
      const k = kids[i]!;
      if (k.name === '.' || k.name === 'Ellipsis') {
        if (path.length === 0) return; // relative import: first-party by definition
      } else if (k.name === 'VariableName') path.push(k);
      else if (k.type.isError) continue;
      else return;
    }
    if (path.length === 0) return;
    const module = path.map((n) => text.slice(n.from, n.to)).join('.');
    if (module === '__future__') return;
    const top = path[0]!;
    // A namespace package (`google`, `google.cloud`, `azure`) is no distribution by itself:
    // `from google.cloud import storage` really imports `google.cloud.storage`.
    if (isNamespacePrefix(module)) {
      const names = kids.slice(i + 1).filter((k, j, all) => k.name === 'VariableName' && all[j - 1]?.name !== 'as');
      const subs = names.map((n) => text.slice(n.from, n.to)).filter((s) => IDENTIFIER.test(s));
      if (subs.length > 0) {
        for (const s of subs) add(top, `${module}.${s}`, optional);
        return;
      }
    }
    add(top, module, optional);
    return;
  }
  // `import` form: comma-separated dotted names, each optionally `as alias`.
  let path: SyntaxNode[] = [];
  let alias = false;
  const flush = (): void => {
    if (path.length > 0) add(path[0]!, path.map((n) => text.slice(n.from, n.to)).join('.'), optional);
    path = [];
    alias = false;
  };
  for (const k of kids.slice(1)) {
    if (k.name === ',') flush();
    else if (k.name === 'as') alias = true;
    else if (k.name === 'VariableName' && !alias) path.push(k);
  }
  flush();
}

/** `importlib.import_module("x.y")`, `import_module("x")`, `__import__("x")` with a literal string. */
function dynamicImport(node: SyntaxNode, text: string, bareImportModule: boolean, add: Add): void {
  const callee = node.firstChild;
  const args = node.lastChild;
  if (!callee || !args || args.name !== 'ArgList') return;
  const name = callee.name === 'VariableName' ? text.slice(callee.from, callee.to)
    : callee.name === 'MemberExpression' ? text.slice(callee.lastChild?.from ?? 0, callee.lastChild?.to ?? 0) : '';
  if (name !== 'import_module' && name !== '__import__') return;
  if (name === 'import_module' && callee.name === 'VariableName' && !bareImportModule) return;
  if (callee.name === 'MemberExpression' && text.slice(callee.from, callee.firstChild?.to ?? 0) !== 'importlib') return;
  const arg = args.firstChild?.nextSibling;
  if (!arg || arg.name !== 'String' || arg.to - arg.from > 300) return;
  const m = /^([rRuU]?)(['"])(.*)\2$/s.exec(text.slice(arg.from, arg.to));
  if (!m || !DOTTED.test(m[3]!)) return; // relative, f-string, triple-quoted or not a module path
  const start = arg.from + m[1]!.length + 1;
  const top = m[3]!.split('.')[0]!;
  if (top === '__future__') return;
  add({ from: start, to: start + top.length }, m[3]!, isGuarded(node, text));
}

/**
 * True when the import may legitimately fail or never run: inside a `try:` (or its handler) whose
 * `except` catches ImportError, under `if TYPE_CHECKING:` (PEP 484: typing-only imports), or in
 * `with suppress(ImportError):`. Stops at a function: its body runs later, outside the guard.
 */
function isGuarded(node: SyntaxNode, text: string): boolean {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    const parent = n.parent;
    if (n.name === 'FunctionDefinition' || n.name === 'LambdaExpression') return false;
    if (n.name !== 'Body' || !parent) continue;
    const before = previousKeyword(n);
    if (parent.name === 'TryStatement' && (before === 'try' || before === 'except') && tryCatchesImportError(parent, text)) return true;
    if (parent.name === 'IfStatement' && before === 'if') {
      const cond = parent.firstChild?.nextSibling;
      if (cond && /^(?:[\w.]+\.)?TYPE_CHECKING$/.test(text.slice(cond.from, cond.to))) return true;
    }
    if (parent.name === 'WithStatement' && /\bsuppress\s*\([^)]*\b(?:ImportError|ModuleNotFoundError)\b/.test(text.slice(parent.from, n.from))) return true;
  }
  return false;
}

/** The keyword (`try`, `except`, `if`, `elif`, `else`, `finally`) that opens this clause body. */
function previousKeyword(body: SyntaxNode): string | undefined {
  for (let s = body.prevSibling; s; s = s.prevSibling) {
    if (['try', 'except', 'if', 'elif', 'else', 'finally', 'with'].includes(s.name)) return s.name;
    if (s.name === 'Body') return undefined;
  }
  return undefined;
}

function tryCatchesImportError(tryNode: SyntaxNode, text: string): boolean {
  for (let c = tryNode.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'except') continue;
    let body = c.nextSibling;
    while (body && body.name !== 'Body') body = body.nextSibling;
    // The clause between `except` and its body: `ImportError`, `(A, B) as e`, `* ImportError`, or nothing.
    const clause = text.slice(c.to, body ? body.from : c.to).replace(/\bas\s+\w+\s*$/, '');
    const names = clause.match(/[A-Za-z_]\w*/g) ?? [];
    if (names.length === 0 || names.some((x) => IMPORT_ERRORS.has(x))) return true; // bare `except:` too
  }
  return false;
}
