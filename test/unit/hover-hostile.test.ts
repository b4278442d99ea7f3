// Hover markdown from hostile index data (issue 8 §6): every index-supplied string is escaped,
// one line, free of control / bidi / zero-width characters and capped; code spans cannot be
// broken out of; only https links. And honest hovers: no "on PyPI" without an answer saying so,
// no "0 vulnerabilities" when the advisories are unknown or were not asked, no pypi.org link for a
// private package or a name PyPI does not have, no "Resolves to x" when x is what was typed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dependency } from '../../server/src/core/types';
import type { JsonProject, PackageFacts, Publisher } from '../../server/src/index/facts';
import { hoverMarkdown, type HoverInput, type PopularityView } from '../../server/src/present/hover';

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } };
const pop: PopularityView = { rank: () => undefined, snapshotDate: '2026-11', size: 15000 };
const req = (rawName: string, specifier?: string): Dependency => ({ rawName, name: rawName.toLowerCase().replace(/[-_.]+/g, '-'), range: R, source: 'requirements', ...(specifier ? { specifier } : {}) });

function jsonOf(over: Partial<JsonProject>): JsonProject {
  return { name: 'evilpkg', classifiers: [], projectUrls: {}, releases: {}, vulnerabilities: [], latestVersion: '1.0', ...over };
}

function factsWith(over: { json?: Partial<JsonProject>; publisher?: Publisher; status?: { status: string; reason?: string }; publicMissing?: boolean }): PackageFacts {
  return {
    name: 'evilpkg',
    primary: { state: 'found', value: { indexUrl: 'https://pypi.org/simple/', name: 'evilpkg', versions: ['1.0'], files: [], ...(over.status ? { status: over.status } : {}) } },
    extras: [],
    ...(over.json ? { json: { state: 'found', value: jsonOf(over.json) } } : {}),
    ...(over.publisher ? { provenance: { state: 'found', value: [{ version: '1.0', attested: true, publishers: [over.publisher] }] } } : {}),
    ...(over.publicMissing ? { publicPypi: { state: 'missing' } } : {}),
  };
}

function render(facts: PackageFacts | undefined, extra: Partial<HoverInput> = {}): string {
  return hoverMarkdown({
    dependency: req('evilpkg', '==1.0'),
    distributions: ['evilpkg'],
    findings: [],
    facts: new Map([['evilpkg', facts]]),
    lookup: 'done',
    popularity: pop,
    ...extra,
  });
}

/** Markdown links in the output: [text](target). */
const links = (md: string): string[] => [...md.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);

