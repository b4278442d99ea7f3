// The analysis engine shared by the language server and the CLI: text in, findings out.
// analyzeOffline parses (by document kind), turns parse problems into PW001, checks `-r`/`-c`
// includes, and runs the offline rules; analyzeOnline adds the index-backed rules once the index
// client has produced PackageFacts. Neither throws: a failing parser or rule is logged and skipped,
// because one bad rule must never cost the user every other diagnostic (house style §10).
import { CODES } from '../core/codes';
import { ruleEnabled, ruleSeverity } from '../core/settings';
import type { Settings } from '../core/settings';
import type { Dependency, DocumentKind, Finding, ParsedDocument, ParseProblem } from '../core/types';
import { failedParse, guardedParse } from '../formats/format';
import { formatFor, sniffKind } from '../formats/registry';
import { distributionsForImport, resolveImport } from '../identify/import-map';
import { normalizeName } from '../identify/normalize';
import { pinnedVersionOf } from '../identify/pins';
import { isStdlibModule } from '../identify/stdlib';
import type { IndexClient } from '../index/client';
import type { PackageFacts } from '../index/facts';
import { documentKind } from '../parse/document-kind';
import { checkIncludes } from '../parse/includes';
import { trustedCooldown, type IgnoredCooldown, type TrustedCooldown } from './cooldown-trust';
import { cooldownFromPyproject, cooldownFromUvLock, type CooldownPolicy } from '../parse/cooldown';
import { checkNotRun, indexPhaseFailed } from './incomplete';
import { withPulledInBy } from './pulled-in-by';
import type { RuleContext, WorkspaceFacts } from './rule';
import { INDEX_RULES, escalateReleaseAge, escalateTyposquat } from './rules/index-rules';
import { OFFLINE_RULES } from './rules/offline-rules';
import { suggestSimilar } from './rules/typosquat';
import { byPosition, dedupFindings } from './dedup';

export { byPosition };

export interface AnalysisInput {
  /** `file://` URI or plain path; decides the document kind (with languageId) and resolves includes. */
  uri: string;
  text: string;
  languageId?: string;
  settings: Settings;
  workspace: WorkspaceFacts;
  /** Clock for rules that compare dates (young-project); defaults to now. */
  now?: Date;
  /** Reads an included requirements file (`-r`/`-c`); without it includes are not checked. */
  readFile?: (absPath: string) => string | undefined;
  /** Where a failing parser or rule is reported (the server's log, the CLI's stderr). */
  log?: (message: string) => void;
  /**
   * Notebooks: ranges relative to each cell with the cell's index (default: the CLI, LSP notebook
   * sync) or positions in the .ipynb's JSON text (a client that shows the file as text).
   */
  notebookRanges?: 'cell' | 'text';
}

export interface Analysis {
  kind: DocumentKind;
  parsed: ParsedDocument;
  /** Offline findings, PW001 parse problems included, sorted by position. */
  findings: Finding[];
  /** Registry names the index rules should look up (first occurrence of each name and exact version). */
  lookups: Dependency[];
  /** Project cooldown values an untrusted workspace may not apply (exemptions, looser ones): said, not used. */
  ignoredCooldown?: IgnoredCooldown[];
}

function emptyDoc(kind: DocumentKind): ParsedDocument {
  return { kind, dependencies: [], problems: [], includes: [], indexes: [] };
}

/** The kind's format module parses (formats/registry.ts); a kind without one is empty. */
export function parseDocument(kind: DocumentKind, text: string, path?: string, ranges?: 'cell' | 'text'): ParsedDocument {
  const format = formatFor(kind);
  return format ? guardedParse(kind, () => format.parse(text, { ...(path ? { path } : {}), ...(ranges ? { ranges } : {}) })) : emptyDoc(kind);
}

/** Names longer than this are not sent to any index (the index client refuses them too). */
export const MAX_LOOKUP_NAME = 200;

