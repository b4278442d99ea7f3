import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirements } from '../../server/src/parse/requirements';
import { marked, slice } from '../fixtures/parse/carets';

/** Parses marked text and checks the dependency name ranges against the markers, in order. */
function expectNames(src: string) {
  const { text, ranges } = marked(src);
  const doc = parseRequirements(text);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges, 'name ranges');
  for (const d of doc.dependencies) assert.equal(slice(text, d.range), d.rawName);
  return { doc, text };
}

test('name, extras, specifier and marker of one line', () => {
  const { doc } = expectNames('«requests»[socks] >= 2.31 ; python_version >= "3.9"\n');
  const [d] = doc.dependencies;
  assert.equal(d?.name, 'requests');
  assert.deepEqual(d?.extras, ['socks']);
  assert.equal(d?.specifier, '>=2.31');
  assert.equal(d?.marker, 'python_version >= "3.9"');
  assert.equal(d?.source, 'requirements');
  assert.deepEqual(doc.problems, []);
});

test('specifier range covers the specifier as written', () => {
  const { text, doc } = expectNames('«Django» (>= 4.2 , < 5)\n');
  assert.equal(doc.dependencies[0]?.specifier, '>=4.2,<5');
  assert.equal(slice(text, doc.dependencies[0]!.specifierRange!), '(>= 4.2 , < 5)');
});

test('names are PEP 503 normalised, raw names kept', () => {
  const { doc } = expectNames('«Zope.Interface»==6\n«typing_extensions»\n');
  assert.deepEqual(doc.dependencies.map((d) => [d.rawName, d.name]), [['Zope.Interface', 'zope-interface'], ['typing_extensions', 'typing-extensions']]);
});

test('comments: only at line start or after whitespace', () => {
  const { doc } = expectNames(
    ['# a comment', '  # indented comment', '«flask»  # trailing comment', '«attrs»>=22 #comment', 'git+https://github.com/x/y.git#egg=y', 'https://example.com/p.tar.gz#sha256=abc', ''].join('\n'),
  );
  assert.deepEqual(doc.problems, []);
});

test('a `#` glued to a name is not a comment, so the line is reported', () => {
  const doc = parseRequirements('foo#bar\n');
  assert.equal(doc.dependencies.length, 0);
  assert.equal(doc.problems.length, 1);
  assert.equal(doc.problems[0]?.severity, 'warning');
  assert.deepEqual(doc.problems[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
});

test('continuations: hashes on following lines, name range exact in the original text', () => {
  const { doc } = expectNames(
    ['«numpy»==1.26.4 \\', '    --hash=sha256:aaa \\', '    --hash sha256:bbb', '«six»==1.16 --hash=sha256:ccc --hash=md5:ddd', ''].join('\n'),
  );
  assert.deepEqual(doc.dependencies[0]?.hashes, ['sha256:aaa', 'sha256:bbb']);
  assert.deepEqual(doc.dependencies[1]?.hashes, ['sha256:ccc', 'md5:ddd']);
});

test('continuations that split options and come before the name', () => {
  const { doc } = expectNames(['-r \\', '   base.txt', '\\', '  «requests» \\', '  >=2 \\', '  ; os_name == "nt"', ''].join('\n'));
  assert.equal(doc.includes[0]?.target, 'base.txt');
  assert.deepEqual(doc.includes[0]?.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 11 } });
  assert.equal(doc.dependencies[0]?.specifier, '>=2');
  assert.equal(doc.dependencies[0]?.marker, 'os_name == "nt"');
});

test('a comment line ending in a backslash does not continue', () => {
  const { doc } = expectNames(['# note \\', '«idna»', ''].join('\n'));
  assert.equal(doc.dependencies.length, 1);
});

test('a comment swallowed by a continuation (pip joins first, strips comments second)', () => {
  const { doc } = expectNames(['«a» # note \\', 'b', '«c»', ''].join('\n'));
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['a', 'c']);
});

test('unterminated continuation at EOF keeps what was joined', () => {
  const { doc } = expectNames('«attrs»==23.1 \\');
  assert.equal(doc.dependencies[0]?.specifier, '==23.1');
  assert.deepEqual(parseRequirements('\\').dependencies, []);
});

test('CRLF line endings, with continuations', () => {
  const { doc } = expectNames('«a»==1\r\n«b» >= 2 \\\r\n  --hash=sha256:x\r\n\r\n«c»\r\n');
  assert.deepEqual(doc.dependencies[1]?.hashes, ['sha256:x']);
  assert.deepEqual(doc.dependencies[2]?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } });
});

