// A project's own cooldown in an untrusted workspace may only tighten (issue 9 follow-up, index
// trust): a cloned repository must not silence PW212 for its own freshly uploaded package by
// exempting it (uv `exclude-newer-package = { x = false }`, Poetry `min-release-age-exclude`) or by
// a shorter cooldown than the user's `pipwatch.releaseAge.cooldownDays`. What is stricter than the
// setting is honoured (it can only add warnings); every exemption or looser value is dropped and
// named, as an index left out is. Trusted: the policy as written. Pure over the policy and `now`.
import type { CooldownPolicy, Cooldown } from '../parse/cooldown';
import { cutoffOf } from '../parse/cooldown';

const DAY = 86_400_000;

export interface IgnoredCooldown {
  /** The package the ignored value was for; undefined = the project-wide value. */
  name?: string;
  /** "project cooldown exemption for x ([tool.uv] exclude-newer in pyproject.toml) ignored: untrusted workspace". */
  note: string;
}

export interface TrustedCooldown {
  policy?: CooldownPolicy;
  ignored: IgnoredCooldown[];
}

/**
 * The part of `policy` that may apply. `settingDays` is the user's cooldown (0 = off): a project
 * value counts in an untrusted workspace only when its cutoff is no later than the setting's.
 */
export function trustedCooldown(policy: CooldownPolicy | undefined, trusted: boolean, settingDays: number, now: number): TrustedCooldown {
  if (!policy || trusted) return { ...(policy ? { policy } : {}), ignored: [] };
  // No setting (0) means no check at all: any project cooldown is stricter than that.
  const settingCutoff = settingDays > 0 ? now - settingDays * DAY : Infinity;
  const stricter = (c: Cooldown): boolean => cutoffOf(c, now) <= settingCutoff;
  const looser = settingDays > 0 ? ` (looser than the ${settingDays}-day cooldown of pipwatch.releaseAge.cooldownDays)` : '';
  const ignored: IgnoredCooldown[] = [];
  const all = policy.all && stricter(policy.all) ? policy.all : undefined;
  if (policy.all && !all) ignored.push({ note: `project cooldown ${policy.all.text} (${policy.source}) ignored: untrusted workspace${looser}` });
  const perPackage = new Map<string, Cooldown | 'exempt'>();
  for (const [name, c] of policy.perPackage) {
    if (c !== 'exempt' && stricter(c)) perPackage.set(name, c);
    else if (c === 'exempt') ignored.push({ name, note: `project cooldown exemption for ${name} (${policy.source}) ignored: untrusted workspace` });
    else ignored.push({ name, note: `project cooldown ${c.text} for ${name} (${policy.source}) ignored: untrusted workspace${looser}` });
  }
  const kept = all || perPackage.size > 0 ? { ...(all ? { all } : {}), perPackage, source: policy.source } : undefined;
  return { ...(kept ? { policy: kept } : {}), ignored };
}
