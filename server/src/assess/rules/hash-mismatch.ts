// PW211 hash-mismatch: pip's hash-checking mode (`--hash=algo:hex`) refuses a download whose
// digest is not listed. When no listed hash matches any file the index has for the pinned version,
// either the pin and hashes disagree or a file was replaced: an error either way.
// https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode
// Locks (uv.lock, pylock.toml, poetry.lock…) are checked per hash: see lockCheck.
import { CODES } from '../../core/codes';
import type { IndexFile } from '../../index/facts';
import type { Dependency, Finding } from '../../core/types';
import type { IndexRule, RuleContext } from '../rule';
import { filesOfVersion, foundValue, isEnabled, makeFinding, pinnedVersion, severityOf } from './index-helpers';

const info = CODES.hashMismatch;

function parseHash(h: string): { algo: string; hex: string } | undefined {
  const m = /^([A-Za-z0-9_-]+)[:=]([0-9a-fA-F]+)$/.exec(h.trim());
  return m ? { algo: m[1].toLowerCase(), hex: m[2].toLowerCase() } : undefined;
}

/**
 * A lock records one hash per file of the release it resolved, so every one must still match a
 * file of that release: a hash that matches none means a file changed after locking (PyPI never
 * lets a filename be reused, so a replaced file is tampering with the index or the lock) or was
 * deleted by its maintainers.
 */
function lockCheck(dep: Dependency, version: string, unmatched: { algo: string; hex: string }[], files: IndexFile[], algos: string[], ctx: RuleContext): Finding[] {
  if (unmatched.length === 0) return [];
  const n = unmatched.length;
  const message =
    `${n} hash${n === 1 ? '' : 'es'} the lock records for ${dep.rawName} ${version} match${n === 1 ? 'es' : ''} no file of that release on the index ` +
    `(${files.length} file${files.length === 1 ? '' : 's'} there): a file was replaced or deleted after locking, or the lock was edited. ` +
    `The installer will refuse it; find out why before re-locking`;
  return [
    makeFinding(info, severityOf(info, ctx), dep, message, {
      version,
      algorithms: algos,
      hashes: unmatched.map((w) => `${w.algo}:${w.hex}`),
      files: files.map((f) => ({ filename: f.filename, ...Object.fromEntries(algos.filter((a) => f.hashes[a]).map((a) => [a, f.hashes[a]])) })),
    }),
  ];
}

export const hashMismatchRule: IndexRule = {
  info,
  check(dep, facts, ctx) {
    if (!isEnabled(hashMismatchRule, ctx) || dep.url) return [];
    const wanted = (dep.hashes ?? []).map(parseHash).filter((h): h is { algo: string; hex: string } => h !== undefined);
    if (wanted.length === 0) return [];
    const pin = pinnedVersion(dep);
    if (!pin) return [];
    // Every index pip may download from counts: a file on any of them can be the one installed.
    const projects = [foundValue(facts.primary), ...facts.extras.map((e) => foundValue(e.result))].filter((p) => p !== undefined);
    const files: IndexFile[] = projects.flatMap((p) => filesOfVersion(p, pin.version));
    if (files.length === 0) return []; // version unknown here: not this rule's call
    // Compare only algorithms the index gives digests for; if none overlap, we cannot tell.
    const comparable = wanted.filter((w) => files.some((f) => typeof f.hashes[w.algo] === 'string'));
    if (comparable.length === 0) return [];
    const matches = (w: { algo: string; hex: string }): boolean => files.some((f) => f.hashes[w.algo]?.toLowerCase() === w.hex);
    const algos = [...new Set(comparable.map((w) => w.algo))];
    if (dep.source === 'lock') return lockCheck(dep, pin.version, comparable.filter((w) => !matches(w)), files, algos, ctx);
    if (comparable.some(matches)) return [];
    const message =
      `None of the ${comparable.length} --hash value${comparable.length === 1 ? '' : 's'} for ${dep.rawName}==${pin.version} ` +
      `matches any of its ${files.length} file${files.length === 1 ? '' : 's'} on the index: a wrong pin, stale hashes, or a replaced file. ` +
      `pip will refuse to install it; regenerate the hashes (e.g. pip-compile --generate-hashes) and check why they changed`;
    return [
      makeFinding(info, severityOf(info, ctx), dep, message, {
        version: pin.version,
        algorithms: algos,
        hashes: comparable.map((w) => `${w.algo}:${w.hex}`),
        files: files.map((f) => ({ filename: f.filename, ...Object.fromEntries(algos.filter((a) => f.hashes[a]).map((a) => [a, f.hashes[a]])) })),
      }),
    ];
  },
};
