// Every registered format reaches every surface (issue 7 §5): the name decides its kind, the CLI's
// folder scan finds it and `pipwatch check` analyses it, the engine parses it through the registry,
// and workspace facts count what it declares. Real files from test/fixtures/formats/<id>/ when
// there are some (see SOURCES.md there), small inline samples for the older formats.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FORMAT_FILES } from '../../shared/formats';
import { analyzeOffline } from '../../server/src/assess/engine';
import { parseArgs } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/check';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { FORMATS } from '../../server/src/formats/registry';
import { documentKind } from '../../server/src/parse/document-kind';
import { buildWorkspaceFacts } from '../../server/src/workspace/facts';
import { scannedFiles, scanWorkspace } from '../../server/src/workspace/scan';

const FIXTURES = path.resolve(__dirname, '../fixtures/formats');

const INLINE: Record<string, string> = {
  requirements: 'flask==3.0.0\n',
  pyproject: '[project]\nname = "demo"\ndependencies = ["flask>=3"]\n',
  python: 'import flask\n',
  markdown: '```sh\npip install flask\n```\n',
  shell: 'pip install flask\n',
  dockerfile: 'FROM python:3.12\nRUN pip install flask\n',
  'ci-yaml': 'test:\n  script:\n    - pip install flask\n',
  makefile: 'install:\n\tpip install flask\n',
  'tox-ini': '[testenv]\ndeps = flask\n',
  notebook: JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: ['%pip install flask\n', 'import flask\n'], outputs: [] }] }),
};

/** A file name the format's patterns accept: its first pattern with the wildcards dropped. */
function canonicalName(id: string): string {
  const f = FORMAT_FILES.find((x) => x.id === id);
  assert.ok(f);
  for (const p of f.patterns) {
    const name = p.replace(/^\*\*\//, '').replace(/\*/g, '').replace(/\[[^\]]*\]/g, '-');
    if (documentKind(`/p/${name}`) === id) return name === '.py' ? 'app.py' : name;
  }
  throw new Error(`no plain file name for ${id}`);
}

function sample(id: string): string {
  const dir = path.join(FIXTURES, id);
  if (existsSync(dir)) {
    const first = readdirSync(dir).sort()[0];
    if (first) return readFileSync(path.join(dir, first), 'utf8');
  }
  const inline = INLINE[id];
  assert.ok(inline !== undefined, `format ${id} has a sample: add real files under test/fixtures/formats/${id}/`);
  return inline;
}

describe('every registered format reaches every surface', () => {
  let root: string;
  const placed = new Map<string, string>();
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pipwatch-formats-'));
    for (const f of FORMATS) {
      // One folder per format, so a manifest of one never changes the facts of another.
      const dir = path.join(root, f.id);
      mkdirSync(dir);
      const file = path.join(dir, canonicalName(f.id));
      writeFileSync(file, sample(f.id));
      placed.set(f.id, file);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const f of FORMATS) {
    it(`${f.id}: kind by name, engine parses it, scan finds it`, async () => {
      const file = placed.get(f.id) as string;
      assert.equal(documentKind(file), f.id);
      const a = analyzeOffline({ uri: file, text: readFileSync(file, 'utf8'), settings: DEFAULT_SETTINGS, workspace: { declared: new Set(), firstParty: new Set() } });
      assert.equal(a.kind, f.id);
      assert.ok(a.parsed.dependencies.length > 0, `${f.id}: dependencies parsed`);
      const scan = await scanWorkspace(path.dirname(file));
      assert.deepEqual(scannedFiles(scan), [file]);
      if (f.declares) {
        const facts = buildWorkspaceFacts(path.dirname(file), [{ path: file, text: readFileSync(file, 'utf8') }]);
        assert.ok(facts.declared.size > 0, `${f.id}: declares names for PW103`);
      }
    });
  }

  it('pipwatch check <folder> analyses a file of every format', async () => {
    const parsed = parseArgs(['check', '--offline', '--fail-on', 'never', root]);
    assert.equal(parsed.command, 'check');
    if (parsed.command !== 'check') return;
    const err: string[] = [];
    const code = await runCheck(parsed.options, { cwd: root, stdout: () => undefined, stderr: (s) => err.push(s) });
    assert.equal(code, 0, err.join('\n'));
    const summary = err.find((l) => /in \d+ files?$/.test(l)) ?? '';
    assert.match(summary, new RegExp(`in ${FORMATS.length} files$`), err.join('\n'));
  });
});
