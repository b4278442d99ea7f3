// Issue 8 §4, "what leaves the machine", measured: the bundled CLI against a private fake index
// and a second fake playing public PyPI and OSV, counting which names each host receives under
// each arrangement of the README's table. Also: one line never gets "install X" and "X does not
// exist" together, and PW202 names the right fix for the arrangement. Nothing leaves 127.0.0.1.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, privateData } from '../fake-index/fixtures';
import type { FakeIndex } from '../fake-index/server';
import { runCli } from './helpers/cli';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt } from './helpers/lsp-client';

const INTERNAL_IMPORT = 'acme_billing_internal';
const INTERNAL_DIST = 'acme-billing-internal';
before(() => ensureBuilt());
const priv = fakeIndex({ data: privateData(), htmlOnly: true });
const pub = fakeIndex(); // public PyPI and OSV
const tempDir = tempDirs('cli-privacy');

/** Which of `names` a fake heard of: on the Simple API (path) or in an OSV query (body). */
function heard(fake: FakeIndex, names: string[]): { simple: string[]; osv: string[] } {
  const inPath = (n: string) => fake.requests.some((r) => r.path.startsWith('/simple/') && r.path.includes(`/${n}/`));
  const inOsv = (n: string) => fake.requests.some((r) => r.path.includes('querybatch') && (r.body ?? '').includes(`"${n}"`));
  return { simple: names.filter(inPath), osv: names.filter(inOsv) };
}

async function check(extra: string[]): Promise<{ stdout: string; stderr: string }> {
  const dir = tempDir({ 'requirements.txt': `${FIXTURES.privateOnly}\n${FIXTURES.confusion}\n`, 'app.py': `import ${INTERNAL_IMPORT}\n` });
  priv.reset();
  pub.reset();
  const r = await runCli(['check', '--osv-url', pub.osvUrl, '--cache-dir', path.join(dir, '.cache'), '--fail-on', 'never', '--allow-incomplete', ...extra, dir], {
    cwd: dir,
    env: { PIPWATCH_PUBLIC_INDEX_URL: pub.simpleUrl },
  });
  return r;
}

const ALL = [FIXTURES.privateOnly, FIXTURES.confusion, INTERNAL_DIST];
const linesOf = (out: string, file: string) => out.split('\n').filter((l) => l.startsWith(`${file}:`));

describe('which names go to which host', () => {
  it('private primary only: public PyPI and OSV receive nothing; the private index gets every name', async () => {
    const r = await check(['--index-url', priv.simpleUrl]);
    assert.deepEqual(heard(pub, ALL), { simple: [], osv: [] }, r.stderr);
    assert.equal(pub.requests.length, 0, 'no request at all to the public host');
    assert.deepEqual(heard(priv, ALL).simple.sort(), [...ALL].sort());
    // The undeclared internal import: one finding on its line, the index's (no "install it" hint next to "does not exist").
    const py = linesOf(r.stdout, 'app.py');
    assert.equal(py.length, 1, r.stdout);
    assert.match(py[0]!, / PW201 /);
    assert.ok(!r.stdout.includes('PW202'), 'pip never asks PyPI here: no confusion to report');
  });

  it('private primary + public PyPI as an extra: names go where pip sends them; private-only names and internal imports stay off OSV', async () => {
    const r = await check(['--index-url', priv.simpleUrl, '--extra-index-url', pub.simpleUrl]);
    const p = heard(pub, ALL);
    assert.deepEqual(p.simple.sort(), [FIXTURES.confusion, FIXTURES.privateOnly].sort(), 'pip asks PyPI about every requirement; never about the internal import');
    assert.deepEqual(p.osv, [FIXTURES.confusion], 'OSV only hears the name PyPI has');
    const pw202 = r.stdout.split('\n').find((l) => / PW202 /.test(l));
    assert.ok(pw202, r.stdout);
    assert.match(pw202, /the private index is your primary and PyPI an extra/);
    assert.match(pw202, /Remove PyPI as an extra index/);
  });

  it('--private-packages: a matching name never reaches the public host, even as a configured extra', async () => {
    await check(['--index-url', priv.simpleUrl, '--extra-index-url', pub.simpleUrl, '--private-packages', 'acme-s*', '--private-packages', INTERNAL_DIST]);
    assert.deepEqual(heard(pub, ALL), { simple: [FIXTURES.confusion], osv: [FIXTURES.confusion] });
    assert.deepEqual(heard(priv, ALL).simple.sort(), [...ALL].sort());
  });

  it('public PyPI primary + private extra: PW202 says to make the private index the only one', async () => {
    const r = await check(['--index-url', pub.simpleUrl, '--extra-index-url', priv.simpleUrl]);
    const pw202 = r.stdout.split('\n').find((l) => / PW202 /.test(l));
    assert.ok(pw202, r.stdout);
    assert.match(pw202, /PyPI is your primary index and the private one an extra/);
    assert.deepEqual(heard(pub, ALL).osv, [FIXTURES.confusion], 'the name only the private index has is not sent to OSV');
  });

  it('PyPI only (the default arrangement): every name, imports included, goes to PyPI and OSV', async () => {
    await check(['--index-url', pub.simpleUrl]);
    assert.deepEqual(heard(pub, ALL).simple.sort(), [...ALL].sort());
    assert.deepEqual(heard(pub, ALL).osv.sort(), [...ALL].sort());
  });

  it('--private-packages takes a name glob; anything else is a usage error', async () => {
    const dir = tempDir();
    const r = await runCli(['check', '--private-packages', 'a b/', dir], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--private-packages takes a name glob/);
  });
});
