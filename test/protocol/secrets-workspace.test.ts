// Silence and secrets audit (issue 10 §3), for credentials that come from workspace files — the
// case secrets.test.ts (settings, env, netrc) does not cover: `--index-url https://user:token@host/simple`
// in a requirements file and a `[[tool.uv.index]]` URL with userinfo in pyproject.toml. In an
// untrusted workspace (where the URL is only named in a note) and a trusted one (where it is used),
// the token never reaches the BUILT CLI's text or JSON output, its stderr, the server's logs,
// notifications, diagnostics or hovers, nor the cache; and when the index redirects to another
// host, that host receives no Authorization header and no request at all.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES, privateData } from '../fake-index/fixtures';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';
import { assertNoSecret, cacheText } from './helpers/secrets';

const USER = 'bob-W4user';
const TOKEN = 'glpat-Zq81tokenX';
const NEEDLES = [TOKEN, USER, Buffer.from(`${USER}:${TOKEN}`).toString('base64')];
const clean = (what: string, text: string): void => assertNoSecret(NEEDLES, what, text);

before(() => ensureBuilt());
const priv = fakeIndex({ data: privateData(), auth: { username: USER, password: TOKEN } });
const other = fakeIndex(); // plays public PyPI, and the host a redirect points to
const tempDir = tempDirs('secrets-ws');
const tokenUrl = (u: string): string => u.replace('http://', `http://${USER}:${TOKEN}@`);



const layouts = (): { what: string; files: Record<string, string> }[] => [
  { what: 'requirements.txt --index-url', files: { 'requirements.txt': `--index-url ${tokenUrl(priv.simpleUrl)}\n${FIXTURES.privateOnly}\n${FIXTURES.active}\n` } },
  {
    what: 'pyproject.toml [[tool.uv.index]]',
    files: {
      'pyproject.toml': `[project]\nname = "app"\nversion = "0.1.0"\n\n[[tool.uv.index]]\nname = "corp"\nurl = "${tokenUrl(priv.simpleUrl)}"\n`,
      'requirements.txt': `${FIXTURES.privateOnly}\n${FIXTURES.active}\n`,
    },
  },
];

describe('tokens in workspace index URLs', () => {
  for (const trusted of [false, true]) {
    it(`CLI, ${trusted ? 'trusted' : 'untrusted'}: text and JSON, stderr and cache never hold the token`, async () => {
      for (const l of layouts()) {
        for (const format of ['text', 'json']) {
          priv.reset();
          const dir = tempDir(l.files);
          const cache = path.join(dir, '.cache');
          const args = ['check', '--format', format, '--no-osv', '--index-url', other.simpleUrl, '--cache-dir', cache, ...(trusted ? ['--trust-workspace-indexes'] : []), 'requirements.txt'];
          const r = await runCli(args, { cwd: dir, env: { PIPWATCH_PUBLIC_INDEX_URL: other.simpleUrl } });
          clean(`${l.what} ${format}`, `${r.stdout}\n${r.stderr}\n${cacheText(cache)}`);
          if (trusted) assert.ok(priv.requests.some((q) => q.status === 200 && q.path.includes(FIXTURES.privateOnly)), `${l.what}: the token was used: ${r.stderr}`);
          else {
            assert.equal(priv.requests.length, 0, `${l.what}: untrusted, nothing sent`);
            assert.match(r.stderr, /index http:\/\/\*\*\*@127\.0\.0\.1:\d+\/simple\/ named in \S+ .*ignored: untrusted workspace/, r.stderr);
          }
        }
      }
    });
  }

  it('trusted CLI: a redirect from the index to another host is refused, and that host gets no request and no credentials', async () => {
    priv.reset();
    other.reset();
    priv.setFault(/^\/simple\/acme-secret\/$/, { kind: 'redirect', location: `${other.simpleUrl}acme-secret/`, times: 100 });
    const dir = tempDir(layouts()[0]!.files);
    const r = await runCli(['check', '--no-osv', '--index-url', other.simpleUrl, '--cache-dir', path.join(dir, '.cache'), '--trust-workspace-indexes', 'requirements.txt'], {
      cwd: dir,
      env: { PIPWATCH_PUBLIC_INDEX_URL: other.simpleUrl },
    });
    clean('redirect run', `${r.stdout}\n${r.stderr}`);
    assert.ok(!other.requests.some((q) => q.path.includes('acme-secret')), 'the redirect target was never asked');
    assert.ok(!other.requests.some((q) => q.headers.authorization), 'no request to the other host carried credentials');
    assert.match(r.stderr, /redirect to another origin refused/, r.stderr);
    // requests is on no index here (PW201, exit 1 wins over 3); acme-secret's lookup is incomplete.
    assert.match(r.stdout, /^requirements\.txt:2:1: hint PW002 index lookup for 'acme-secret' did not complete: redirect to another origin refused/m, r.stdout);
    assert.notEqual(r.code, 0);
    priv.setFault(/^\/simple\/acme-secret\/$/, { kind: 'redirect', location: `${other.simpleUrl}acme-secret/`, times: 0 });
  });

  for (const trusted of [false, true]) {
    it(`server, ${trusted ? 'trusted' : 'untrusted'}: logs, notifications, diagnostics and hovers never hold the token`, async () => {
      for (const l of layouts()) {
        priv.reset();
        const root = tempDir(l.files);
        const cacheDir = path.join(root, '.cache');
        const { client: c } = await TestClient.start({ mode: 'push', settings: { index: { url: other.simpleUrl, osvEnabled: false, timeoutMs: 2000 } }, rootPath: root, cacheDir, workspaceTrusted: trusted });
        const hovers: string[] = [];
        try {
          await waitFor(() => (c.logs.some((x) => x.startsWith('workspace ')) ? true : undefined), 10000, 'workspace scan');
          const uri = pathToFileUri(path.join(root, 'requirements.txt'));
          const text = l.files['requirements.txt']!;
          await c.open(uri, 'pip-requirements', text);
          const first = text.startsWith('--') ? 1 : 0;
          await c.waitForPushed(uri, (p) => p.diagnostics.some((d) => d.range.start.line === first + 1 || d.code === 'PW201') || trusted, 15000);
          for (const line of [first, first + 1]) {
            hovers.push(
              await waitFor(
                async () => {
                  const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
                  const v = h?.contents.value ?? '';
                  return v && !/Looking up/.test(v) ? v : undefined;
                },
                15000,
                `hover on line ${line}`,
              ),
            );
          }
          if (!trusted) assert.ok(hovers.some((h) => /\\\*\\\*\\\*@127\.0\.0\.1|\*\*\*@127\.0\.0\.1/.test(h) && /untrusted workspace/.test(h)), hovers.join('\n---\n'));
        } finally {
          await c.stop();
        }
        clean(`server ${l.what}`, [c.logs.join('\n'), JSON.stringify(c.notifications), JSON.stringify([...c.pushed.values()]), hovers.join('\n'), c.stderr, cacheText(cacheDir)].join('\n'));
        if (trusted) assert.ok(priv.requests.some((q) => q.status === 200 && q.path.includes(FIXTURES.privateOnly)), `${l.what}: the token was used`);
      }
    });
  }
});
