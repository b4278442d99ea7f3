// Install commands run in VS Code's integrated terminal (issue 9 §4), through shell integration:
// when a command starts, its command line goes to the server (`pipwatch/checkCommand`); when it
// ends, its output too, so names that came in with it are checked. A warning names the finding
// and offers Details and the uninstall command. It warns after the command has started: it
// cannot block an install. Thin: the server decides what is an install and what is risky.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_COMMAND_REQUEST,
  MAX_COMMAND_OUTPUT_CHARS,
  parseCheckCommandResult,
  uninstallCommand,
  type CheckCommandParams,
  type CheckCommandResult,
  type CommandFinding,
  type CommandPackage,
} from '../../shared/protocol';
import { SECTION } from './settings';

// The shell-execution API, stable since VS Code 1.93 (https://code.visualstudio.com/api/references/vscode-api#TerminalShellExecution).
// package.json's engines allow 1.91, whose @types/vscode lacks it: typed here, feature-detected.
interface ShellExecution {
  readonly commandLine: { readonly value: string };
  readonly cwd?: vscode.Uri;
  read(): AsyncIterable<string>;
}
interface ShellExecutionEvent {
  readonly terminal: vscode.Terminal;
  readonly execution: ShellExecution;
}
interface ShellExecutionWindow {
  readonly onDidStartTerminalShellExecution?: vscode.Event<ShellExecutionEvent>;
}

/** A warning shown for a terminal command (kept for the e2e suite through the extension's API). */
export interface TerminalWarning {
  command: string;
  /** `start`: the typed names; `end`: names read from the output as well. */
  phase: 'start' | 'end';
  message: string;
  packages: CommandPackage[];
  uninstall?: string;
  details: string;
}

// Only command lines that mention an installer are sent; the server's parser decides the rest.
const MENTIONS_INSTALLER = /\b(pip[0-9.]*|uvx?|poetry|pdm|pipx)(\.exe)?\b/i;
const KEEP_WARNINGS = 20;

const flaggedVerdict = (p: CommandPackage): boolean => p.verdict === 'error' || p.verdict === 'warning';

export interface TerminalHost {
  client(): LanguageClient | undefined;
  log: vscode.LogOutputChannel;
}

