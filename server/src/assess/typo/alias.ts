// Popularity a name borrows from the project it stands for. `pytorch` (a placeholder, rank ~8000)
// is what people type for `torch` (#330); `beautifulsoup` (old BS3) is typed for `beautifulsoup4`.
// A slip of such a name is a slip aimed at the big project, so rank limits use the better rank.
import { importNameForDistribution } from '../../identify/import-map';
import { pep503, type Popularity } from '../../identify/popularity';
import { coreForms, digitless, stripSeparators } from './names';

/** How much of the big project's popularity an alias borrows (rank multiplier). */
const ALIAS_FACTOR = 2;

const cache = new WeakMap<Popularity, number[]>();

/** Effective rank of every snapshot entry, by entry index. */
export function effectiveRanks(pop: Popularity): number[] {
  const hit = cache.get(pop);
  if (hit) return hit;
  const bare = new Map<string, number>();
  const versionless = new Map<string, { rank: number; name: string }[]>();
  for (const e of pop.entries) {
    if (!bare.has(e.name)) bare.set(e.name, e.rank);
    const d = digitless(stripSeparators(e.name));
    const list = versionless.get(d) ?? [];
    list.push({ rank: e.rank, name: e.name });
    versionless.set(d, list);
  }
  // `sklearn` is what people type for scikit-learn (its import name): the name of a popular
  // distribution's import module, when it is a project of its own, stands for that distribution.
  const byImport = new Map<string, number>();
  for (const e of pop.entries) {
    const mod = importNameForDistribution(e.name);
    const key = mod ? pep503(mod) : undefined;
    if (key && key !== e.name && !byImport.has(key)) byImport.set(key, e.rank);
  }
  const out = pop.entries.map((e) => {
    let best = e.rank;
    // `pytorch` -> `torch`, `python-nmap` -> `nmap`: the name minus a python/py affix.
    for (const f of coreForms(e.name)) {
      const r = f.affix ? bare.get(f.core) : undefined;
      if (r !== undefined) best = Math.min(best, r * ALIAS_FACTOR);
    }
    // `beautifulsoup` -> `beautifulsoup4`: the same name with another version digit.
    const d = digitless(stripSeparators(e.name));
    if (d.length >= 4) for (const o of versionless.get(d) ?? []) if (o.name !== e.name) best = Math.min(best, o.rank * ALIAS_FACTOR);
    const viaImport = byImport.get(e.name);
    if (viaImport !== undefined) best = Math.min(best, viaImport * ALIAS_FACTOR);
    return best;
  });
  cache.set(pop, out);
  return out;
}
