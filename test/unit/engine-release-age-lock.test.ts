// Offline release age through the engine on a real uv.lock text, with an injected clock: the
// lock's upload-time decides, and the cooldown the lock records in [options] wins over the setting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline } from '../../server/src/assess/engine';
import { normalizeSettings } from '../../server/src/core/settings';

const now = new Date('2026-11-26T12:00:00Z');
const lock = (options: string): string =>
  [
    'version = 1',
    'revision = 3',
    'requires-python = ">=3.12"',
    '',
    options,
    '[[package]]',
    'name = "fastpkg"',
    'version = "1.2.0"',
    'source = { registry = "https://pypi.org/simple" }',
    'sdist = { url = "https://files.example/fastpkg-1.2.0.tar.gz", hash = "sha256:' + 'a'.repeat(64) + '", size = 10, upload-time = "2026-11-21T12:00:00Z" }',
    '',
  ].join('\n');

function run(text: string, settings: unknown = {}) {
  return analyzeOffline({ uri: '/p/uv.lock', text, settings: normalizeSettings(settings), workspace: { declared: new Set(), firstParty: new Set() }, now }).findings.filter((f) => f.code === 'PW212');
}

describe('release age offline on a uv.lock', () => {
  it('a 5-day-old release passes the default 3-day cooldown and fails a 7-day setting', () => {
    assert.deepEqual(run(lock('')), []);
    const f = run(lock(''), { releaseAge: { cooldownDays: 7 } });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /fastpkg 1\.2\.0 was uploaded 2026-11-21 12:00 UTC \(5 days ago\), within the 7-day cooldown/);
    assert.equal(f[0].range.start.line, 6, 'on the name');
  });

  it('the span recorded in [options] is the project cooldown', () => {
    const f = run(lock('[options]\nexclude-newer = "2026-11-19T12:00:00Z"\nexclude-newer-span = "P1W"\n'));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /the project's cooldown of P1W \(exclude-newer recorded in uv\.lock \[options\]\)/);
  });
});
