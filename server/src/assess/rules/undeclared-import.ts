// PW103 undeclared-import: a third-party module is imported but no manifest of the workspace
// declares the distribution that provides it — the environment works by accident, and the name a
// user would guess (`pip install yaml`) is often wrong. Stdlib and first-party modules are skipped;
// `import yaml` is satisfied by a declared PyYAML (identify/import-map.ts).
// Guarded imports (try/except ImportError, `if TYPE_CHECKING:`) are still reported, but always as
// a hint whatever the configured severity: they are often optional extras on purpose.
import { CODES } from '../../core/codes';
import { ruleEnabled, ruleSeverity } from '../../core/settings';
import { isNamespacePrefix, resolveImport } from '../../identify/import-map';
import { normalizeName } from '../../identify/normalize';
import { isStdlibModule } from '../../identify/stdlib';
import type { OfflineRule } from '../rule';

const info = CODES.undeclared;

function manifestName(uri: string | undefined, kind: 'requirements' | 'pyproject' | undefined): string {
  if (!uri || !kind) return 'requirements.txt';
  const base = decodeURIComponent(uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? '');
  return base || (kind === 'pyproject' ? 'pyproject.toml' : 'requirements.txt');
}

export const undeclaredImportRule: OfflineRule = {
  info,
  check(dep, ctx) {
    if (dep.source !== 'import') return [];
    if (!ruleEnabled(ctx.settings, info.rule, true)) return [];
    // Facts still being built: a declared or first-party name would look undeclared (issue 8 §7).
    if (ctx.workspace.pending) return [];
    const top = dep.rawName;
    const module = dep.module ?? top;
    if (!top || isStdlibModule(top)) return [];
    const fp = ctx.workspace.firstParty;
    if (fp.has(top) || fp.has(dep.name)) return [];
    const allow = new Set(ctx.settings.allowlist.map(normalizeName));
    if (allow.has(dep.name) || allow.has(normalizeName(module))) return [];
    const { distributions, declaredAs } = resolveImport(module, ctx.workspace.declared);
    if (declaredAs !== undefined) return [];
    // A namespace package with no known distribution (`import google`): nothing sensible to add.
    const dist = distributions[0];
    if (!dist) return [];
    if (distributions.some((d) => allow.has(normalizeName(d)))) return [];
    const near = ctx.workspace.nearestManifest;
    const file = manifestName(near?.uri, near?.kind);
    // `google` says nothing: name the namespace package's part (`google.cloud.storage`).
    const shown = isNamespacePrefix(top) ? module : top;
    const install = distributions.map((d) => `'${d}'`).join(' or ');
    const configured = ruleSeverity(ctx.settings, info.rule, info.defaultSeverity);
    return [
      {
        code: info.code,
        rule: info.rule,
        severity: dep.optional ? 'hint' : configured,
        message: `'${shown}' is imported but no requirements file or pyproject.toml declares it (install ${install})${dep.optional ? ' [optional import]' : ''}`,
        range: dep.range,
        dependency: dep,
        fixes: [{ kind: 'add-dependency', name: dist, title: `Add '${dist}' to ${file}`, ...(near ? { target: { uri: near.uri, kind: near.kind } } : {}) }],
        evidence: { module, distributions, optional: dep.optional === true },
      },
    ];
  },
};
