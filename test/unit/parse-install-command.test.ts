import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstallCommands } from '../../server/src/parse/install-command';
import { shellTokens, simpleCommands } from '../../server/src/parse/shell-words';

/** «name» marks each expected requirement name span, in order; returns the parse and clean text. */
function names(src: string) {
  let text = '';
  const spans: [number, number][] = [];
  let open = -1;
  for (const ch of src) {
    if (ch === '«') open = text.length;
    else if (ch === '»') spans.push([open, text.length]);
    else text += ch;
  }
  const r = parseInstallCommands(text);
  assert.deepEqual(
    r.requirements.map((q) => [q.nameStart, q.nameEnd]),
    spans,
    `name spans in ${JSON.stringify(text)}: got ${JSON.stringify(r.requirements.map((q) => text.slice(q.nameStart, q.nameEnd)))}`,
  );
  for (const q of r.requirements) assert.equal(text.slice(q.nameStart, q.nameEnd), q.name);
  return { r, text };
}

test('shell words: quotes, escapes and continuations keep source offsets', () => {
  const text = `a "b c"'d' e\\ f \\\n  g`;
  const words = simpleCommands(shellTokens(text))[0]!;
  assert.deepEqual(words.map((w) => w.value), ['a', 'b cd', 'e f', 'g']);
  assert.deepEqual(words[1]!.offsets, [3, 4, 5, 8]);
  assert.equal(text[words[3]!.offsets[0]!], 'g');
});

