// PW211 hash-mismatch: pip's hash-checking mode (`--hash=algo:hex`) refuses a download whose
// digest is not listed. When no listed hash matches any file the index has for the pinned version,
// either the pin and hashes disagree or a file was replaced: an error either way.
// https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode
import { CODES } from '../../core/codes';
import type { IndexFile } from '../../index/facts';
import type { IndexRule } from '../rule';
import { filesOfVersion, foundValue, isEnabled, makeFinding, pinnedVersion, severityOf } from './index-helpers';

const info = CODES.hashMismatch;

function parseHash(h: string): { algo: string; hex: string } | undefined {
  const m = /^([A-Za-z0-9_-]+)[:=]([0-9a-fA-F]+)$/.exec(h.trim());
  return m ? { algo: m[1].toLowerCase(), hex: m[2].toLowerCase() } : undefined;
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
    const matched = comparable.some((w) => files.some((f) => f.hashes[w.algo]?.toLowerCase() === w.hex));
    if (matched) return [];
    const algos = [...new Set(comparable.map((w) => w.algo))];
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
