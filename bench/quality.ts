// Typosquat detection quality: detection on the hand-written fixture (and an external list when
// given), false positives over every PyPI project name, over the popular names themselves, and
// over real projects' requirement files.
// Usage: node --import tsx bench/quality.ts [--external /tmp/list.txt] [--show N]
import { getPopularity } from '../server/src/identify/popularity';
import { TypoIndex, type TypoMatch } from '../server/src/assess/typo/index';
import { loadLegitNames, loadNameList, loadTyposquatFixture, pypiProjectNames, realProjectDependencies } from './quality-data';

export interface QualityReport {
  lines: string[];
  fixtureDetection: number;
  externalDetection?: number;
  projectsFpRate?: number;
  popularFlagged: string[];
  realFindings?: string[];
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(2)}%` : 'n/a';
}

function describe(name: string, m: TypoMatch): string {
  return `${name} -> ${m.target} (#${m.targetRank}, ${m.kind})`;
}

function detection(ix: TypoIndex, list: { name: string; target?: string }[], label: string, lines: string[], show: number): number {
  let hit = 0;
  let right = 0;
  const missed: string[] = [];
  for (const { name, target } of list) {
    const m = ix.check(name);
    if (m) hit++;
    if (m && (!target || m.target === target)) right++;
    if (!m) missed.push(name);
  }
  lines.push(`${label}: detected ${hit}/${list.length} = ${pct(hit, list.length)} (right target ${right})`);
  if (missed.length) lines.push(`  missed: ${missed.slice(0, show).join(' ')}${missed.length > show ? ' …' : ''}`);
  return list.length ? hit / list.length : 0;
}

export function qualityReport(opts: { external?: string; show?: number } = {}): QualityReport {
  const show = opts.show ?? 40;
  const pop = getPopularity();
  const ix = TypoIndex.build(pop);
  const lines: string[] = [`snapshot ${pop.snapshotDate}, ${pop.size} popular names`];
  const fixtureDetection = detection(ix, loadTyposquatFixture(), 'fixture test/fixtures/typosquats.tsv', lines, show);
  const report: QualityReport = { lines, fixtureDetection, popularFlagged: [] };
  if (opts.external) report.externalDetection = detection(ix, loadNameList(opts.external), `external ${opts.external}`, lines, show);

  const legit = loadLegitNames().filter(({ name }) => ix.check(name));
  lines.push(`legit near-pairs flagged: ${legit.length}${legit.length ? ' ' + legit.map((l) => l.name).join(' ') : ''}`);

  for (const e of pop.entries) {
    const m = ix.check(e.name);
    if (m) report.popularFlagged.push(`${describe(e.name, m)} [own rank ${e.rank}]`);
  }
  lines.push(`popular names flagged: ${report.popularFlagged.length}/${pop.size}`);
  for (const p of report.popularFlagged) lines.push(`  ${p}`);

  const names = pypiProjectNames();
  if (!names) lines.push('pypi-projects: skipped (../shared/data absent)');
  else {
    const byKind = new Map<string, number>();
    let flagged = 0;
    for (const n of names) {
      const m = ix.check(n);
      if (!m) continue;
      flagged++;
      byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
    }
    report.projectsFpRate = flagged / names.length;
    lines.push(`pypi-projects: flagged ${flagged}/${names.length} = ${pct(flagged, names.length)}`);
    lines.push(`  by kind: ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }

  const real = realProjectDependencies();
  if (!real) lines.push('real-projects: skipped (../shared/data absent)');
  else {
    report.realFindings = [];
    for (const { file, dep } of real) {
      if (dep.url) continue;
      const m = ix.check(dep.name);
      if (m) report.realFindings.push(`${file}: ${describe(dep.rawName, m)}`);
    }
    lines.push(`real-projects: ${real.length} dependencies, ${report.realFindings.length} flagged`);
    for (const f of report.realFindings) lines.push(`  ${f}`);
  }
  return report;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--external');
  const sh = argv.indexOf('--show');
  const r = qualityReport({ external: at >= 0 ? argv[at + 1] : undefined, show: sh >= 0 ? Number(argv[sh + 1]) : undefined });
  process.stdout.write(r.lines.join('\n') + '\n');
}
