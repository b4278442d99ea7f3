import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedDocument } from '../../server/src/core/types';
import { parseMarkdown, promptLength } from '../../server/src/parse/surfaces/markdown';
import { hasShellShebang, parseShellScript } from '../../server/src/parse/surfaces/shell-script';
import { parseDockerfile } from '../../server/src/parse/surfaces/dockerfile';
import { parseCiYaml } from '../../server/src/parse/surfaces/ci-yaml';
import { parseMakefile } from '../../server/src/parse/surfaces/makefile';
import { parseToxIni } from '../../server/src/parse/surfaces/tox-ini';
import { marked, slice } from '../fixtures/parse/carets';

/** Parses marked text and checks every dependency's range against the «markers», in order. */
function expectNames(parse: (t: string) => ParsedDocument, src: string): ParsedDocument {
  const { text, ranges } = marked(src);
  const doc = parse(text);
  assert.deepEqual(
    doc.dependencies.map((d) => d.range),
    ranges,
    `ranges in ${JSON.stringify(text)}: got ${JSON.stringify(doc.dependencies.map((d) => d.rawName))}`,
  );
  for (const d of doc.dependencies) assert.equal(slice(text, d.range), d.rawName);
  return doc;
}

test('markdown: shell fences and untagged fences, not python or other languages', () => {
  const doc = expectNames(
    parseMarkdown,
    [
      '# Title',
      'Run pip install notacommand in prose.',
      '```bash',
      'pip install «requests»',
      '```',
      '```',
      'pip install «flask»',
      '```',
      '```python',
      'import subprocess  # pip install nothere',
      '```',
      '~~~sh {.line-numbers}',
      '$ pip install «rich»',
      '~~~',
      '```powershell',
      'PS> py -m pip install «httpx»',
      '```',
      '````zsh',
      '```',
      'pip install «nested»',
      '````',
      '',
    ].join('\n'),
  );
  assert.deepEqual(doc.dependencies.map((d) => d.source), ['command', 'command', 'command', 'command', 'command']);
  assert.equal(doc.dependencies[0]!.section, 'pip install');
});

test('markdown: console transcripts read only prompt lines (and their continuations)', () => {
  expectNames(
    parseMarkdown,
    ['```console', '$ pip install «a» \\', '    «b»', 'Successfully installed pip install-1.0', '(venv) $ pip install «c»', 'user@host:~$ uv add «d»', '# pip install «e»', '```'].join('\n'),
  );
  assert.equal(promptLength('PS C:\\Users\\me> pip', false), 'PS C:\\Users\\me> '.length);
  assert.equal(promptLength('# pip install x', false), 0);
});

test('markdown: inline code spans and an unclosed fence', () => {
  expectNames(parseMarkdown, 'Install with `pip install «pipwatch»` or ``uv add «pipwatch»``; `import x` is not one.\n');
  expectNames(parseMarkdown, '```sh\npip install «a»\n');
  expectNames(parseMarkdown, '\ufeff```sh\r\npip install «a»\r\n```\r\n');
});

test('markdown: indented code blocks are not read (prose in lists)', () => {
  expectNames(parseMarkdown, '- step\n\n      pip install the package from source\n');
});

test('shell scripts: whole file, shebang sniffing', () => {
  expectNames(parseShellScript, '#!/usr/bin/env bash\nset -e\nif [ -n "$CI" ]; then\n  pip install -U «pip» «wheel»\nfi\npython -m pip install -r requirements.txt\n');
  assert.equal(hasShellShebang('#!/bin/sh\n'), true);
  assert.equal(hasShellShebang('#!/usr/bin/env bash\n'), true);
  assert.equal(hasShellShebang('#!/usr/bin/env -S bash -e\n'), true);
  assert.equal(hasShellShebang('#!/usr/bin/env python3\n'), false);
  assert.equal(hasShellShebang('echo\n'), false);
});

test('dockerfile: RUN shell form with continuations, comments inside, flags and ONBUILD', () => {
  expectNames(
    parseDockerfile,
    [
      'FROM python:3.12-slim',
      'ENV PIP_NO_CACHE_DIR=1',
      'RUN --mount=type=cache,target=/root/.cache pip install \\',
      '    # a comment line inside the instruction',
      '    «fastapi» \\',
      '',
      '    «uvicorn»[standard]',
      'CMD ["pip", "install", "notrun"]',
      'run apt-get update && pip install «lower»',
      'ONBUILD RUN pip install «later»',
      'LABEL x="pip install nolabel"',
    ].join('\n'),
  );
});

test('dockerfile: exec form, sh -c strings and heredocs', () => {
  expectNames(parseDockerfile, 'RUN ["pip", "install", "--no-cache-dir", "«numpy»"]\nRUN ["/bin/sh", "-c", "pip install «scipy» && echo"]\n');
  expectNames(
    parseDockerfile,
    ['RUN <<EOF', 'set -eux', 'pip install «polars»', 'EOF', 'RUN python3 <<PY', 'import os  # pip install notshell', 'PY', 'RUN <<-"EOT" bash', '\tpip install «duckdb»', '\tEOT', 'RUN pip install «after»'].join('\n'),
  );
});

