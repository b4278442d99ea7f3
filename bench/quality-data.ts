// Data the typosquat quality measurements read: the committed fixtures, and — when the shared data
// directory sits next to the repository (CI, the dev machine) — the full PyPI name list and the
// real projects' requirement files. Used by bench/quality.ts and by the unit tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Dependency } from '../server/src/core/types';
import { parsePyproject } from '../server/src/parse/pyproject';
import { parseRequirements } from '../server/src/parse/requirements';

export const REPO = path.resolve(__dirname, '..');
/** `PIPWATCH_SHARED_DATA` points elsewhere (a git worktree whose `../shared` is not the shared folder). */
export const SHARED = process.env.PIPWATCH_SHARED_DATA ? path.resolve(process.env.PIPWATCH_SHARED_DATA) : path.resolve(REPO, '../shared/data');

function tsvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** test/fixtures/typosquats.tsv: hand-written typosquats and the project each imitates. */
export function loadTyposquatFixture(): { name: string; target: string }[] {
  return tsvRows(path.join(REPO, 'test/fixtures/typosquats.tsv')).map(([name, target]) => ({ name, target }));
}

/** test/fixtures/legit-near-pairs.tsv: real projects close to a popular name. */
export function loadLegitNames(): { name: string; twin: string; why: string }[] {
  return tsvRows(path.join(REPO, 'test/fixtures/legit-near-pairs.tsv')).map(([name, twin, why]) => ({ name, twin, why }));
}

/** An external list for measurement: `name` or `name<TAB>target` per line. */
export function loadNameList(file: string): { name: string; target?: string }[] {
  return tsvRows(file).map(([name, target]) => ({ name: name.trim(), ...(target ? { target: target.trim() } : {}) }));
}

/** Every project name on PyPI (~886k), or undefined when ../shared is absent. */
export function pypiProjectNames(): string[] | undefined {
  const file = path.join(SHARED, 'pypi-projects.tsv.gz');
  if (!existsSync(file)) return undefined;
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  return lines.slice(1).map((l) => l.split('\t')[0]).filter((n): n is string => !!n);
}

export interface RealDependency {
  file: string;
  dep: Dependency;
}

/** Dependencies named by the real projects' requirement and pyproject files (read in place). */
export function realProjectDependencies(): RealDependency[] | undefined {
  const root = path.join(SHARED, 'real-projects');
  if (!existsSync(root)) return undefined;
  const out: RealDependency[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'MANIFEST.tsv') {
        const text = readFileSync(p, 'utf8');
        const doc = /pyproject\.toml/.test(e.name) ? parsePyproject(text) : parseRequirements(text);
        for (const dep of doc.dependencies) out.push({ file: path.relative(root, p), dep });
      }
    }
  };
  walk(root);
  return out;
}
