// Quick fixes from `diagnostic.data.fixes` (see diagnostic.ts). Replacements are versioned
// TextDocumentEdits and refused once the document moved on (stale ranges would corrupt the text),
// the same guard vscode-eslint applies; the canonical-package fix is `isPreferred`.
// LSP: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_codeAction
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { COMMANDS } from '../../../shared/protocol';
import type { Fix } from '../core/types';
import { readDiagnosticData, SOURCE } from './diagnostic';
import { pyprojectInsertEdits, requirementsAppendEdit } from './manifest-edit';

/** Where "Add dependency" writes: an existing manifest (with its text) or a new requirements.txt. */
export type ManifestTarget =
  | { kind: 'requirements' | 'pyproject'; uri: string; text: string; version: number | null }
  | { kind: 'create'; uri: string };

export interface ActionContext {
  uri: string;
  /** Current version of the document the diagnostics belong to. */
  version: number;
  /** Client accepts `documentChanges` (else plain `changes`, unversioned). */
  documentChanges: boolean;
  /** Client accepts `CreateFile` resource operations. */
  createFiles: boolean;
  /**
   * Resolves the manifest an undeclared import should be added to (lazily: reads files): the fix's
   * own target (the manifest its title names), or a new requirements.txt when it has none.
   */
  manifest?: (target: Fix['target']) => ManifestTarget | undefined;
}

function editFor(ctx: ActionContext, uri: string, version: number | null, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
  return { changes: { [uri]: edits } };
}

/** The WorkspaceEdit declaring `name` in the target manifest, or undefined when none can be made. */
export function addDependencyEdit(ctx: ActionContext, target: ManifestTarget, name: string): WorkspaceEdit | undefined {
  if (target.kind === 'create') {
    if (!ctx.createFiles || !ctx.documentChanges) return undefined;
    return {
      documentChanges: [
        CreateFile.create(target.uri, { ignoreIfExists: true }),
        TextDocumentEdit.create({ uri: target.uri, version: null }, [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${name}\n` },
        ]),
      ],
    };
  }
  if (target.kind === 'requirements') return editFor(ctx, target.uri, target.version, [requirementsAppendEdit(target.text, name)]);
  const edits = pyprojectInsertEdits(target.text, name);
  return edits ? editFor(ctx, target.uri, target.version, edits) : undefined;
}

function manifestLabel(target: ManifestTarget): string {
  const base = target.uri.slice(target.uri.lastIndexOf('/') + 1);
  return target.kind === 'create' ? `a new ${base}` : base;
}

function actionFor(ctx: ActionContext, fix: Fix, diag: Diagnostic, dataVersion: number | null): CodeAction | undefined {
  if (fix.kind === 'replace') {
    // Stale: the ranges were computed for an older text.
    if (dataVersion !== null && dataVersion !== ctx.version) return undefined;
    if (!fix.range || fix.newText === undefined) return undefined;
    const a = CodeAction.create(fix.title, editFor(ctx, ctx.uri, ctx.version, [{ range: fix.range, newText: fix.newText }]), CodeActionKind.QuickFix);
    a.diagnostics = [diag];
    if (fix.isPreferred) a.isPreferred = true;
    return a;
  }
  if (!fix.name) return undefined;
  if (fix.kind === 'allowlist') {
    const a = CodeAction.create(fix.title, { title: fix.title, command: COMMANDS.addToAllowlist, arguments: [fix.name] }, CodeActionKind.QuickFix);
    a.diagnostics = [diag];
    return a;
  }
  const target = ctx.manifest?.(fix.target);
  if (!target) return undefined;
  const edit = addDependencyEdit(ctx, target, fix.name);
  if (!edit) return undefined;
  const title = fix.title || `Add '${fix.name}' to ${manifestLabel(target)}`;
  const a = CodeAction.create(title, edit, CodeActionKind.QuickFix);
  a.diagnostics = [diag];
  return a;
}

/** Code actions for the Pipwatch diagnostics among `diagnostics` (others are ignored). */
export function codeActionsFor(ctx: ActionContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diag of diagnostics) {
    // Some clients (Neovim 0.7's diagnostic round-trip) may drop `source`: then the code decides.
    if (diag.source !== undefined ? diag.source !== SOURCE : !/^PW\d{3}$/.test(String(diag.code))) continue;
    const data = readDiagnosticData(diag.data);
    if (!data) continue;
    for (const fix of data.fixes) {
      const a = actionFor(ctx, fix, diag, data.version);
      if (!a) continue;
      // One allowlist / add action per name even when several diagnostics offer it.
      const key = fix.kind === 'replace' ? `${a.title}@${JSON.stringify(fix.range)}` : `${fix.kind}:${fix.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  // Preferred fixes first: editors that apply "the" quick fix take the first preferred one.
  return out.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
}
