// A hostile index through the BUILT server (issue 8 §6): summary, source URL and publisher strings
// built to inject markdown reach the hover escaped, on one line, and never as a non-https link.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { publicData } from '../fake-index/fixtures';
import { release } from '../fake-index/model';
import { fakeIndex, tempDirs } from './helpers/fixtures';
import { ensureBuilt, pathToFileUri, TestClient, waitFor } from './helpers/lsp-client';

before(() => ensureBuilt());
const tempDir = tempDirs('lsp-hostile');
const fake = fakeIndex(() => {
  const now = Date.now();
  const data = publicData(now);
  const publisher = { kind: 'GitHub' as const, repository: 'evil/x` [click](javascript:alert(1)) `', workflow: '```\n# Owned', environment: 'pypi' };
  data.projects.push({
    name: 'hostile-pkg',
    serial: 1,
    summary: 'Totally safe\n# Heading\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)>\u202Eexe.txt',
    classifiers: [],
    projectUrls: { Source: 'javascript:alert(document.cookie)' },
    homePage: 'file:///etc/passwd',
    releases: [release(now, 'hostile-pkg', '1.0', 400, { provenance: publisher })],
  });
  return { data };
});

describe('server hover over a hostile index', () => {
  it('escapes, flattens and refuses non-https links', async () => {
    // The fake plays public PyPI (the JSON and Integrity APIs are asked only there): nothing leaves 127.0.0.1.
    const settings = { index: { url: fake.simpleUrl, osvUrl: fake.osvUrl, timeoutMs: 2000 } };
    const { client: c } = await TestClient.start({ mode: 'push', settings, cacheDir: tempDir(), env: { PIPWATCH_PUBLIC_INDEX_URL: fake.simpleUrl } });
    try {
      const uri = pathToFileUri(path.join(tempDir(), 'requirements.txt'));
      await c.open(uri, 'pip-requirements', 'hostile-pkg==1.0\n');
      await c.waitForPushed(uri, () => true, 15000);
      const md = await waitFor(
        async () => {
          const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
          const v = h?.contents.value ?? '';
          return /Provenance/.test(v) ? v : undefined;
        },
        15000,
        'hover with index facts',
      );
      assert.match(md, /Totally safe/);
      for (const line of md.split('\n')) assert.doesNotMatch(line, /^\s*(#|\|)/, `injected line: ${line}`);
      assert.doesNotMatch(md, /(?<!\\)<img/);
      assert.doesNotMatch(md, /\u202E/);
      // Live markdown is what is outside code spans and escapes: every link there is https.
      const live = md.replace(/\\./g, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
      for (const m of live.matchAll(/\]\(([^)]*)\)/g)) assert.match(m[1]!, /^https:\/\//, md);
      assert.doesNotMatch(md, /javascript:alert\(document|file:\/\/\/etc/);
      const prov = md.split('\n').find((l) => l.includes('Provenance')) ?? '';
      const outside = prov.replace(/\\./g, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
      assert.doesNotMatch(outside, /\[click\]|# Owned/, prov);
    } finally {
      await c.stop();
    }
  });
});
