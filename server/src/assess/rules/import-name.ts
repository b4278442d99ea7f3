// PW102 import-name-as-requirement: a requirement that names what you `import` instead of the
// distribution that provides it (`sklearn` for scikit-learn, `jwt` for PyJWT). Those names install
// a deprecated stub, a different project, a placeholder or nothing at all — and a name nobody
// owns is one anyone can register. Import names come from identify/import-map.ts.
import { CODES } from '../../core/codes';
import { ruleEnabled, ruleSeverity } from '../../core/settings';
import type { Fix } from '../../core/types';
import { importNameTrap, type TrapKind } from '../../identify/import-map';
import { normalizeName } from '../../identify/normalize';
import type { OfflineRule } from '../rule';

const info = CODES.importName;

const WHAT_IT_DOES: Record<TrapKind, (dists: string[]) => string> = {
  'deprecated-stub': () => 'it installs a deprecated stub',
  'different-project': () => 'it installs a different project',
  placeholder: (d) => `it installs a placeholder that only pulls in '${d[0] ?? '?'}'`,
  'not-installable': () => 'PyPI has no installable release of it',
  'not-the-distribution': () => "it is not the project's distribution on PyPI",
};

export const importNameRule: OfflineRule = {
  info,
  check(dep, ctx) {
    if (dep.source === 'import') return [];
    if (!ruleEnabled(ctx.settings, info.rule, true)) return [];
    if (dep.url) return []; // `name @ url` installs from the URL, whatever the name
    const trap = importNameTrap(dep.name);
    if (!trap) return [];
    const allow = new Set(ctx.settings.allowlist.map(normalizeName));
    if (allow.has(normalizeName(dep.name))) return [];
    const dists = trap.distributions;
    const use = dists.length > 0
      ? `use ${dists.map((d) => `'${d}'`).join(' or ')}`
      : `name the specific '${trap.importName.toLowerCase()}-…' distributions you import`;
    const fixes: Fix[] = dists.map((d, i) => ({
      kind: 'replace',
      range: dep.range,
      newText: d,
      isPreferred: i === 0,
      title: `Replace with '${d}'`,
    }));
    fixes.push({ kind: 'allowlist', name: dep.name, title: `Add '${dep.rawName}' to the Pipwatch allowlist` });
    return [
      {
        code: info.code,
        rule: info.rule,
        severity: ruleSeverity(ctx.settings, info.rule, info.defaultSeverity),
        message: `'${dep.rawName}' is an import name, not the package: ${WHAT_IT_DOES[trap.kind](dists)} (${use})`,
        range: dep.range,
        dependency: dep,
        fixes,
        evidence: { importName: trap.importName, distributions: dists, why: trap.kind },
      },
    ];
  },
};
