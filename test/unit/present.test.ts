// Unit tests of the presentation layer (pure functions): findings -> diagnostics, quick fixes,
// manifest edits for "Add dependency", hover markdown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Dependency, Finding } from '../../server/src/core/types';
import type { PackageFacts } from '../../server/src/index/facts';
import { codeActionsFor, type ActionContext } from '../../server/src/present/code-actions';
import { readDiagnosticData, toDiagnostic } from '../../server/src/present/diagnostic';
import { esc, hoverMarkdown, popularityLine, type PopularityView } from '../../server/src/present/hover';
import { pyprojectInsertEdits, requirementsAppendEdit } from '../../server/src/present/manifest-edit';
import { applyEdits } from '../protocol/helpers/edits';

const R = (l: number, s: number, e: number) => ({ start: { line: l, character: s }, end: { line: l, character: e } });

const dep: Dependency = { rawName: 'reqeusts', name: 'reqeusts', range: R(0, 0, 8), source: 'requirements', specifier: '==2.31.0' };
const typo: Finding = {
  code: 'PW101',
  rule: 'typosquat',
  severity: 'error',
  message: "'reqeusts' looks like a typo of 'requests' (#6 on PyPI): two letters swapped",
  range: R(0, 0, 8),
  dependency: dep,
  fixes: [
    { kind: 'replace', title: "Replace with 'requests'", range: R(0, 0, 8), newText: 'requests', isPreferred: true },
    { kind: 'allowlist', title: "Add 'reqeusts' to the allowlist", name: 'reqeusts' },
  ],
  evidence: { target: 'requests' },
};

function ctx(over: Partial<ActionContext> = {}): ActionContext {
  return { uri: 'file:///p/requirements.txt', version: 4, documentChanges: true, createFiles: true, ...over };
}

describe('toDiagnostic', () => {
  it('maps code, source, docs link, severity and carries exactly the fix data', () => {
    const d = toDiagnostic(typo, 4);
    assert.equal(d.source, 'pipwatch');
    assert.equal(d.code, 'PW101');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.codeDescription?.href, 'https://github.com/pipwatch/pipwatch/blob/main/README.md#pw101');
    assert.deepEqual(d.data, { fixes: typo.fixes, version: 4, name: 'reqeusts' });
    assert.equal(d.tags, undefined);
    assert.equal(toDiagnostic({ ...typo, severity: 'hint' }, 1).severity, DiagnosticSeverity.Hint);
    assert.equal(toDiagnostic({ ...typo, severity: 'information' }, 1).severity, DiagnosticSeverity.Information);
  });

  it('readDiagnosticData drops malformed fixes a client might send back', () => {
    const d = readDiagnosticData({ version: 2, fixes: [{ kind: 'replace', title: 'x' }, { kind: 'allowlist', title: 'a', name: 'n' }, 5, null] });
    assert.deepEqual(d, { version: 2, fixes: [{ kind: 'allowlist', title: 'a', name: 'n' }] });
    assert.equal(readDiagnosticData('nope'), undefined);
    assert.equal(readDiagnosticData({ fixes: 'x' }), undefined);
  });
});

