import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPopularity, pep503, Popularity, snapshotPath } from '../../server/src/identify/popularity';

const TEXT = [
  '# Pipwatch popularity snapshot',
  '# source: unit-test',
  '# snapshot: 2026-11',
  'Requests\t2\t2026-05',
  'boto3\t1\t2026-11',
  'Foo_Bar.baz\t3\t',
  'broken line without tabs',
  'negative\t-4\t2026-01',
  'notanumber\tx\t2026-01',
  '',
].join('\n');

test('fromText: header, PEP 503 names, rank order, malformed lines skipped', () => {
  const p = Popularity.fromText(TEXT);
  assert.equal(p.snapshotDate, '2026-11');
  assert.equal(p.source, 'unit-test');
  assert.equal(p.size, 3);
  assert.deepEqual(p.entries.map((e) => e.name), ['boto3', 'requests', 'foo-bar-baz']);
  assert.equal(p.rank('requests'), 2);
  assert.equal(p.rank('foo-bar-baz'), 3);
  assert.equal(p.rank('negative'), undefined);
  assert.equal(p.latestMonth('boto3'), '2026-11');
  assert.equal(p.latestMonth('foo-bar-baz'), undefined);
});

test('fromText survives binary and empty input', () => {
  assert.equal(Popularity.fromText('').size, 0);
  assert.equal(Popularity.fromText('\u0000\u0001\ufffd\t\t\n'.repeat(1000)).size, 0);
});

test('pep503 normalises case and separator runs', () => {
  assert.equal(pep503('Foo.Bar__baz'), 'foo-bar-baz');
  assert.equal(pep503('  Ruamel.YAML '), 'ruamel-yaml');
});

test('getPopularity loads the committed snapshot once', () => {
  assert.ok(snapshotPath(), 'server/data/popular.tsv is found from the sources');
  const p = getPopularity();
  assert.equal(p, getPopularity());
  assert.ok(p.size >= 14000, `size ${p.size}`);
  assert.equal(p.snapshotDate, '2026-11');
  assert.equal(p.rank('requests'), 6);
  assert.equal(p.rank('boto3'), 1);
  assert.equal(p.rank('definitely-not-a-popular-project-xyz'), undefined);
  for (let i = 1; i < p.entries.length; i++) assert.ok(p.entries[i - 1].rank <= p.entries[i].rank);
});
