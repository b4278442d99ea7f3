// Conformance (issue 7 §1): the lists that must agree, agree. Every format has its module, its
// registry line, its file names in shared/formats.json, its README row and a test; every code has
// its rule in a registry list, its README row and a test; package.json's patterns equal the
// registry's; layer imports only point down; there is one PEP 503 normaliser.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FORMAT_FILES, globToRegExp } from '../../shared/formats';
import { INDEX_RULES } from '../../server/src/assess/rules/index-rules';
import { OFFLINE_RULES } from '../../server/src/assess/rules/offline-rules';
import { CODES } from '../../server/src/core/codes';
import { FORMATS } from '../../server/src/formats/registry';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, e);
    if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel, out);
    else if (/\.(ts|js|mjs)$/.test(e)) out.push(rel.split(path.sep).join('/'));
  }
  return out;
}

/** The DocumentKind ids, read from the union in core/types.ts (the single place they are named). */
function documentKinds(): string[] {
  const src = read('server/src/core/types.ts');
  const union = /export type DocumentKind =([\s\S]*?);/.exec(src)?.[1] ?? '';
  return [...union.matchAll(/\|\s*'([a-z0-9-]+)'/g)].map((m) => m[1] as string);
}

const README = read('README.md');
const TESTS = [...walk('test/unit'), ...walk('test/protocol')].filter((f) => f.endsWith('.test.ts'));
const TEST_TEXT = TESTS.map((f) => read(f));

