// Tokenisation tests for the pip-requirements TextMate grammar, run with the same engine VS Code
// uses (vscode-textmate + the Oniguruma WASM build), so a scope asserted here is what users see.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'pip-requirements.tmLanguage.json');
const SCOPE = 'source.pip-requirements';

interface Token {
  text: string;
  scopes: string[];
}

let grammar: tm.IGrammar;

before(async () => {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM({ data: wasm });
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE ? tm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const g = await registry.loadGrammar(SCOPE);
  assert.ok(g, 'grammar loads');
  grammar = g;
});

/** Tokenises lines as an editor does: the rule stack carries over from one line to the next. */
function tokenize(text: string): Token[][] {
  let stack = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token whose text is exactly `text` (the nth such token). */
function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const hits = tokens.filter((t) => t.text === text);
  assert.ok(hits[nth], `no token '${text}' in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return hits[nth].scopes;
}

function hasScope(tokens: Token[], text: string, prefix: string, nth = 0): void {
  const scopes = scopesOf(tokens, text, nth);
  assert.ok(
    scopes.some((s) => s === prefix || s.startsWith(prefix + '.')),
    `'${text}' has scopes ${scopes.join(' ')}, expected ${prefix}`,
  );
}

function lacksScope(tokens: Token[], text: string, prefix: string): void {
  const scopes = scopesOf(tokens, text);
  assert.ok(!scopes.some((s) => s.startsWith(prefix)), `'${text}' unexpectedly has ${prefix}: ${scopes.join(' ')}`);
}

const line = (s: string): Token[] => tokenize(s)[0]!;

describe('pip-requirements grammar', () => {
  test('comments: whole line and trailing, but not a URL fragment', () => {
    const full = line('# pinned for CVE-2023-1234');
    hasScope(full, '#', 'punctuation.definition.comment');
    hasScope(full, ' pinned for CVE-2023-1234', 'comment.line.number-sign');
    const trailing = line('requests==2.31.0  # HTTP');
    hasScope(trailing, 'requests', 'entity.name.type.package');
    hasScope(trailing, ' HTTP', 'comment.line.number-sign');
    const frag = line('git+https://github.com/psf/requests.git@v2.31.0#egg=requests');
    hasScope(frag, 'git+https://github.com/psf/requests.git@v2.31.0#egg=requests', 'markup.underline.link');
  });

  test('package name, extras and version specifiers', () => {
    const t = line('Django[argon2, bcrypt]>=4.2,<5.0');
    hasScope(t, 'Django', 'entity.name.type.package');
    hasScope(t, '[', 'punctuation.section.brackets.begin');
    hasScope(t, 'argon2', 'variable.parameter.extra');
    hasScope(t, 'bcrypt', 'variable.parameter.extra');
    hasScope(t, ']', 'punctuation.section.brackets.end');
    hasScope(t, '>=', 'keyword.operator.comparison.version');
    hasScope(t, '4.2', 'constant.numeric.version');
    hasScope(t, '<', 'keyword.operator.comparison.version');
    hasScope(t, '5.0', 'constant.numeric.version');
    hasScope(t, ',', 'punctuation.separator.comma', 1);
    for (const op of ['~=', '===', '!=', '==']) {
      const u = line(`zope.interface${op}6.0.*`);
      hasScope(u, 'zope.interface', 'entity.name.type.package');
      hasScope(u, op, 'keyword.operator.comparison.version');
      hasScope(u, '6.0.*', 'constant.numeric.version');
    }
  });

  test('environment markers after ";": variables, operators, strings', () => {
    const t = line(`pywin32>=306 ; sys_platform == "win32" and python_version not in '3.8'`);
    hasScope(t, ';', 'punctuation.separator.marker');
    hasScope(t, 'sys_platform', 'variable.language.marker');
    hasScope(t, '==', 'keyword.operator.comparison.marker');
    hasScope(t, 'win32', 'string.quoted.double');
    hasScope(t, 'and', 'keyword.operator.logical');
    hasScope(t, 'python_version', 'variable.language.marker');
    hasScope(t, 'not in', 'keyword.operator.comparison.marker');
    hasScope(t, '3.8', 'string.quoted.single');
    // A marker's '==' is not a version specifier of the requirement.
    lacksScope(t, '==', 'keyword.operator.comparison.version');
  });

  test('name @ url (PEP 508 direct reference) with a marker', () => {
    const t = line('pip @ https://github.com/pypa/pip/archive/22.0.2.zip ; extra == "dev"');
    hasScope(t, 'pip', 'entity.name.type.package');
    hasScope(t, '@', 'keyword.operator.at');
    hasScope(t, 'https://github.com/pypa/pip/archive/22.0.2.zip', 'markup.underline.link');
    hasScope(t, 'extra', 'variable.language.marker');
  });

  test('includes and index options with their values', () => {
    const r = line('-r requirements/base.txt');
    hasScope(r, '-r', 'keyword.other.option');
    hasScope(r, 'requirements/base.txt', 'string.unquoted.path');
    const c = line('--constraint=constraints.txt');
    hasScope(c, '--constraint', 'keyword.other.option');
    hasScope(c, '=', 'keyword.operator.assignment');
    hasScope(c, 'constraints.txt', 'string.unquoted.path');
    const i = line('--index-url https://pypi.example.com/simple/');
    hasScope(i, '--index-url', 'keyword.other.option');
    hasScope(i, 'https://pypi.example.com/simple/', 'markup.underline.link');
    const x = line('--extra-index-url=https://download.pytorch.org/whl/cpu');
    hasScope(x, '--extra-index-url', 'keyword.other.option');
    hasScope(x, 'https://download.pytorch.org/whl/cpu', 'markup.underline.link');
    const short = line('-i https://mirror.example/simple');
    hasScope(short, '-i', 'keyword.other.option');
    const e = line('-e git+https://github.com/org/proj.git#egg=proj');
    hasScope(e, '-e', 'keyword.other.option');
    hasScope(e, 'git+https://github.com/org/proj.git#egg=proj', 'markup.underline.link');
    const ed = line('--editable ./libs/core');
    hasScope(ed, './libs/core', 'string.unquoted.path');
  });

  test('flags such as --pre and --require-hashes', () => {
    hasScope(line('--pre'), '--pre', 'keyword.other.option');
    hasScope(line('--require-hashes'), '--require-hashes', 'keyword.other.option');
    const nb = line('--no-binary :all:');
    hasScope(nb, '--no-binary', 'keyword.other.option');
    hasScope(nb, ':all:', 'string.unquoted.option-value');
  });

  test('--hash with the algorithm and digest highlighted, across a continuation', () => {
    const digest = 'a'.repeat(16) + '0123456789abcdef';
    const lines = tokenize(`certifi==2024.2.2 \\\n    --hash=sha256:${digest} \\\n    --hash=sha256:${'f'.repeat(64)}\nidna==3.6`);
    hasScope(lines[0]!, 'certifi', 'entity.name.type.package');
    hasScope(lines[0]!, '\\', 'constant.character.escape.line-continuation');
    hasScope(lines[1]!, '--hash', 'keyword.other.option');
    hasScope(lines[1]!, 'sha256', 'support.type.hash-algorithm');
    hasScope(lines[1]!, ':', 'punctuation.separator.hash');
    hasScope(lines[1]!, digest, 'constant.other.hash');
    hasScope(lines[2]!, 'f'.repeat(64), 'constant.other.hash');
    // The continuation ends with the last line: the next line is a fresh requirement.
    hasScope(lines[3]!, 'idna', 'entity.name.type.package');
    hasScope(lines[3]!, '3.6', 'constant.numeric.version');
  });

  test('environment variables in URLs and option values', () => {
    const t = line('--index-url https://${PYPI_USER}:${PYPI_TOKEN}@pypi.corp.example/simple/');
    hasScope(t, 'PYPI_USER', 'variable.other.environment.name');
    hasScope(t, '${', 'punctuation.definition.variable.begin');
    hasScope(t, 'PYPI_TOKEN', 'variable.other.environment');
    hasScope(t, 'PYPI_TOKEN', 'markup.underline.link');
  });

  test('local paths and archives are paths, not package names', () => {
    hasScope(line('./vendor/mylib'), './vendor/mylib', 'string.unquoted.path');
    hasScope(line('.'), '.', 'string.unquoted.path');
    const whl = line('dist/pkg-1.0-py3-none-any.whl');
    hasScope(whl, 'dist/pkg-1.0-py3-none-any.whl', 'string.unquoted.path');
    lacksScope(whl, 'dist/pkg-1.0-py3-none-any.whl', 'entity.name');
  });

  test('a typo name is tokenised like any name; odd input does not throw', () => {
    hasScope(line('reqeusts'), 'reqeusts', 'entity.name.type.package');
    hasScope(line('  numpy'), 'numpy', 'entity.name.type.package');
    // Unterminated extras and strings, stray operators, a long line: tokenising must still finish.
    for (const odd of ['foo[bar', 'x ; os_name == "nt', '>=1.0', '\u0000\u0001', 'a'.repeat(100_000), '[]]]', '--hash=']) {
      const toks = line(odd);
      assert.equal(toks.map((t) => t.text).join(''), odd, 'tokens cover the line exactly');
    }
  });
});

describe('pip-requirements contributions', () => {
  test('package.json points at this grammar and a language configuration with # comments', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: { language: string; scopeName: string; path: string }[]; languages: { id: string; configuration?: string }[] };
    };
    const g = pkg.contributes.grammars.find((x) => x.language === 'pip-requirements');
    assert.ok(g, 'grammar contributed');
    assert.equal(g.scopeName, SCOPE);
    assert.equal(join(ROOT, g.path), GRAMMAR_PATH);
    const lang = pkg.contributes.languages.find((x) => x.id === 'pip-requirements');
    assert.ok(lang?.configuration, 'language configuration contributed');
    const conf = JSON.parse(readFileSync(join(ROOT, lang.configuration), 'utf8')) as {
      comments: { lineComment: string };
      brackets: string[][];
      autoClosingPairs: { open: string; close: string }[];
    };
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.brackets, [['[', ']'], ['(', ')']]);
    assert.ok(conf.autoClosingPairs.some((p) => p.open === '[' && p.close === ']'));
  });
});
