// The engine behind `pipwatch mcp`'s check_packages tool and the editor's terminal check
// (`pipwatch/checkCommand`): names (or an install command) in, each name's findings out. Pure of MCP
// and LSP: the glue (cli/mcp.ts, lsp/session.ts) only validates and formats. The names
// run through the same engine, rules and settings as `pipwatch check`, as lines of a virtual
// requirements file; an install command is read by the install-command parser first.
import { analyzeOffline, analyzeOnline, type AnalysisInput } from './engine';
import type { Settings } from '../core/settings';
import type { Finding, Severity } from '../core/types';
import type { IndexClient } from '../index/client';
import { parseInstallCommands } from '../parse/install-command';
import type { ParsedRequirement } from '../parse/pep508';
import { isDirectReference } from '../parse/requirements';

/** Inputs past these are refused, not truncated silently. */
export const MAX_PACKAGES = 200;
export const MAX_INPUT_CHARS = 20_000;

export interface PackageFinding {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  /** The preferred fix's replacement (the canonical package name), when there is one. */
  fix?: string;
}

export interface PackageReport {
  /** The entry as given (or the requirement as written in the command). */
  input: string;
  /** PEP 503 normalised name; absent when the entry is not a registry name. */
  name?: string;
  /** Highest severity among the findings, or `ok`; `not-checked` for URLs, paths and bad entries. */
  verdict: Severity | 'ok' | 'not-checked';
  findings: PackageFinding[];
  /** Whether the index answered for this name: `complete`, `offline` (not asked) or `incomplete: reason`. */
  lookup: string;
}

