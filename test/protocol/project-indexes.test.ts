// Project-level index configuration (issue 10 §1), end to end on the BUILT CLI and server: the
// indexes a project's pyproject.toml (`[[tool.uv.index]]`, `[tool.uv] extra-index-url`,
// `[[tool.poetry.source]]`) or project uv.toml (`[[index]]`) names apply to every file of that
// project — here a requirements.txt checked alone — but only in a trusted workspace; otherwise each
// one is a visible note naming the file ("… ignored: untrusted workspace"), on stderr and in the
// hover. An `explicit` index is asked only about the packages pinned to it, and those only of it.
// Two fakes on 127.0.0.1: a private index (acme-secret lives only there; one copy needs Basic auth)
// and one playing public PyPI.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES, privateData } from '../fake-index/fixtures';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

before(() => ensureBuilt());
const priv = fakeIndex({ data: privateData() });
const privAuth = fakeIndex({ data: privateData(), auth: { username: 'alice', password: 'tok-Q7x9Zsecret' } });
const pub = fakeIndex();
const tempDir = tempDirs('proj-ix');
const SECRET = 'tok-Q7x9Zsecret';
const withToken = (u: string): string => u.replace('http://', `http://alice:${SECRET}@`);
const REQS = `${FIXTURES.privateOnly}\n${FIXTURES.active}\n`;

const PROJECT = '[project]\nname = "app"\nversion = "0.1.0"\n';
const pw201 = (stdout: string): string[] => stdout.split('\n').filter((l) => / PW201 /.test(l));
const asked = (f: { requests: { path: string }[] }, name: string): boolean => f.requests.some((q) => q.path.includes(`/${name}/`));

async function check(files: Record<string, string>, trusted: boolean) {
  for (const f of [priv, privAuth, pub]) f.reset();
  const dir = tempDir({ ...files, 'requirements.txt': REQS });
  // The public fake stands in for PyPI as the index the user configured (--index-url).
  const args = ['check', '--no-osv', '--index-url', pub.simpleUrl, '--cache-dir', path.join(dir, '.cache'), ...(trusted ? ['--trust-workspace-indexes'] : []), 'requirements.txt'];
  const r = await runCli(args, { cwd: dir, env: { PIPWATCH_PUBLIC_INDEX_URL: pub.simpleUrl } });
  assert.ok(!`${r.stdout}${r.stderr}`.includes(SECRET), `no token in the output: ${r.stdout}${r.stderr}`);
  return r;
}