describe('hover: hostile index strings', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', 'http://github.com/evil/x', 'vscode://settings', 'command:workbench.action.terminal.new']) {
    it(`a source URL ${url.split(':')[0]}: is never a link`, () => {
      const md = render(factsWith({ json: { projectUrls: { Source: url }, homePage: url } }));
      for (const l of links(md)) assert.match(l, /^https:\/\//, `non-https link in:\n${md}`);
      assert.ok(!md.includes(`](${url}`), md);
    });
  }

  it('an https source URL with parentheses and spaces cannot end the link early', () => {
    const md = render(factsWith({ json: { projectUrls: { Source: 'https://github.com/a/b) [x](javascript:alert(1)' } } }));
    for (const l of links(md)) assert.match(l, /^https:\/\/[^\s()]*$/, md);
    assert.doesNotMatch(md, /\]\(javascript:/);
  });

  it('publisher repository / workflow / environment cannot break out of their code spans', () => {
    const md = render(factsWith({ publisher: { kind: 'GitHub`**x**', repository: 'a/b` [click](https://evil.example) `', workflow: '``` \n# Owned', environment: '`' } }));
    const line = md.split('\n').find((l) => l.includes('Provenance')) ?? '';
    assert.ok(line, md);
    // Outside code spans, nothing from the publisher is live markdown.
    const outside = line.replace(/\\./g, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    assert.doesNotMatch(outside, /\[click\]|\*\*x\*\*|# Owned/, line);
    assert.doesNotMatch(md, /\n# Owned/);
  });

  it('newlines in summaries, reasons and statuses cannot start headings, tables, lists or HTML', () => {
    const evil = 'fine\n# Heading\n| a | b |\n|---|---|\n- item\n<img src=x onerror=alert(1)>\n\n---\n';
    const md = render(factsWith({ json: { summary: evil, latestVersion: `1.0\n# v` }, status: { status: `archived\n# S`, reason: evil } }));
    for (const line of md.split('\n')) {
      assert.doesNotMatch(line, /^\s*(#|\||-{3}|- item|<img)/, `injected line "${line}" in:\n${md}`);
    }
    assert.doesNotMatch(md, /(?<!\\)<img/, 'HTML only escaped');
  });

  it('RTL overrides, zero-width and control characters are removed', () => {
    const md = render(factsWith({ json: { summary: 'safe\u202Egnp.exe\u200B\u200D\uFEFF\u2066x\u0007\u001b[31m' } }));
    assert.doesNotMatch(md, /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF\u0000-\u0008\u000B-\u001F\u007F]/u);
    assert.match(md, /safegnp\.exe/);
  });

  it('100 KB strings are capped', () => {
    const big = 'A'.repeat(100_000);
    const md = render(factsWith({ json: { summary: big, projectUrls: { Source: `https://github.com/${big}` } }, publisher: { kind: big, repository: big }, status: { status: 'archived', reason: big } }));
    assert.ok(md.length < 5_000, `hover is ${md.length} characters`);
  });
});

describe('hover: honest', () => {
  it('no "on PyPI" for an import while lookups are off, nor for a name the index does not have', () => {
    const imp: Dependency = { rawName: 'yaml', name: 'yaml', module: 'yaml', range: R, source: 'import' };
    const off = hoverMarkdown({ dependency: imp, distributions: ['pyyaml'], findings: [], facts: new Map(), lookup: 'off', popularity: pop });
    assert.doesNotMatch(off, /on PyPI\./);
    const missing: PackageFacts = { name: 'pyyaml', primary: { state: 'missing' }, extras: [] };
    const gone = hoverMarkdown({ dependency: imp, distributions: ['pyyaml'], findings: [], facts: new Map([['pyyaml', missing]]), lookup: 'done', popularity: pop });
    assert.doesNotMatch(gone, /Provided by \*\*pyyaml\*\* on PyPI/);
    assert.doesNotMatch(gone, /pypi\.org\/project/, 'no link to a page that does not exist');
  });

  it('"on PyPI" when the answer says so', () => {
    const imp: Dependency = { rawName: 'yaml', name: 'yaml', module: 'yaml', range: R, source: 'import' };
    const ok: PackageFacts = { name: 'pyyaml', primary: { state: 'found', value: { indexUrl: 'https://pypi.org/simple/', name: 'PyYAML', versions: ['6.0'], files: [] } }, extras: [] };
    assert.match(hoverMarkdown({ dependency: imp, distributions: ['pyyaml'], findings: [], facts: new Map([['pyyaml', ok]]), lookup: 'done', popularity: pop }), /Provided by \*\*pyyaml\*\* on PyPI/);
  });

  it('no "0 vulnerabilities" when the advisories lookup failed, or no version is pinned', () => {
    const failed = render(factsWith({ json: { vulnerabilitiesUnknown: 'JSON API answered HTTP 503' } }));
    assert.doesNotMatch(failed, /Known vulnerabilities \(pinned version\): 0/);
    assert.match(failed, /Known vulnerabilities \(pinned version\): unknown/);
    const unpinned = render(factsWith({ json: {} }), { dependency: req('evilpkg') });
    assert.doesNotMatch(unpinned, /Known vulnerabilities/);
    assert.match(render(factsWith({ json: {} })), /Known vulnerabilities \(pinned version\): 0/, 'a real answer of none is said');
  });

  it('no pypi.org link for a private package (privatePackages glob, or absent from public PyPI)', () => {
    assert.doesNotMatch(render(factsWith({}), { isPrivate: (n) => n.startsWith('evil') }), /pypi\.org/);
    assert.doesNotMatch(render(factsWith({ publicMissing: true })), /pypi\.org\/project/);
    assert.match(render(factsWith({})), /pypi\.org\/project\/evilpkg/);
  });

  it('"Resolves to" only when the PEP 503 name differs from what was typed', () => {
    assert.doesNotMatch(render(factsWith({})), /Resolves to/);
    assert.match(render(factsWith({}), { dependency: req('Evil_Pkg'), distributions: ['evil-pkg'] }), /Resolves to \*\*evil-pkg\*\* \(PEP 503 name\)/);
  });
});
