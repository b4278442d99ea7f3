// An untrusted workspace's own cooldown may only tighten (issue 9 follow-up, index trust): a
// hostile repository must not exempt its own fresh release from PW212 or shorten the user's
// cooldown; a stricter value is honoured, and each value left out is named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { trustedCooldown } from '../../server/src/assess/cooldown-trust';
import { analyzeOffline } from '../../server/src/assess/engine';
import { normalizeSettings } from '../../server/src/core/settings';
import { cooldownFromPyproject, cooldownFromUvToml } from '../../server/src/parse/cooldown';
import { NOW } from './helpers/facts-builder';

const DAY = 86_400_000;
const now = NOW.getTime();

describe('trustedCooldown', () => {
  const hostile = cooldownFromUvToml('exclude-newer = "1 day"\nexclude-newer-package = { evil = false, slow = "30 days", quick = "2 hours" }\n')!;

  it('trusted: the policy as written, nothing ignored', () => {
    const t = trustedCooldown(hostile, true, 3, now);
    assert.equal(t.policy, hostile);
    assert.deepEqual(t.ignored, []);
  });

  it('untrusted: exemptions and looser values are dropped and named, stricter ones kept', () => {
    const t = trustedCooldown(hostile, false, 3, now);
    assert.equal(t.policy?.all, undefined, 'a 1-day project cooldown is looser than the 3-day setting');
    assert.deepEqual([...t.policy!.perPackage.keys()], ['slow']);
    assert.deepEqual(
      t.ignored.map((i) => [i.name, i.note]),
      [
        [undefined, 'project cooldown 1 day (exclude-newer in uv.toml) ignored: untrusted workspace (looser than the 3-day cooldown of pipwatch.releaseAge.cooldownDays)'],
        ['evil', 'project cooldown exemption for evil (exclude-newer in uv.toml) ignored: untrusted workspace'],
        ['quick', 'project cooldown 2 hours for quick (exclude-newer in uv.toml) ignored: untrusted workspace (looser than the 3-day cooldown of pipwatch.releaseAge.cooldownDays)'],
      ],
    );
  });

  it('untrusted: a longer cooldown and an earlier absolute cutoff are honoured; a future cutoff is not', () => {
    const longer = trustedCooldown(cooldownFromPyproject('[tool.uv]\nexclude-newer = "7 days"\n'), false, 3, now);
    assert.equal(longer.policy?.all?.kind, 'relative');
    assert.deepEqual(longer.ignored, []);
    const past = new Date(now - 10 * DAY).toISOString().slice(0, 10);
    assert.equal(trustedCooldown(cooldownFromUvToml(`exclude-newer = "${past}"\n`), false, 3, now).policy?.all?.text, past);
    const future = new Date(now + 10 * DAY).toISOString().slice(0, 10);
    const f = trustedCooldown(cooldownFromUvToml(`exclude-newer = "${future}"\n`), false, 3, now);
    assert.equal(f.policy, undefined);
    assert.equal(f.ignored.length, 1);
  });

  it('untrusted with the setting off: any project cooldown is stricter, an exemption still is not honoured', () => {
    const t = trustedCooldown(cooldownFromUvToml('exclude-newer = "1 hour"\nexclude-newer-package = { evil = false }\n'), false, 0, now);
    assert.equal(t.policy?.all?.text, '1 hour');
    assert.equal(t.policy?.perPackage.size, 0);
    assert.deepEqual(t.ignored.map((i) => i.name), ['evil']);
  });
});

describe('engine: an untrusted pyproject.toml cannot exempt its own fresh release', () => {
  const pyproject = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["evil==1.0"]\n\n[tool.uv]\nexclude-newer-package = { evil = false }\n';
  const input = (trusted: boolean) => ({
    uri: '/w/pyproject.toml',
    text: pyproject,
    settings: normalizeSettings({ offline: true, workspaceTrusted: trusted }),
    workspace: { declared: new Set<string>(), firstParty: new Set<string>() },
    now: NOW,
  });
  it('untrusted: the exemption is reported as ignored', () => {
    const a = analyzeOffline(input(false));
    assert.deepEqual(a.ignoredCooldown?.map((i) => i.name), ['evil']);
  });
  it('trusted: nothing ignored', () => {
    assert.equal(analyzeOffline(input(true)).ignoredCooldown, undefined);
  });
});