test('shell words: operators split commands, redirections drop their target, comments end at the line', () => {
  const cmds = simpleCommands(shellTokens('a 1 && b 2 || c; d | e & f > out 2>&1 < in # x y\ng (h) `k`'));
  assert.deepEqual(cmds.map((c) => c.map((w) => w.value)), [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'], ['`k`']]);
});

test('shell words: expansions make a word dynamic', () => {
  const [cmd] = simpleCommands(shellTokens('x $PKG "${A}" \'$B\' "$(echo y)" `z` plain'));
  assert.deepEqual(cmd!.map((w) => w.dynamic), [false, true, true, false, true, true, false]);
});

test('pip spellings', () => {
  names('pip install «requests»');
  names('pip3 install «flask»');
  names('pip3.12 install «flask»');
  names('python -m pip install «numpy»');
  names('python3 -m pip install «numpy»');
  names('python3.11 -m pip install «numpy»');
  names('py -3.12 -m pip install «numpy»');
  names('/usr/local/bin/python3 -I -m pip install «numpy»');
  names('.venv/bin/pip install «rich»');
  names('python.exe -m pip install «rich»');
  names('"$PYTHON" -m pip install «rich»');
  names('$(PIP) install «rich»');
  names('pip download «attrs»');
  names('pip uninstall requests');
  names('pip show requests');
  names('python -m venv .venv');
  names('python script.py install requests');
});

test('specifiers, extras and markers, quoted or not', () => {
  const { r, text } = names('pip install "«fastapi»[standard]>=0.115" «requests»==2.31 \'«uvicorn»[standard] ; python_version >= "3.9"\'');
  assert.deepEqual(r.requirements[0]!.extras, ['standard']);
  assert.equal(r.requirements[0]!.specifier, '>=0.115');
  assert.equal(text.slice(r.requirements[0]!.specifierStart, r.requirements[0]!.specifierEnd), '>=0.115');
  assert.equal(r.requirements[1]!.specifier, '==2.31');
  assert.equal(r.requirements[2]!.marker, 'python_version >= "3.9"');
  assert.deepEqual(r.problems, []);
});

test('an unquoted > is a redirection: the name before it still counts', () => {
  names('pip install «requests»>=2.0');
});

test('options with values consume them; flags are skipped', () => {
  const { r } = names(
    'pip install -U --pre --user --no-deps -q -qq --break-system-packages --force-reinstall -t /opt/x --target=/x ' +
      '--prefix /p --platform manylinux2014_x86_64 --python-version 3.11 --only-binary :all: --no-binary numpy ' +
      '-f https://download.pytorch.org/whl/torch_stable.html --trusted-host example.com «torch» --cache-dir /c «torchvision»',
  );
  assert.deepEqual(r.indexes.map((i) => [i.kind, i.url]), [['find-links', 'https://download.pytorch.org/whl/torch_stable.html']]);
});

test('-r and -c yield includes, attached or separate', () => {
  const { r, text } = names('pip install -r requirements.txt -rdev.txt --requirement=a.txt -c constraints.txt «x»');
  assert.deepEqual(r.includes.map((i) => [i.kind, i.target, text.slice(i.start, i.end)]), [
    ['requirement', 'requirements.txt', 'requirements.txt'],
    ['requirement', 'dev.txt', 'dev.txt'],
    ['requirement', 'a.txt', 'a.txt'],
    ['constraint', 'constraints.txt', 'constraints.txt'],
  ]);
});

test('-i and --extra-index-url yield index options with exact ranges', () => {
  const { r, text } = names('pip install -i https://a.example/simple --extra-index-url="https://b.example/simple" «pkg»');
  assert.deepEqual(r.indexes.map((i) => [i.kind, i.url, text.slice(i.start, i.end)]), [
    ['index-url', 'https://a.example/simple', 'https://a.example/simple'],
    ['extra-index-url', 'https://b.example/simple', 'https://b.example/simple'],
  ]);
});

test('paths, URLs, wheels, editables and VCS are not names', () => {
  names('pip install . ./dist/x-1.0-py3-none-any.whl x-1.0.tar.gz git+https://github.com/a/b.git https://e.com/p.zip -e . -e ../lib ~/src/x sub/dir «ok» .[dev]');
  const { r } = names('pip install "«pkg» @ git+https://github.com/a/pkg"');
  assert.equal(r.requirements[0]!.url, 'git+https://github.com/a/pkg');
});

test('variables and placeholders are left alone', () => {
  names('pip install $PKG "${DEPS}" $(cat reqs) «real»');
  names('pip install <package> [name] {pkg} ... YOUR_PACKAGE your-package');
});

test('chains, sudo, env assignments, prompts and continuations', () => {
  names('sudo -H pip install «a» && FOO=1 BAR=2 pip install «b» || env X=1 pip3 install «c»; pip install «d» | tee log');
  names('apt-get update && apt-get install -y python3-pip && pip install --no-cache-dir \\\n    «flask» \\\n    «gunicorn»');
  names('if true; then pip install «a»; fi');
  names('cd /app && (pip install «a»)');
});

test('notebook magics: %pip and !pip', () => {
  names('%pip install «pandas»\n!pip install -q «seaborn»\n!uv pip install «polars»\n!python -m pip install «rich»');
});

test('uv commands', () => {
  names('uv pip install «httpx» --system');
  names('uv add «fastapi» --dev «pytest» --group lint «ruff» --optional web «jinja2»');
  names('uv add -r requirements.txt «x»');
  names('uv tool install «ruff» --with «ruff-lsp»');
  names('uvx «ruff» check . --fix');
  names('uvx «ruff»@0.5.0 check');
  names('uvx --from «httpie» http GET example.com');
  names('uvx --with «mkdocs-material» «mkdocs» serve');
  names('uv tool run «black» src/');
  names('uv run --with «rich» --with «httpx»,«anyio» script.py --with notapkg');
  names('uv run --with "«httpx»>=0.27,<1" script.py');
  names('uv run pytest');
  names('uv sync && uv lock && uv venv');
});

test('poetry, pdm and pipx', () => {
  const { r } = names('poetry add «requests»@^2.31 «django»@latest "«pendulum»>=2" -G dev «pytest» --source private');
  assert.equal(r.requirements[0]!.specifier, '');
  names('poetry add git+https://github.com/a/b.git ./local');
  names('poetry install && poetry run pytest');
  names('pdm add «flask» -G test «pytest» -e ./sub');
  names('pipx install «black» --python python3.12');
  names('pipx install «poetry»==1.8.0');
  names('pipx inject «poetry» «poetry-plugin-export»');
  names('pipx run «cowsay» -t hello');
  names('pipx run --spec «httpie» http GET example.com');
});

test('conda, mamba and apt are other ecosystems', () => {
  names('conda install numpy && mamba install -c conda-forge scipy && apt-get install python3-requests && brew install python');
});

test('a broken specifier is a problem on the word, and the other names are kept', () => {
  const { r, text } = names('pip install «ok» "bad==" «fine»');
  assert.equal(r.problems.length, 1);
  assert.equal(text.slice(r.problems[0]!.start, r.problems[0]!.end), 'bad==');
  assert.match(r.problems[0]!.message, /pip install/);
});

test('CRLF continuations and an unterminated quote never throw', () => {
  names('pip install \\\r\n  «a» \\\r\n  «b»\r\n');
  names('pip install «a» "b c');
  parseInstallCommands('"'.repeat(10_000) + "'".repeat(10_000) + '$('.repeat(5_000));
});

test('a long line is linear', () => {
  const text = 'pip install ' + Array.from({ length: 20_000 }, (_, i) => `pkg${i}`).join(' ');
  const t0 = Date.now();
  const r = parseInstallCommands(text);
  assert.equal(r.requirements.length, 20_000);
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
});

test('offsets honour the from/to window', () => {
  const text = 'echo no\npip install «x»\necho pip install y';
  const clean = text.replace(/[«»]/g, '');
  const from = clean.indexOf('pip');
  const to = clean.indexOf('\necho pip');
  const r = parseInstallCommands(clean, from, to);
  assert.deepEqual(r.requirements.map((q) => clean.slice(q.nameStart, q.nameEnd)), ['x']);
});
