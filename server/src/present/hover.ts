// Hover markdown for a dependency name or a third-party import: what it resolves to, its
// popularity, every finding with its reason, and what the index cache knows (never waits on it).
// LSP MarkupContent: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#markupContent
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Dependency, Finding, Range } from '../core/types';
import type { PackageFacts } from '../index/facts';
import { redactText } from '../index/urls';
import { describeFailure, lookupFailures } from '../assess/rules/lookup-incomplete';

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
}

/** Escapes the markdown characters that could turn a package name or message into markup. */
export function esc(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
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

function sourceRepo(facts: PackageFacts): string | undefined {
  if (facts.json?.state !== 'found') return undefined;
  const j = facts.json.value;
  const urls = Object.entries(j.projectUrls ?? {});
  const hit = urls.find(([k]) => /^(source|source code|repository|code|github|gitlab)$/i.test(k.trim()));
  if (hit) return hit[1];
  const any = urls.find(([, v]) => /^https:\/\/(github\.com|gitlab\.com|codeberg\.org)\//.test(v));
  if (any) return any[1];
  return j.homePage && /^https:\/\/(github\.com|gitlab\.com|codeberg\.org)\//.test(j.homePage) ? j.homePage : undefined;
}

/** Lines describing what the index said about one project. */
export function factsLines(facts: PackageFacts): string[] {
  const lines: string[] = [];
  const p = facts.primary;
  const failures = lookupFailures(facts);
  for (const f of failures) lines.push(`Index lookup failed: ${esc(describeFailure(f))} — index findings for this package are unknown.`);
  if (p.state === 'missing') lines.push('Not found on the index.');
  else if (p.state === 'unknown' && !p.failure) lines.push(`Index: unknown (${esc(p.reason)}).`);
  const j = facts.json?.state === 'found' ? facts.json.value : undefined;
  if (j?.summary) lines.push(`_${esc(j.summary.slice(0, 300))}_`);
  const latest = j?.latestVersion ?? (p.state === 'found' ? p.value.versions[p.value.versions.length - 1] : undefined);
  if (latest) {
    const date = j?.releases[latest]?.uploadTime?.slice(0, 10);
    lines.push(`Latest version: ${esc(latest)}${date ? ` (${date})` : ''}`);
  }
  if (p.state === 'found' && p.value.status) {
    const s = p.value.status;
    lines.push(`Status: ${esc(String(s.status))}${s.reason ? ` (${esc(s.reason)})` : ''}`);
  }
  if (facts.provenance?.state === 'found' && facts.provenance.value.length > 0) {
    const newest = facts.provenance.value[0]!;
    const pub = newest.publishers[0];
    if (newest.attested && pub) {
      const parts = [`publisher ${esc(pub.kind)}`];
      if (pub.repository) parts.push(`repository \`${pub.repository}\``);
      if (pub.workflow) parts.push(`workflow \`${pub.workflow}\``);
      if (pub.environment) parts.push(`environment \`${pub.environment}\``);
      lines.push(`Provenance (${esc(newest.version)}): ${parts.join(', ')}`);
    } else {
      lines.push(`Provenance (${esc(newest.version)}): no attestation`);
    }
  }
  const vulns = j ? j.vulnerabilities.length : facts.osvVersion?.state === 'found' ? facts.osvVersion.value.length : undefined;
  if (vulns !== undefined) lines.push(`Known vulnerabilities (pinned version): ${vulns}`);
  const mal = facts.osvProject?.state === 'found' ? facts.osvProject.value.filter((r) => r.id.startsWith('MAL-')) : [];
  if (mal.length > 0) lines.push(`OSV malicious-package records: ${mal.map((r) => esc(r.id)).join(', ')}`);
  const repo = sourceRepo(facts);
  if (repo) lines.push(`[Source repository](${repo})`);
  return lines;
}

function describeDependency(dep: Dependency): string {
  if (dep.source === 'import') return `import \`${dep.module ?? dep.rawName}\``;
  const where = dep.section ? ` in \`${dep.section}\`` : '';
  if (dep.source === 'lock') {
    const from = dep.origin && dep.origin !== 'registry' ? ` (from ${dep.origin}, not an index)` : '';
    return `locked package \`${dep.rawName}${dep.version ? ` ${dep.version}` : ''}\`${where}${from}`;
  }
  const kind = dep.source === 'script' ? 'inline script dependency' : dep.constraintOnly ? 'constraint' : 'requirement';
  return `${kind} \`${dep.rawName}${dep.specifier ?? ''}\`${where}`;
}

/** Who pulls a locked package in, and when its newest file was uploaded (from the lock itself). */
function lockLines(dep: Dependency): string[] {
  if (dep.source !== 'lock') return [];
  const lines: string[] = [];
  if (dep.direct === true) lines.push('Declared by the project.');
  if (dep.requiredBy?.length) lines.push(`Required by: ${dep.requiredBy.map((n) => `**${esc(n)}**`).join(', ')}`);
  if (dep.uploadTime) lines.push(`Uploaded (newest file, per the lock): ${esc(dep.uploadTime)}`);
  return lines;
}

export function hoverMarkdown(input: HoverInput): string {
  const { dependency: dep, distributions } = input;
  const out: string[] = [];
  out.push(`**Pipwatch** — ${describeDependency(dep)}`);
  if (dep.source === 'import') {
    if (distributions.length === 0) out.push('Resolves to no known distribution.');
    else out.push(`Provided by ${distributions.map((d) => `**${esc(d)}**`).join(' or ')} on PyPI.`);
  } else {
    out.push(`Resolves to **${esc(distributions[0] ?? dep.name)}** (PEP 503 name).`);
  }
  const lock = lockLines(dep);
  if (lock.length > 0) out.push(lock.join('  \n'));
  if (input.findings.length > 0) {
    out.push(
      input.findings
        .map((f) => `- ${SEV_LABEL[f.severity] ?? f.severity} ${f.code}: ${esc(f.message)}`)
        .join('\n'),
    );
  } else {
    out.push('No findings.');
  }
  for (const d of distributions) {
    const parts = [`**${esc(d)}**: ${popularityLine(d, input.popularity)}`];
    const facts = input.facts.get(d);
    if (facts) parts.push(...factsLines(facts).map((l) => `  ${l}`));
    parts.push(`  [pypi.org/project/${d}](https://pypi.org/project/${encodeURIComponent(d)}/)`);
    out.push(parts.join('  \n'));
  }
  const missingFacts = distributions.some((d) => !input.facts.get(d));
  if (input.lookup === 'pending' && missingFacts) out.push('_Looking up on the index…_');
  else if (input.lookup === 'off') out.push('_Index lookups are off (offline)._');
  return out.join('\n\n');
}

export function toHover(markdown: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: redactText(markdown) }, range };
}