describe('codeActionsFor', () => {
  it('replace -> preferred, versioned TextDocumentEdit; allowlist -> command; preferred first', () => {
    const actions = codeActionsFor(ctx(), [toDiagnostic(typo, 4)]);
    assert.equal(actions.length, 2);
    const [fix, allow] = actions;
    assert.equal(fix!.isPreferred, true);
    assert.equal(fix!.kind, 'quickfix');
    const tde = fix!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(tde.textDocument, { uri: 'file:///p/requirements.txt', version: 4 });
    assert.equal(applyEdits('reqeusts==2.31.0\n', tde.edits as never), 'requests==2.31.0\n');
    assert.deepEqual(allow!.command, { title: "Add 'reqeusts' to the allowlist", command: 'pipwatch.server.addToAllowlist', arguments: ['reqeusts'] });
  });

  it('refuses replacements for a stale version but still offers the allowlist', () => {
    const actions = codeActionsFor(ctx({ version: 5 }), [toDiagnostic(typo, 4)]);
    assert.deepEqual(actions.map((a) => a.command?.command), ['pipwatch.server.addToAllowlist']);
  });

  it('ignores diagnostics of other sources and de-duplicates per name', () => {
    const other = { ...toDiagnostic(typo, 4), source: 'ruff' };
    const actions = codeActionsFor(ctx(), [other, toDiagnostic(typo, 4), toDiagnostic(typo, 4)]);
    assert.equal(actions.length, 2);
  });

  it('accepts a diagnostic whose `source` a client dropped when its code is a Pipwatch code', () => {
    const { source: _s, ...noSource } = toDiagnostic(typo, 4);
    assert.equal(codeActionsFor(ctx(), [noSource]).length, 2);
    assert.equal(codeActionsFor(ctx(), [{ ...noSource, code: 'E501' }]).length, 0);
  });

  it('clients without documentChanges get plain `changes`', () => {
    const [fix] = codeActionsFor(ctx({ documentChanges: false }), [toDiagnostic(typo, 4)]);
    assert.deepEqual(fix!.edit, { changes: { 'file:///p/requirements.txt': [{ range: R(0, 0, 8), newText: 'requests' }] } });
  });

  const undeclared: Finding = {
    code: 'PW103',
    rule: 'undeclared-import',
    severity: 'hint',
    message: "'yaml' is imported but not declared",
    range: R(0, 7, 11),
    fixes: [{ kind: 'add-dependency', title: "Add 'PyYAML' to requirements", name: 'PyYAML' }],
  };
  const pyUri = 'file:///p/app.py';

  it('add-dependency appends to the nearest requirements file (unversioned when not open)', () => {
    const [a] = codeActionsFor(ctx({ uri: pyUri, manifest: () => ({ kind: 'requirements', uri: 'file:///p/requirements.txt', text: 'flask', version: null }) }), [toDiagnostic(undeclared, 4)]);
    const tde = (a!.edit as WorkspaceEdit).documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(tde.textDocument, { uri: 'file:///p/requirements.txt', version: null });
    assert.equal(applyEdits('flask', tde.edits as never), 'flask\nPyYAML\n');
  });

  it('add-dependency creates requirements.txt only when the client supports CreateFile', () => {
    const target = () => ({ kind: 'create' as const, uri: 'file:///p/requirements.txt' });
    const [a] = codeActionsFor(ctx({ uri: pyUri, manifest: target }), [toDiagnostic(undeclared, 4)]);
    const ops = a!.edit!.documentChanges!;
    assert.deepEqual(ops[0], { kind: 'create', uri: 'file:///p/requirements.txt', options: { ignoreIfExists: true } });
    assert.equal(((ops[1] as TextDocumentEdit).edits[0] as { newText: string }).newText, 'PyYAML\n');
    assert.deepEqual(codeActionsFor(ctx({ uri: pyUri, manifest: target, createFiles: false }), [toDiagnostic(undeclared, 4)]), []);
  });
});

describe('manifest edits', () => {
  it('requirements: appends on a new line, keeping CRLF files CRLF', () => {
    assert.equal(applyEdits('a\n', [requirementsAppendEdit('a\n', 'b')]), 'a\nb\n');
    assert.equal(applyEdits('', [requirementsAppendEdit('', 'b')]), 'b\n');
    assert.equal(applyEdits('a\r\nc', [requirementsAppendEdit('a\r\nc', 'b')]), 'a\r\nc\r\nb\r\n');
  });

  const apply = (text: string, name = 'pyyaml') => {
    const e = pyprojectInsertEdits(text, name);
    return e ? applyEdits(text, e) : undefined;
  };

  it('pyproject: one element per line, with and without trailing comma', () => {
    assert.equal(apply('[project]\ndependencies = [\n  "a",\n  "b", # c\n]\n'), '[project]\ndependencies = [\n  "a",\n  "b", # c\n  "pyyaml",\n]\n');
    assert.equal(apply('[project]\ndependencies = [\n    "a"\n]\n'), '[project]\ndependencies = [\n    "a",\n    "pyyaml"\n]\n');
  });

  it('pyproject: one-line and empty arrays, missing key, Poetry, invalid TOML', () => {
    assert.equal(apply('[project]\ndependencies = ["a", "b"]\n'), '[project]\ndependencies = ["a", "b", "pyyaml"]\n');
    assert.equal(apply('[project]\ndependencies = []\n'), '[project]\ndependencies = ["pyyaml"]\n');
    assert.equal(apply('[project]\nname = "x"\n\n[tool.x]\ny = 1\n'), '[project]\nname = "x"\ndependencies = [\n    "pyyaml",\n]\n\n[tool.x]\ny = 1\n');
    assert.equal(apply('[tool.poetry.dependencies]\npython = "^3.9"\n'), '[tool.poetry.dependencies]\npython = "^3.9"\npyyaml = "*"\n');
    assert.equal(apply('[project\n'), undefined);
    assert.equal(apply('[tool.black]\nx = 1\n'), undefined);
  });
});