function notLookedUp(dep: Dependency, settings: Settings): Finding {
  const info = CODES.parse;
  const message = `'${dep.rawName.slice(0, 40)}…' is ${dep.rawName.length} characters long: names over ${MAX_LOOKUP_NAME} characters are not looked up, so this one was not checked on the index`;
  return { code: info.code, rule: info.rule, severity: ruleSeverity(settings, info.rule, 'warning'), message, range: dep.range, fixes: [], dependency: dep };
}

/**
 * The PW001 finding of a file that was found but not read (too large, no permission), `reason` in
 * words: a file not read is not a clean file. Undefined when PW001 is turned off.
 */
export function notReadFinding(settings: Settings, reason: string): Finding | undefined {
  if (!ruleEnabled(settings, CODES.parse.rule)) return undefined;
  const at = { line: 0, character: 0 };
  return {
    code: CODES.parse.code,
    rule: CODES.parse.rule,
    severity: ruleSeverity(settings, CODES.parse.rule, CODES.parse.defaultSeverity),
    message: `File not checked: ${reason}.`,
    range: { start: at, end: at },
    fixes: [],
  };
}

function problemToFinding(p: ParseProblem, settings: Settings): Finding {
  const info = CODES.parse;
  const f: Finding = { code: info.code, rule: info.rule, severity: ruleSeverity(settings, info.rule, p.severity), message: p.message, range: p.range, fixes: [] };
  if (p.cell !== undefined) f.cell = p.cell;
  return f;
}

/**
 * The user's severity override, when set, wins over the rule's own choice — except a rule's
 * demotion of a guarded import (try/except ImportError, TYPE_CHECKING) to a hint: a missing
 * optional import is normal, and `rules: {x: error}` is about the unguarded ones.
 */
function applySettings(f: Finding, settings: Settings): Finding {
  const sev = settings.rules[f.rule]?.severity;
  if (f.dependency?.optional && f.severity === 'hint') return f;
  return sev && sev !== f.severity ? { ...f, severity: sev } : f;
}

/**
 * Whether the index should be asked about this dependency: registry names only. Direct
 * references (`name @ url`) install from the URL; stdlib and first-party imports are not
 * distributions; an import that a manifest declares (by its own name or through the import map)
 * or that the curated map resolves is known, so only unknown, undeclared imports are looked up —
 * those are the ones that may be hallucinated.
 */
export function isRegistryLookup(dep: Dependency, ws: WorkspaceFacts): boolean {
  if (dep.url) return false;
  // Locked packages from git, a path, a URL or the workspace are not on any index (issue 7).
  if (dep.origin !== undefined && dep.origin !== 'registry') return false;
  if (dep.source !== 'import') return dep.name.length > 0;
  // Until the workspace's facts are known, an import may be first-party: never sent to an index.
  if (ws.pending) return false;
  // A guarded import (try/except ImportError) is allowed to be missing: compat shims are normal.
  if (dep.optional) return false;
  const top = dep.rawName;
  if (isStdlibModule(top) || ws.firstParty.has(top) || ws.declared.has(dep.name)) return false;
  if (distributionsForImport(dep.module ?? top).length > 0) return false;
  const r = resolveImport(dep.module ?? top, ws.declared);
  return r.declaredAs === undefined && r.distributions.length === 1 && normalizeName(r.distributions[0] as string) === dep.name;
}

