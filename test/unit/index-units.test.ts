// Pure pieces of the index client: redaction, names, transport policy, schemas, PEP 503 HTML,
// netrc and credential sources, cache directory, Retry-After.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/core/settings';
import { buildCredentials, parseNetrc } from '../../server/src/index/credentials';
import { defaultCacheDir, IndexClient } from '../../server/src/index/client';
import { startFakeIndex } from '../fake-index/server';
import { parseSimpleHtml, versionFromFilename } from '../../server/src/index/html';
import { parseRetryAfter } from '../../server/src/index/http';
import { jsonProject, osvBatch, parseJson, provenancePayload, simpleProject } from '../../server/src/index/schema';
import { cachedDataError } from '../../server/src/index/cached-schema';
import { globMatch, isValidName, normalizeName, redact, redactText, refusalReason } from '../../server/src/index/urls';

describe('redact', () => {
  it('removes userinfo from URLs and from free text', () => {
    assert.equal(redact('https://user:p%40ss@idx.example/simple/'), 'https://***@idx.example/simple/');
    assert.equal(redact('https://token@idx.example/simple/'), 'https://***@idx.example/simple/');
    assert.equal(redact('https://idx.example/simple/'), 'https://idx.example/simple/');
    assert.equal(redactText('GET https://u:secret@a.example/x failed; retry http://v:pw@127.0.0.1:9/y'), 'GET https://***@a.example/x failed; retry http://***@127.0.0.1:9/y');
    assert.ok(!redact('not a url https://u:secret@h/').includes('secret'));
  });
});

describe('names and transport policy', () => {
  it('normalises (PEP 503) and validates names', () => {
    assert.equal(normalizeName('Foo.Bar__baz'), 'foo-bar-baz');
    assert.ok(isValidName('zope.interface'));
    assert.ok(!isValidName('-bad'));
    assert.ok(!isValidName('../x'));
    assert.ok(!isValidName('a'.repeat(500)));
  });
  it('allows HTTPS anywhere and HTTP only on loopback', () => {
    assert.equal(refusalReason('https://pypi.org/simple/'), undefined);
    for (const u of ['http://127.0.0.1:8080/simple/', 'http://127.5.6.7/simple/', 'http://localhost/simple/', 'http://[::1]:3141/simple/']) assert.equal(refusalReason(u), undefined, u);
    assert.match(refusalReason('http://u:pw@intranet.example/simple/') ?? '', /plain HTTP refused for http:\/\/\*\*\*@intranet/);
    assert.match(refusalReason('ftp://x/') ?? '', /unsupported scheme/);
    assert.match(refusalReason('::nonsense') ?? '', /not a valid URL/);
  });
  it('matches privatePackages globs on normalised names', () => {
    assert.ok(globMatch('acme-*', 'acme-internal'));
    assert.ok(globMatch('ACME_*', 'acme-internal'));
    assert.ok(globMatch('corp?lib', 'corp1lib'));
    assert.ok(!globMatch('acme-*', 'notacme-x'));
    assert.ok(!globMatch('a.b', 'axb'), 'dots are literal, not regex');
  });
});

