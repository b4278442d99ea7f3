// The start-up race (issue 8 §7): a document analysed while the workspace scan is still running
// must not get findings made from half-built facts (a false PW103 "undeclared import" for a name
// the workspace declares), and the quick fix must edit the manifest its title names. The scan's
// disk access is injected, so the test decides exactly when the facts resolve: no sleeps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../server/src/core/settings';
import { Validator } from '../../server/src/lsp/diagnostics';
import type { Logger } from '../../server/src/lsp/log';
import type { SettingsStore } from '../../server/src/lsp/settings-store';
import { WorkspaceState, type WorkspaceIo } from '../../server/src/lsp/workspace-state';
import type { ScanResult } from '../../server/src/workspace/scan';

const log: Logger = { error() {}, warn() {}, info() {}, debug() {}, once() {}, reset() {} };

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** A workspace on "disk" whose scan finishes only when the test opens the gate. */
function gatedIo(files: Record<string, string>, g: Promise<void>): WorkspaceIo {
  return {
    async scan(): Promise<ScanResult> {
      await g;
      const paths = Object.keys(files).sort();
      return { requirements: paths.filter((p) => p.endsWith('.txt')), pyprojects: paths.filter((p) => p.endsWith('.toml')), python: paths.filter((p) => p.endsWith('.py')) };
    },
    read: async (p) => ({ ok: true, text: files[p] ?? '' }),
  };
}

function harness(files: Record<string, string>, readyWaitMs = 60_000) {
  const g = gate();
  let invalidations = 0;
  let validator!: Validator;
  const ws = new WorkspaceState(log, () => {
    invalidations++;
    validator.invalidateAll();
  }, { io: gatedIo(files, g.promise), readyWaitMs });
  ws.setFolders(['file:///w']);
  const docs = new Map<string, TextDocument>();
  const documents = { get: (u: string) => docs.get(u), all: () => [...docs.values()], keys: () => [...docs.keys()] } as unknown as TextDocuments<TextDocument>;
  const published: { uri: string; codes: string[] }[] = [];
  const connection = {
    sendDiagnostics: async (p: { uri: string; diagnostics: { code?: unknown }[] }) => void published.push({ uri: p.uri, codes: p.diagnostics.map((d) => String(d.code)) }),
    languages: { diagnostics: { refresh: async () => undefined } },
  } as unknown as Connection;
  const settings = normalizeSettings({ offline: true });
  validator = new Validator({
    connection,
    documents,
    log,
    mode: 'pull',
    refreshSupport: true,
    settings: { get: async () => settings } as unknown as SettingsStore,
    workspaceFacts: (u) => ws.factsFor(u),
    workspaceReady: (u) => ws.ready(u),
    readFile: () => undefined,
    indexClient: () => undefined,
    debounceMs: 1,
  });
  const scan = ws.scanAll();
  return { ws, validator, docs, published, gate: g, scan, invalidations: () => invalidations };
}

const FILES = { '/w/pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask"]\n', '/w/app/main.py': 'import flask\nimport app\n' };

describe('workspace facts race', () => {
  it('analysis waits for the facts: no PW103 for a declared name, and the fix targets the nearest manifest', async () => {
    const h = harness(FILES);
    const uri = 'file:///w/app/main.py';
    h.docs.set(uri, TextDocument.create(uri, 'python', 1, 'import flask\nimport yaml\n'));
    assert.equal(h.ws.factsFor(uri).pending, true, 'facts are pending while the scan runs');
    let settled = false;
    const req = h.validator.request(uri).then((r) => ((settled = true), r));
    // Let every queued microtask and timer run: the request must still wait for the facts.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, 'no result from pending facts');
    h.gate.open();
    const r = await req;
    assert.ok(r);
    const pw103 = r.findings.filter((f) => f.code === 'PW103');
    assert.deepEqual(pw103.map((f) => f.message.match(/'([^']+)'/)?.[1]), ['yaml'], 'flask is declared: only yaml is undeclared');
    const fix = pw103[0]!.fixes[0]!;
    assert.equal(fix.title, "Add 'PyYAML' to pyproject.toml");
    assert.deepEqual(fix.target, { uri: 'file:///w/pyproject.toml', kind: 'pyproject' }, 'title and edit from one snapshot');
    await h.scan;
    assert.equal(h.ws.factsFor(uri).pending, undefined);
  });

  it('when the wait runs out, facts-based findings are left out (never made from pending facts) and come once facts land', async () => {
    const h = harness(FILES, 1);
    const uri = 'file:///w/app/main.py';
    h.docs.set(uri, TextDocument.create(uri, 'python', 1, 'import flask\nimport yaml\n'));
    const early = await h.validator.request(uri);
    assert.ok(early);
    assert.deepEqual(early.findings.filter((f) => f.code === 'PW103'), [], 'no PW103 at all from pending facts');
    h.gate.open();
    await h.scan;
    assert.equal(h.invalidations(), 1, 'documents analysed from pending facts are analysed again');
    const late = await h.validator.request(uri);
    assert.deepEqual(late?.findings.filter((f) => f.code === 'PW103').map((f) => f.message.match(/'([^']+)'/)?.[1]), ['yaml']);
  });

  it('a file outside every folder does not wait', async () => {
    const h = harness(FILES);
    await h.ws.ready('file:///elsewhere/x.py');
    h.gate.open();
    await h.scan;
  });
});
