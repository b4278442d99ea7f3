// Workspace facts after a manifest edit in a 20,000-file workspace (issue 8 §7): the server used to
// rebuild the facts from every file on the main thread (~14 s); FactsBuilder re-parses the edited
// file and recomputes the union. Baseline: a full rebuild of the same files in the same run.
// Run alone: node --import tsx bench/facts.ts
import { buildWorkspaceFacts, FactsBuilder } from '../server/src/workspace/facts';
import type { BenchRow } from './parse';

const FILES = 20_000;

function workspace(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [{ path: '/w/pyproject.toml', text: '[project]\nname = "app"\ndependencies = ["flask", "rich>=13"]\n' }];
  for (let i = 0; files.length < FILES; i++) {
    const dir = `/w/svc${Math.floor(i / 20)}`;
    if (i % 20 === 0) files.push({ path: `${dir}/requirements.txt`, text: Array.from({ length: 40 }, (_, k) => `pkg-${(i * 7 + k) % 3000}==1.${k}.0`).join('\n') + '\n' });
    else files.push({ path: `${dir}/pkg/mod${i}.py`, text: '' });
  }
  return files;
}

export function benchFacts(): BenchRow[] {
  const files = workspace();
  const b = new FactsBuilder('/w');
  for (const f of files) b.set(f.path, f.text);
  b.facts();
  const edits: number[] = [];
  const parsesBefore = b.parses;
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    b.set('/w/svc3/requirements.txt', `pkg-${i}-new\nflask\n`);
    b.facts();
    b.nearest('/w/svc3/pkg/mod61.py');
    edits.push(performance.now() - t);
  }
  edits.sort((x, y) => x - y);
  const parses = (b.parses - parsesBefore) / 9;
  const t0 = performance.now();
  buildWorkspaceFacts('/w', files);
  const full = performance.now() - t0;
  const edit = edits[4]!;
  return [
    {
      metric: `manifest edit in a ${FILES.toLocaleString('en-US')}-file workspace: facts update (median of 9)`,
      value: `${edit.toFixed(1)} ms, ${parses} file parsed`,
      target: `≤ 50 ms; full rebuild ${Math.round(full)} ms`,
      ok: edit <= 50 && parses === 1,
    },
  ];
}

if (require.main === module) {
  for (const r of benchFacts()) process.stdout.write(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ok ? 'yes' : 'NO'} |\n`);
}
