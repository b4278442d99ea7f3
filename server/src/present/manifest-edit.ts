// Text edits that declare a dependency in a manifest (the "Add dependency" quick fix for an
// undeclared import). Pure functions over the manifest's text; the glue supplies the text.
// pip requirements format: https://pip.pypa.io/en/stable/reference/requirements-file-format/
// PEP 621 `[project] dependencies`: https://packaging.python.org/en/latest/specifications/pyproject-toml/
import { parseTOML } from 'toml-eslint-parser';
import type { TextEdit } from 'vscode-languageserver';
import { LineIndex, stripBom } from '../parse/text';

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Appends `name` as a new line at the end of a requirements file. */
export function requirementsAppendEdit(text: string, name: string): TextEdit {
  const t = stripBom(text);
  const idx = new LineIndex(t);
  const end = idx.positionAt(t.length);
  const nl = eol(t);
  const needsBreak = t.length > 0 && !/[\r\n]$/.test(t);
  return { range: { start: end, end }, newText: `${needsBreak ? nl : ''}${name}${nl}` };
}

interface Node {
  type: string;
  range: [number, number];
}
interface KeyNode extends Node {
  keys: { name?: string; value?: string }[];
}
interface KeyValue extends Node {
  key: KeyNode;
  value: Node & { elements?: Node[] };
}
interface Table extends Node {
  resolvedKey: (string | number)[];
  body: KeyValue[];
}

function keyPath(k: KeyNode): string {
  return k.keys.map((p) => String(p.name ?? p.value)).join('.');
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

function onlyWhitespaceBefore(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset));
}

/** Edits for a new element at the end of a TOML array (keeps its one-line or one-per-line style). */
function arrayInsert(text: string, arr: Node & { elements?: Node[] }, item: string): { offset: number; newText: string }[] {
  const els = arr.elements ?? [];
  const close = arr.range[1] - 1; // offset of `]`
  if (els.length === 0) return [{ offset: arr.range[0] + 1, newText: item }];
  const last = els[els.length - 1] as Node;
  const between = text.slice(last.range[1], close).replace(/#[^\n]*/g, '');
  const trailingComma = between.includes(',');
  if (!onlyWhitespaceBefore(text, close)) {
    // One-line array `["a", "b"]`: continue on the same line.
    return [{ offset: last.range[1], newText: `, ${item}` }];
  }
  const indent = lineIndent(text, last.range[0]);
  const nl = eol(text);
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  if (trailingComma) return [{ offset: lineStart, newText: `${indent}${item},${nl}` }];
  return [
    { offset: last.range[1], newText: ',' },
    { offset: lineStart, newText: `${indent}${item}${nl}` },
  ];
}

/**
 * Declares `name` in a pyproject.toml: `[project] dependencies` when there is a `[project]` table
 * (creating the key when absent), else Poetry's `[tool.poetry.dependencies]`. Undefined when the
 * file is not valid TOML or has neither table (the caller then offers a requirements file).
 */
export function pyprojectInsertEdits(text: string, name: string): TextEdit[] | undefined {
  const t = stripBom(text);
  let tables: Table[];
  try {
    const ast = parseTOML(t) as unknown as { body: { body: (Table | KeyValue)[] }[] };
    tables = (ast.body[0]?.body ?? []).filter((n): n is Table => n.type === 'TOMLTable');
  } catch {
    return undefined;
  }
  const idx = new LineIndex(t);
  const toEdits = (parts: { offset: number; newText: string }[]): TextEdit[] =>
    parts.map((p) => ({ range: idx.range(p.offset, p.offset), newText: p.newText }));
  const nl = eol(t);
  const project = tables.find((tb) => tb.resolvedKey.join('.') === 'project');
  if (project) {
    const deps = project.body.find((kv) => keyPath(kv.key) === 'dependencies');
    if (deps && deps.value.type === 'TOMLArray') return toEdits(arrayInsert(t, deps.value, JSON.stringify(name)));
    if (deps) return undefined; // `dependencies` is not an array: leave a malformed file alone
    const after = project.body.length > 0 ? (project.body[project.body.length - 1] as KeyValue).range[1] : project.range[1];
    const lineEnd = t.indexOf('\n', after);
    const at = lineEnd === -1 ? t.length : lineEnd + 1;
    const lead = lineEnd === -1 ? nl : '';
    return toEdits([{ offset: at, newText: `${lead}dependencies = [${nl}    ${JSON.stringify(name)},${nl}]${nl}` }]);
  }
  // Poetry: `name = "*"` keys (https://python-poetry.org/docs/dependency-specification/).
  const poetry = tables.find((tb) => tb.resolvedKey.join('.') === 'tool.poetry.dependencies');
  if (poetry) {
    const after = poetry.body.length > 0 ? (poetry.body[poetry.body.length - 1] as KeyValue).range[1] : poetry.range[1];
    const lineEnd = t.indexOf('\n', after);
    const at = lineEnd === -1 ? t.length : lineEnd + 1;
    const lead = lineEnd === -1 ? nl : '';
    return toEdits([{ offset: at, newText: `${lead}${name} = "*"${nl}` }]);
  }
  return undefined;
}