describe('schemas', () => {
  it('accept unknown fields and reject missing required ones with a path', () => {
    const ok = parseJson(JSON.stringify({ meta: { 'api-version': '1.1', extra: 1 }, name: 'x', files: [{ filename: 'x-1.tar.gz', url: 'u', hashes: {}, future: true }] }), simpleProject);
    assert.ok(ok.ok);
    const bad = parseJson(JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'x', files: [{ url: 'u', hashes: {} }] }), simpleProject);
    assert.deepEqual(bad, { ok: false, error: 'files[0]: missing required field "filename"' });
    assert.equal(parseJson('{"meta":', simpleProject).ok, false);
    assert.equal(parseJson('[]', simpleProject).ok, false);
    assert.deepEqual(parseJson('{"info":{"name":"x"}}', jsonProject), { ok: false, error: 'info: missing required field "version"' });
    assert.ok(parseJson('{"version":1,"attestation_bundles":[{"publisher":{"kind":"GitLab","repository":"g/r","workflow_filepath":".gitlab-ci.yml"},"attestations":[]}]}', provenancePayload).ok);
    assert.ok(parseJson('{"results":[{},{"vulns":[{"id":"MAL-1"}],"next_page_token":"t"}]}', osvBatch).ok);
    assert.equal(parseJson('{"results":[{"vulns":[{"modified":"x"}]}]}', osvBatch).ok, false);
    assert.equal(parseJson('{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"a","url":"u","hashes":{},"yanked":3}]}', simpleProject).ok, false);
  });
  it('name the full path of a deep failure (built only when validation fails)', () => {
    const files = [{ filename: 'x-1.tar.gz', url: 'u', hashes: { sha256: 'ab' } }, { filename: 'x-2.tar.gz', url: 'u', hashes: { sha256: 7 } }];
    assert.deepEqual(parseJson(JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'x', files }), simpleProject), { ok: false, error: 'files[1].hashes.sha256: expected a string' });
    assert.deepEqual(parseJson('{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"a","url":"u","hashes":{},"yanked":3}]}', simpleProject), { ok: false, error: 'files[0].yanked: expected a string' });
    assert.deepEqual(parseJson('{"meta":{"api-version":1},"name":"x","files":[]}', simpleProject), { ok: false, error: 'meta.api-version: expected a string' });
    assert.deepEqual(parseJson('{"info":{"name":"x","version":"1"},"releases":{"1.0":[{"yanked":"no"}]}}', jsonProject), { ok: false, error: 'releases.1.0[0].yanked: expected a boolean' });
    assert.deepEqual(parseJson('{"results":[{"vulns":[{"modified":"x"}]}]}', osvBatch), { ok: false, error: 'results[0].vulns[0]: missing required field "id"' });
    const facts = { name: 'x', primary: { state: 'found', value: { indexUrl: 'i', name: 'x', versions: [], files: [{ filename: 'f', url: 'u', hashes: {}, yanked: false, size: 'big' }] } }, extras: [] };
    assert.equal(cachedDataError('facts simple x', facts), 'data.primary.value.files[0].size: expected a number');
    assert.equal(cachedDataError('facts simple x', { ...facts, primary: { state: 'unknown' } }), 'data.primary.reason: expected a string');
    assert.equal(cachedDataError('facts simple x', { ...facts, primary: { state: 'unknown', reason: 'r', failure: { cause: 1 } } }), 'data.primary.failure.cause: expected a string');
    assert.equal(cachedDataError('osv x', { state: 'found', value: [{ id: 'a' }, {}] }), 'data.value[1]: missing required field "id"');
    assert.equal(cachedDataError('facts simple x', { ...facts, primary: { state: 'found', value: { ...facts.primary.value, files: [] } } }), undefined);
  });
  it('survive hostile input', () => {
    for (const text of ['\u0000\u00ff', 'x'.repeat(1_000_000), '{"a":'.repeat(5000), 'null', '"str"']) {
      assert.equal(parseJson(text, simpleProject).ok, false);
    }
  });
});

describe('PEP 503 HTML', () => {
  const page = `<!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.3">
    <meta name="pypi:project-status" content="deprecated"><meta name="pypi:project-status-reason" content="use &quot;b&quot;"></head><body>
    <a href="../../packages/p-1.0.tar.gz#sha256=ABCDEF" data-requires-python="&gt;=3.8">p-1.0.tar.gz</a>
    <a href='https://files.example/p-2.0-py3-none-any.whl#sha256=0123' data-yanked="" data-core-metadata="sha256=ff">p-2.0-py3-none-any.whl</a>
    <A HREF="p-3.0.zip" data-yanked="bad &amp; broken" data-provenance="/integrity/p/3.0/p-3.0.zip/provenance">p-3.0.zip</A>
    <a>no href</a></body></html>`;
  it('reads anchors, hashes, yanked, requires-python, provenance and status', () => {
    const h = parseSimpleHtml(page, 'https://idx.example/simple/p/', 'p');
    assert.deepEqual(h.status, { status: 'deprecated', reason: 'use "b"' });
    assert.equal(h.files.length, 3);
    assert.deepEqual(h.files[0], {
      filename: 'p-1.0.tar.gz', url: 'https://idx.example/packages/p-1.0.tar.gz', version: '1.0', hashes: { sha256: 'abcdef' },
      yanked: false, requiresPython: '>=3.8', provenance: null,
    });
    assert.equal(h.files[1].yanked, true);
    assert.equal(h.files[1].version, '2.0');
    assert.equal(h.files[2].yanked, 'bad & broken');
    assert.equal(h.files[2].provenance, 'https://idx.example/integrity/p/3.0/p-3.0.zip/provenance');
  });
  it('leaves provenance undefined when the index api-version predates PEP 740', () => {
    const h = parseSimpleHtml('<a href="p-1.0.tar.gz">p-1.0.tar.gz</a>', 'https://idx.example/simple/p/', 'p');
    assert.equal(h.files[0].provenance, undefined);
  });
  it('derives versions from wheel, sdist and legacy names', () => {
    assert.equal(versionFromFilename('zope.interface-6.0-cp311-cp311-manylinux_2_17_x86_64.whl', 'zope-interface'), '6.0');
    assert.equal(versionFromFilename('python-dateutil-2.9.0.post0.tar.gz', 'python-dateutil'), '2.9.0.post0');
    assert.equal(versionFromFilename('Foo_Bar-1.2rc1.zip', 'foo-bar'), '1.2rc1');
    assert.equal(versionFromFilename('README.txt', 'x'), undefined);
  });
  it('does not hang on a large hostile page', () => {
    const t0 = Date.now();
    parseSimpleHtml('<a href="x" '.repeat(20000) + '<a'.repeat(100000), 'https://i/', 'x');
    assert.ok(Date.now() - t0 < 3000);
  });
});

