// `pipwatch/scanWorkspace`: every manifest and Python file of the workspace, including files no
// editor has open. Open documents keep their normal (pull or push) path; closed files are always
// PUSHED (publishDiagnostics without a version): pull clients only pull for open documents, and
// `server.ts` clears a pushed set when such a file is later opened in a pull client, so no document
// ever shows both. Work-done progress when the client sends a token; cancellable.
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { Settings } from '../core/settings';
import type { Finding } from '../core/types';
import type { WorkspaceIndex } from '../index/plan';
import { indexesForDocument } from '../index/workspace-indexes';
import { analyzeOffline, analyzeOnline, notReadFinding } from '../assess/engine';
import type { WorkspaceFacts } from '../assess/rule';
import type { IndexClient } from '../index/client';
import { toDiagnostics } from '../present/diagnostic';
import { pathToUri, readableReason, readTextFile, uriToPath } from '../workspace/files';
import { scannedFiles, scanWorkspace } from '../workspace/scan';
import type { ScanWorkspaceResult } from '../../../shared/protocol';
import type { DocumentSource, Validator } from './diagnostics';
import { errorText, type Logger } from './log';

export interface ScanDeps {
  connection: Connection;
  /** Open documents and notebooks: analysed on their own path, not as files. */
  documents: DocumentSource;
  log: Logger;
  roots(): string[];
  settings(uri: string): Promise<Settings>;
  workspaceFacts(uri: string): WorkspaceFacts;
  /** Resolves when the facts of `uri`'s folder are complete (bounded wait). */
  workspaceReady(uri: string): Promise<void>;
  readFile(absPath: string): string | undefined;
  indexClient(settings: Settings, indexes?: readonly WorkspaceIndex[]): IndexClient | undefined;
  validator: Validator;
  /** URIs of files analysed as requirements because another file includes them (`-r deps/prod.txt`). */
  included?(): string[];
  /** Records a closed file that got pushed diagnostics. */
  pushed(uri: string): void;
}

async function checkClosedFile(d: ScanDeps, file: string, signal: AbortSignal): Promise<Finding[]> {
  const uri = pathToUri(file);
  const read = await readTextFile(file);
  const settings = await d.settings(uri);
  if (!read.ok) {
    // Said, not dropped: the file gets one PW001 saying why it was not read.
    const f = notReadFinding(settings, readableReason(read.reason));
    if (!f || signal.aborted) return [];
    await d.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics([f], null) });
    d.pushed(uri);
    return [f];
  }
  await d.workspaceReady(uri);
  // Pushed on the file's own URI: a notebook's ranges in its JSON text, not its cells.
  const input = { uri, text: read.text, settings, workspace: d.workspaceFacts(uri), readFile: d.readFile, log: (m: string) => d.log.warn(m), notebookRanges: 'text' as const };
  const analysis = analyzeOffline(input);
  let findings = analysis.findings;
  const client = settings.offline ? undefined : d.indexClient(settings, indexesForDocument(input.workspace.projectIndexes, analysis.parsed.indexes, file));
  if (client && analysis.lookups.length > 0) findings = await analyzeOnline(analysis, input, client, signal);
  if (signal.aborted) return findings;
  await d.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(findings, null) });
  d.pushed(uri);
  return findings;
}

export async function scanWorkspaceRequest(
  d: ScanDeps,
  token: CancellationToken,
  progress: WorkDoneProgressReporter | undefined,
): Promise<ScanWorkspaceResult> {
  const ctrl = new AbortController();
  const sub = token.onCancellationRequested(() => ctrl.abort());
  let files = 0;
  let findings = 0;
  try {
    progress?.begin('Pipwatch: scanning workspace', 0, 'listing files', true);
    const all: string[] = [];
    for (const root of d.roots()) {
      const s = await scanWorkspace(root, { signal: ctrl.signal });
      all.push(...scannedFiles(s));
      for (const u of s.unreadable ?? []) d.log.warn(`scan workspace: ${u.path} not checked: ${u.reason}`);
    }
    for (const uri of d.included?.() ?? []) {
      const p = uriToPath(uri);
      if (p && !all.includes(p)) all.push(p);
    }
    for (const file of all) {
      if (ctrl.signal.aborted) break;
      const uri = pathToUri(file);
      try {
        if (d.documents.get(uri)) findings += (await d.validator.request(uri))?.findings.length ?? 0;
        else findings += (await checkClosedFile(d, file, ctrl.signal)).length;
      } catch (e) {
        d.log.warn(`scan: ${file} failed: ${errorText(e)}`);
      }
      files++;
      progress?.report(Math.round((files / all.length) * 100), `${files}/${all.length} files`);
    }
    d.log.info(`scan workspace: ${findings} findings in ${files} files${ctrl.signal.aborted ? ' (cancelled)' : ''}`);
    return { files, findings, cancelled: ctrl.signal.aborted };
  } finally {
    sub.dispose();
    progress?.done();
  }
}
