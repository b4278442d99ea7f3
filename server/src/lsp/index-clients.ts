// One IndexClient per distinct index configuration (URLs, TTLs, trust), shared by every document
// that uses it. A configuration no document uses any more is disposed when settings or trust
// change. Status changes of the clients reach the editor as `pipwatch/status` and, once per
// transition, one log line (written by the client) — never one error per dependency (house style §10).
import * as os from 'node:os';
import type { Connection } from 'vscode-languageserver';
import type { Settings } from '../core/settings';
import type { WorkspaceIndex } from '../index/plan';
import { ignoredIndexNotes } from '../index/workspace-indexes';
import { IndexClient, redact } from '../index/client';
import { discoverIndexes, nodeConfigFs, type DiscoveredIndexes } from '../index/config-files';
import { redactText } from '../index/urls';
import { STATUS_NOTIFICATION, type StatusParams } from '../../../shared/protocol';
import { errorText, type Logger } from './log';

type IndexState = StatusParams['index'];

export class IndexClients {
  private readonly clients = new Map<string, IndexClient>();
  private lastState = '';
  /** What pip / uv would ask, read once from the server's environment (VS Code: the extension host's). */
  private readonly discovered: DiscoveredIndexes;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    private readonly cacheDir: string,
    discovered?: DiscoveredIndexes,
  ) {
    this.discovered = discovered ?? discoverIndexes({ env: process.env, platform: process.platform, home: os.homedir(), fs: nodeConfigFs() }, (m) => log.warn(m));
  }

  /** Settings part of a client's key; the workspace index URLs follow after `|`. */
  private base(settings: Settings): string {
    return JSON.stringify({ index: settings.index, trusted: settings.workspaceTrusted });
  }

  private key(settings: Settings, ws: WorkspaceIndex[]): string {
    return `${this.base(settings)}|${JSON.stringify(ws)}`;
  }

  /** The client for these settings; undefined when lookups are off or the client cannot start. */
  get(settings: Settings, named: readonly WorkspaceIndex[] = []): IndexClient | undefined {
    if (settings.offline || !settings.enable) return undefined;
    // Index URLs named in workspace files count only in a trusted workspace (issue 3 §4); each
    // one left out is said once, with the file that names it (issue 10 §1).
    if (named.length > 0 && !settings.workspaceTrusted) {
      for (const note of ignoredIndexNotes(named)) this.log.once(`untrusted-index:${note}`, 'info', note);
    }
    const ws: WorkspaceIndex[] = settings.workspaceTrusted ? [...named] : [];
    const key = this.key(settings, ws);
    let c = this.clients.get(key);
    if (c) return c;
    try {
      c = new IndexClient({
        settings,
        cacheDir: this.cacheDir,
        log: (level, msg) => this.log[level](msg),
        workspaceIndexes: ws,
        discovered: this.discovered,
      });
    } catch (e) {
      this.log.once('index-client-failed', 'error', `cannot start the index client: ${errorText(e)}`);
      return undefined;
    }
    this.clients.set(key, c);
    c.onStatusChange((s) => this.statusChanged(s));
    this.statusChanged(c.status()); // the state it starts in (refused URL, ok) is news too
    // Not the default (PyPI only): which indexes are asked and where each came from, redacted,
    // so an index from a forgotten pip.conf or PIP_INDEX_URL can be traced (issue 8 §3).
    const lines = c.describeIndexes();
    this.log.info(`index client for ${lines.length > 0 ? lines.join('; ') : redact(settings.index.url)} (cache ${this.cacheDir})`);
    return c;
  }

  all(): IndexClient[] {
    return [...this.clients.values()];
  }

  /** Disposes the clients whose configuration is not among `inUse`. */
  retain(inUse: readonly Settings[]): void {
    const keep = new Set(inUse.map((s) => this.base(s)));
    for (const [k, c] of this.clients) {
      if (keep.has(k.slice(0, k.lastIndexOf('|')))) continue;
      this.clients.delete(k);
      void this.dispose1(c);
    }
    if (inUse.length > 0 && inUse.every((s) => s.offline || !s.enable)) this.statusChanged({ state: 'disabled', message: 'offline mode' });
  }

  async clearCache(): Promise<void> {
    for (const c of this.clients.values()) await c.clearCache();
  }

  private async dispose1(c: IndexClient): Promise<void> {
    try {
      await c.dispose();
    } catch (e) {
      this.log.warn(`index client dispose: ${errorText(e)}`);
    }
  }

  async dispose(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => this.dispose1(c)));
  }

  /** Forwards a status change to the editor (the client itself logs one line per transition). */
  statusChanged(s: IndexState): void {
    const sig = `${s.state}:${s.message ?? ''}`;
    if (sig === this.lastState) return;
    this.lastState = sig;
    const message = s.message && redactText(s.message); // the client redacts too: belt and braces for a secret
    const params: StatusParams = { index: message ? { state: s.state, message } : { state: s.state } };
    this.connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  }
}
