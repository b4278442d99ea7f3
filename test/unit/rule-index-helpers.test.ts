import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  declaredRepositories,
  hasSourceLink,
  newestVersion,
  normalizeRepoUrl,
  pinnedVersion,
  redactUrl,
  releaseMap,
  sameVersion,
  versionFromFilename,
} from '../../server/src/assess/rules/index-helpers';
import { dep, factsFor, found, json, unknown } from './helpers/facts-builder';

describe('index rule helpers', () => {
  it('versionFromFilename reads wheels and sdists', () => {
    assert.equal(versionFromFilename('requests-2.32.3-py3-none-any.whl'), '2.32.3');
    assert.equal(versionFromFilename('typing_extensions-4.12.2-py3-none-any.whl'), '4.12.2');
    assert.equal(versionFromFilename('numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), '2.1.0');
    assert.equal(versionFromFilename('python-dateutil-2.9.0.post0.tar.gz'), '2.9.0.post0');
    assert.equal(versionFromFilename('pytz-2024.1.zip'), '2024.1');
    assert.equal(versionFromFilename('README.txt'), undefined);
    assert.equal(versionFromFilename('broken.whl'), undefined);
  });

  it('pinnedVersion finds == and === pins but not wildcards or ranges', () => {
    assert.deepEqual(pinnedVersion(dep('a', '==1.0')), { version: '1.0', clause: '==1.0', rest: [] });
    assert.deepEqual(pinnedVersion(dep('a', '<3,===2.0')), { version: '2.0', clause: '===2.0', rest: ['<3'] });
    assert.equal(pinnedVersion(dep('a', '==1.0.*')), undefined);
    assert.equal(pinnedVersion(dep('a', '>=1.0')), undefined);
    assert.equal(pinnedVersion(dep('a', '')), undefined);
  });

  it('sameVersion and newestVersion follow PEP 440', () => {
    assert.ok(sameVersion('1.0', '1.0.0'));
    assert.ok(sameVersion('1.0rc1', '1.0.0-rc.1'));
    assert.ok(!sameVersion('1.0', '1.0.post1'));
    assert.ok(!sameVersion('junk', 'other junk'));
    assert.equal(newestVersion(['1.10', '1.9', '2.0rc1', 'junk']), '1.10');
    assert.equal(newestVersion(['1.0a1', '1.0b2'], true), '1.0b2');
    assert.equal(newestVersion(['1.0a1'], false), undefined);
  });

  it('normalizeRepoUrl and declaredRepositories normalise GitHub/GitLab URLs', () => {
    assert.equal(normalizeRepoUrl('https://www.GitHub.com/PSF/Requests.git/'), 'github.com/psf/requests');
    assert.equal(normalizeRepoUrl('git+https://github.com/psf/requests/tree/main/src'), 'github.com/psf/requests');
    assert.equal(normalizeRepoUrl('https://gitlab.com/group/sub/proj/-/issues'), 'gitlab.com/group/sub/proj');
    assert.equal(normalizeRepoUrl('https://requests.readthedocs.io'), undefined);
    assert.equal(normalizeRepoUrl('not a url'), undefined);
    assert.deepEqual(
      declaredRepositories({ Source: 'https://github.com/psf/requests', Documentation: 'https://github.com/psf/docs', 'Source Code': 'https://github.com/psf/requests.git' }, 'https://github.com/psf/Requests'),
      ['github.com/psf/requests'],
    );
    assert.ok(hasSourceLink({ Repository: 'https://hg.example.org/x' }));
    assert.ok(!hasSourceLink({ Documentation: 'https://x.readthedocs.io' }, 'UNKNOWN'));
  });

  it('redactUrl drops credentials', () => {
    assert.equal(redactUrl('https://me:tok@pkgs.example/simple/'), 'https://pkgs.example/simple/');
    assert.equal(redactUrl('https://pkgs.example/simple/'), 'https://pkgs.example/simple/');
  });

  it('releaseMap merges Simple files (authoritative) with JSON upload times, and is undefined when neither answered', () => {
    const facts = factsFor('a', { '1.0': { uploaded: '2024-01-02T00:00:00Z' }, '1.1': { yanked: 'oops' } }, {
      json: found(json('a', { '1.0.0': { uploaded: '2023-12-31T00:00:00Z' }, '0.9': { uploaded: '2020-01-01T00:00:00Z' } })),
    });
    const m = releaseMap(facts)!;
    assert.deepEqual([...m.keys()], ['1.0', '1.1']); // 0.9 has no files on the index: not installable
    assert.equal(m.get('1.0')!.uploadTime, '2023-12-31T00:00:00Z');
    assert.deepEqual(m.get('1.1'), { version: '1.1', yanked: true, yankedReason: 'oops' });
    assert.equal(releaseMap(factsFor('a', {}, { primary: unknown(), json: unknown() })), undefined);
  });
});
