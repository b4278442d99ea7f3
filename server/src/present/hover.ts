// Hover markdown for a dependency name or a third-party import: what it resolves to, its
// popularity, every finding with its reason, and what the index cache knows (never waits on it).
// LSP MarkupContent: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#markupContent
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Dependency, Finding, Range } from '../core/types';
import type { PackageFacts } from '../index/facts';
import { redactText } from '../index/urls';
import { pinnedVersionOf } from '../identify/pins';
import { describeFailure, lookupFailures } from '../assess/rules/lookup-incomplete';
import { filesOfVersion } from '../assess/rules/index-helpers';
import { formatAgo, formatInstant, parseTime } from '../assess/rules/release-age-facts';
import { codeSpan, httpsHref, text } from './markdown';

export { esc } from './markdown';

export interface PopularityView {
  rank(name: string): number | undefined;
  readonly snapshotDate: string;
  readonly size: number;
}

export interface HoverInput {
  dependency: Dependency;
  /** PEP 503 distribution names the dependency resolves to (imports may map to several). */
  distributions: string[];
  /** Findings on this dependency (shown first: they are why the user hovers). */
  findings: readonly Finding[];
  /** Index facts per distribution, from the cache; undefined = not in the cache (yet). */
  facts: ReadonlyMap<string, PackageFacts | undefined>;
  /** `off`: lookups disabled; `pending`: a lookup was started and has not landed. */
  lookup: 'off' | 'pending' | 'done';
  popularity: PopularityView;
  /** Names never looked up on public PyPI (pipwatch.index.privatePackages): no pypi.org link. */
  isPrivate?: (name: string) => boolean;
  /** Clock for "N hours ago" (tests inject it). */
  now?: Date;
  /** Facts about how this was looked up that the user must see: index URLs left out (untrusted workspace). */
  notes?: readonly string[];
}

/** "2026-11-26 10:00 UTC (2 hours ago)" for an ISO time; the raw text when it does not parse. */
function uploadedText(iso: string, now: Date): string {
  const t = parseTime(iso);
  return t === undefined ? text(iso, 40) : `${formatInstant(t)} (${formatAgo(Math.max(0, now.getTime() - t))})`;
}

/** When the index says the pinned version's first file was uploaded (PEP 700), if it does. */
function indexUploadLine(facts: PackageFacts, version: string, now: Date): string | undefined {
  if (facts.primary.state !== 'found') return undefined;
  const times = filesOfVersion(facts.primary.value, version)
    .map((f) => parseTime(f.uploadTime))
    .filter((t): t is number => t !== undefined);
  if (times.length === 0) return undefined;
  return `Uploaded (${text(version, 60)}, per the index): ${uploadedText(new Date(Math.min(...times)).toISOString(), now)}`;
}


const SEV_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', information: 'Info', hint: 'Hint' };

export function popularityLine(name: string, pop: PopularityView): string {
  if (pop.size === 0) return 'Popularity snapshot unavailable.';
  const total = pop.size.toLocaleString('en-US');
  const when = pop.snapshotDate ? `, snapshot ${pop.snapshotDate}` : '';
  const rank = pop.rank(name);
  return rank !== undefined
    ? `#${rank.toLocaleString('en-US')} of the ${total} most downloaded on PyPI${when}`
    : `not among the ${total} most downloaded on PyPI${when}`;
}

