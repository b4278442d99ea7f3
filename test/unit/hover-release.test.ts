// Hover of a pinned release: its upload time and age from the index (PEP 700), when the
// dependency itself does not record one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hoverMarkdown } from '../../server/src/present/hover';
import { daysAgo, dep, factsFor, NOW } from './helpers/facts-builder';

const pop = { rank: () => undefined, snapshotDate: '2026-11', size: 15000 };

describe('hover: upload time of the pinned release', () => {
  it('shows the index upload time and age of an == pin', () => {
    const facts = factsFor('fastpkg', { '1.0': { uploaded: daysAgo(30) }, '1.1': { uploaded: new Date(NOW.getTime() - 5 * 3_600_000).toISOString() } });
    const md = hoverMarkdown({ dependency: dep('fastpkg', '==1.1'), distributions: ['fastpkg'], findings: [], facts: new Map([['fastpkg', facts]]), lookup: 'done', popularity: pop, now: NOW });
    assert.match(md, /Uploaded \(1\.1, per the index\): 2026-11-26 07:00 UTC \(5 hours ago\)/);
    const range = hoverMarkdown({ dependency: dep('fastpkg', '>=1'), distributions: ['fastpkg'], findings: [], facts: new Map([['fastpkg', facts]]), lookup: 'done', popularity: pop, now: NOW });
    assert.doesNotMatch(range, /per the index\)/, 'no pin, no upload line');
  });
});
