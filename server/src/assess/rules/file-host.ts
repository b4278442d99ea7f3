// PW104 file-host-mismatch: a locked package whose lock says it comes from one index but whose
// file URLs point at another host. An installer downloads the URL the lock names (uv.lock,
// pylock.toml — PEP 751 `sdist`/`wheels` `url`) and checks it against the lock's own hash, so an
// edited entry (a lockfile injection in a pull request) installs whatever that host serves while
// the package name and index look unchanged. npm's lockfile-lint checks the same for package-lock.
import { CODES } from '../../core/codes';
import { ruleEnabled, ruleSeverity } from '../../core/settings';
import { normalizeName } from '../../identify/normalize';
import type { OfflineRule } from '../rule';

const info = CODES.fileHost;

/** Hosts an index serves its files from besides its own (PyPI's files live on a CDN host). */
const FILE_HOSTS: Record<string, readonly string[]> = {
  'pypi.org': ['files.pythonhosted.org'],
  'test.pypi.org': ['test-files.pythonhosted.org'],
};

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export const fileHostRule: OfflineRule = {
  info,
  check(dep, ctx) {
    if (dep.source !== 'lock' || !dep.registryUrl || !dep.fileHosts?.length) return [];
    if (dep.origin !== undefined && dep.origin !== 'registry') return [];
    if (!ruleEnabled(ctx.settings, info.rule, true)) return [];
    if (ctx.settings.allowlist.some((n) => normalizeName(n) === dep.name)) return [];
    const index = hostOf(dep.registryUrl);
    if (!index) return [];
    const allowed = new Set([index, ...(FILE_HOSTS[index] ?? [])]);
    const foreign = dep.fileHosts.filter((h) => !allowed.has(h));
    if (foreign.length === 0) return [];
    return [
      {
        code: info.code,
        rule: info.rule,
        severity: ruleSeverity(ctx.settings, info.rule, info.defaultSeverity),
        message:
          `'${dep.rawName}' is locked from ${index} but its files download from ${foreign.join(', ')}: ` +
          'the lock entry points at another host, which serves whatever it likes under this name (re-lock it from its index)',
        range: dep.range,
        dependency: dep,
        fixes: [{ kind: 'allowlist', name: dep.name, title: `Add '${dep.rawName}' to the Pipwatch allowlist` }],
        evidence: { index: dep.registryUrl, fileHosts: dep.fileHosts, foreignHosts: foreign },
      },
    ];
  },
};
