// PW101 typosquat: a dependency name one typing slip away from a far more popular project
// (`reqeusts` for `requests`). Offline: compares against the committed popularity snapshot.
// For `import` statements the module is compared against popular projects' import names.
import { CODES } from '../../core/codes';
import { ruleEnabled, ruleSeverity } from '../../core/settings';
import type { Dependency, Finding, Severity } from '../../core/types';
import { getPopularity, pep503, Popularity } from '../../identify/popularity';
import { distributionsForImport, importNameForDistribution, isNamespacePrefix } from '../../identify/import-map';
import { isStdlibModule } from '../../identify/stdlib';
import type { OfflineRule, RuleContext } from '../rule';
import { TypoIndex, type TypoMatch } from '../typo/index';

const info = CODES.typosquat;

let requirementIndex: TypoIndex | undefined;

function index(): TypoIndex {
  requirementIndex ??= TypoIndex.build(getPopularity());
  return requirementIndex;
}

/** Forgets remembered typo answers, so the next analysis pays for every check again (bench). */
export function forgetTypoAnswers(): void {
  requirementIndex?.forgetAnswers();
  importIndex?.ix.forgetAnswers();
}

/** Popular project names close to `name`, best first (for the not-on-index "did you mean" fix). */
export function suggestSimilar(name: string, limit: number): { name: string; rank: number }[] {
  return index().suggest(name, limit);
}

/** Strong evidence against a top-100 project is an error; weak evidence is only information. */
export function severityFor(m: TypoMatch): Severity {
  if (m.strength === 'weak') return 'information';
  if (m.strength === 'strong' && m.targetRank <= 100) return 'error';
  return 'warning';
}

// Imports: a module is compared against the import names of popular distributions (`yaml` for
// PyYAML, via the import map). Local modules are named freely, so only single slips that make no
// new word count here, and the fix offers the canonical import name.
const IMPORT_TOP = 5000;
const IMPORT_KINDS = new Set(['swap', 'doubled-added', 'doubled-removed', 'visual', 'keyboard', 'omitted', 'inserted', 'inserted-neighbour', 'two-edits']);

interface ImportTarget {
  module: string;
  dist: string;
}
let importIndex: { ix: TypoIndex; targets: Map<string, ImportTarget> } | undefined;

function imports(): NonNullable<typeof importIndex> {
  if (!importIndex) {
    const targets = new Map<string, ImportTarget>();
    const rows: string[] = [];
    for (const e of getPopularity().entries.slice(0, IMPORT_TOP)) {
      const module = importNameForDistribution(e.name) ?? e.name.replace(/-/g, '_');
      if (module.includes('.') || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(module)) continue; // namespace parts
      const key = pep503(module);
      if (targets.has(key)) continue;
      targets.set(key, { module, dist: e.name });
      rows.push(`${key}\t${e.rank}\t`);
    }
    importIndex = { ix: TypoIndex.build(Popularity.fromText(rows.join('\n'))), targets };
  }
  return importIndex;
}

function allowlisted(name: string, ctx: RuleContext): boolean {
  const n = pep503(name);
  return ctx.settings.allowlist.some((a) => pep503(a) === n);
}

function finding(dep: Dependency, ctx: RuleContext, m: TypoMatch, shown: string, where: string): Finding {
  return {
    code: info.code,
    rule: info.rule,
    severity: ruleSeverity(ctx.settings, info.rule, severityFor(m)),
    message: `'${dep.rawName}' looks like a typo of '${shown}' (${where}): ${m.transformation}`,
    range: dep.range,
    dependency: dep,
    fixes: [
      { kind: 'replace', range: dep.range, newText: shown, isPreferred: true, title: `Replace with '${shown}'` },
      { kind: 'allowlist', name: dep.name, title: `Add '${dep.rawName}' to the Pipwatch allowlist` },
    ],
    evidence: { target: m.target, targetRank: m.targetRank, transformation: m.transformation, kind: m.kind, strength: m.strength },
  };
}

function checkImport(dep: Dependency, ctx: RuleContext): Finding[] {
  const top = dep.rawName.split('.')[0] ?? '';
  if (!top || isStdlibModule(top) || isNamespacePrefix(top) || ctx.workspace.pending) return [];
  const n = pep503(top);
  if (ctx.workspace.firstParty.has(top) || ctx.workspace.firstParty.has(n) || ctx.workspace.declared.has(n)) return [];
  // A module some known distribution provides is no typo, nor is a popular project's own name.
  if (distributionsForImport(top).length > 0 || getPopularity().rank(n) !== undefined) return [];
  const { ix, targets } = imports();
  if (targets.has(n)) return [];
  const m = ix.check(n);
  const t = m && IMPORT_KINDS.has(m.kind) ? targets.get(m.target) : undefined;
  if (!m || !t) return [];
  // `networks` vs `networkx`: a plural-looking local module, not a slip on the last key.
  if (m.kind === 'keyboard' && n.endsWith('s') && !m.target.endsWith('s')) return [];
  // Evidence names the distribution; the message and the fix speak of the import name.
  const where = pep503(t.module) === t.dist ? `#${m.targetRank} on PyPI` : `import name of '${t.dist}', #${m.targetRank} on PyPI`;
  return [finding(dep, ctx, { ...m, target: t.dist }, t.module, where)];
}

export const typosquatRule: OfflineRule = {
  info,
  check(dep, ctx) {
    if (!ruleEnabled(ctx.settings, info.rule, true)) return [];
    if (dep.url) return []; // a direct reference names its own source: the name is not looked up
    if (allowlisted(dep.name, ctx) || allowlisted(dep.rawName, ctx)) return [];
    if (dep.source === 'import') return checkImport(dep, ctx);
    const m = index().check(dep.name);
    return m ? [finding(dep, ctx, m, m.target, `#${m.targetRank} on PyPI`)] : [];
  },
};