/** The project's source repository as a safe https link destination (never javascript:, data:, file:…). */
function sourceRepo(facts: PackageFacts): string | undefined {
  if (facts.json?.state !== 'found') return undefined;
  const j = facts.json.value;
  const urls = Object.entries(j.projectUrls ?? {});
  const hit = urls.find(([k]) => /^(source|source code|repository|code|github|gitlab)$/i.test(k.trim()));
  if (hit) return httpsHref(hit[1]);
  const any = urls.find(([, v]) => /^https:\/\/(github\.com|gitlab\.com|codeberg\.org)\//.test(v));
  if (any) return httpsHref(any[1]);
  return j.homePage && /^https:\/\/(github\.com|gitlab\.com|codeberg\.org)\//.test(j.homePage) ? httpsHref(j.homePage) : undefined;
}

/** Whether public PyPI answered that it has the project (without a private index the primary is PyPI). */
function pypiState(facts: PackageFacts | undefined): 'found' | 'missing' | 'unknown' {
  const l = facts ? (facts.publicPypi ?? facts.primary) : undefined;
  return l?.state ?? 'unknown';
}

/** Lines describing what the index said about one project (`pinned`: the version the dependency pins). */
export function factsLines(facts: PackageFacts, pinned?: string): string[] {
  const lines: string[] = [];
  const p = facts.primary;
  const failures = lookupFailures(facts);
  for (const f of failures) lines.push(`Index lookup failed: ${text(describeFailure(f))} — index findings for this package are unknown.`);
  if (p.state === 'missing') lines.push('Not found on the index.');
  else if (p.state === 'unknown' && !p.failure) lines.push(`Index: unknown (${text(p.reason)}).`);
  const j = facts.json?.state === 'found' ? facts.json.value : undefined;
  if (j?.summary && text(j.summary)) lines.push(`_${text(j.summary)}_`);
  const latest = j?.latestVersion ?? (p.state === 'found' ? p.value.versions[p.value.versions.length - 1] : undefined);
  if (latest) {
    const date = j?.releases[latest]?.uploadTime?.slice(0, 10);
    lines.push(`Latest version: ${text(latest, 60)}${date ? ` (${text(date, 10)})` : ''}`);
  }
  if (p.state === 'found' && p.value.status) {
    const s = p.value.status;
    lines.push(`Status: ${text(String(s.status), 40)}${s.reason ? ` (${text(s.reason)})` : ''}`);
  }
  if (facts.provenance?.state === 'found' && facts.provenance.value.length > 0) {
    const newest = facts.provenance.value[0]!;
    const pub = newest.publishers[0];
    if (newest.attested && pub) {
      const parts = [`publisher ${text(pub.kind, 40)}`];
      if (pub.repository) parts.push(`repository ${codeSpan(pub.repository)}`);
      if (pub.workflow) parts.push(`workflow ${codeSpan(pub.workflow)}`);
      if (pub.environment) parts.push(`environment ${codeSpan(pub.environment, 80)}`);
      lines.push(`Provenance (${text(newest.version, 60)}): ${parts.join(', ')}`);
    } else {
      lines.push(`Provenance (${text(newest.version, 60)}): no attestation`);
    }
  }
  // Only for a pinned version, and only an answer counts: a failed or skipped lookup is not "0".
  if (pinned) {
    const osvV = facts.osvVersion;
    const vulns = j && !j.vulnerabilitiesUnknown ? j.vulnerabilities.length : osvV?.state === 'found' ? osvV.value.length : undefined;
    const why = j?.vulnerabilitiesUnknown ?? (osvV?.state === 'unknown' ? osvV.reason : undefined);
    if (vulns !== undefined) lines.push(`Known vulnerabilities (pinned version): ${vulns}`);
    else if (why) lines.push(`Known vulnerabilities (pinned version): unknown (${text(why, 200)})`);
  }
  const mal = facts.osvProject?.state === 'found' ? facts.osvProject.value.filter((r) => r.id.startsWith('MAL-')) : [];
  if (mal.length > 0) lines.push(`OSV malicious-package records: ${mal.slice(0, 5).map((r) => text(r.id, 40)).join(', ')}${mal.length > 5 ? ', …' : ''}`);
  const repo = sourceRepo(facts);
  if (repo) lines.push(`[Source repository](${repo})`);
  return lines;
}

function describeDependency(dep: Dependency): string {
  if (dep.source === 'import') return `import ${codeSpan(dep.module ?? dep.rawName)}`;
  const where = dep.section ? ` in ${codeSpan(dep.section, 100)}` : '';
  if (dep.source === 'lock') {
    const from = dep.origin && dep.origin !== 'registry' ? ` (from ${text(dep.origin, 40)}, not an index)` : '';
    return `locked package ${codeSpan(`${dep.rawName}${dep.version ? ` ${dep.version}` : ''}`)}${where}${from}`;
  }
  const kind = dep.source === 'script' ? 'inline script dependency' : dep.constraintOnly ? 'constraint' : 'requirement';
  return `${kind} ${codeSpan(`${dep.rawName}${dep.specifier ?? ''}`)}${where}`;
}

/** Who pulls a locked package in, and when its newest file was uploaded (from the lock itself). */
function lockLines(dep: Dependency, now: Date): string[] {
  if (dep.source !== 'lock') return [];
  const lines: string[] = [];
  if (dep.direct === true) lines.push('Declared by the project.');
  if (dep.requiredBy?.length) lines.push(`Required by: ${dep.requiredBy.slice(0, 20).map((n) => `**${text(n, 100)}**`).join(', ')}${dep.requiredBy.length > 20 ? ', …' : ''}`);
  const through = (dep.directVia ?? []).filter((n) => !dep.requiredBy?.includes(n));
  if (through.length) lines.push(`Through your dependencies: ${through.slice(0, 20).map((n) => `**${text(n, 100)}**`).join(', ')}${through.length > 20 ? ', …' : ''}`);
  if (dep.uploadTime) lines.push(`Uploaded (newest file, per the lock): ${uploadedText(dep.uploadTime, now)}`);
  return lines;
}

export function hoverMarkdown(input: HoverInput): string {
  const { dependency: dep, distributions } = input;
  const out: string[] = [];
  out.push(`**Pipwatch** — ${describeDependency(dep)}`);
  if (dep.source === 'import') {
    // "on PyPI" only when PyPI answered that it has every one of them (not offline, not missing).
    const onPypi = distributions.length > 0 && distributions.every((d) => pypiState(input.facts.get(d)) === 'found');
    if (distributions.length === 0) out.push('Resolves to no known distribution.');
    else out.push(`Provided by ${distributions.map((d) => `**${text(d, 100)}**`).join(' or ')}${onPypi ? ' on PyPI' : ''}.`);
  } else {
    const resolved = distributions[0] ?? dep.name;
    if (resolved !== dep.rawName) out.push(`Resolves to **${text(resolved, 100)}** (PEP 503 name).`);
  }
  const now = input.now ?? new Date();
  const lock = lockLines(dep, now);
  if (lock.length > 0) out.push(lock.join('  \n'));
  if (input.findings.length > 0) {
    out.push(
      input.findings
        .map((f) => `- ${SEV_LABEL[f.severity] ?? f.severity} ${f.code}: ${text(f.message, 1000)}`)
        .join('\n'),
    );
  } else {
    out.push('No findings.');
  }
  const pinned = dep.source === 'import' ? undefined : pinnedVersionOf(dep);
  for (const d of distributions) {
    const parts = [`**${text(d, 100)}**: ${popularityLine(d, input.popularity)}`];
    const facts = input.facts.get(d);
    if (facts) parts.push(...factsLines(facts, pinned).map((l) => `  ${l}`));
    const uploaded = facts && pinned && !dep.uploadTime ? indexUploadLine(facts, pinned, now) : undefined;
    if (uploaded) parts.push(`  ${uploaded}`);
    // No pypi.org link for a private name, nor to a page PyPI answered it does not have.
    if (!input.isPrivate?.(d) && pypiState(facts) !== 'missing') parts.push(`  [pypi.org/project/${text(d, 100)}](https://pypi.org/project/${encodeURIComponent(d)}/)`);
    out.push(parts.join('  \n'));
  }
  const missingFacts = distributions.some((d) => !input.facts.get(d));
  if (input.lookup === 'pending' && missingFacts) out.push('_Looking up on the index…_');
  else if (input.lookup === 'off') out.push('_Index lookups are off (offline)._');
  // Workspace text (URLs, index names): escaped like every other hostile string.
  for (const n of (input.notes ?? []).slice(0, 5)) out.push(`_${text(n, 300)}_`);
  return out.join('\n\n');
}

export function toHover(markdown: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: redactText(markdown) }, range };
}
