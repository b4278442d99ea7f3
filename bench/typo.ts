// Typo index speed: median microseconds per name for TypoIndex.check against the naive loop that
// runs the same classifier over every popular name, on all popular names plus a sample of other
// names. Both must answer identically; the bench throws when they do not.
import { getPopularity } from '../server/src/identify/popularity';
import { naiveCheck, TypoIndex } from '../server/src/assess/typo/index';
import { loadTyposquatFixture, pypiProjectNames } from './quality-data';

export interface TypoBenchRow {
  metric: string;
  value: string;
  target: string;
  ok: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function timeEach(names: string[], f: (n: string) => unknown): { us: number[]; out: string[] } {
  const us: number[] = [];
  const out: string[] = [];
  for (const n of names) {
    const t = process.hrtime.bigint();
    const r = f(n);
    us.push(Number(process.hrtime.bigint() - t) / 1000);
    out.push(JSON.stringify(r ?? null));
  }
  return { us, out };
}

export async function benchTypo(): Promise<{ rows: TypoBenchRow[] }> {
  const pop = getPopularity();
  const t0 = process.hrtime.bigint();
  const ix = TypoIndex.build(pop);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const popular = pop.entries.map((e) => e.name);
  // Near-misses as a dense requirements file holds them (bench/parse.ts): a popular name plus 'x'.
  const near = popular.filter((_, i) => i % 7 === 0).map((n) => `${n}x`);
  const all = pypiProjectNames();
  const others = all ? all.filter((_, i) => i % 443 === 0) : loadTyposquatFixture().map((f) => f.name);
  const names = [...popular, ...near, ...others, ...loadTyposquatFixture().map((f) => f.name)];

  // JIT warm-up on a second index, so the timed one answers every name for the first time (it
  // remembers answers: a repeated name would cost nothing).
  const warm = TypoIndex.build(pop);
  for (const n of names.slice(0, 3000)) warm.check(n);
  const indexed = timeEach(names, (n) => ix.check(n));
  const naive = timeEach(names, (n) => naiveCheck(pop, n));
  const diff = names.filter((_, i) => indexed.out[i] !== naive.out[i]);
  if (diff.length > 0) throw new Error(`typo index and naive loop disagree on ${diff.length} names, e.g. ${diff.slice(0, 5).join(', ')}`);
  const slice = (from: number, len: number): number => median(indexed.us.slice(from, from + len));
  const groups = `popular ${slice(0, popular.length).toFixed(1)}, near-miss ${slice(popular.length, near.length).toFixed(1)}, other PyPI names ${slice(popular.length + near.length, others.length).toFixed(1)}`;

  const mi = median(indexed.us);
  const mn = median(naive.us);
  const flagged = indexed.out.filter((o) => o !== 'null').length;
  return {
    rows: [
      { metric: 'typo index build (ms)', value: buildMs.toFixed(0), target: '< 2000', ok: buildMs < 2000 },
      { metric: 'typo check, indexed (median µs/name)', value: mi.toFixed(1), target: '<= 20', ok: mi <= 20 },
      { metric: 'typo check, indexed, by kind of name (median µs/name, first check)', value: groups, target: 'informational', ok: true },
      { metric: 'typo check, naive loop (median µs/name)', value: mn.toFixed(0), target: 'reference', ok: true },
      { metric: 'typo speed-up (naive / indexed)', value: `${(mn / mi).toFixed(0)}x`, target: '>= 50x', ok: mn / mi >= 50 },
      {
        metric: 'typo index == naive',
        value: `${names.length} names identical (${flagged} flagged)`,
        target: `${pop.size} popular + ${near.length} near-misses + ${others.length} others`,
        ok: true,
      },
    ],
  };
}

if (require.main === module) {
  benchTypo().then(
    (r) => process.stdout.write(r.rows.map((x) => `${x.metric}: ${x.value} (${x.target}) ${x.ok ? 'ok' : 'FAIL'}`).join('\n') + '\n'),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
