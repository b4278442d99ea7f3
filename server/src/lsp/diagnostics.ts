// Per-document validation in two phases: offline findings at once, index findings in the
// background. Pull clients (`textDocument/diagnostic`) get answers from the same per-document
// state push clients get `publishDiagnostics` from — never both for one document (house style §6).
// Every run is stamped with the document version and the settings generation; stale results are
// dropped. The debounce settles every earlier caller with the newest result.
// LSP pull diagnostics: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_pullDiagnostics
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { CODES } from '../core/codes';
import { ruleEnabled, ruleSeverity, type Settings } from '../core/settings';
import type { Finding } from '../core/types';
import type { WorkspaceIndex } from '../index/plan';
import { indexesForDocument } from '../index/workspace-indexes';
import { uriToPath } from '../workspace/files';
import { analyzeOffline, analyzeOnline, type Analysis, type AnalysisInput } from '../assess/engine';
import type { WorkspaceFacts } from '../assess/rule';
import type { IndexClient } from '../index/client';
import { toDiagnostics } from '../present/diagnostic';
import { errorText, type Logger } from './log';
import type { SettingsStore } from './settings-store';

/** Documents larger than this get one PW001 diagnostic instead of analysis. */
export const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

/** What the validator reads of a document: an open text document, or a synced notebook (lsp/notebooks.ts). */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
  /** A synced notebook: its findings keep cell-local ranges and are published on its cells. */
  readonly notebook?: true;
}

/** The open documents the validator analyses (text documents and synced notebooks). */
export interface DocumentSource {
  get(uri: string): OpenDocument | undefined;
  all(): OpenDocument[];
}

/** One `publishDiagnostics`. */
export interface Publication {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ValidatorDeps {
  connection: Connection;
  documents: DocumentSource;
  log: Logger;
  mode: 'pull' | 'push';
  /** Pull clients that accept `workspace/diagnostic/refresh`. */
  refreshSupport: boolean;
  settings: SettingsStore;
  workspaceFacts(uri: string): WorkspaceFacts;
  readFile(absPath: string): string | undefined;
  indexClient(settings: Settings, indexes?: readonly WorkspaceIndex[]): IndexClient | undefined;
  /** Resolves when the workspace facts of `uri` are complete (bounded wait); analysis waits for it. */
  workspaceReady?(uri: string): Promise<void>;
  /**
   * Where pushed findings of `uri` go when not to `uri` itself: a notebook's to its cells, with
   * empty lists for cells that had findings before (lsp/notebooks.ts). Undefined = to `uri`.
   */
  route?(uri: string, findings: readonly Finding[]): Publication[] | undefined;
  debounceMs?: number;
  /** Longest a run is postponed by continuous changes (a trailing debounce alone never fires while typing). */
  maxWaitMs?: number;
}

export interface Result {
  uri: string;
  version: number;
  generation: number;
  findings: Finding[];
  /** Undefined when the document was not analysed (too large, disabled). */
  analysis?: Analysis;
  input?: AnalysisInput;
  settings: Settings;
  /** Index lookups done (or not wanted). */
  complete: boolean;
  resultId: string;
}

interface DocState {
  timer?: NodeJS.Timeout;
  /** When the first change the pending timer stands for arrived (for the maximum wait). */
  pendingSince?: number;
  waiters: ((r: Result | undefined) => void)[];
  abort?: AbortController;
  result?: Result;
}

let resultCounter = 0;

/** The one finding a too-large document gets. */
export function tooLargeFinding(settings: Settings, chars: number): Finding[] {
  if (!ruleEnabled(settings, CODES.parse.rule)) return [];
  const mb = (chars / 1048576).toFixed(1);
  return [
    {
      code: CODES.parse.code,
      rule: CODES.parse.rule,
      severity: ruleSeverity(settings, CODES.parse.rule, CODES.parse.defaultSeverity),
      message: `File is too large to check (${mb} MB; the limit is 5 MB).`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fixes: [],
    },
  ];
}

export class Validator {
  private readonly docs = new Map<string, DocState>();
  private generation = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly d: ValidatorDeps) {
    this.debounceMs = d.debounceMs ?? 200;
    this.maxWaitMs = Math.max(this.debounceMs, d.maxWaitMs ?? 1000);
  }

