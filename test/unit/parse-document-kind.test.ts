import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentKind, uriToPath } from '../../server/src/parse/document-kind';

test('file names decide first, whatever the language id', () => {
  const cases: [string, string | undefined, string][] = [
    ['file:///home/u/proj/requirements.txt', 'text', 'requirements'], // Neovim
    ['file:///home/u/proj/requirements.txt', 'plaintext', 'requirements'],
    ['/p/requirements-dev.txt', undefined, 'requirements'],
    ['/p/requirements_test.txt', undefined, 'requirements'],
    ['/p/dev-requirements.txt', undefined, 'requirements'],
    ['/p/requirements/base.txt', undefined, 'requirements'],
    ['C:\\p\\requirements\\ci.txt', undefined, 'requirements'],
    ['/p/requirements/pytorch/base.txt', undefined, 'requirements'],
    ['/requirements/a/b/notes.txt', undefined, 'unknown'],
    ['/p/constraints.txt', undefined, 'requirements'],
    ['/p/constraints-py312.txt', undefined, 'requirements'],
    ['/p/requirements.in', undefined, 'requirements'],
    ['/p/dev.in', undefined, 'requirements'],
    ['/p/pyproject.toml', 'toml', 'pyproject'],
    ['file:///C:/p/PyProject.toml', undefined, 'pyproject'],
    ['/p/app.py', 'plaintext', 'python'],
    ['/p/stubs.pyi', undefined, 'python'],
    ['/p/notes.txt', 'text', 'unknown'],
    ['/p/MANIFEST.in', undefined, 'unknown'],
    ['/p/config.h.in', undefined, 'unknown'],
    ['/p/Makefile.in', undefined, 'unknown'],
    ['/p/Cargo.toml', 'toml', 'unknown'],
  ];
  for (const [uri, lang, kind] of cases) assert.equal(documentKind(uri, lang), kind, `${uri} (${lang})`);
});

test('the language id decides for unrecognised names', () => {
  assert.equal(documentKind('untitled:Untitled-1', 'python'), 'python');
  assert.equal(documentKind('untitled:Untitled-2', 'pip-requirements'), 'requirements');
  assert.equal(documentKind('/p/deps.txt', 'pip-requirements'), 'requirements');
  assert.equal(documentKind('untitled:Untitled-3', 'toml'), 'unknown');
  assert.equal(documentKind('/p/x'), 'unknown');
});

test('file:// URIs are percent-decoded', () => {
  assert.equal(documentKind('file:///home/u/my%20proj/requirements%2Ddev.txt'), 'requirements');
  assert.equal(uriToPath('file:///home/u/my%20proj/a.txt'), '/home/u/my proj/a.txt');
  assert.equal(uriToPath('file:///c%3A/p/a.txt'), 'c:/p/a.txt');
  assert.equal(uriToPath('file://server/share/a.txt'), '/share/a.txt');
  assert.equal(uriToPath('file:///bad%zz/requirements.txt'), '/bad%zz/requirements.txt');
  assert.equal(uriToPath('/plain/path%20x'), '/plain/path%20x');
});
