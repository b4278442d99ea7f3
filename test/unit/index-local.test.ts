// file:// indexes (issue 10 §1): a local PEP 503 folder (`<root>/<project>/index.html`) configured
// as an index is read from disk, not requested; a project without a folder is `missing` (PW201 is
// then as real as on a served index); a `file:` URL with a remote host is refused with a reason;
// and a `file:` URL that an index *answer* names (files, provenance) stays refused. The fake plays
// public PyPI + OSV and must see no request for a name the local index answered alone.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { indexRefusalReason, refusalReason } from '../../server/src/index/urls';
import { makeClient } from '../fake-index/harness';
import { fakeIndex, tempDirs } from '../protocol/helpers/fixtures';

const tmp = tempDirs('local-index');
const HASH = 'a'.repeat(64);
const html = (name: string, versions: string[], extra = ''): string =>
  `<!DOCTYPE html><html><body>${versions.map((v) => `<a href="../../files/${name}-${v}.tar.gz#sha256=${HASH}"${extra}>${name}-${v}.tar.gz</a>`).join('\n')}</body></html>`;

describe('file:// index', () => {
  const pub = fakeIndex();

  it('reads <root>/<project>/index.html: versions and hashes; a project without a folder is missing', async () => {
    const root = tmp({ 'simple/acme-local/index.html': html('acme-local', ['1.0.0', '1.1.0']) });
    const url = pathToFileURL(path.join(root, 'simple')).toString() + '/';
    pub.reset();
    const { client } = makeClient(pub, { index: { url, osvEnabled: false } });
    try {
      assert.deepEqual(client.describeIndexes()[0], `primary index ${url} from pipwatch.index.url / --index-url`);
      const f = await client.lookup('Acme_Local');
      assert.equal(f.primary.state, 'found', JSON.stringify(f.primary));
      if (f.primary.state === 'found') {
        assert.deepEqual([...f.primary.value.versions].sort(), ['1.0.0', '1.1.0']);
        assert.ok(f.primary.value.files.every((x) => x.hashes.sha256 === HASH && x.url.startsWith('file:')));
      }
      const m = await client.lookup('nowhere-at-all');
      assert.equal(m.primary.state, 'missing');
      assert.equal(pub.requests.length, 0, 'nothing was requested over the network');
      assert.deepEqual(client.incomplete().groups, [], 'a local answer is a complete one');
    } finally {
      await client.dispose();
    }
  });

  it('a file: URL with a remote host is refused with a reason, and the lookup is visibly incomplete', async () => {
    pub.reset();
    const { client } = makeClient(pub, { index: { url: 'file://fileserver.corp/share/simple/', osvEnabled: false } });
    try {
      assert.match(client.describeIndexes()[0]!, /refused: file: URL with a remote host refused/);
      const f = await client.lookup('acme-local');
      assert.equal(f.primary.state, 'unknown');
      assert.ok(client.incomplete().groups.length > 0, 'reported as not checked');
    } finally {
      await client.dispose();
    }
  });

  it('only a configured index may be file:; a URL an index answer names (files, provenance) may not', () => {
    assert.equal(indexRefusalReason('file:///opt/pypi/simple/'), undefined);
    assert.match(refusalReason('file:///etc/passwd') ?? '', /unsupported scheme file:/);
    assert.match(indexRefusalReason('file://host/share/simple/') ?? '', /remote host refused/);
  });
});