  private state(uri: string): DocState {
    let st = this.docs.get(uri);
    if (!st) {
      st = { waiters: [] };
      this.docs.set(uri, st);
    }
    return st;
  }

  private fresh(uri: string, r: Result | undefined): r is Result {
    const doc = this.d.documents.get(uri);
    return !!r && !!doc && r.version === doc.version && r.generation === this.generation;
  }

  /** The newest result for the current version, without waiting. */
  current(uri: string): Result | undefined {
    const r = this.docs.get(uri)?.result;
    return this.fresh(uri, r) ? r : undefined;
  }

  /** Result for the document's current version (debounced run when there is none yet). */
  request(uri: string): Promise<Result | undefined> {
    const cur = this.current(uri);
    if (cur) return Promise.resolve(cur);
    if (!this.d.documents.get(uri)) return Promise.resolve(undefined);
    const st = this.state(uri);
    return new Promise((resolve) => {
      st.waiters.push(resolve);
      if (!st.timer) this.schedule(uri);
    });
  }

  /** Document opened or changed. Push clients validate now; pull clients when they ask. */
  changed(uri: string): void {
    const st = this.state(uri);
    st.abort?.abort();
    st.abort = undefined;
    if (this.d.mode === 'push' || st.waiters.length > 0) this.schedule(uri);
  }

  closed(uri: string): void {
    const st = this.docs.get(uri);
    if (!st) return;
    if (st.timer) clearTimeout(st.timer);
    st.timer = undefined;
    st.abort?.abort();
    this.docs.delete(uri);
    for (const w of st.waiters.splice(0)) w(undefined);
    if (this.d.mode === 'push') this.publish(uri, [], undefined);
  }

  /** Settings, trust, allowlist or workspace facts changed: every open document again. */
  invalidateAll(): void {
    this.generation++;
    for (const [uri, st] of this.docs) {
      st.abort?.abort();
      st.abort = undefined;
      if (this.d.mode === 'push' || st.waiters.length > 0) this.schedule(uri);
    }
    for (const doc of this.d.documents.all()) if (!this.docs.has(doc.uri) && this.d.mode === 'push') this.schedule(doc.uri);
    if (this.d.mode === 'pull') this.refresh();
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.closed(uri);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  /**
   * Trailing debounce with a maximum wait (lodash's `maxWait`): each change postpones the run by
   * `debounceMs`, but never past `maxWaitMs` after the first change it stands for, so steady typing
   * still refreshes the diagnostics about once a second.
   */
  private schedule(uri: string): void {
    const st = this.state(uri);
    const now = Date.now();
    st.pendingSince ??= now;
    if (st.timer) clearTimeout(st.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, st.pendingSince + this.maxWaitMs - now));
    st.timer = setTimeout(() => {
      st.timer = undefined;
      st.pendingSince = undefined;
      void this.run(uri);
    }, delay);
  }

