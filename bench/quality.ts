// Typosquat detection quality: detection on the hand-written fixture (and an external list when
// given), false positives over every PyPI project name, over the popular names themselves, and
// over real projects' requirement files.
// Usage: node --import tsx bench/quality.ts [--external /tmp/list.txt] [--tune /tmp/tune.tsv
//        --held /tmp/held.tsv] [--show N]
// External lists (real malicious names) are never committed: --tune is what limits may be tuned on,
// --held is the held-out half, reported side by side so overfitting shows.
import { getPopularity } from '../server/src/identify/popularity';
import { TypoIndex, type TypoMatch } from '../server/src/assess/typo/index';
import { loadLegitNames, loadNameList, loadTyposquatFixture, pypiProjectNames, realProjectDependencies } from './quality-data';

export interface QualityReport {
  lines: string[];
  fixtureDetection: number;
  externalDetection?: number;
  tuneDetection?: number;
  heldDetection?: number;
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

const BANDS: [number, string][] = [
  [100, 'top 100'],
  [1000, '101-1000'],
  [5000, '1001-5000'],
  [Infinity, '5001+'],
];

function detection(ix: TypoIndex, list: { name: string; target?: string }[], label: string, lines: string[], show: number): number {
  const pop = getPopularity();
  let hit = 0;
  let right = 0;
  const missed: string[] = [];
  const bands = BANDS.map(() => [0, 0]);
  for (const { name, target } of list) {
    const m = ix.check(name);
    if (m) hit++;
    if (m && (!target || m.target === target)) right++;
    if (!m) missed.push(name);
    const r = target ? pop.rank(target) : undefined;
    if (r !== undefined) {
      const b = bands[BANDS.findIndex(([max]) => r <= max)];
      b[1]++;
      if (m) b[0]++;
    }
  }
  lines.push(`${label}: detected ${hit}/${list.length} = ${pct(hit, list.length)} (right target ${right})`);
  if (bands.some((b) => b[1] > 0)) lines.push(`  by target rank: ${BANDS.map(([, l], i) => `${l} ${bands[i][0]}/${bands[i][1]}`).join(', ')}`);
  if (missed.length) lines.push(`  missed: ${missed.slice(0, show).join(' ')}${missed.length > show ? ' …' : ''}`);
  return list.length ? hit / list.length : 0;
}

export function qualityReport(opts: { external?: string; tune?: string; held?: string; show?: number } = {}): QualityReport {
  const show = opts.show ?? 40;
  const pop = getPopularity();
  const ix = TypoIndex.build(pop);
  const lines: string[] = [`snapshot ${pop.snapshotDate}, ${pop.size} popular names`];
  const fixtureDetection = detection(ix, loadTyposquatFixture(), 'fixture test/fixtures/typosquats.tsv', lines, show);
  const report: QualityReport = { lines, fixtureDetection, popularFlagged: [] };
  if (opts.external) report.externalDetection = detection(ix, loadNameList(opts.external), `external ${opts.external}`, lines, show);
  if (opts.tune) report.tuneDetection = detection(ix, loadNameList(opts.tune), `tuning half ${opts.tune}`, lines, show);
  if (opts.held) report.heldDetection = detection(ix, loadNameList(opts.held), `held-out half ${opts.held}`, lines, show);

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

/** Budget for the share of all existing PyPI names flagged (README "How typosquat detection works"). */
export const FP_BUDGET = 0.007;

/**
 * `npm run bench` rows: the full false-positive run over every PyPI name (the unit test checks a
 * deterministic sample, to stay fast on CI) and the fixture and real-project figures beside it.
 */
export function benchQuality(): { metric: string; value: string; target: string; ok?: boolean }[] {
  const r = qualityReport({ show: 0 });
  const rows: { metric: string; value: string; target: string; ok?: boolean }[] = [
    { metric: 'typosquat fixture caught', value: pct(r.fixtureDetection, 1), target: '>= 95%', ok: r.fixtureDetection >= 0.95 },
  ];
  if (r.projectsFpRate === undefined) rows.push({ metric: 'existing PyPI names flagged', value: 'skipped (../shared/data absent)', target: '<= 0.70%' });
  else rows.push({ metric: 'existing PyPI names flagged (all)', value: pct(r.projectsFpRate, 1), target: '<= 0.70%', ok: r.projectsFpRate <= FP_BUDGET });
  if (r.realFindings) rows.push({ metric: 'real-project requirements flagged', value: String(r.realFindings.length), target: '0', ok: r.realFindings.length === 0 });
  return rows;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const opt = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const show = opt('--show');
  const r = qualityReport({ external: opt('--external'), tune: opt('--tune'), held: opt('--held'), show: show ? Number(show) : undefined });
  process.stdout.write(r.lines.join('\n') + '\n');
}