describe('credentials', () => {
  it('parses netrc with default, comments, quotes and macdef', () => {
    const n = parseNetrc('# c\nmachine a.example login u1 password "p w"\nmacdef init\nmachine evil login x password y\n\ndefault login d password dp\n');
    assert.deepEqual(n.machines.get('a.example'), { login: 'u1', password: 'p w' });
    assert.equal(n.machines.get('evil'), undefined, 'macro bodies are skipped');
    assert.deepEqual(n.fallback, { login: 'd', password: 'dp' });
  });
  it('gives credentials only to configured, non-public index origins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cred-'));
    const netrc = path.join(dir, 'netrc');
    fs.writeFileSync(netrc, 'machine extra.example login n password np\ndefault login d password dp\n');
    const b = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const creds = buildCredentials({
      primary: 'https://corp.example/simple/',
      extras: ['https://extra.example/simple/', 'https://pypi.org/simple/', 'https://other.example/simple/'],
      isPublic: (o) => o === 'https://pypi.org',
      env: { NETRC: netrc, PIP_EXTRA_INDEX_URL: 'https://pu:pp@other.example/simple/ https://z:z@unrelated.example/', PIPWATCH_INDEX_USERNAME: 'eu', PIPWATCH_INDEX_PASSWORD: 'ep' },
    });
    assert.equal(creds.get('https://corp.example'), b('eu', 'ep'));
    assert.equal(creds.get('https://extra.example'), b('n', 'np'));
    assert.equal(creds.get('https://other.example'), b('pu', 'pp'));
    assert.equal(creds.get('https://pypi.org'), undefined, 'netrc default never goes to public PyPI');
    assert.equal(creds.get('https://unrelated.example'), undefined);
    const withUserinfo = buildCredentials({ primary: 'https://me:tok@corp.example/simple/', extras: [], isPublic: () => false, env: {} });
    assert.equal(withUserinfo.get('https://corp.example'), b('me', 'tok'));
  });
});

describe('misc', () => {
  it('defaultCacheDir per platform', () => {
    assert.equal(defaultCacheDir({}, 'linux', '/home/u'), '/home/u/.cache/pipwatch');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), '/xdg/pipwatch');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.cache/pipwatch');
    assert.equal(defaultCacheDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Caches/pipwatch');
    assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\pipwatch\\Cache');
  });
  it('parses Retry-After seconds and dates', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

describe('PEP 503 HTML, lenient', () => {
  it('accepts unescaped > inside quoted attributes', () => {
    const h = parseSimpleHtml('<a href="p-1.0.tar.gz" data-requires-python=">=3.9">p-1.0.tar.gz</a><abbr>x</abbr>', 'https://i.example/simple/p/', 'p');
    assert.equal(h.files.length, 1);
    assert.equal(h.files[0].requiresPython, '>=3.9');
  });
});

describe('PIPWATCH_PUBLIC_INDEX_URL', () => {
  it('makes an index count as public PyPI (JSON API derived, privatePackages kept off it)', async () => {
    const fake = await startFakeIndex();
    const settings = normalizeSettings({ index: { url: fake.simpleUrl, osvEnabled: false, privatePackages: ['oldlib'] } });
    const plain = new IndexClient({ settings, tuning: { env: {} } });
    const asPublic = new IndexClient({ settings, tuning: { env: { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl } } });
    const a = await plain.lookup('requests', { wantProvenance: false });
    const b = await asPublic.lookup('requests', { wantProvenance: false });
    fake.reset();
    const c = await asPublic.lookup('oldlib');
    await Promise.all([plain.dispose(), asPublic.dispose()]);
    await fake.close();
    assert.equal(a.json, undefined, 'no JSON API for an index that is not PyPI');
    assert.equal(b.json?.state, 'found');
    assert.equal(c.primary.state, 'unknown');
    assert.equal(fake.requests.length, 0);
  });
});
