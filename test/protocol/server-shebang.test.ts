// Extensionless shell scripts over LSP (issue 9 §2): the server reads a document by its shebang
// when neither its name nor its language id says what it is — VS Code sends `shellscript` for it,
// Neovim `sh`, other clients `bash`, `plaintext` or an empty id.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, pathToFileUri, TestClient } from './helpers/lsp-client';

let root: string;
before(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'pipwatch-shebang-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const SCRIPT = '#!/usr/bin/env -S bash -e\nset -x\npip install djnago\n';

describe('shebang documents', () => {
  it('flags the typo whatever language id the client sends, and reads a Python shebang as nothing', async () => {
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true }, rootPath: root });
    try {
      for (const lang of ['shellscript', 'sh', 'bash', 'plaintext', '']) {
        const uri = pathToFileUri(path.join(root, `bootstrap-${lang || 'none'}`));
        await c.open(uri, lang, SCRIPT);
        const p = await c.waitForPushed(uri, (x) => x.diagnostics.some((d) => d.code === 'PW101'));
        const typo = p.diagnostics.find((d) => d.code === 'PW101')!;
        assert.deepEqual(typo.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 18 } }, lang);
      }
      const py = pathToFileUri(path.join(root, 'release'));
      await c.open(py, 'plaintext', '#!/usr/bin/env python3\nprint("pip install reqeusts")\n');
      // Edit a shebang in: the same document becomes a shell script.
      const later = pathToFileUri(path.join(root, 'later'));
      await c.open(later, 'plaintext', 'pip install reqeusts\n');
      await c.change(later, 2, '#!/bin/sh\npip install reqeusts\n');
      const l = await c.waitForPushed(later, (x) => x.version === 2);
      assert.deepEqual(l.diagnostics.map((d) => d.code), ['PW101']);
      assert.deepEqual((c.pushed.get(py) ?? []).flatMap((x) => x.diagnostics), []);
    } finally {
      await c.stop();
    }
  });
});
