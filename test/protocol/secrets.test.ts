// No credential ever reaches any output (issue 8 §1). Each credential source (URL userinfo,
// PIPWATCH_INDEX_USERNAME/PASSWORD, ~/.netrc via $NETRC, PIP_INDEX_URL-style env URLs) is configured
// with a recognisable secret; the BUILT server's every window/logMessage, pipwatch/status, published
// diagnostic, hover and stderr, and the BUILT CLI's stdout+stderr (text and json) must not contain
// it — also when the lookup fails (401, unreachable host, refused cross-origin redirect), where
// error messages tend to carry URLs. Everything stays on 127.0.0.1 (two fakes: a private index
// requiring Basic auth, and one playing public PyPI + OSV).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';
import { assertNoSecret, cacheText } from './helpers/secrets';

const USER = 'alice-Q7user';
const PASS = 'p@ss/w0rd-Z9';
const ENC = `${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}`;
/** Every form a leaked secret could take: raw or percent-encoded password, the user, the Basic header. */
const NEEDLES = ['w0rd-Z9', 'w0rd%2DZ9', USER, Buffer.from(`${USER}:${PASS}`).toString('base64')];
const assertClean = (what: string, text: string): void => assertNoSecret(NEEDLES, what, text);
const TEXT = `${FIXTURES.active}==2.32.3\n${FIXTURES.missing}\n`;

before(() => ensureBuilt());
const priv = fakeIndex({ auth: { username: USER, password: PASS } });
const wrong = fakeIndex({ auth: { username: USER, password: 'not-the-password' } }); // every request is a 401
const pub = fakeIndex(); // public PyPI + OSV
const tempDir = tempDirs('secrets');

const withUserinfo = (simpleUrl: string): string => simpleUrl.replace('http://', `http://${ENC}@`);

interface Scenario {
  name: string;
  /** The index URL as configured (setting / --index-url). */
  indexUrl: () => string;
  env?: () => NodeJS.ProcessEnv;
  /** Set up faults on the fakes before the run. */
  arrange?: () => void;
  /** The private fake answered an authenticated request (proves the source was used). */
  authenticated?: boolean;
}

function netrcFile(): string {
  return path.join(tempDir({ netrc: `machine 127.0.0.1\n  login ${USER}\n  password ${PASS}\n` }), 'netrc');
}

const SCENARIOS: Scenario[] = [
  { name: 'URL userinfo', indexUrl: () => withUserinfo(priv.simpleUrl), authenticated: true },
  {
    name: 'PIPWATCH_INDEX_USERNAME / PIPWATCH_INDEX_PASSWORD',
    indexUrl: () => priv.simpleUrl,
    env: () => ({ PIPWATCH_INDEX_USERNAME: USER, PIPWATCH_INDEX_PASSWORD: PASS }),
    authenticated: true,
  },
  { name: '~/.netrc via $NETRC', indexUrl: () => priv.simpleUrl, env: () => ({ NETRC: netrcFile() }), authenticated: true },
  { name: 'PIP_INDEX_URL with userinfo', indexUrl: () => priv.simpleUrl, env: () => ({ PIP_INDEX_URL: withUserinfo(priv.simpleUrl) }), authenticated: true },
  {
    name: 'PIP_EXTRA_INDEX_URL with userinfo (extra index)',
    indexUrl: () => pub.simpleUrl,
    env: () => ({ PIP_EXTRA_INDEX_URL: withUserinfo(priv.simpleUrl) }),
  },
  { name: '401 from the index (wrong password in the URL)', indexUrl: () => withUserinfo(wrong.simpleUrl) },
  { name: 'unreachable index with userinfo', indexUrl: () => `http://${ENC}@127.0.0.1:9/simple/` },
  {
    name: 'refused cross-origin redirect carrying userinfo',
    indexUrl: () => withUserinfo(priv.simpleUrl),
    arrange: () => priv.setFault(/^\/simple\/requests\/$/, { kind: 'redirect', location: `${withUserinfo(pub.simpleUrl)}requests/`, times: 100 }),
  },
];

/** A clean environment: no credential, pip config or netrc from the machine running the tests. */
function baseEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), PIP_CONFIG_FILE: '/dev/null', NETRC: '', PIPWATCH_PUBLIC_INDEX_URL: pub.simpleUrl };
  for (const v of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX', 'PIPWATCH_INDEX_USERNAME', 'PIPWATCH_INDEX_PASSWORD']) env[v] = '';
  return env;
}



type HoverResult = { contents: { value: string } } | null;

async function serverOutput(s: Scenario): Promise<string> {
  const home = tempDir();
  const env = { ...baseEnv(home), ...s.env?.() };
  const settings = { index: { url: s.indexUrl(), osvUrl: pub.osvUrl, timeoutMs: 2000 } };
  const cacheDir = tempDir();
  const { client: c } = await TestClient.start({ mode: 'push', settings, cacheDir, env });
  const hovers: string[] = [];
  try {
    const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
    await c.open(uri, 'pip-requirements', TEXT);
    await c.waitForPushed(uri, () => true, 15000);
    // Hover each line until the index answered (or said why it could not).
    for (const line of [0, 1]) {
      const v = await waitFor(
        async () => {
          const h = await c.request<HoverResult>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
          const text = h?.contents.value ?? '';
          return text && !/Looking up/.test(text) ? text : undefined;
        },
        15000,
        `hover on line ${line}`,
      );
      hovers.push(v);
    }
  } finally {
    await c.stop();
  }
  return [
    `LOGS\n${c.logs.join('\n')}`,
    `NOTIFICATIONS\n${JSON.stringify(c.notifications)}`,
    `DIAGNOSTICS\n${JSON.stringify([...c.pushed.values()])}`,
    `HOVERS\n${hovers.join('\n---\n')}`,
    `STDERR\n${c.stderr}`,
    `CACHE\n${cacheText(cacheDir)}`,
  ].join('\n');
}

async function cliOutput(s: Scenario, format: 'text' | 'json'): Promise<string> {
  const home = tempDir();
  const work = tempDir({ 'requirements.txt': TEXT });
  const env = { ...baseEnv(home), ...s.env?.() };
  const cache = tempDir();
  const r = await runCli(['check', '--format', format, '--index-url', s.indexUrl(), '--osv-url', pub.osvUrl, '--cache-dir', cache, work], { cwd: work, env });
  assert.ok(r.code !== null && r.code !== 2, `cli exit ${r.code}: ${r.stderr}`);
  return `EXIT ${r.code}\nSTDOUT\n${r.stdout}\nSTDERR\n${r.stderr}\nCACHE\n${cacheText(cache)}`;
}

describe('no secret in any output', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: server logs, status, diagnostics, hovers, stderr`, async () => {
      priv.reset();
      s.arrange?.();
      const out = await serverOutput(s);
      assertClean('server output', out);
      if (s.authenticated) assert.ok(priv.requests.some((r) => r.status === 200 && r.path === '/simple/requests/'), `the credential source was used:\n${out}`);
    });
    it(`${s.name}: CLI text and json`, async () => {
      for (const format of ['text', 'json'] as const) {
        priv.reset();
        s.arrange?.();
        const out = await cliOutput(s, format);
        assertClean(`cli --format ${format}`, out);
        if (s.authenticated) assert.ok(priv.requests.some((r) => r.status === 200 && r.path === '/simple/requests/'), `the credential source was used:\n${out}`);
      }
    });
  }
});
