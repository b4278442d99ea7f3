// CLI output: `path:line:col: severity code message` lines (the compiler-error shape editors and
// CI annotators parse; 1-based line and column) or a JSON array with the same facts.
import { CODES } from '../core/codes';
import type { Finding, Severity } from '../core/types';
import { preferredFix } from '../assess/check-packages';
import type { IncompleteReport } from '../index/client';

export interface FileFinding {
  /** Path as printed (relative to the working directory). */
  path: string;
  finding: Finding;
}

export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Notebooks: the 1-based cell the line and column are in. */
  cell?: number;
  severity: Severity;
  code: string;
  message: string;
  /** The preferred replace fix's new text (e.g. the canonical package name). */
  fix?: string;
  evidence?: Record<string, unknown>;
}

/** Messages are one line: a newline inside one would break every line-based consumer. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

export function compareFileFindings(a: FileFinding, b: FileFinding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const ra = a.finding.range.start;
  const rb = b.finding.range.start;
  return ra.line - rb.line || ra.character - rb.character || (a.finding.code < b.finding.code ? -1 : a.finding.code > b.finding.code ? 1 : 0);
}

/** Notebooks: the cell a finding's range is relative to (`path:cell N:line:col`, N 1-based as editors show). */
function cellOf(f: Finding): number | undefined {
  return f.cell ?? f.dependency?.cell;
}

export function textLine(ff: FileFinding): string {
  const { start } = ff.finding.range;
  const cell = cellOf(ff.finding);
  const where = cell === undefined ? ff.path : `${ff.path}:cell ${cell + 1}`;
  return `${where}:${start.line + 1}:${start.character + 1}: ${ff.finding.severity} ${ff.finding.code} ${oneLine(ff.finding.message)}`;
}

export function toJson(ff: FileFinding): JsonFinding {
  const f = ff.finding;
  const out: JsonFinding = {
    path: ff.path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
  const cell = cellOf(f);
  if (cell !== undefined) out.cell = cell + 1;
  const fix = preferredFix(f);
  if (fix !== undefined) out.fix = fix;
  if (f.evidence && Object.keys(f.evidence).length > 0) out.evidence = f.evidence;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `notChecked`: files and folders that were found but could not be read (each has its own stderr line). */
export function summaryLine(findings: readonly FileFinding[], files: number, notChecked = 0): string {
  const tail = notChecked > 0 ? `; ${notChecked} not checked (see above)` : '';
  return summaryOf(findings, files) + tail;
}

function summaryOf(findings: readonly FileFinding[], files: number): string {
  if (findings.length === 0) return `pipwatch: no findings in ${plural(files, 'file')}`;
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.finding.severity]++;
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => (s === 'information' ? `${counts[s]} information` : plural(counts[s], s)));
  return `pipwatch: ${plural(findings.length, 'finding')} (${parts.join(', ')}) in ${plural(files, 'file')}`;
}

/**
 * One stderr line per source and cause of the lookups that did not complete (issue 8 §2), worded
 * for a one-shot run: nothing here "retries automatically".
 */
export function incompleteLines(r: IncompleteReport): string[] {
  return r.groups.map((g) => {
    const n = g.packages.length;
    const which = n <= 3 ? ` (${g.packages.join(', ')})` : '';
    const hint = g.hint ? ` (${g.hint})` : '';
    return `pipwatch: ${g.source}: ${g.cause} for ${n} of ${plural(r.total, 'package')}${which}${hint}; ${n === 1 ? 'it was' : 'those were'} not fully checked online`;
  });
}

/** Exit status 3: online checks were asked for and did not all complete. */
export const EXIT_INCOMPLETE = 3;

/**
 * True when some dependency was not fully checked online: the client's report of failed lookups,
 * or a PW002 finding (which also covers index checks that threw: assess/incomplete.ts). A run
 * with either is never a clean 0.
 */
export function anyIncomplete(report: IncompleteReport | undefined, results: readonly FileFinding[]): boolean {
  return (report?.groups.length ?? 0) > 0 || results.some((r) => r.finding.code === CODES.lookupIncomplete.code);
}

/** Findings (1) win over incomplete lookups (3): either fails CI, and 1 means something to fix whatever a retry gives. */
export function exitStatus(failing: boolean, incomplete: boolean, allowIncomplete: boolean): number {
  if (failing) return 1;
  return incomplete && !allowIncomplete ? EXIT_INCOMPLETE : 0;
}