describe('project indexes, CLI (a requirements.txt checked alone)', () => {
  const uvIndex = (url: string): string => `${PROJECT}\n[[tool.uv.index]]\nname = "corp"\nurl = "${url}"\n`;

  it('untrusted: the pyproject.toml index is not asked, and stderr names it (token redacted)', async () => {
    const r = await check({ 'pyproject.toml': uvIndex(withToken(privAuth.simpleUrl)) }, false);
    assert.equal(privAuth.requests.length, 0, 'the untrusted index received nothing');
    const note = r.stderr.split('\n').find((l) => /ignored: untrusted workspace/.test(l));
    assert.ok(note, r.stderr);
    assert.match(note, /^pipwatch: index http:\/\/\*\*\*@127\.0\.0\.1:\d+\/simple\/ named in pyproject\.toml \[\[tool\.uv\.index\]\] corp ignored: untrusted workspace \(pass --trust-workspace to use it\)$/);
    assert.equal(pw201(r.stdout).length, 1, 'without its index the private package is on no index');
  });

  it('trusted: the pyproject.toml index (credentials from its URL) finds the private package', async () => {
    const r = await check({ 'pyproject.toml': uvIndex(withToken(privAuth.simpleUrl)) }, true);
    assert.ok(privAuth.requests.some((q) => q.path.includes(FIXTURES.privateOnly) && q.status === 200), 'authenticated answer');
    assert.deepEqual(pw201(r.stdout), [], r.stdout + r.stderr);
    assert.match(r.stderr, /extra index http:\/\/127\.0\.0\.1:\d+\/simple\/ \(with credentials\) from pyproject\.toml \[\[tool\.uv\.index\]\] corp/);
    assert.doesNotMatch(r.stderr, /untrusted workspace/);
    assert.equal(r.code, 0, r.stderr);
  });

  it('trusted: a project uv.toml [[index]] default = true is the primary index', async () => {
    const r = await check({ 'pyproject.toml': PROJECT, 'uv.toml': `[[index]]\nname = "corp"\nurl = "${priv.simpleUrl}"\ndefault = true\n` }, true);
    assert.match(r.stderr, /primary index http:\/\/127\.0\.0\.1:\d+\/simple\/ from uv\.toml \[\[index\]\] corp/);
    assert.ok(asked(priv, FIXTURES.privateOnly));
    assert.ok(!asked(pub, FIXTURES.privateOnly) && !asked(pub, FIXTURES.active), 'PyPI was replaced, not asked');
    // requests is not on the private index, which replaced PyPI (as it would for uv).
    assert.deepEqual(pw201(r.stdout).map((l) => l.split(':')[1]), ['2'], r.stdout);
  });

  it('trusted: [tool.uv] extra-index-url is asked too', async () => {
    const r = await check({ 'pyproject.toml': `${PROJECT}\n[tool.uv]\nextra-index-url = ["${priv.simpleUrl}"]\n` }, true);
    assert.ok(asked(priv, FIXTURES.privateOnly));
    assert.deepEqual(pw201(r.stdout), [], r.stdout + r.stderr);
  });

  const pinCases: [string, string][] = [
    ['uv explicit index + [tool.uv.sources]', `${PROJECT}\n[[tool.uv.index]]\nname = "corp"\nurl = "${'{URL}'}"\nexplicit = true\n\n[tool.uv.sources]\n${FIXTURES.privateOnly} = { index = "corp" }\n`],
    ['Poetry explicit source + source = "corp"', `[tool.poetry]\nname = "app"\n\n[[tool.poetry.source]]\nname = "corp"\nurl = "${'{URL}'}"\npriority = "explicit"\n\n[tool.poetry.dependencies]\n${FIXTURES.privateOnly} = { version = "*", source = "corp" }\n`],
  ];
  for (const [what, text] of pinCases) {
    it(`trusted, ${what}: the pinned package is asked of that index alone, nothing else is`, async () => {
      const r = await check({ 'pyproject.toml': text.replace('{URL}', priv.simpleUrl) }, true);
      assert.ok(asked(priv, FIXTURES.privateOnly), 'the pinned package went to its index');
      assert.ok(!asked(priv, FIXTURES.active), 'an unpinned package never reaches an explicit index');
      assert.ok(!asked(pub, FIXTURES.privateOnly), 'the pinned (private) name never reached public PyPI');
      assert.ok(asked(pub, FIXTURES.active));
      assert.deepEqual(pw201(r.stdout), [], r.stdout + r.stderr);
      assert.match(r.stderr, /pinned index http:\/\/127\.0\.0\.1:\d+\/simple\/ from pyproject\.toml .*corp \(pinned: acme-secret\)/);
    });
  }
});

describe('project indexes, server', () => {
  const settings = () => ({ index: { url: pub.simpleUrl, osvEnabled: false, timeoutMs: 2000 } });
  const hoverAt = async (c: TestClient, uri: string, line: number): Promise<string> =>
    (await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 1 } }))?.contents.value ?? '';

  for (const trusted of [false, true]) {
    it(`${trusted ? 'trusted' : 'untrusted'}: a requirements.txt next to a pyproject.toml index ${trusted ? 'is looked up there' : 'gets the note in its hover'}`, async () => {
      for (const f of [priv, pub]) f.reset();
      const root = tempDir({ 'pyproject.toml': `${PROJECT}\n[[tool.uv.index]]\nname = "corp"\nurl = "${priv.simpleUrl}"\n`, 'requirements.txt': REQS });
      const { client: c } = await TestClient.start({ mode: 'push', settings: settings(), rootPath: root, cacheDir: path.join(root, '.cache'), workspaceTrusted: trusted });
      try {
        await waitFor(() => (c.logs.some((l) => l.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
        const uri = pathToFileUri(path.join(root, 'requirements.txt'));
        await c.open(uri, 'pip-requirements', REQS);
        // Untrusted, the private name is on no index the server may ask (PW201); trusted, it is found.
        const landed = await c.waitForPushed(uri, (p) => p.diagnostics.some((d) => d.code === 'PW201') === !trusted && asked(pub, FIXTURES.active), 15000);
        const hv = await hoverAt(c, uri, 0);
        if (trusted) {
          assert.ok(asked(priv, FIXTURES.privateOnly), 'the project index was asked');
          assert.deepEqual(landed.diagnostics.filter((d) => d.code === 'PW201'), []);
          assert.doesNotMatch(hv, /untrusted workspace/);
        } else {
          assert.equal(priv.requests.length, 0, 'the untrusted index received nothing');
          assert.match(hv, /index http:\/\/127\.0\.0\.1:\d+\/simple\/ named in pyproject\.toml \\?\[\\?\[tool\.uv\.index\\?\]\\?\] corp ignored: untrusted workspace/, hv);
          assert.ok(c.logs.some((l) => /named in pyproject\.toml .* ignored: untrusted workspace/.test(l)), c.logs.join('\n'));
        }
      } finally {
        await c.stop();
      }
    });
  }
});
