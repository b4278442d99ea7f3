// The BUILT server when index lookups fail (issue 8 §2): the pipwatch/status notification leaves
// `ok` with the cause, the hover of an affected dependency says why its index findings are
// unknown, and PW002 marks the line (a hint); when the index answers again the status is ok.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../fake-index/fixtures';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

before(() => ensureBuilt());
const fake = fakeIndex();
const tempDir = tempDirs('lsp-incomplete');

type Status = { index: { state: string; message?: string } };
type HoverResult = { contents: { value: string } } | null;

describe('server: failed lookups are visible', () => {
  it('401: status degraded with the cause, hover says why, PW002 on the line', async () => {
    fake.reset();
    fake.setFault(/^\/simple\/requests\/$/, { kind: 'status', status: 401 });
    const settings = { index: { url: fake.simpleUrl, osvUrl: fake.osvUrl, privatePackages: ['*'], timeoutMs: 2000 } };
    const { client: c } = await TestClient.start({ mode: 'push', settings, cacheDir: tempDir() });
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', `${FIXTURES.active}\n${FIXTURES.yanked}\n`);
      const pushed = await c.waitForPushed(uri, (p) => p.diagnostics.some((d) => d.code === 'PW002'), 15000);
      const pw002 = pushed.diagnostics.filter((d) => d.code === 'PW002');
      assert.deepEqual(pw002.map((d) => d.range.start.line), [0], 'only requests failed');
      assert.equal(pw002[0]!.severity, 4, 'a hint');
      const status = await waitFor(
        () => (c.notificationsOf('pipwatch/status') as Status[]).find((s) => s.index.state !== 'ok' && /HTTP 401/.test(s.index.message ?? '')),
        10000,
        'a degraded status',
      );
      assert.equal(status.index.state, 'degraded');
      assert.match(status.index.message ?? '', new RegExp(`index ${fake.simpleUrl.replace(/[.?*+/]/g, '\\$&')}: HTTP 401 Unauthorized \\(check credentials\\)`));
      const h = await c.request<HoverResult>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.match(h?.contents.value ?? '', new RegExp(`Index lookup failed: HTTP 401 Unauthorized from index ${fake.simpleUrl.replace(/[.?*+/]/g, '\\$&')} \\(check credentials\\) — index findings for this package are unknown\\.`));
      // The index answers again: an edit re-runs the lookups and the status returns to ok.
      fake.reset();
      await c.change(uri, 2, `${FIXTURES.active}\n${FIXTURES.yanked}\n\n`);
      await c.waitForPushed(uri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'PW002'), 15000);
      await waitFor(() => {
        const all = c.notificationsOf('pipwatch/status') as Status[];
        return all[all.length - 1]?.index.state === 'ok' ? true : undefined;
      }, 10000, 'status ok again');
    } finally {
      await c.stop();
    }
  });
});