function readmeSection(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('formats: module, registry line, file names, README row, test', () => {
  const kinds = documentKinds();
  it('reads the DocumentKind union', () => {
    assert.ok(kinds.includes('requirements') && kinds.includes('unknown'), kinds.join(','));
  });

  it('every registered format is a DocumentKind, once, with a module file named after it', () => {
    const ids = FORMATS.map((f) => f.id as string);
    assert.equal(new Set(ids).size, ids.length, 'no format registered twice');
    for (const f of FORMATS) {
      assert.ok(kinds.includes(f.id) && (f.id as string) !== 'unknown', `${f.id} is a DocumentKind`);
      assert.ok(existsSync(path.join(ROOT, `server/src/formats/${f.id}.ts`)), `server/src/formats/${f.id}.ts exists`);
      assert.ok(f.label.length > 0 && f.reads.length > 0, `${f.id} has a label and says what it reads`);
    }
  });

  it('shared/formats.json names the files of exactly the registered formats', () => {
    assert.deepEqual(FORMAT_FILES.map((f) => f.id).sort(), FORMATS.map((f) => f.id as string).sort());
    for (const f of FORMAT_FILES) {
      assert.ok(f.patterns.length > 0, `${f.id} has file name patterns`);
      for (const g of [...f.patterns, ...(f.exclude ?? []), ...(f.languagePatterns ?? [])]) {
        assert.match(g, /^\*\*\//, `${f.id}: ${g} is matched at any depth`);
        assert.doesNotThrow(() => globToRegExp(g));
      }
    }
  });

  it('every format module file is in the registry (no parser left unwired)', () => {
    const registered = new Set(FORMATS.map((f) => `${f.id}.ts`));
    for (const file of readdirSync(path.join(ROOT, 'server/src/formats'))) {
      if (file === 'registry.ts' || file === 'format.ts') continue;
      assert.ok(registered.has(file), `server/src/formats/${file} is registered in formats/registry.ts`);
    }
  });

  it('every format has a README formats-table row (its label in the first column)', () => {
    const section = readmeSection('Formats');
    const firstCells = [...section.matchAll(/^\| ([^|]+?) \|/gm)].map((m) => m[1]);
    for (const f of FORMATS) assert.ok(firstCells.includes(f.label), `README formats row for '${f.label}'`);
  });

  it('every format has a test that imports its parser', () => {
    for (const f of FORMATS) {
      const src = read(`server/src/formats/${f.id}.ts`);
      const parsers = [...src.matchAll(/from '\.\.\/parse\/([^']+)'/g)].map((m) => m[1] as string);
      assert.ok(parsers.length > 0, `${f.id} reads through a parse/ module`);
      for (const p of parsers) {
        const tested = TEST_TEXT.some((t) => t.includes(`server/src/parse/${p}'`) || t.includes(`server/src/formats/${f.id}'`));
        assert.ok(tested, `a test imports server/src/parse/${p} (format ${f.id})`);
      }
    }
  });
});

describe('rules: registry line, README row, test', () => {
  const rules = [...OFFLINE_RULES, ...INDEX_RULES];
  const codesSection = readmeSection('Codes');
  for (const [key, info] of Object.entries(CODES)) {
    it(`${info.code} ${info.rule}`, () => {
      // PW001 is the engine's own (parse problems), not a rule module.
      if (key !== 'parse') {
        assert.ok(rules.some((r) => r.info.code === info.code), `${info.code} has a rule in offline-rules.ts or index-rules.ts`);
      }
      const row = new RegExp(`^\\| <a id="${info.code.toLowerCase()}"></a>${info.code} \\| ${info.rule} \\|`, 'm');
      assert.match(codesSection, row, `README codes row for ${info.code} (${info.rule})`);
      assert.ok(
        TEST_TEXT.some((t) => t.includes(`CODES.${key}`) || t.includes(`'${info.code}'`) || t.includes(`"${info.code}"`)),
        `a test asserts ${info.code} (CODES.${key})`,
      );
    });
  }
  it('every rule in the lists has a code of its own', () => {
    const codes = rules.map((r) => r.info.code);
    for (const c of codes) assert.ok(Object.values(CODES).some((i) => i.code === c), c);
  });
});

describe('package.json agrees with shared/formats.json', () => {
  const pkg = JSON.parse(read('package.json')) as {
    activationEvents: string[];
    contributes: { languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[] };
  };
  it('each contributed language has exactly the patterns of its format', () => {
    for (const lang of pkg.contributes.languages) {
      const format = FORMAT_FILES.find((f) => f.languageIds.includes(lang.id));
      assert.ok(format, `language ${lang.id} belongs to a format`);
      assert.deepEqual([...(lang.filenamePatterns ?? [])].sort(), [...(format.languagePatterns ?? format.patterns)].sort(), lang.id);
      for (const n of lang.filenames ?? []) {
        assert.ok(format.patterns.some((g) => globToRegExp(g).test(`/p/${n}`)), `${n} is a ${format.id} file name`);
      }
    }
  });
  it('the extension activates for every format', () => {
    for (const f of FORMAT_FILES) {
      const byLanguage = f.languageIds.some((l) => pkg.activationEvents.includes(`onLanguage:${l}`));
      const byFile = f.patterns.some((p) => pkg.activationEvents.includes(`workspaceContains:${p}`));
      assert.ok(byLanguage || byFile, `${f.id}: onLanguage:<${f.languageIds.join('|')}> or workspaceContains:<one of its patterns>`);
    }
  });
});

// Allowed import targets per layer (docs/architecture.md): data flows parse -> identify -> assess ->
// present; only lsp/ touches the connection; the client sees only the shared modules.
const LAYERS: Record<string, string[]> = {
  'shared': ['shared'],
  'server/src/core': ['server/src/core', 'shared'],
  'server/src/identify': ['server/src/core', 'server/src/identify', 'shared'],
  'server/src/parse': ['server/src/core', 'server/src/identify', 'server/src/parse', 'shared'],
  'server/src/formats': ['server/src/core', 'server/src/identify', 'server/src/parse', 'server/src/formats', 'shared'],
  'server/src/index': ['server/src/core', 'server/src/identify', 'server/src/index', 'shared', 'package.json'],
  'server/src/assess': ['server/src/core', 'server/src/identify', 'server/src/parse', 'server/src/formats', 'server/src/index', 'server/src/assess', 'shared'],
  'server/src/present': ['server/src/core', 'server/src/identify', 'server/src/parse', 'server/src/index', 'server/src/assess', 'server/src/present', 'shared'],
  'server/src/workspace': ['server/src/core', 'server/src/identify', 'server/src/parse', 'server/src/formats', 'server/src/assess', 'server/src/workspace', 'shared'],
  'client/src': ['client/src', 'shared'],
};
/** Packages that only one layer may use: the connection (lsp, present's types) and the network (index). */
const PACKAGE_OWNERS: [RegExp, string[]][] = [
  [/^vscode-languageserver(\/|$)/, ['server/src/lsp', 'server/src/present', 'server/src/server.ts']],
  [/^undici(\/|$)/, ['server/src/index']],
  [/^vscode(-languageclient)?(\/|$)/, ['client/src']],
];

function importsOf(file: string): string[] {
  const src = read(file);
  return [...src.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (m) => (m[1] ?? m[2] ?? m[3]) as string,
  );
}

function layerOf(rel: string): string | undefined {
  return Object.keys(LAYERS).find((l) => rel === l || rel.startsWith(`${l}/`));
}

describe('layers: imports only point down', () => {
  const files = [...walk('shared'), ...walk('server/src'), ...walk('client/src')];
  it('has files to check', () => assert.ok(files.length > 50, String(files.length)));
  it('relative imports stay inside the allowed layers', () => {
    const bad: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          if (!layer) continue; // lsp/, cli/, server.ts may use any layer below them
          const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep).join('/');
          if (!LAYERS[layer]?.some((allowed) => target === allowed || target.startsWith(`${allowed}/`))) bad.push(`${file} -> ${spec}`);
        } else {
          for (const [re, owners] of PACKAGE_OWNERS) {
            if (re.test(spec) && !owners.some((o) => file === o || file.startsWith(`${o}/`))) bad.push(`${file} -> ${spec}`);
          }
        }
      }
    }
    assert.deepEqual(bad, []);
  });
  it('the CLI never imports the language server glue, and the server never imports the CLI', () => {
    const bad = files.filter(
      (f) =>
        (f.startsWith('server/src/cli/') && importsOf(f).some((s) => s.includes('/lsp/'))) ||
        ((f.startsWith('server/src/lsp/') || f === 'server/src/server.ts') && importsOf(f).some((s) => s.includes('/cli/'))),
    );
    assert.deepEqual(bad, []);
  });
  it('the import scanner sees real imports (self-check)', () => {
    assert.ok(importsOf('client/src/extension.ts').some((s) => s.includes('shared/protocol')));
    assert.ok(importsOf('server/src/assess/engine.ts').includes('../formats/registry'));
  });
});

describe('one PEP 503 normaliser', () => {
  it('no other copy of the rule in shared/, server/src or client/src', () => {
    const copies = [...walk('shared'), ...walk('server/src'), ...walk('client/src')].filter(
      (f) => f !== 'shared/pep503.ts' && /replace\(\/\[-_\.\]\+\/g/.test(read(f)),
    );
    assert.deepEqual(copies, []);
  });
});
