// `-r`/`-c` targets are requirements files whatever their name (issue 7 §2): the include walk,
// the CLI's folder scan and explicit paths, the engine's kind hint and the server's workspace state.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeOffline } from '../../server/src/assess/engine';
import { parseArgs } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/check';
import { CODES } from '../../server/src/core/codes';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { includedFiles } from '../../server/src/workspace/included';

let root: string;
const file = (rel: string, text: string): string => {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pipwatch-included-'));
  file('.git/HEAD', 'ref: refs/heads/main\n');
  file('requirements.txt', 'flask==3.0.0\n-r deps/prod.txt\n-c deps/pins.cfg\n');
  file('deps/prod.txt', 'reqeusts==2.0\n-r nested.pip\n');
  file('deps/nested.pip', 'numpy\n-r prod.txt\n'); // a cycle back: visited once
  file('deps/pins.cfg', 'urllib3<3\n');
  file('notes/readme.rst', '# not requirements\n');
  file('lonely.txt', 'colourama\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const parsed = parseArgs(['check', '--offline', '--fail-on', 'never', '--format', 'json', ...args]);
  assert.equal(parsed.command, 'check');
  if (parsed.command !== 'check') throw new Error('unreachable');
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(parsed.options, { cwd: root, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

function findings(out: string[]): { path: string; code: string; line: number }[] {
  return (JSON.parse(out.join('\n')) as { path: string; code: string; line: number }[]).map((f) => ({ path: f.path, code: f.code, line: f.line }));
}

describe('included files', () => {
  it('includedFiles follows -r/-c transitively, once per file, and skips known files', () => {
    const read = (p: string): string | undefined => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    const req = path.join(root, 'requirements.txt');
    assert.deepEqual(includedFiles([req], read), [path.join(root, 'deps/nested.pip'), path.join(root, 'deps/pins.cfg'), path.join(root, 'deps/prod.txt')]);
    assert.deepEqual(includedFiles([req], read, (p) => p.endsWith('prod.txt')), [path.join(root, 'deps/nested.pip'), path.join(root, 'deps/pins.cfg')]);
  });

  it('the engine analyses a file of unknown name as requirements when the workspace says it is included', () => {
    const input = { uri: path.join(root, 'deps/prod.txt'), text: 'reqeusts==2.0\n', settings: DEFAULT_SETTINGS };
    assert.equal(analyzeOffline({ ...input, workspace: { declared: new Set(), firstParty: new Set() } }).kind, 'unknown');
    const a = analyzeOffline({ ...input, workspace: { declared: new Set(), firstParty: new Set(), kindHint: 'requirements' } });
    assert.equal(a.kind, 'requirements');
    assert.ok(a.findings.some((f) => f.code === CODES.typosquat.code));
  });

  it('pipwatch check <folder>: included files are analysed whatever their name', async () => {
    const { out, err } = await check(['.']);
    const fs = findings(out);
    assert.ok(fs.some((f) => f.path === path.join('deps', 'prod.txt') && f.code === CODES.typosquat.code && f.line === 1), JSON.stringify(fs));
    assert.match(err.join('\n'), /in 4 files$/m, 'requirements.txt plus its three includes');
  });

  it('pipwatch check <included file>: accepted (also a .txt nobody includes), other names are skipped with a message', async () => {
    const inc = await check(['deps/nested.pip']);
    // numpy is fine; its `-r prod.txt` closes a cycle, which pip would reject: PW001 on that line.
    assert.deepEqual(findings(inc.out), [{ path: path.join('deps', 'nested.pip'), code: CODES.parse.code, line: 2 }]);
    assert.match(inc.err.join('\n'), /in 1 file$/m);
    const lonely = await check(['lonely.txt']);
    assert.ok(findings(lonely.out).some((f) => f.code === CODES.typosquat.code), 'colourama in an explicit .txt');
    const md = await check(['notes/readme.rst']);
    assert.match(md.err.join('\n'), /notes\/readme\.rst: not a file Pipwatch reads/);
  });
});