let suggestFailed = false;
/** "Did you mean" from the typosquat module's popularity index; absent when it cannot load. */
function suggester(log: (m: string) => void): RuleContext['suggest'] {
  if (suggestFailed) return undefined;
  return (name, limit) => {
    try {
      return suggestSimilar(name, limit);
    } catch (e) {
      if (!suggestFailed) log(`pipwatch: suggestions unavailable: ${describeError(e)}`);
      suggestFailed = true;
      return [];
    }
  };
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.message}` : String(e);
}


/** The document's own cooldown (a pyproject.toml's [tool.uv], a uv.lock's [options]), else the workspace's. */
function cooldownOf(input: AnalysisInput, kind: DocumentKind, log: (m: string) => void): CooldownPolicy | undefined {
  try {
    const text = typeof input.text === 'string' ? input.text : '';
    const own = kind === 'pyproject' ? cooldownFromPyproject(text) : kind === 'uv-lock' ? cooldownFromUvLock(text) : undefined;
    return own ?? input.workspace.cooldown;
  } catch (e) {
    log(`pipwatch: cannot read the cooldown of ${input.uri}: ${describeError(e)}`);
    return input.workspace.cooldown;
  }
}

/** The project cooldown that may apply (an untrusted workspace's only tightens) and what was left out. */
function projectCooldown(input: AnalysisInput, kind: DocumentKind, now: Date): TrustedCooldown {
  const written = cooldownOf(input, kind, input.log ?? (() => undefined));
  return trustedCooldown(written, input.settings.workspaceTrusted, input.settings.releaseAge.cooldownDays, now.getTime());
}

function makeContext(input: AnalysisInput, parsed: ParsedDocument, cooldown?: TrustedCooldown): RuleContext {
  const ctx: RuleContext = { settings: input.settings, document: parsed, workspace: input.workspace, now: input.now ?? new Date() };
  const policy = (cooldown ?? projectCooldown(input, parsed.kind, ctx.now)).policy;
  if (policy) ctx.cooldown = policy;
  const suggest = suggester(input.log ?? (() => undefined));
  if (suggest) ctx.suggest = suggest;
  return ctx;
}

/**
 * A `setup.py` runs in the build environment, which PEP 518 fills with setuptools and wheel when
 * pyproject.toml names no `[build-system]` (https://peps.python.org/pep-0518/#build-system-table):
 * its `import setuptools` is declared by that default, not an undeclared dependency.
 */
function withBuildDefaults(input: AnalysisInput): AnalysisInput {
  if (!/(?:^|[/\\])setup\.py$/.test(input.uri)) return input;
  const declared = new Set(input.workspace.declared);
  declared.add('setuptools');
  declared.add('wheel');
  return { ...input, workspace: { ...input.workspace, declared } };
}

function analyzeOfflineUnguarded(original: AnalysisInput): Analysis {
  const input = withBuildDefaults(original);
  const log = input.log ?? (() => undefined);
  let kind: DocumentKind = 'unknown';
  try {
    kind = documentKind(input.uri, input.languageId);
    // A file another requirements file includes is one too, whatever its name (issue 7 §2).
    if (kind === 'unknown' && input.workspace.kindHint) kind = input.workspace.kindHint;
    // No name, language id or include decided: the first bytes may (a `#!/bin/sh` script named
    // `install`; plain-LSP clients send `sh`, `bash` or nothing as its language id).
    if (kind === 'unknown' && typeof input.text === 'string') kind = sniffKind(input.text) ?? 'unknown';
  } catch (e) {
    log(`pipwatch: cannot tell the kind of ${input.uri}: ${describeError(e)}`);
  }
  let parsed = emptyDoc(kind);
  try {
    parsed = parseDocument(kind, typeof input.text === 'string' ? input.text : '', undefined, input.notebookRanges);
  } catch (e) {
    log(`pipwatch: parser failed on ${input.uri}: ${describeError(e)}`);
  }
  if (!input.settings.enable) return { kind, parsed, findings: [], lookups: [] };

  const findings: Finding[] = [];
  if (ruleEnabled(input.settings, CODES.parse.rule)) {
    for (const p of parsed.problems) findings.push(problemToFinding(p, input.settings));
    // Formats whose includes sit next to them (requirements, conda, tox, make…) report a missing one.
    if (input.readFile && formatFor(kind)?.includeBase === 'file' && parsed.includes.length > 0) {
      try {
        for (const p of checkIncludes(input.uri, parsed.includes, input.readFile)) findings.push(problemToFinding(p, input.settings));
      } catch (e) {
        log(`pipwatch: include check failed on ${input.uri}: ${describeError(e)}`);
      }
    }
  }

  const cooldown = projectCooldown(input, parsed.kind, input.now ?? new Date());
  const ctx = makeContext(input, parsed, cooldown);
  const allow = new Set(input.settings.allowlist.map(normalizeName));
  for (const rule of OFFLINE_RULES) {
    if (!ruleEnabled(input.settings, rule.info.rule, rule.defaultEnabled ?? true)) continue;
    for (const dep of parsed.dependencies) {
      // The allowlist silences every name-based offline rule for that name (settings docs).
      if (allow.has(dep.name)) continue;
      try {
        for (const f of rule.check(dep, ctx)) findings.push(withPulledInBy(applySettings(f, input.settings)));
      } catch (e) {
        log(`pipwatch: rule ${rule.info.rule} failed on '${dep.rawName}': ${describeError(e)}`);
        break; // a rule that throws once is skipped for the rest of this document
      }
    }
  }
  const kept = dedupFindings(findings);

  const lookups: Dependency[] = [];
  const seen = new Set<string>();
  const seenNames = new Set<string>();
  for (const dep of parsed.dependencies) {
    const key = lookupKey(dep);
    // An unpinned occurrence reuses any lookup of its name: project-level facts are the same.
    if (seen.has(key) || (key === dep.name && seenNames.has(dep.name)) || !isRegistryLookup(dep, input.workspace)) continue;
    seen.add(key);
    seenNames.add(dep.name);
    if (dep.name.length > MAX_LOOKUP_NAME) {
      // PEP 508 sets no length limit, but no index serves such a name and the URL would be
      // absurd: it is not asked about, and the user is told so rather than shown a clean file.
      if (!input.settings.offline && ruleEnabled(input.settings, CODES.parse.rule)) kept.push(notLookedUp(dep, input.settings));
      continue;
    }
    lookups.push(dep);
  }
  return { kind, parsed, findings: kept.sort(byPosition), lookups, ...(cooldown.ignored.length > 0 ? { ignoredCooldown: cooldown.ignored } : {}) };
}