export interface CheckReport {
  packages: PackageReport[];
  /** Index URLs the command names: reported, never used (an agent's command must not pick who vouches for it). */
  ignoredIndexes: string[];
  mode: 'offline' | 'online';
  /** A note when the index could not be reached (findings are then offline only). */
  note?: string;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** A command's requirement as one PEP 508 string: `name[extras]specifier @ url ; marker`. */
export function requirementText(q: ParsedRequirement): string {
  let s = q.name;
  if (q.extras.length > 0) s += `[${q.extras.join(',')}]`;
  s += q.specifier;
  if (q.url) s += ` @ ${q.url}`;
  if (q.marker) s += ` ; ${q.marker}`;
  return s;
}

/** The requirement strings of the input: each `packages` entry, or each name a command installs. */
export function entriesOf(input: { packages?: string[]; command?: string }): { entries: string[]; ignoredIndexes: string[]; error?: string } {
  if (input.packages && input.command) return { entries: [], ignoredIndexes: [], error: 'give either "packages" or "command", not both' };
  if (input.packages) {
    if (input.packages.length > MAX_PACKAGES) return { entries: [], ignoredIndexes: [], error: `at most ${MAX_PACKAGES} packages per call` };
    if (input.packages.some((p) => p.length > 1000)) return { entries: [], ignoredIndexes: [], error: 'a package entry is longer than 1000 characters' };
    return { entries: input.packages.map((p) => p.trim()), ignoredIndexes: [] };
  }
  if (typeof input.command === 'string') {
    if (input.command.length > MAX_INPUT_CHARS) return { entries: [], ignoredIndexes: [], error: `the command is longer than ${MAX_INPUT_CHARS} characters` };
    const r = parseInstallCommands(input.command);
    const entries = r.requirements.map((q) => requirementText(q));
    for (const p of r.problems) entries.push(input.command.slice(p.start, p.end));
    return { entries, ignoredIndexes: r.indexes.filter((i) => i.kind !== 'no-index').map((i) => i.url) };
  }
  return { entries: [], ignoredIndexes: [], error: 'give "packages" (a list of names or requirements) or "command" (an install command)' };
}

/** The text of a finding's preferred replace fix (the canonical name), else its first one. */
export function preferredFix(f: Finding): string | undefined {
  const replaces = f.fixes.filter((x) => x.kind === 'replace' && typeof x.newText === 'string');
  return (replaces.find((x) => x.isPreferred) ?? replaces[0])?.newText;
}

function toPackageFinding(f: Finding): PackageFinding {
  const out: PackageFinding = { code: f.code, rule: f.rule, severity: f.severity, message: f.message };
  const fix = preferredFix(f);
  if (fix !== undefined) out.fix = fix;
  return out;
}

/** Checks entries (requirement strings) with the engine; online when `client` is given. */
export async function checkEntries(entries: string[], settings: Settings, client?: IndexClient, signal?: AbortSignal): Promise<PackageReport[]> {
  // One entry a line of a virtual requirements file: line i is entry i. Newlines inside an entry
  // would shift that, so they are flattened (an entry is one requirement).
  const lines = entries.map((e) => e.replace(/[\r\n\\]+/g, ' '));
  const input: AnalysisInput = {
    uri: 'pipwatch-mcp/requirements.txt',
    text: lines.join('\n') + '\n',
    settings,
    workspace: { declared: new Set(), firstParty: new Set() },
  };
  const analysis = analyzeOffline(input);
  const findings = client ? await analyzeOnline(analysis, input, client, signal) : analysis.findings;
  return lines.map((line, i) => {
    const mine = findings.filter((f) => f.range.start.line === i);
    const dep = analysis.parsed.dependencies.find((d) => d.range.start.line === i);
    const report: PackageReport = { input: entries[i] as string, verdict: 'ok', findings: mine.map(toPackageFinding), lookup: client ? 'complete' : 'offline' };
    if (dep) report.name = dep.name;
    if (!dep || dep.url || isDirectReference(line.trim())) {
      report.verdict = 'not-checked';
      if (mine.length === 0) {
        report.findings.push({ code: 'PW001', rule: 'parse', severity: 'information', message: line.trim() === '' ? 'empty entry' : `'${line.trim()}' is not a registry package name (a URL, a path or not a requirement): not checked` });
      }
      report.lookup = 'not looked up';
      return report;
    }
    if (client) {
      const facts = client.peek(dep.name);
      if (!facts) report.lookup = 'incomplete: no answer from the index';
      else if (facts.primary.state === 'unknown') report.lookup = `incomplete: ${facts.primary.reason}`;
    }
    const top = mine.reduce<Severity | undefined>((acc, f) => (acc === undefined || RANK[f.severity] > RANK[acc] ? f.severity : acc), undefined);
    if (top) report.verdict = top;
    return report;
  });
}

/**
 * Marks the packages whose lookups the client's ledger holds as incomplete (`incomplete: source:
 * cause`), for these packages only; true when any lookup did not complete. Such a name was
 * checked offline only: it must read "not checked on the index", never as safe.
 */
export function markIncomplete(packages: PackageReport[], client: IndexClient | undefined): boolean {
  const groups = client?.incomplete().groups ?? [];
  for (const p of packages) {
    const g = p.name === undefined ? undefined : groups.find((x) => x.packages.includes(p.name as string));
    if (g) p.lookup = `incomplete: ${g.source}: ${g.cause}`;
  }
  return packages.some((p) => p.lookup.startsWith('incomplete'));
}

export const INCOMPLETE_NOTE = 'Some index lookups did not complete: those names were checked offline only, and are not known to be safe.';

/** The text answer: one line a package, then notes. */
export function reportText(r: CheckReport): string {
  const out: string[] = [];
  for (const p of r.packages) {
    const head = `${p.input}: ${p.verdict}${p.lookup === 'complete' || p.lookup === 'offline' ? '' : ` (index lookup ${p.lookup})`}`;
    out.push(head);
    for (const f of p.findings) out.push(`  ${f.severity} ${f.code} ${f.message}${f.fix && !f.message.includes(`'${f.fix}'`) ? ` (use '${f.fix}')` : ''}`);
  }
  if (r.packages.length === 0) out.push('no package names found to check');
  if (r.mode === 'offline') out.push('Checked offline (typosquats, import names); start with --online to also ask the index (missing names, quarantine, malware).');
  if (r.note) out.push(r.note);
  for (const u of r.ignoredIndexes) out.push(`The command names the index ${u}: packages would come from there; it was not used for this check.`);
  return out.join('\n');
}
