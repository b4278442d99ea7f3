// analyzeOnline with the real index client against the fake index on 127.0.0.1: index findings
// land on the right lines next to the offline ones, each name is requested once, and a dead index
// leaves exactly the offline findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline, analyzeOnline, type AnalysisInput } from '../../server/src/assess/engine';
import { CODES } from '../../server/src/core/codes';
import { FIXTURES } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fakeIndex } from '../protocol/helpers/fixtures';

const fake = fakeIndex();

const text = [
  `${FIXTURES.malicious}`, // 0: typo of requests, and OSV knows it as malware
  `${FIXTURES.yanked}==${FIXTURES.yankedPinned}`, // 1
  `${FIXTURES.missing}`, // 2
  `${FIXTURES.active}==2.32.3`, // 3: fine
  `${FIXTURES.missing} ; python_version < "3.8"`, // 4: same name again
  '',
].join('\n');

describe('analyzeOnline with the real client', () => {
  it('adds index findings per line and looks each name up once', async () => {
    const { client, settings } = makeClient(fake);
    try {
      const input: AnalysisInput = { uri: '/p/requirements.txt', text, settings, workspace: { declared: new Set(), firstParty: new Set() } };
      const a = analyzeOffline(input);
      fake.reset();
      const all = await analyzeOnline(a, input, client);
      const at = (line: number): string[] => all.filter((f) => f.range.start.line === line).map((f) => f.code).sort();
      assert.ok(at(0).includes(CODES.typosquat.code), 'offline typosquat kept');
      assert.ok(at(0).includes(CODES.malicious.code), `MAL- record: ${at(0).join(',')}`);
      assert.ok(at(1).includes(CODES.yanked.code), `yanked pin: ${at(1).join(',')}`);
      assert.deepEqual(at(2), [CODES.notOnIndex.code]);
      assert.deepEqual(at(3), []);
      assert.deepEqual(at(4), [CODES.notOnIndex.code], 'a repeated name gets the finding too');
      const simpleHits = fake.requests.filter((r) => r.path.includes(`/simple/${FIXTURES.missing}/`));
      assert.equal(simpleHits.length, 1, 'one Simple API request for the repeated name');
    } finally {
      await client.dispose();
    }
  });

  it('a dead index leaves the offline findings, unchanged, and adds PW002 on each dependency it could not check', async () => {
    const { client, settings } = makeClient(fake, { index: { url: 'http://127.0.0.1:9/simple/', osvEnabled: false }, tuning: { publicIndexUrl: 'http://127.0.0.1:9/simple/', maxAttempts: 1 } });
    try {
      const input: AnalysisInput = { uri: '/p/requirements.txt', text, settings, workspace: { declared: new Set(), firstParty: new Set() } };
      const a = analyzeOffline(input);
      const all = await analyzeOnline(a, input, client);
      assert.deepEqual(
        all.filter((f) => f.code !== 'PW002').map((f) => `${f.range.start.line}:${f.code}`),
        a.findings.map((f) => `${f.range.start.line}:${f.code}`),
      );
      // Issue 8 §2: the lookups that did not complete are visible, one PW002 per dependency line looked up.
      const pw002 = all.filter((f) => f.code === 'PW002');
      const looked = new Set(a.lookups.map((l) => l.name));
      assert.deepEqual(pw002.map((f) => f.range.start.line), a.parsed.dependencies.filter((d) => looked.has(d.name)).map((d) => d.range.start.line));
      assert.ok(pw002.every((f) => /unreachable/.test(f.message)), pw002.map((f) => f.message).join('\n'));
    } finally {
      await client.dispose();
    }
  });

  it('a pin with other clauses (`==1.0.0,<2`) is looked up at its version: PW209 (issue 7: one pin parser)', async () => {
    const { client, settings } = makeClient(fake);
    try {
      const input: AnalysisInput = {
        uri: '/p/requirements.txt',
        text: `${FIXTURES.vulnerable}==${FIXTURES.vulnerableVersion},<2\n`,
        settings,
        workspace: { declared: new Set(), firstParty: new Set() },
      };
      const all = await analyzeOnline(analyzeOffline(input), input, client);
      const vuln = all.find((f) => f.code === CODES.vulnerable.code);
      assert.ok(vuln, `codes: ${all.map((f) => f.code).join(',')}`);
      assert.equal(vuln.evidence?.version, FIXTURES.vulnerableVersion);
    } finally {
      await client.dispose();
    }
  });
});
