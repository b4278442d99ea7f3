// Extensionless shell scripts through the BUNDLED CLI (issue 9 §2): `scripts/bootstrap` with a
// shell shebang is read by the folder scan and when named, a Python shebang is not, and the real
// extensionless `scripts/install` of encode/httpx stays quiet.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { HERMETIC_ENV } from './helpers/hermetic-env';
import { ensureBuilt } from './helpers/lsp-client';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FIX = path.join(REPO, 'test/fixtures/surfaces');

function check(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--offline', ...args], { cwd: FIX, encoding: 'utf8', env: { ...process.env, ...HERMETIC_ENV } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('shell scripts by shebang in the CLI', () => {
  before(() => ensureBuilt());

  it('flags a typo in an extensionless `#!/usr/bin/env -S bash -e` script, in a folder scan and when named', () => {
    const folder = check(['bad/scripts']);
    assert.match(folder.stdout, /^bad\/scripts\/bootstrap:5:23: warning PW101 'djnago' looks like a typo of 'django'/m);
    // scripts/release runs Python: not read, so its `pip install reqeusts` string is no finding.
    assert.doesNotMatch(folder.stdout, /release/);
    assert.match(folder.stderr, /in 1 file\b/);
    assert.equal(folder.code, 1);
    const named = check(['bad/scripts/bootstrap']);
    assert.match(named.stdout, /^bad\/scripts\/bootstrap:5:23: warning PW101 'djnago'/m);
    assert.equal(named.code, 1);
  });

  it('says a named Python-shebang script is not a file it reads', () => {
    const r = check(['bad/scripts/release']);
    assert.match(r.stderr, /bad\/scripts\/release: not a file Pipwatch reads/);
    assert.equal(r.stdout, '');
    assert.equal(r.code, 0);
  });

  it('reads the real extensionless httpx scripts/install and finds nothing', () => {
    const r = check(['real/httpx/scripts/install']);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no findings in 1 file\b/);
    assert.equal(r.code, 0, r.stderr);
  });
});