const PROVENANCE_RULES = new Set<string>([CODES.provenanceMissing.rule, CODES.provenanceDropped.rule, CODES.publisherMismatch.rule]);

/** True when any rule that reads PEP 740 provenance is on: only then is it worth fetching. */
function wantsProvenance(settings: Settings): boolean {
  return INDEX_RULES.some((r) => PROVENANCE_RULES.has(r.info.rule) && ruleEnabled(settings, r.info.rule, r.defaultEnabled ?? true));
}

/**
 * One lookup per name and exact version: a lock may hold two versions of a name (per-marker
 * forks), and each needs its own OSV answer; the Simple API request is shared by the client.
 */
function lookupKey(dep: Dependency): string {
  const v = pinnedVersionOf(dep);
  return v ? `${dep.name} ${v}` : dep.name;
}

async function analyzeOnlineUnguarded(analysis: Analysis, input: AnalysisInput, client: IndexClient, signal?: AbortSignal): Promise<Finding[]> {
  const log = input.log ?? (() => undefined);
  if (!input.settings.enable || input.settings.offline || analysis.lookups.length === 0) return [...analysis.findings];
  const wantProvenance = wantsProvenance(input.settings);
  const facts = new Map<string, PackageFacts>();
  /** Lookups that threw instead of answering: PW002 on their lines (assess/incomplete.ts). */
  const lookupErrors: Finding[] = [];
  await Promise.all(
    analysis.lookups.map(async (dep) => {
      try {
        const version = pinnedVersionOf(dep);
        const lockScale = dep.source === 'lock';
        // A transitive locked package is judged on the Simple API (PW206 on the locked release
        // from per-file provenance, upload times, yanked, hashes) and OSV; the JSON API (PW203's
        // Inactive classifier, PW210's source link) and the Integrity API (PW207's publisher) cost
        // a request per package each and are spent on what the project asks for directly.
        const transitive = lockScale && dep.direct !== true;
        const f = await client.lookup(dep.name, {
          ...(version ? { version } : {}),
          ...(signal ? { signal } : {}),
          wantProvenance: wantProvenance && !transitive,
          ...(lockScale ? { lockScale } : {}),
          ...(transitive ? { transitive } : {}),
          undeclaredImport: dep.source === 'import',
        });
        facts.set(lookupKey(dep), f);
      } catch (e) {
        if (signal?.aborted) return;
        log(`pipwatch: lookup of '${dep.name}' failed: ${describeError(e)}`);
        lookupErrors.push(applySettings(checkNotRun(dep, 'the index lookup', e), input.settings));
      }
    }),
  );
  if (signal?.aborted) return [...analysis.findings];

  const ctx = makeContext(input, analysis.parsed);
  let offline: Finding[] = [...analysis.findings];
  for (const f of facts.values()) {
    try {
      offline = escalateTyposquat(offline, f, ctx);
    } catch (e) {
      log(`pipwatch: typosquat escalation failed for '${f.name}': ${describeError(e)}`);
    }
    try {
      offline = escalateReleaseAge(offline, f, ctx);
    } catch (e) {
      log(`pipwatch: release-age escalation failed for '${f.name}': ${describeError(e)}`);
    }
  }
  const online: Finding[] = [];
  const looked = new Set(analysis.lookups.map(lookupKey));
  const byName = new Map<string, PackageFacts>();
  for (const f of facts.values()) if (!byName.has(f.name)) byName.set(f.name, f);
  const byDep = new Map<Dependency, Finding[]>();
  for (const x of offline) {
    if (!x.dependency) continue;
    const list = byDep.get(x.dependency) ?? [];
    list.push(x);
    byDep.set(x.dependency, list);
  }
  for (const dep of analysis.parsed.dependencies) {
    const key = lookupKey(dep);
    const f = looked.has(key) ? facts.get(key) : key === dep.name ? byName.get(dep.name) : undefined;
    if (!f || !isRegistryLookup(dep, input.workspace)) continue;
    const mine = byDep.get(dep) ?? [];
    for (const rule of INDEX_RULES) {
      if (!ruleEnabled(input.settings, rule.info.rule, rule.defaultEnabled ?? true)) continue;
      try {
        for (const x of rule.check(dep, f, ctx, mine)) online.push(withReleaseCap(withPulledInBy(applySettings(x, input.settings)), f));
      } catch (e) {
        log(`pipwatch: rule ${rule.info.rule} failed on '${dep.rawName}': ${describeError(e)}`);
        online.push(applySettings(checkNotRun(dep, `rule ${rule.info.rule} (${rule.info.code})`, e), input.settings));
      }
    }
  }
  return dedupFindings([...offline, ...online, ...lookupErrors]);
}

