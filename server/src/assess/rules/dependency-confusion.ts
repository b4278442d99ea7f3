// PW202 dependency-confusion: the name lives on a private index AND on public PyPI, and both are
// consulted. pip treats `--index-url` and `--extra-index-url` alike and installs the highest version
// found on any of them, so whoever registers the name on PyPI with a higher version wins
// (Birsan 2021, "Dependency Confusion").
import { CODES } from '../../core/codes';
import type { SimpleProject } from '../../index/facts';
import type { IndexRule } from '../rule';
import { foundValue, isEnabled, isPublicPypi as isPypiHost, makeFinding, newestVersion, severityOf } from './index-helpers';

const info = CODES.confusion;

function newest(p: SimpleProject): string | undefined {
  return newestVersion(p.versions.length > 0 ? p.versions : p.files.map((f) => f.version ?? ''), true);
}

export const dependencyConfusionRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(dependencyConfusionRule, ctx)) return [];
    if (dep.url) return []; // a direct reference bypasses every index
    // The client says which configured indexes are public PyPI; the host name covers older facts.
    const isPublicPypi = (url: string): boolean => isPypiHost(url) || (facts.publicIndexes ?? []).includes(url);
    const primary = foundValue(facts.primary);
    const primaryIsPublic = primary !== undefined && isPublicPypi(primary.indexUrl);
    // Private extra indexes that have the name. (A private *primary* alone is safe: pip reaches
    // PyPI only through a configured index.)
    const privateHits = facts.extras
      .map((e) => ({ url: e.indexUrl, project: foundValue(e.result) }))
      .filter((e): e is { url: string; project: SimpleProject } => e.project !== undefined && !isPublicPypi(e.url));
    // Public copies pip can reach: PyPI as the primary, PyPI as an extra, or PyPI through a private
    // primary that proxies it (Artifactory/Nexus virtual repositories do). A private primary that
    // answers "missing" for a name PyPI has does not proxy PyPI, so the public copy is out of reach.
    let publicHit: SimpleProject | undefined;
    if (primaryIsPublic) publicHit = primary;
    else {
      publicHit =
        facts.extras.map((e) => (isPublicPypi(e.indexUrl) ? foundValue(e.result) : undefined)).find((p) => p) ??
        (primary ? foundValue(facts.publicPypi) : undefined);
    }
    if (privateHits.length === 0 && primary && !primaryIsPublic) {
      // Private primary + PyPI as an extra index is the same race.
      const pypiExtra = facts.extras.find((e) => isPublicPypi(e.indexUrl) && e.result.state === 'found');
      if (pypiExtra) privateHits.push({ url: primary.indexUrl, project: primary });
    }
    if (privateHits.length === 0 || !publicHit) return [];

    const priv = privateHits[0];
    const privNewest = newest(priv.project);
    const pubNewest = newest(publicHit);
    const versions = privNewest && pubNewest ? ` (newest ${privNewest} there, ${pubNewest} on PyPI)` : '';
    // The advice depends on which index is which (issue 8 §4): PyPI as the primary with the private
    // index an extra; a private primary with PyPI an extra; or PyPI reached through a private
    // primary that proxies it, next to a private extra.
    const both = `'${dep.rawName}' exists both on the private index ${priv.url} and on public PyPI (${publicHit.indexUrl})${versions}`;
    const race = 'pip takes the highest version from either index (uv too with --index-strategy unsafe-best-match), so whoever owns the public name can take over this install';
    const pypiIsExtra = facts.extras.some((e) => isPublicPypi(e.indexUrl) && foundValue(e.result) !== undefined);
    const message = primaryIsPublic
      ? `${both}: PyPI is your primary index and the private one an extra, and ${race}. ` +
        `Make the private index the only one (--index-url to a private index that proxies PyPI, no --extra-index-url) or pin with --hash`
      : pypiIsExtra
        ? `${both}: the private index is your primary and PyPI an extra, and ${race}. ` +
          `Remove PyPI as an extra index (let the private index proxy it) or pin with --hash`
        : `${both}: your primary index ${primary?.indexUrl ?? ''} proxies PyPI next to the private extra index, and ${race}. ` +
          `Serve the name from one index only (drop the extra index, or have the proxy block the public name) or pin with --hash`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        privateIndexes: privateHits.map((h) => h.url),
        publicIndex: publicHit.indexUrl,
        privateNewest: privNewest,
        publicNewest: pubNewest,
      }),
    ];
  },
};
