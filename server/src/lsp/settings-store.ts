// Settings per resource, validated on the server (vscode-eslint settings.ts). Clients that support
// `workspace/configuration` are asked for section `pipwatch` per document URI; others get the
// initializationOptions / didChangeConfiguration value. Results are cached per resource and
// dropped on `workspace/didChangeConfiguration`. Trust and the in-memory allowlist (names added
// through the quick fix before the client persisted them) are layered on top. In an untrusted
// workspace, restricted settings that the client marks as workspace-scoped fall back to the
// user's values (issue 8 §11); the raw answer is kept so a trust change needs no new request.
import type { Connection } from 'vscode-languageserver';
import { dropWorkspaceValues, normalizeSettings, type Settings } from '../core/settings';
import { normalizeName } from '../identify/normalize';
import { errorText, type Logger } from './log';

const CONFIG_TIMEOUT_MS = 2000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One client answer, normalised lazily for each trust state. */
class Entry {
  private readonly byTrust = new Map<boolean, Settings>();
  constructor(private readonly raw: unknown) {}

  settings(trusted: boolean, log: Logger): Settings {
    let s = this.byTrust.get(trusted);
    if (!s) {
      const d = dropWorkspaceValues(this.raw, trusted);
      if (d.ignored.length > 0) {
        log.once(`untrusted-settings:${d.ignored.join(',')}`, 'info', `untrusted workspace: ignoring its values of ${d.ignored.map((k) => `pipwatch.${k}`).join(', ')} (user settings apply)`);
      }
      s = normalizeSettings(d.raw);
      this.byTrust.set(trusted, s);
    }
    return s;
  }
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Entry>>();
  private base: unknown;
  private trusted: boolean;
  private readonly extraAllowlist = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    /** The client answers `workspace/configuration`. */
    private readonly pull: boolean,
    initSettings: unknown,
    trusted: boolean,
  ) {
    this.base = initSettings;
    this.trusted = trusted;
  }

  get workspaceTrusted(): boolean {
    return this.trusted;
  }

  /** The complete, validated settings for a document (or the workspace when uri is undefined). */
  get(uri?: string): Promise<Settings> {
    const key = uri ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.fetch(uri);
      this.cache.set(key, p);
    }
    return p.then((e) => this.layer(e.settings(this.trusted, this.log)));
  }

  /** `workspace/didChangeConfiguration`: push-model clients send the new value along. */
  configurationChanged(settings: unknown): void {
    if (!this.pull && isRecord(settings) && 'pipwatch' in settings) this.base = settings.pipwatch;
    this.cache.clear();
  }

  /** A document closed: its cached settings go (the workspace-level entry stays). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  /** Adds a PEP 503 name to the session allowlist; true when it was new. */
  addToAllowlist(name: string): boolean {
    const n = normalizeName(name);
    if (this.extraAllowlist.has(n)) return false;
    this.extraAllowlist.add(n);
    return true;
  }

  private layer(s: Settings): Settings {
    const allow = new Set(s.allowlist.map(normalizeName));
    for (const n of this.extraAllowlist) {
      // Once the client has persisted the name, the settings own it: a later removal from the
      // settings must bring the finding back, so the session copy is dropped.
      if (allow.has(n)) this.extraAllowlist.delete(n);
      else allow.add(n);
    }
    return { ...s, allowlist: [...allow], workspaceTrusted: this.trusted };
  }

  private async fetch(uri?: string): Promise<Entry> {
    if (!this.pull) return new Entry(this.base);
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), CONFIG_TIMEOUT_MS);
      });
      const req = this.connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'pipwatch' } : { section: 'pipwatch' });
      const raw: unknown = await Promise.race([req, timeout]);
      clearTimeout(timer);
      // A client without a `pipwatch` section answers null: fall back to initializationOptions.
      return new Entry(isRecord(raw) ? raw : this.base);
    } catch (e) {
      this.log.once('config-failed', 'warn', `workspace/configuration failed (${errorText(e)}); using initialization settings`);
      return new Entry(this.base);
    }
  }
}