/** An index finding made from a capped release history says so (index/cap.ts; issue 8 §7). */
function withReleaseCap(x: Finding, f: PackageFacts): Finding {
  const cap = (f.primary.state === 'found' ? f.primary.value.releaseCap : undefined) ?? (f.json?.state === 'found' ? f.json.value.releaseCap : undefined);
  return cap ? { ...x, evidence: { ...x.evidence, releaseCap: cap } } : x;
}

/** Parses and runs the offline rules. Never throws: on an unexpected failure, one PW001 saying so. */
export function analyzeOffline(input: AnalysisInput): Analysis {
  try {
    return analyzeOfflineUnguarded(input);
  } catch (e) {
    input.log?.(`pipwatch: analysis of ${input.uri} failed: ${describeError(e)}`);
    // Never "no findings" as if the file were clean: one PW001 says it was not analysed.
    const parsed = failedParse('unknown', e);
    const info = CODES.parse;
    const findings = parsed.problems.map((p): Finding => ({ code: info.code, rule: info.rule, severity: 'warning', message: p.message, range: p.range, fixes: [] }));
    return { kind: 'unknown', parsed, findings, lookups: [] };
  }
}

/**
 * Index lookups for every name in `analysis.lookups` (the client bounds concurrency and shares
 * in-flight requests), then the index rules over every dependency carrying a looked-up name.
 * Returns the offline findings (typosquats escalated when the target is young) plus index
 * findings. Never throws: on an unexpected failure, the offline findings alone.
 */
export async function analyzeOnline(analysis: Analysis, input: AnalysisInput, client: IndexClient, signal?: AbortSignal): Promise<Finding[]> {
  try {
    return await analyzeOnlineUnguarded(analysis, input, client, signal);
  } catch (e) {
    input.log?.(`pipwatch: index analysis of ${input.uri} failed: ${describeError(e)}`);
    return [...(analysis.findings ?? []), applySettings(indexPhaseFailed(e), input.settings)];
  }
}
