// The project's own release cooldown, read from uv, pip and Poetry configuration text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cooldownFor,
  cooldownFromPipConf,
  cooldownFromPoetryToml,
  cooldownFromPyproject,
  cooldownFromUvLock,
  cooldownFromUvToml,
  cutoffOf,
  parseCooldownValue,
  parseDuration,
  parseInstant,
} from '../../server/src/parse/cooldown';
import { workspaceCooldown } from '../../server/src/workspace/facts';

const DAY = 86_400_000;

describe('cooldown values', () => {
  it('reads friendly and ISO 8601 durations as uv documents them', () => {
    assert.equal(parseDuration('7 days'), 7 * DAY);
    assert.equal(parseDuration('24 hours'), DAY);
    assert.equal(parseDuration('1 week'), 7 * DAY);
    assert.equal(parseDuration('1 week 2 days'), 9 * DAY);
    assert.equal(parseDuration('P7D'), 7 * DAY);
    assert.equal(parseDuration('PT24H'), DAY);
    assert.equal(parseDuration('P1W'), 7 * DAY);
    assert.equal(parseDuration('seven days'), undefined);
    assert.equal(parseDuration('7 fortnights'), undefined);
    assert.equal(parseDuration('P'), undefined);
  });

  it('reads RFC 3339 timestamps and dates (UTC when no offset is given)', () => {
    assert.equal(parseInstant('2026-11-01T00:00:00Z'), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseInstant('2026-11-01'), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseInstant('2026-11-01T05:00:00+05:00'), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseInstant('2026-11-01 12:30:00'), Date.parse('2026-11-01T12:30:00Z'));
    assert.equal(parseInstant('yesterday'), undefined);
  });

  it('an exclude-newer value is an instant or a duration', () => {
    assert.deepEqual(parseCooldownValue('2026-11-01'), { kind: 'absolute', before: Date.parse('2026-11-01T00:00:00Z'), text: '2026-11-01' });
    assert.deepEqual(parseCooldownValue('3 days'), { kind: 'relative', ms: 3 * DAY, text: '3 days' });
    assert.equal(parseCooldownValue('0 days'), undefined);
    const now = Date.parse('2026-11-26T12:00:00Z');
    assert.equal(cutoffOf({ kind: 'relative', ms: DAY, text: '1 day' }, now), now - DAY);
    assert.equal(cutoffOf({ kind: 'absolute', before: 5, text: 'x' }, now), 5);
  });
});

describe('cooldown files', () => {
  it('pyproject [tool.uv] exclude-newer and exclude-newer-package (false exempts)', () => {
    const p = cooldownFromPyproject(
      ['[project]', 'name = "app"', '[tool.uv]', 'exclude-newer = "7 days"', '[tool.uv.exclude-newer-package]', 'Internal_Lib = false', 'torch = "2026-10-01"', ''].join('\n'),
    )!;
    assert.equal(p.all?.kind, 'relative');
    assert.match(p.source, /tool\.uv/);
    assert.equal(cooldownFor(p, 'internal-lib'), 'exempt');
    assert.deepEqual(cooldownFor(p, 'torch'), { kind: 'absolute', before: Date.parse('2026-10-01T00:00:00Z'), text: '2026-10-01' });
    assert.deepEqual(cooldownFor(p, 'requests'), p.all);
    assert.equal(cooldownFromPyproject('[project]\nname = "x"\n'), undefined);
    assert.equal(cooldownFromPyproject('[tool.uv\n'), undefined, 'invalid TOML sets nothing');
  });

  it('uv.toml, poetry.toml and pip.conf', () => {
    assert.equal(cooldownFromUvToml('exclude-newer = "P3D"\n')?.all?.kind, 'relative');
    const poetry = cooldownFromPoetryToml('[solver]\nmin-release-age = 10\nmin-release-age-exclude = ["my_pkg"]\n')!;
    assert.deepEqual(poetry.all, { kind: 'relative', ms: 10 * DAY, text: '10 days' });
    assert.equal(cooldownFor(poetry, 'my-pkg'), 'exempt');
    const pip = cooldownFromPipConf('[global]\nindex-url = https://x/simple\n[install]\nuploaded-prior-to = 2026-11-20T00:00:00Z\n')!;
    assert.deepEqual(pip.all, { kind: 'absolute', before: Date.parse('2026-11-20T00:00:00Z'), text: '2026-11-20T00:00:00Z' });
    assert.equal(cooldownFromPipConf('[freeze]\nuploaded-prior-to = 2026-11-20\n'), undefined, 'only [global] and [install]');
  });

  it('uv.lock [options]: the recorded span wins over the computed instant', () => {
    const lock = [
      'version = 1',
      'revision = 3',
      'requires-python = ">=3.12"',
      '',
      '[options]',
      'exclude-newer = "2026-11-19T12:00:00Z"',
      'exclude-newer-span = "P1W"',
      '',
      '[[package]]',
      'name = "requests"',
      'version = "2.32.3"',
      '',
    ].join('\n');
    assert.deepEqual(cooldownFromUvLock(lock)?.all, { kind: 'relative', ms: 7 * DAY, text: 'P1W' });
    const absolute = lock.replace('exclude-newer-span = "P1W"\n', '');
    assert.equal(cooldownFromUvLock(absolute)?.all?.kind, 'absolute');
    assert.equal(cooldownFromUvLock('version = 1\n[[package]]\nname = "x"\n'), undefined);
  });

  it('the workspace cooldown comes from the shallowest directory, uv.toml before pyproject.toml', () => {
    const files = [
      { path: '/w/sub/pyproject.toml', text: '[tool.uv]\nexclude-newer = "1 day"\n' },
      { path: '/w/pyproject.toml', text: '[tool.uv]\nexclude-newer = "5 days"\n' },
      { path: '/w/uv.toml', text: 'exclude-newer = "9 days"\n' },
    ];
    assert.equal(workspaceCooldown('/w', files)?.all?.text, '9 days');
    assert.equal(workspaceCooldown('/w', files.slice(0, 2))?.all?.text, '5 days');
    assert.equal(workspaceCooldown('/w', [{ path: '/w/requirements.txt', text: 'x\n' }]), undefined);
  });
});