describe('hover markdown', () => {
  const pop: PopularityView = { rank: (n) => ({ requests: 6, flask: 40 })[n], snapshotDate: '2026-11', size: 15000 };

  it('popularity line in both cases', () => {
    assert.equal(popularityLine('requests', pop), '#6 of the 15,000 most downloaded on PyPI, snapshot 2026-11');
    assert.equal(popularityLine('reqeusts', pop), 'not among the 15,000 most downloaded on PyPI, snapshot 2026-11');
  });

  it('names the dependency, every finding with its reason, the PyPI link, and the lookup state', () => {
    const md = hoverMarkdown({ dependency: dep, distributions: ['reqeusts'], findings: [typo], facts: new Map(), lookup: 'pending', popularity: pop });
    assert.match(md, /requirement `reqeusts==2\.31\.0`/);
    assert.match(md, /Error PW101: 'reqeusts' looks like a typo of 'requests' \(#6 on PyPI\): two letters swapped/);
    assert.match(md, /\[pypi\.org\/project\/reqeusts\]\(https:\/\/pypi\.org\/project\/reqeusts\/\)/);
    assert.match(md, /Looking up on the index…/);
    assert.match(hoverMarkdown({ dependency: dep, distributions: ['reqeusts'], findings: [], facts: new Map(), lookup: 'off', popularity: pop }), /No findings[\s\S]*lookups are off/);
  });

  it('renders index facts: summary, latest version and date, status, provenance, vulnerabilities, source link', () => {
    const facts: PackageFacts = {
      name: 'requests',
      primary: { state: 'found', value: { indexUrl: 'x', name: 'requests', versions: ['2.32.3'], files: [], status: { status: 'archived', reason: 'moved' } } },
      extras: [],
      json: {
        state: 'found',
        value: {
          name: 'requests',
          summary: 'Python HTTP for *Humans*.',
          latestVersion: '2.32.3',
          classifiers: [],
          projectUrls: { Source: 'https://github.com/psf/requests' },
          releases: { '2.32.3': { uploadTime: '2024-05-29T15:37:49Z', yanked: false } },
          vulnerabilities: [{ id: 'GHSA-x', aliases: [], fixedIn: [] }],
        },
      },
      provenance: { state: 'found', value: [{ version: '2.32.3', attested: true, publishers: [{ kind: 'GitHub', repository: 'psf/requests', workflow: 'publish.yml', environment: 'pypi' }] }] },
      osvProject: { state: 'found', value: [{ id: 'MAL-2024-1' }] },
    };
    const md = hoverMarkdown({
      dependency: { ...dep, rawName: 'requests', name: 'requests' },
      distributions: ['requests'],
      findings: [],
      facts: new Map([['requests', facts]]),
      lookup: 'done',
      popularity: pop,
    });
    assert.match(md, /Python HTTP for \\\*Humans\\\*\./, 'summary is escaped markdown');
    assert.match(md, /Latest version: 2\.32\.3 \(2024-05-29\)/);
    assert.match(md, /Status: archived \(moved\)/);
    assert.match(md, /publisher GitHub, repository `psf\/requests`, workflow `publish\.yml`, environment `pypi`/);
    assert.match(md, /Known vulnerabilities \(pinned version\): 1/);
    assert.match(md, /MAL-2024-1/);
    assert.match(md, /\[Source repository\]\(https:\/\/github\.com\/psf\/requests\)/);
    assert.doesNotMatch(md, /Looking up/);
  });

  it('imports name the distributions they come from', () => {
    const imp: Dependency = { rawName: 'yaml', name: 'yaml', module: 'yaml', range: R(0, 7, 11), source: 'import' };
    const md = hoverMarkdown({ dependency: imp, distributions: ['pyyaml'], findings: [], facts: new Map(), lookup: 'off', popularity: pop });
    assert.match(md, /import `yaml`/);
    // Lookups are off: nothing confirmed the project is on PyPI (issue 8 §6), so the hover does not say so.
    assert.match(md, /Provided by \*\*pyyaml\*\*\./);
  });

  it('esc neutralises markdown in untrusted text', () => {
    assert.equal(esc('a_b*c[d](e)`f`<g>'), 'a\\_b\\*c\\[d\\](e)\\`f\\`\\<g\\>');
  });
});