  /** Asks pull clients to pull again (coalesced: many lookups landing at once make one request). */
  private refresh(): void {
    if (this.d.mode !== 'pull' || !this.d.refreshSupport || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.d.connection.languages.diagnostics.refresh().catch((e: unknown) => {
        this.d.log.once('refresh-failed', 'warn', `workspace/diagnostic/refresh failed: ${errorText(e)}`);
      });
    }, 50);
  }

  private publish(uri: string, findings: readonly Finding[], version: number | undefined): void {
    const routed = this.d.route?.(uri, findings);
    const list: Publication[] = routed ?? [version === undefined ? { uri, diagnostics: toDiagnostics(findings, null) } : { uri, version, diagnostics: toDiagnostics(findings, version) }];
    for (const p of list) {
      this.d.connection.sendDiagnostics(p).catch((e: unknown) => {
        this.d.log.once('publish-failed', 'warn', `publishDiagnostics failed: ${errorText(e)}`);
      });
    }
  }

  private settle(st: DocState, r: Result | undefined): void {
    for (const w of st.waiters.splice(0)) w(r);
  }

  private async run(uri: string): Promise<void> {
    const st = this.docs.get(uri);
    const doc = this.d.documents.get(uri);
    if (!st) return;
    if (!doc) return this.settle(st, undefined);
    const version = doc.version;
    const generation = this.generation;
    try {
      const settings = await this.d.settings.get(uri);
      // Facts-dependent findings (PW103, import typos) need the folder's facts: wait for them (bounded).
      if (this.d.workspaceReady) await this.d.workspaceReady(uri);
      if (this.d.documents.get(uri)?.version !== version || generation !== this.generation || this.docs.get(uri) !== st) {
        // Stale before we started: a newer run is due (or the document closed).
        if (this.docs.get(uri) === st && !st.timer && (st.waiters.length > 0 || this.d.mode === 'push')) this.schedule(uri);
        return;
      }
      const result = this.analyze(uri, doc, settings, generation);
      st.result = result;
      this.settle(st, result);
      if (this.d.mode === 'push') this.publish(uri, result.findings, version);
      if (!result.complete) this.startOnline(uri, st, result);
    } catch (e) {
      this.d.log.error(`validation of ${uri} failed: ${errorText(e)}`);
      this.settle(st, undefined);
    }
  }

  private analyze(uri: string, doc: OpenDocument, settings: Settings, generation: number): Result {
    const base = { uri, version: doc.version, generation, settings, resultId: String(++resultCounter) };
    const text = doc.getText();
    if (!settings.enable) return { ...base, findings: [], complete: true };
    if (text.length > MAX_DOCUMENT_CHARS) {
      this.d.log.once(`too-large:${uri}`, 'info', `${uri} is ${text.length} characters: not analysed`);
      return { ...base, findings: tooLargeFinding(settings, text.length), complete: true };
    }
    const input: AnalysisInput = {
      uri,
      text,
      languageId: doc.languageId,
      settings,
      workspace: this.d.workspaceFacts(uri),
      readFile: (p) => this.d.readFile(p),
      log: (m) => this.d.log.warn(m),
      // A notebook synced cell by cell keeps cell-local ranges; an .ipynb open as text needs its own.
      notebookRanges: doc.notebook ? 'cell' : 'text',
    };
    const analysis = analyzeOffline(input);
    // An untrusted project's cooldown exemption or looser value is left out and said (once each).
    for (const c of analysis.ignoredCooldown ?? []) this.d.log.once(`untrusted-cooldown:${c.note}`, 'info', c.note);
    const wantsIndex = !settings.offline && analysis.lookups.length > 0;
    return { ...base, findings: analysis.findings, analysis, input, complete: !wantsIndex };
  }

  private startOnline(uri: string, st: DocState, result: Result): void {
    const client = this.d.indexClient(result.settings, result.analysis && result.input ? indexesForDocument(result.input.workspace.projectIndexes, result.analysis.parsed.indexes, uriToPath(uri) ?? uri) : []);
    if (!client || !result.analysis || !result.input) {
      result.complete = true;
      return;
    }
    const ctrl = new AbortController();
    st.abort = ctrl;
    analyzeOnline(result.analysis, result.input, client, ctrl.signal).then(
      (findings) => {
        if (ctrl.signal.aborted || st.result !== result || !this.fresh(uri, result)) return;
        st.abort = undefined;
        const done: Result = { ...result, findings, complete: true, resultId: String(++resultCounter) };
        st.result = done;
        if (this.d.mode === 'push') this.publish(uri, findings, done.version);
        else this.refresh();
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) this.d.log.warn(`index phase for ${uri} failed: ${errorText(e)}`);
      },
    );
  }
}