export class TerminalWatch implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Newest last; the actions of each, for the e2e suite's hook. */
  private readonly shown: { warning: TerminalWarning; terminal: vscode.Terminal }[] = [];
  readonly available: boolean;

  constructor(private readonly host: TerminalHost) {
    const onStart = (vscode.window as unknown as ShellExecutionWindow).onDidStartTerminalShellExecution;
    this.available = typeof onStart === 'function';
    if (!this.available || !onStart) {
      host.log.info(`terminal check off: VS Code ${vscode.version} has no shell-execution API (needs 1.93 or newer)`);
      return;
    }
    this.subscriptions.push(onStart((e) => void this.started(e)));
  }

  warnings(): TerminalWarning[] {
    return this.shown.map((s) => s.warning);
  }

  /** Does what the warning's button does (`Details`, `Uninstall`); for tests and the palette. */
  async act(index: number, action: 'Details' | 'Uninstall'): Promise<boolean> {
    const s = this.shown[index];
    if (!s) return false;
    return this.run(action, s.warning, s.terminal);
  }

  private enabled(): boolean {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    return cfg.get<boolean>('enable', true) && cfg.get<boolean>('terminal.enable', true);
  }

  private async started(e: ShellExecutionEvent): Promise<void> {
    try {
      const command = e.execution.commandLine.value;
      if (!this.enabled() || !command || !MENTIONS_INSTALLER.test(command)) return;
      // read() yields only what is written after it is called: start at once, alongside the check.
      const output = readCapped(e.execution);
      const cwd = e.execution.cwd?.toString();
      const base: CheckCommandParams = cwd ? { command, cwd } : { command };
      const said = new Set<string>();
      // Offline rules answer in milliseconds; the index (timeouts, retries) may take seconds.
      // Both are asked at once: the quick answer warns now, the full one adds what only the index knows.
      const quick = this.check({ ...base, offline: true });
      const full = this.check(base);
      const first = await quick;
      if (!first?.install) return;
      this.warn('start', command, first, said, e.terminal);
      const online = await full;
      if (online?.install) this.warn('start', command, online, said, e.terminal);
      const text = await output;
      this.host.log.info(`terminal: read ${text.length} characters of output from '${command}'`);
      const second = await this.check({ ...base, output: text });
      if (second?.install) this.warn('end', command, second, said, e.terminal);
    } catch (err) {
      this.host.log.warn(`terminal check failed: ${String(err)}`);
    }
  }

  private async check(params: CheckCommandParams): Promise<CheckCommandResult | undefined> {
    const c = this.host.client();
    if (!c || !c.isRunning()) {
      this.host.log.warn('terminal check skipped: the language server is not running');
      return undefined;
    }
    const r = parseCheckCommandResult(await c.sendRequest(CHECK_COMMAND_REQUEST, params));
    if (!r) this.host.log.warn('terminal check: the server sent an unreadable answer');
    return r;
  }

  /** Warns about findings not said yet for this command (`said` holds `name code` keys). */
  private warn(phase: TerminalWarning['phase'], command: string, r: CheckCommandResult, said: Set<string>, terminal: vscode.Terminal): void {
    const fresh = (p: CommandPackage, key: string): boolean => {
      const k = `${p.name ?? p.input} ${key}`;
      if (said.has(k)) return false;
      said.add(k);
      return true;
    };
    // Only warning and error findings are news; each is said once per command.
    const news = new Map<CommandPackage, CommandFinding[]>();
    for (const p of r.packages.filter(flaggedVerdict)) {
      const fs = p.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && fresh(p, f.code));
      if (fs.length > 0) news.set(p, fs);
    }
    const flagged = [...news.keys()];
    const unchecked = r.packages.filter((p) => p.lookup.startsWith('incomplete') && fresh(p, 'incomplete'));
    if (flagged.length === 0 && unchecked.length === 0) return;
    const parts: string[] = [];
    for (const [p, fs] of news) {
      const f = fs.find((x) => x.severity === 'error') ?? (fs[0] as CommandFinding);
      parts.push(`${p.source === 'output' ? `${p.input} (installed with it)` : p.input}: ${f.code} ${f.message}`);
    }
    for (const p of unchecked) parts.push(`${p.input}: not checked on the index (${p.lookup.replace(/^incomplete: /, '')})`);
    const message = `Pipwatch, terminal: ${parts.join(' · ')}. The install has already started: Pipwatch warns, it cannot block it.`;
    const uninstall = uninstallCommand(flagged);
    const warning: TerminalWarning = { command, phase, message, packages: [...flagged, ...unchecked], details: r.details, ...(uninstall ? { uninstall } : {}) };
    this.shown.push({ warning, terminal });
    if (this.shown.length > KEEP_WARNINGS) this.shown.shift();
    this.host.log.warn(`terminal: ${message}`);
    const actions = uninstall ? ['Details', 'Uninstall'] : ['Details'];
    void vscode.window.showWarningMessage(message, ...actions).then((choice) => {
      if (choice === 'Details' || choice === 'Uninstall') void this.run(choice, warning, terminal);
    });
  }

  private async run(action: 'Details' | 'Uninstall', w: TerminalWarning, terminal: vscode.Terminal): Promise<boolean> {
    if (action === 'Details') {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: w.details });
      await vscode.window.showTextDocument(doc, { preview: true });
      return true;
    }
    if (!w.uninstall || terminal.exitStatus !== undefined) return false;
    // Typed, not run: the user reads it and presses Enter.
    terminal.show();
    terminal.sendText(w.uninstall, false);
    return true;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/** The execution's output, at most MAX_COMMAND_OUTPUT_CHARS: the tail, where installers report. */
async function readCapped(execution: ShellExecution): Promise<string> {
  let buf = '';
  try {
    for await (const chunk of execution.read()) {
      buf += chunk;
      if (buf.length > 2 * MAX_COMMAND_OUTPUT_CHARS) buf = buf.slice(buf.length - MAX_COMMAND_OUTPUT_CHARS);
    }
  } catch {
    // The terminal went away: check what was read.
  }
  return buf.length > MAX_COMMAND_OUTPUT_CHARS ? buf.slice(buf.length - MAX_COMMAND_OUTPUT_CHARS) : buf;
}
