import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fromTopJson, fromTopTsv, makeSnapshot, renderSnapshot } from '../../scripts/make-snapshot';
import { Popularity } from '../../server/src/identify/popularity';

const JSON_INPUT = JSON.stringify({
  last_update: '2026-11-01 07:12:34',
  rows: [
    { project: 'urllib3', download_count: 900 },
    { project: 'Boto3', download_count: 1000 },
    { project: 'typing_extensions', download_count: 800 },
    { project: 42, download_count: 5 },
    { project: 'zero' },
  ],
});

test('JSON input: ranked by downloads, PEP 503 names, date from last_update', () => {
  const s = fromTopJson(JSON_INPUT, 'top.json');
  assert.equal(s.date, '2026-11');
  assert.deepEqual(s.rows.map((r) => [r.name, r.rank]), [['boto3', 1], ['urllib3', 2], ['typing-extensions', 3], ['zero', 4]]);
  assert.throws(() => fromTopJson('{"rows": 3}', 'x'), /rows/);
});

test('TSV input: header skipped, empty months kept empty, date is the newest month', () => {
  const s = fromTopTsv('name\trank\tlatest_version\tlatest_release_month\nboto3\t1\t1.0\t2026-11\ncertifi\t4\t\t\nFoo.Bar\t2\t1\t2025-01\n', 'top.tsv');
  assert.equal(s.date, '2026-11');
  const text = renderSnapshot(s);
  assert.match(text, /^# .*\n# source: top\.tsv\n# snapshot: 2026-11\n/);
  assert.deepEqual(text.split('\n').filter((l) => l && !l.startsWith('#')), ['boto3\t1\t2026-11', 'foo-bar\t2\t2025-01', 'certifi\t4\t']);
  const p = Popularity.fromText(text);
  assert.equal(p.rank('foo-bar'), 2);
  assert.equal(p.snapshotDate, '2026-11');
});

test('output is deterministic and deduplicated', () => {
  const s = fromTopJson(JSON_INPUT, 'top.json');
  const dup = { ...s, rows: [...s.rows, { name: 'boto3', rank: 9, latestMonth: '' }] };
  assert.equal(renderSnapshot(dup), renderSnapshot(s));
  assert.equal(renderSnapshot({ ...s, rows: [...s.rows].reverse() }), renderSnapshot(s));
});

test('makeSnapshot reads a JSON file path', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-snap-'));
  try {
    const f = path.join(dir, 'top.json');
    writeFileSync(f, JSON_INPUT);
    const text = await makeSnapshot(f, { limit: 2 });
    assert.match(text, /# source: top\.json/);
    assert.equal(Popularity.fromText(text).size, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('makeSnapshot fetches the JSON from a 127.0.0.1 server', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/top.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON_INPUT);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const text = await makeSnapshot(`http://127.0.0.1:${port}/top.json`);
    assert.equal(Popularity.fromText(text).rank('urllib3'), 2);
    await assert.rejects(makeSnapshot(`http://127.0.0.1:${port}/missing.json`), /HTTP 404/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const SHARED_TSV = path.resolve(__dirname, '../../../shared/data/pypi-top-15000.tsv');
test(
  'the committed snapshot is what the script builds from the shared top-15000 list',
  existsSync(SHARED_TSV) ? {} : { skip: '../shared/data absent' },
  async () => {
    const committed = readFileSync(path.resolve(__dirname, '../../server/data/popular.tsv'), 'utf8');
    assert.equal(await makeSnapshot(SHARED_TSV), committed);
  },
);
