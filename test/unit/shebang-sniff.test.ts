// Extensionless shell scripts (issue 9 §2): a format's `sniff` decides a file no name pattern
// matched, from its first bytes only; the folder scan reads at most SNIFF_BYTES of extensionless
// files, skips binaries and keeps its directory ignores.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeOffline } from '../../server/src/assess/engine';
import { normalizeSettings } from '../../server/src/core/settings';
import { SNIFF_BYTES, sniffKind } from '../../server/src/formats/registry';
import { shellFormat } from '../../server/src/formats/shell';
import { readHead } from '../../server/src/workspace/files';
import { scannedFiles, scanWorkspace, sniffFile } from '../../server/src/workspace/scan';

let root: string;
const put = (rel: string, text: string | Buffer): string => {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pipwatch-sniff-'));
  put('scripts/bootstrap', '#!/usr/bin/env bash\npip install djnago\n');
  put('install', '#!/bin/sh\npip install flaks\n');
  put('tools/dash-it', '#!/bin/dash\npip install x\n');
  put('tools/zsh-it', '#!/usr/bin/env zsh\npip install x\n');
  put('tools/ksh-it', '#!/bin/ksh\npip install x\n');
  put('tools/env-s', '\ufeff#!/usr/bin/env -S bash -e\npip install x\n');
  put('tools/release', '#!/usr/bin/env python3\nprint("pip install reqeusts")\n');
  put('tools/notes', 'pip install reqeusts\n'); // no shebang: not a script anyone runs as shell
  put('tools/run.cmd', '#!/bin/sh\npip install reqeusts\n'); // has an extension: never sniffed
  put('tools/blob', Buffer.concat([Buffer.from('#!/bin/sh\npip install reqeusts\n'), Buffer.from([0, 1, 2, 0])]));
  put('.git/hooks/pre-commit', '#!/bin/sh\npip install reqeusts\n');
  put('node_modules/pkg/bin/tool', '#!/bin/sh\npip install reqeusts\n');
  put('.venv/bin/activate-ish', '#!/bin/sh\npip install reqeusts\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('format sniffing', () => {
  it('the shell format sniffs shell shebangs and nothing else', () => {
    assert.equal(shellFormat.sniff?.('#!/bin/sh\n'), true);
    for (const head of ['#!/bin/sh\n', '#!/bin/bash -e\n', '#!/usr/bin/env bash\n', '#!/usr/bin/env -S bash -e\n', '#!/bin/dash\n', '#!/bin/ksh', '#!/usr/bin/env zsh\r\n', '\ufeff#!/bin/sh\n']) {
      assert.equal(sniffKind(head), 'shell', head);
    }
    for (const head of ['#!/usr/bin/env python3\n', '#!/usr/bin/perl\n', 'pip install x\n', '', '# !/bin/sh\n', '#!/bin/shx\n']) {
      assert.equal(sniffKind(head), undefined, head);
    }
  });

  it('the engine sniffs a document no name or language id decided, and only then', () => {
    const settings = normalizeSettings({ offline: true });
    const text = '#!/usr/bin/env bash\npip install djnago\n';
    const ws = { declared: new Set<string>(), firstParty: new Set<string>() };
    assert.equal(analyzeOffline({ uri: 'file:///p/scripts/bootstrap', text, settings, workspace: ws }).kind, 'shell');
    assert.equal(analyzeOffline({ uri: 'file:///p/scripts/bootstrap', languageId: 'sh', text, settings, workspace: ws }).kind, 'shell');
    const found = analyzeOffline({ uri: 'file:///p/scripts/bootstrap', text, settings, workspace: ws }).findings.map((f) => f.code);
    assert.ok(found.includes('PW101'), found.join(','));
    // A name pattern wins over the first line: a `.py` with a shell shebang is still Python.
    assert.equal(analyzeOffline({ uri: 'file:///p/tool.py', text, settings, workspace: ws }).kind, 'python');
    assert.equal(analyzeOffline({ uri: 'file:///p/notes', text: 'pip install x\n', settings, workspace: ws }).kind, 'unknown');
  });
});

describe('folder scan', () => {
  it('finds extensionless shell scripts, not other shebangs, binaries, extension files or ignored folders', async () => {
    const s = await scanWorkspace(root);
    const shell = (s.other ?? []).filter((o) => o.kind === 'shell').map((o) => path.relative(root, o.path).split(path.sep).join('/'));
    assert.deepEqual(shell.sort(), ['install', 'scripts/bootstrap', 'tools/dash-it', 'tools/env-s', 'tools/ksh-it', 'tools/zsh-it']);
    assert.equal(scannedFiles(s).length, 6);
  });

  it('reads only the first bytes: a 3 GB extensionless script is sniffed without reading it whole', async () => {
    const big = path.join(root, 'big', 'huge-script');
    mkdirSync(path.dirname(big), { recursive: true });
    const fd = openSync(big, 'w');
    try {
      writeSync(fd, `#!/bin/sh\n${'# padding\n'.repeat(80)}`); // more than SNIFF_BYTES of text, no NUL
      ftruncateSync(fd, 3 * 1024 ** 3); // sparse: no disk used; a whole read would throw (> 2 GB buffer)
    } finally {
      closeSync(fd);
    }
    assert.equal(await sniffFile(big), 'shell');
    const head = await readHead(big, SNIFF_BYTES);
    assert.equal(head?.length, SNIFF_BYTES);
    assert.equal(await readHead(path.join(root, 'tools/blob'), SNIFF_BYTES), undefined, 'binary');
    assert.equal(await readHead(path.join(root, 'tools'), SNIFF_BYTES), undefined, 'a directory');
    assert.equal(await readHead(path.join(root, 'missing'), SNIFF_BYTES), undefined, 'missing');
    rmSync(path.dirname(big), { recursive: true, force: true });
  });
});
