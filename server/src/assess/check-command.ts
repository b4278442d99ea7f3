// The terminal check (issue 9 §4): an install command as a shell ran it, plus what its output says
// it installed, in; each name's findings out, with the command that uninstalls it again. The
// names go through check-packages.ts, the engine of `pipwatch mcp`, so the terminal, the agent
// tool and `pipwatch check` judge a name alike. Pure but for the index client it is handed.
import type { CheckCommandResult, CommandPackage } from '../../../shared/protocol';
import type { Settings } from '../core/settings';
import { normalizeName } from '../identify/normalize';
import type { IndexClient } from '../index/client';
import { redactText } from '../index/urls';
import { parseInstallCommands, type CommandRequirement } from '../parse/install-command';
import { parseInstallOutput, type OutputTool } from '../parse/install-output';
import { checkEntries, INCOMPLETE_NOTE, markIncomplete, MAX_PACKAGES, requirementText, type PackageReport } from './check-packages';

/** A command line longer than this is read up to here (shell words are linear; this bounds the work). */
export const MAX_COMMAND_CHARS = 100_000;

export interface CommandInput {
  command: string;
  output?: string;
}

type Run = { command: string; runner: string };

// A runner word we can paste back unquoted into any shell; anything else falls back to the tool's plain name.
const PLAIN_WORD = /^[A-Za-z0-9._/:+=@-]+$/;

/**
 * The command that removes what `run` installed, without the names: each tool's documented
 * inverse (pip uninstall -y; uv pip uninstall / uv remove / uv tool uninstall; poetry remove;
 * pdm remove; pipx uninstall). None for commands that install nothing lasting (`uvx`, `uv run`,
 * `pipx run`, `pip download`) or whose inverse needs more than a name (`pipx inject`).
 */
export function uninstallFor(run: Run): string | undefined {
  switch (run.command) {
    case 'pip install':
    case 'python -m pip install': {
      const plain = run.runner.split(' ').every((w) => PLAIN_WORD.test(w));
      return `${plain ? run.runner : run.command === 'pip install' ? 'pip' : 'python -m pip'} uninstall -y`;
    }
    case 'uv pip install':
      return 'uv pip uninstall';
    case 'uv add':
      return 'uv remove';
    case 'uv tool install':
      return 'uv tool uninstall';
    case 'poetry add':
      return 'poetry remove';
    case 'pdm add':
      return 'pdm remove';
    case 'pipx install':
      return 'pipx uninstall';
    default:
      return undefined;
  }
}

/**
 * Uninstall for a name the output reported but the command did not type (a dependency): only an
 * environment-level tool can remove one package alone. A project tool (`uv add`, `poetry add`)
 * would re-resolve it; its lock names which direct dependency to remove instead.
 */
function outputUninstall(tool: OutputTool, runs: readonly Run[]): string | undefined {
  const run = runs.find((r) => (tool === 'pip' ? r.command.endsWith('pip install') && !r.command.startsWith('uv ') : tool === 'uv' ? r.command === 'uv pip install' : false));
  return run ? uninstallFor(run) : undefined;
}

interface Entry {
  /** What is checked: the requirement, pinned to the installed version when the output says it. */
  check: string;
  /** What the user sees: as typed, or `name==version` from the output. */
  input: string;
  source: CommandPackage['source'];
  uninstall?: string;
}

function toPackage(r: PackageReport, e: Entry): CommandPackage {
  const p: CommandPackage = { input: e.input, source: e.source, verdict: r.verdict, findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...(f.fix !== undefined ? { fix: f.fix } : {}) })), lookup: r.lookup };
  if (r.name !== undefined) p.name = r.name;
  if (e.uninstall && r.name !== undefined && r.verdict !== 'not-checked') p.uninstall = e.uninstall;
  return p;
}

/** Checks an install command and what its output says it installed; never throws on odd input. */
export async function checkCommand(input: CommandInput, settings: Settings, client?: IndexClient, signal?: AbortSignal): Promise<CheckCommandResult> {
  const notes: string[] = [];
  let command = input.command;
  if (command.length > MAX_COMMAND_CHARS) {
    command = command.slice(0, MAX_COMMAND_CHARS);
    notes.push(`The command is longer than ${MAX_COMMAND_CHARS.toLocaleString('en')} characters: only its start was read.`);
  }
  const parsed = parseInstallCommands(command);
  const runs = parsed.runs ?? [];
  const mode = client ? 'online' : 'offline';
  const ignoredIndexes = parsed.indexes.filter((i) => i.kind !== 'no-index').map((i) => redactText(i.url));
  if (runs.length === 0) return { install: false, packages: [], ignoredIndexes, mode, notes, details: '' };

  const out = input.output !== undefined ? parseInstallOutput(input.output) : undefined;
  const installed = new Map((out?.installed ?? []).map((p) => [normalizeName(p.name), p]));
  const entries: Entry[] = [];
  const typed = new Set<string>();
  for (const q of parsed.requirements as CommandRequirement[]) {
    const key = normalizeName(q.name);
    if (typed.has(key)) continue;
    typed.add(key);
    const got = q.url ? undefined : installed.get(key);
    // The output's version is what is on disk now: check that release (yanked, malicious, too new).
    const check = got ? `${q.name}${q.extras.length > 0 ? `[${q.extras.join(',')}]` : ''}==${got.version}` : requirementText(q);
    const run = { command: q.command, runner: q.runner };
    const un = uninstallFor(run);
    entries.push({ check, input: requirementText(q), source: 'command', ...(un ? { uninstall: un } : {}) });
  }
  for (const pr of parsed.problems) entries.push({ check: command.slice(pr.start, pr.end), input: command.slice(pr.start, pr.end), source: 'command' });
  for (const [key, p] of installed) {
    if (typed.has(key)) continue;
    const un = outputUninstall(p.tool, runs);
    entries.push({ check: `${p.name}==${p.version}`, input: `${p.name}==${p.version}`, source: 'output', ...(un ? { uninstall: un } : {}) });
  }
  const skipped = Math.max(0, entries.length - MAX_PACKAGES) + (out?.dropped ?? 0);
  const kept = entries.slice(0, MAX_PACKAGES);
  if (skipped > 0) notes.push(`${skipped} more name${skipped === 1 ? '' : 's'} not checked: at most ${MAX_PACKAGES} per command.`);
  if (out?.truncated) notes.push('The output was too long to read whole: only its end was read.');

  const reports = kept.length > 0 ? await checkEntries(kept.map((e) => e.check), settings, client, signal) : [];
  if (markIncomplete(reports, client)) notes.push(INCOMPLETE_NOTE);
  if (!client) notes.push('Checked offline (typosquats, import names): the index was not asked, so names that exist on no index were not looked for.');
  const packages = reports.map((r, i) => toPackage(r, kept[i] as Entry));
  const result: CheckCommandResult = { install: true, packages, ignoredIndexes, mode, notes, details: '' };
  // Findings quote index answers and URLs: redacted as every other output is (issue 8 §1).
  // `details` is the presentation layer's (present/command-report.ts), filled in by the glue.
  return JSON.parse(redactText(JSON.stringify(result))) as CheckCommandResult;
}
