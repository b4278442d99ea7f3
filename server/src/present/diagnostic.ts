// Findings -> LSP diagnostics. The only place (with the other present/* modules) that builds LSP
// types. `data` carries exactly what the quick fixes need, so code actions never re-run analysis
// (the LSP 3.16 `data` round-trip: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#diagnostic).
import { redactText } from '../index/urls';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { CODES, docsUrl, type CodeInfo } from '../core/codes';
import type { Finding, Fix, Range, Severity } from '../core/types';

export const SOURCE = 'pipwatch';

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  fixes: Fix[];
  /** Document version the diagnostic was computed for; fixes are refused once it moved on. */
  version: number | null;
  /** PEP 503 name of the dependency the finding is about, when there is one. */
  name?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): DiagnosticSeverity {
  return SEVERITY[s] ?? DiagnosticSeverity.Warning;
}

const BY_CODE = new Map<string, CodeInfo>(Object.values(CODES).map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo | undefined {
  return BY_CODE.get(code);
}

export function toDiagnostic(finding: Finding, docVersion: number | null): Diagnostic {
  const info = codeInfo(finding.code);
  const data: DiagnosticData = { fixes: finding.fixes, version: docVersion };
  if (finding.dependency) data.name = finding.dependency.name;
  const d: Diagnostic = {
    range: finding.range,
    severity: toSeverity(finding.severity),
    source: SOURCE,
    code: finding.code,
    message: redactText(finding.message), // a message may quote an index URL from the document
    data,
  };
  if (info) d.codeDescription = { href: docsUrl(info) };
  return d;
}

export function toDiagnostics(findings: readonly Finding[], docVersion: number | null): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, docVersion));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPos(v: unknown): boolean {
  return isObj(v) && Number.isInteger(v.line) && Number.isInteger(v.character);
}

export function isRange(v: unknown): v is Range {
  return isObj(v) && isPos(v.start) && isPos(v.end);
}

function isFix(v: unknown): v is Fix {
  if (!isObj(v) || typeof v.title !== 'string') return false;
  if (v.kind === 'replace') return isRange(v.range) && typeof v.newText === 'string';
  if (v.kind === 'allowlist') return typeof v.name === 'string' && v.name.length > 0;
  if (v.kind === 'add-dependency') {
    if (typeof v.name !== 'string' || v.name.length === 0) return false;
    const t = v.target;
    // A target that is not a manifest reference is dropped (the glue checks the file kind again).
    if (t !== undefined && !(isObj(t) && typeof t.uri === 'string' && (t.kind === 'requirements' || t.kind === 'pyproject'))) delete v.target;
    return true;
  }
  return false;
}

/** `data` comes back from the client, which may be any editor: validate before trusting it. */
export function readDiagnosticData(v: unknown): DiagnosticData | undefined {
  if (!isObj(v) || !Array.isArray(v.fixes)) return undefined;
  const version = typeof v.version === 'number' ? v.version : null;
  const out: DiagnosticData = { fixes: v.fixes.filter(isFix), version };
  if (typeof v.name === 'string') out.name = v.name;
  return out;
}
