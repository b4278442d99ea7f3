// PW201 not-on-index: no configured index knows the name. A name nobody owns is one anyone can
// register — the "slopsquatting" risk of names AI assistants invent. Decided from the Simple API
// only (PEP 691/503): the JSON API also 404s quarantined projects, so it proves nothing.
import { CODES } from '../../core/codes';
import { ruleEnabled } from '../../core/settings';
import { normalizeName } from '../../identify/normalize';
import { isStdlibModule } from '../../identify/stdlib';
import type { Dependency, Fix } from '../../core/types';
import type { PackageFacts } from '../../index/facts';
import type { IndexRule, RuleContext } from '../rule';
import { foundValue, isEnabled, isPublicPypi, makeFinding, primaryIndexUrl, severityOf } from './index-helpers';

const info = CODES.notOnIndex;

function hasMalRecord(facts: PackageFacts): boolean {
  const ids = [...(foundValue(facts.osvProject) ?? []), ...(foundValue(facts.osvVersion) ?? [])];
  return ids.some((r) => r.id.startsWith('MAL-'));
}

function suggestionFixes(dep: Dependency, ctx: RuleContext): Fix[] {
  const own = normalizeName(dep.name);
  const names = (ctx.suggest?.(dep.name, 3) ?? []).map((s) => s.name).filter((n) => normalizeName(n) !== own);
  return names.slice(0, 3).map((name, i) => ({
    kind: 'replace' as const,
    range: dep.range,
    newText: name,
    title: `Replace with '${name}'`,
    isPreferred: i === 0,
  }));
}

export const notOnIndexRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(notOnIndexRule, ctx)) return [];
    if (dep.url || dep.constraintOnly) return []; // direct references and constraints are not looked up
    if (ctx.settings.allowlist.map(normalizeName).includes(normalizeName(dep.name))) return [];
    if (dep.source === 'import') {
      // The glue sends only third-party imports; guard anyway, a stdlib or own module is never on PyPI.
      const top = (dep.module ?? dep.rawName).split('.')[0];
      if (isStdlibModule(top) || ctx.workspace.firstParty.has(top) || ctx.workspace.firstParty.has(dep.rawName)) return [];
    }
    if (facts.primary.state !== 'missing') return [];
    if (!facts.extras.every((e) => e.result.state === 'missing')) return [];
    // OSV knows it as malware (the usual picture after PyPI removed it): PW208 speaks instead.
    if (hasMalRecord(facts) && ruleEnabled(ctx.settings, CODES.malicious.rule)) return [];

    const indexes = [primaryIndexUrl(facts, ctx), ...facts.extras.map((e) => e.indexUrl)];
    const onlyPypi = facts.extras.length === 0 && isPublicPypi(indexes[0]);
    const where = onlyPypi ? 'on PyPI' : `on any configured index (${indexes.join(', ')})`;
    const isImport = dep.source === 'import';
    const severity = severityOf(info, ctx, isImport ? 'warning' : info.defaultSeverity);
    const message = isImport
      ? `'${dep.rawName}' is imported but no project of that name exists ${where}: anyone can register it, and AI assistants invent names like this`
      : `'${dep.rawName}' does not exist ${where}: anyone can register it, and AI assistants invent names like this`;
    const fixes = suggestionFixes(dep, ctx);
    return [
      makeFinding(info, severity, dep, message, { name: dep.name, indexes, suggestions: fixes.map((f) => f.newText) }, fixes),
    ];
  },
};
