// Issue 8 §3 end to end: the bundled CLI asks the index pip / uv would ask, read from a temporary
// HOME's pip.conf, PIP_CONFIG_FILE, or UV_INDEX with UV_INDEX_<NAME>_* credentials, so a package
// that lives only on the private index is found there and not reported PW201. A second fake plays
// public PyPI and OSV; nothing leaves 127.0.0.1.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, privateData } from '../fake-index/fixtures';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs, writeTree } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

before(() => ensureBuilt());
const priv = fakeIndex({ data: privateData(), htmlOnly: true });
const privAuth = fakeIndex({ data: privateData(), auth: { username: 'alice', password: 's3cr3t-Pa55' } });
const pub = fakeIndex();
const tempDir = tempDirs('cli-ixcfg');

/** A project and a HOME (holding `files`) of its own (its own cache too: answers from another test must not count). */
function project(files: Record<string, string>): { dir: string; home: string; cache: string } {
  const root = tempDir({ 'proj/requirements.txt': `${FIXTURES.privateOnly}\n${FIXTURES.missing}\n` });
  const home = writeTree(path.join(root, 'home'), files);
  return { dir: path.join(root, 'proj'), home, cache: path.join(root, 'cache') };
}

function env(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // The user's own environment: HOME and XDG as a real shell would have them, pip config allowed.
  return { HOME: home, XDG_CONFIG_HOME: '', XDG_CONFIG_DIRS: path.join(home, 'no-system-config'), PIP_CONFIG_FILE: '', UV_NO_CONFIG: '', PIPWATCH_PUBLIC_INDEX_URL: pub.simpleUrl, ...extra };
}

const pw201Lines = (stdout: string): number[] => stdout.split('\n').filter((l) => / PW201 /.test(l)).map((l) => Number(l.split(':')[1]));

describe('pipwatch check asks the index pip / uv would ask', () => {
  it('~/.config/pip/pip.conf index-url: the private-only package is found there, no false PW201', async () => {
    const p = project({ '.config/pip/pip.conf': `[global]\nindex-url = ${priv.simpleUrl}\n` });
    const r = await runCli(['check', '--osv-url', pub.osvUrl, '--cache-dir', p.cache, p.dir], { cwd: p.dir, env: env(p.home) });
    assert.deepEqual(pw201Lines(r.stdout), [2], `only the name that is nowhere; stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.ok(priv.requests.some((q) => q.path.includes(FIXTURES.privateOnly)), 'the private index was asked');
    assert.ok(r.stderr.includes(`pipwatch: primary index ${priv.simpleUrl} from ${path.join(p.home, '.config/pip/pip.conf')} [global] index-url`), r.stderr);
  });

  it('PIP_CONFIG_FILE names the file; --index-url on the command line wins over it', async () => {
    const p = project({ 'ci/pip.conf': `[install]\nindex-url = ${priv.simpleUrl}\n` });
    const conf = path.join(p.home, 'ci/pip.conf');
    const a = await runCli(['check', '--no-osv', '--cache-dir', p.cache, p.dir], { cwd: p.dir, env: env(p.home, { PIP_CONFIG_FILE: conf }) });
    assert.deepEqual(pw201Lines(a.stdout), [2], a.stdout + a.stderr);
    const b = await runCli(['check', '--no-osv', '--index-url', pub.simpleUrl, '--cache-dir', `${p.cache}-b`, p.dir], { cwd: p.dir, env: env(p.home, { PIP_CONFIG_FILE: conf }) });
    assert.deepEqual(pw201Lines(b.stdout), [1, 2], 'the explicit flag replaced the configured index');
  });

  it('UV_INDEX name=url with UV_INDEX_<NAME>_USERNAME / _PASSWORD, credentials never printed', async () => {
    const p = project({});
    // The public fake as primary (an explicit flag), the uv index as an extra.
    const r = await runCli(['check', '--no-osv', '--index-url', pub.simpleUrl, '--cache-dir', p.cache, p.dir], {
      cwd: p.dir,
      env: env(p.home, { UV_INDEX: `corp-internal=${privAuth.simpleUrl}`, UV_INDEX_CORP_INTERNAL_USERNAME: 'alice', UV_INDEX_CORP_INTERNAL_PASSWORD: 's3cr3t-Pa55' }),
    });
    assert.deepEqual(pw201Lines(r.stdout), [2], r.stdout + r.stderr);
    assert.ok(privAuth.requests.some((q) => q.path.includes(FIXTURES.privateOnly) && q.status === 200), 'authenticated answer from the private index');
    assert.match(r.stderr, /extra index http:\/\/127\.0\.0\.1:\d+\/simple\/ from UV_INDEX/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cr3t'), 'no secret in the output');
  });
});