test('dockerfile: backtick escape directive (Windows images)', () => {
  expectNames(parseDockerfile, '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN pip install `\n    «pywin32»\n');
});

test('ci yaml: GitHub Actions run steps (literal, folded, plain), exact lines', () => {
  const doc = expectNames(
    parseCiYaml,
    [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with: { python-version: "3.12" }',
      '      - run: |',
      '          python -m pip install --upgrade «pip»',
      '          pip install «pytest» ${{ matrix.extra }}',
      '      - name: one line',
      '        run: pip install «ruff»',
      '      - run: >-',
      '          pip install',
      '          «mypy»',
      '      - run: "uv pip install «httpx»"',
      '      - name: pip install notastep',
    ].join('\n'),
  );
  assert.equal(doc.dependencies[1]!.range.start.line, 9);
  assert.deepEqual(doc.problems, []);
});

test('ci yaml: GitLab scripts, flow sequences, multiple documents; invalid YAML is one problem', () => {
  expectNames(parseCiYaml, 'test:\n  before_script:\n    - pip install «tox»\n  script: ["pip install «a»", "pytest"]\n---\nx:\n  script: pip install «b»\n');
  const bad = parseCiYaml('jobs: [\n  run: pip install x\n');
  assert.equal(bad.problems.length >= 1, true);
});

test('ci yaml: GitLab anchors: an aliased script list is read where it is written, once; merge keys too', () => {
  expectNames(
    parseCiYaml,
    [
      '.setup: &setup',
      '  - pip install «tox»',
      '  - &one pip install «nox»',
      '.tpl: &tpl',
      '  script:',
      '    - pip install «ruff»',
      'test:',
      '  before_script: *setup',
      '  after_script: [*one, "pip install «mypy»"]',
      '  script:',
      '    - *setup',
      '    - pip install «pytest»',
      'job2:',
      '  <<: *tpl',
      'notshell: &plain pip install notascript',
    ].join('\n'),
  );
  // An anchor used nowhere as a script is not shell; an undefined alias costs nothing.
  assert.deepEqual(parseCiYaml('a: &x pip install nothere\nb:\n  script: *missing\n').dependencies, []);
});

test('makefile: tab recipes with make prefixes and variables', () => {
  expectNames(
    parseMakefile,
    ['PIP ?= pip', 'PACKAGES = requests flask', 'install:', '\t@$(PIP) install «build» \\', '\t  «twine»', '\t-$(PYTHON) -m pip install $(PACKAGES) «wheel»', 'notrecipe: pip install x'].join('\n'),
  );
});

test('tox.ini: deps are requirement lines, commands are commands, substitutions blanked', () => {
  const doc = expectNames(
    parseToxIni,
    [
      '[tox]',
      'envlist = py311',
      '[testenv]',
      'deps =',
      '    «pytest»>=8',
      '    py311: «coverage»',
      '    -r{toxinidir}/requirements.txt',
      '    {[base]deps}',
      'commands =',
      '    pip install «extra»',
      '    pytest {posargs}',
      '[other]',
      'deps = notenv',
    ].join('\n'),
  );
  assert.deepEqual(doc.dependencies.map((d) => d.source), ['manifest', 'manifest', 'command']);
  assert.deepEqual(doc.problems, []);
  // {toxinidir} is tox.ini's folder: the include is relative to it, never the absolute /requirements.txt.
  assert.deepEqual(doc.includes.map((i) => i.target), ['requirements.txt']);
});

test('every surface survives hostile input: binary, unclosed quotes, a 200k-char line, deep nesting', () => {
  const junk = [
    '\u0000\u0001\u0002'.repeat(1000),
    '"\'`$(${'.repeat(5000),
    'pip install ' + 'a'.repeat(200_000),
    '['.repeat(10_000),
    'RUN <<EOF\n'.repeat(1000),
    'run: |\n' + '  pip install x \\\n'.repeat(2000),
    '\tpip install \\\n'.repeat(2000),
  ];
  for (const parse of [parseMarkdown, parseShellScript, parseDockerfile, parseCiYaml, parseMakefile, parseToxIni]) {
    for (const text of junk) {
      const t0 = Date.now();
      const doc = parse(text);
      assert.ok(Array.isArray(doc.dependencies));
      assert.ok(Date.now() - t0 < 3000, `${parse.name} took ${Date.now() - t0} ms`);
    }
  }
});

test('markdown: dockerfile and yaml fences are read by their own surface', () => {
  const doc = expectNames(
    parseMarkdown,
    ['```dockerfile', 'FROM python:3.12', 'RUN uv pip install --system «ruff»', '```', '```yaml', 'steps:', '  - run: pip install «tox»', '  - other: ...', '```', '```yaml', 'run: [unclosed', '```'].join('\n'),
  );
  assert.deepEqual(doc.problems, []);
});
