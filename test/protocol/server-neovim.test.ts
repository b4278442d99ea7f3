// The server in a real non-VS Code editor: headless Neovim 0.7 (push diagnostics only, opens
// requirements.txt as filetype `text`) loads the README snippet (test/fixtures/lsp/nvim/init.lua)
// and runs check.lua against dist/server.js. Skipped, visibly, where `nvim` is not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, it } from 'node:test';
import { tempDirs } from './helpers/fixtures';
import { ensureBuilt, ROOT, SERVER } from './helpers/lsp-client';
import { HERMETIC_ENV } from './helpers/hermetic-env';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const version = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;
const skip = version ? false : 'nvim not installed (apt-get install neovim to run this test)';
if (skip) console.log(`# SKIP server-neovim: ${skip}`);

before(() => {
  if (!skip) ensureBuilt();
});
const tempDir = tempDirs('nvim');

it(`Neovim (${version ?? 'absent'}): diagnostics, hover and the quick fix over stdio`, { skip }, () => {
  const dir = tempDir({ 'requirements.txt': 'reqeusts==2.31.0\nflask\n' });
  const out = path.join(dir, 'out.json');
  const nvimDir = path.join(ROOT, 'test/fixtures/lsp/nvim');
  // --clean then -u: no user config, only the README snippet (init.lua).
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(nvimDir, 'init.lua'), '-c', `luafile ${path.join(nvimDir, 'check.lua')}`, 'requirements.txt'], {
    cwd: dir,
    env: { ...process.env, ...HERMETIC_ENV, PIPWATCH_SERVER: SERVER, PIPWATCH_OFFLINE: '1', PIPWATCH_OUT: out },
    timeout: 60000,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `nvim exited ${r.status}: ${r.stderr}`);
  const res = JSON.parse(readFileSync(out, 'utf8')) as {
    ok: boolean;
    filetype: string;
    diagnostics: { code: string; lnum: number; col: number; end_col: number; source: string }[];
    hover?: string;
    fixed?: string;
  };
  assert.equal(res.ok, true, 'diagnostics arrived');
  assert.deepEqual(res.diagnostics.map((d) => [d.code, d.lnum, d.col, d.end_col, d.source]), [['PW101', 0, 0, 8, 'pipwatch']]);
  assert.match(res.hover ?? '', /'requests' \(#6 on PyPI\)/);
  assert.match(res.hover ?? '', /https:\/\/pypi\.org\/project\/reqeusts\//);
  assert.equal(res.fixed, 'requests==2.31.0');
});