test('a BOM is not counted in columns (editors strip it)', () => {
  const doc = parseRequirements('\uFEFFrequests==2\nflask\n');
  assert.deepEqual(doc.dependencies[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
  assert.deepEqual(doc.dependencies[1]?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
});

test('file-level options: includes and indexes, never names', () => {
  const src = [
    '-r base.txt',
    '--requirement=dev.txt',
    '-rother.txt',
    '-c constraints.txt',
    '--constraint "with space.txt"',
    '-i https://pypi.example/simple',
    '--index-url=https://primary.example/simple',
    '--extra-index-url https://extra.example/simple',
    '--no-index',
    '-f ./wheels',
    '--find-links https://example.com/links.html',
    '--trusted-host example.com',
    '--pre',
    '--prefer-binary',
    '--only-binary :all:',
    '--no-binary lxml',
    '--use-feature truststore',
    '--require-hashes',
    '--config-settings editable_mode=compat',
    '--global-option build_ext',
    '--unknown-future-option value',
    '',
  ].join('\n');
  const doc = parseRequirements(src);
  assert.deepEqual(doc.dependencies, []);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.includes.map((i) => [i.kind, i.target]), [
    ['requirement', 'base.txt'],
    ['requirement', 'dev.txt'],
    ['requirement', 'other.txt'],
    ['constraint', 'constraints.txt'],
    ['constraint', 'with space.txt'],
  ]);
  assert.equal(slice(src, doc.includes[1]!.range), 'dev.txt');
  assert.equal(slice(src, doc.includes[2]!.range), 'other.txt');
  assert.equal(slice(src, doc.includes[4]!.range), 'with space.txt');
  assert.deepEqual(doc.indexes.map((i) => [i.kind, i.url, i.origin]), [
    ['index-url', 'https://pypi.example/simple', 'requirements'],
    ['index-url', 'https://primary.example/simple', 'requirements'],
    ['extra-index-url', 'https://extra.example/simple', 'requirements'],
    ['no-index', '', 'requirements'],
    ['find-links', './wheels', 'requirements'],
    ['find-links', 'https://example.com/links.html', 'requirements'],
  ]);
  assert.equal(slice(src, doc.indexes[2]!.range), 'https://extra.example/simple');
  assert.equal(slice(src, doc.indexes[3]!.range), '--no-index');
});

test('editables, URLs, VCS and local paths are not names and not problems', () => {
  const src = [
    '-e .',
    '-e git+https://github.com/org/repo.git@main#egg=foo',
    '--editable ./libs/bar',
    '-e foo @ git+https://x/y.git',
    './pkg',
    '../x.whl',
    '.',
    'sub/dir',
    'https://files.example/x-1.0.tar.gz',
    'git+https://github.com/org/repo.git#egg=bar',
    'git+ssh://git@github.com/org/repo.git',
    'hg+https://hg.example/repo',
    'file:///opt/wheels/x-1.0-py3-none-any.whl',
    'C:\\wheels\\x.whl',
    'foo-1.0-py3-none-any.whl',
    'foo-1.0.tar.gz',
    '~/src/pkg',
    '',
  ].join('\n');
  const doc = parseRequirements(src);
  assert.deepEqual(doc.dependencies, []);
  assert.deepEqual(doc.problems, []);
});

test('name @ url is a dependency carrying the url', () => {
  const { doc } = expectNames('«pip» @ https://github.com/pypa/pip/archive/1.3.1.zip ; python_version<"3.12"\n');
  assert.equal(doc.dependencies[0]?.url, 'https://github.com/pypa/pip/archive/1.3.1.zip');
  assert.equal(doc.dependencies[0]?.marker, 'python_version<"3.12"');
});

test('environment variables are left alone', () => {
  const src = '--index-url https://${TOKEN}@pypi.example/simple\n${PKG}==1.0\n«x» @ https://${HOST}/x.whl\n';
  const { doc } = expectNames(src);
  assert.equal(doc.indexes[0]?.url, 'https://${TOKEN}@pypi.example/simple');
  assert.deepEqual(doc.problems, []);
});

test('unparseable lines become warnings with the line range, and parsing goes on', () => {
  const src = ['requests>=', 'foo bar==1', '!!!', 'flask[async', 'ｒequests==2', 'café==1', 'req\u200buests', 'django', ''].join('\n');
  const doc = parseRequirements(src);
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['django']);
  assert.equal(doc.problems.length, 7);
  for (const p of doc.problems) {
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /^cannot read requirement: /);
    assert.equal(p.range.start.character, 0);
  }
  assert.match(doc.problems[0]!.message, /missing version after ">="/);
  assert.equal(slice(src, doc.problems[1]!.range), 'foo bar==1');
});

test('an option missing its value is reported', () => {
  const doc = parseRequirements('-r\n');
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /-r needs a value/);
});

test('problems are capped so junk cannot flood the editor', () => {
  const doc = parseRequirements('?\n'.repeat(5000));
  assert.equal(doc.problems.length, 101);
  assert.match(doc.problems[100]!.message, /further problems/);
});

test('a logical line over the bound is reported, not parsed', () => {
  const doc = parseRequirements('a'.repeat(250_000) + '\nok\n');
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0]!.message, /too long/);
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['ok']);
});
