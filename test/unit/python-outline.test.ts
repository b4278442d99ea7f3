import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatePython } from '../../bench/parse';
import { parsePythonImports } from '../../server/src/parse/python-imports';
import { outlineImports } from '../../server/src/parse/python-outline';
import { textOfRange as textAt } from '../../server/src/parse/text';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');

/** Every character of the outline that is not a placeholder `0` is the original's, at its mapped offset. */
function assertVerbatim(text: string): void {
  const o = outlineImports(text);
  for (let k = 0; k < o.text.length; k++) {
    const from = o.original(k);
    if (o.text[k] !== text[from]) assert.equal(o.text[k], '0', `offset ${k} -> ${from}`);
  }
}

describe('outlineImports', () => {
  it('replaces each run of import-free statements, with their blocks, by 0 and keeps the rest verbatim', () => {
    const text = ['import os', 'x = {"a": [1,', '     2]}', 'def f(y):', '    """import nothing"""', '    return y  # import nope', 'class C:', '    import json', '    z = 1', ''].join('\n');
    const o = outlineImports(text);
    assert.equal(o.text, ['import os', '0', 'class C:', '    import json', '    0', ''].join('\n'));
    assertVerbatim(text);
    const json = o.text.indexOf('json');
    assert.equal(text.slice(o.original(json), o.original(json + 4)), 'json');
  });

  it('keeps every clause of a guard whose blocks hold an import', () => {
    const text = ['try:', '    import ujson', 'except (ImportError, OSError):', '    ujson = None', 'else:', '    ok = 1', 'finally:', '    done = 1', 'if TYPE_CHECKING:', '    import pandas', 'with suppress(ImportError):', '    import lxml', ''].join('\n');
    const kept = outlineImports(text).text;
    for (const clause of ['try:', 'except (ImportError, OSError):', 'else:', 'finally:', 'if TYPE_CHECKING:', 'with suppress(ImportError):']) assert.ok(kept.includes(clause), clause);
    assert.ok(!kept.includes('None') && !kept.includes('done'));
  });

  it('keeps code that may import: an f-string field, a dynamic import, a broken `from` line', () => {
    for (const line of ['x = f"{__import__(\'os\')}"', 'm = importlib.import_module("yaml")', 'from lib2to3 impdef f():']) {
      assert.ok(outlineImports(`${line}\ny = 1\n`).text.startsWith(line), line);
    }
  });

  it('leaves text it is unsure of unchanged', () => {
    for (const text of ['s = """never closed\nimport os\n', 'x = (1,\nimport os\n', 'x = 1\rimport os\ny = 2\n', 'def f():\n    return"x"\nimport os\n', 'x = 1)\nimport os\n']) {
      assert.equal(outlineImports(text).text, text, JSON.stringify(text));
    }
  });
});

describe('parsePythonImports: the outline changes no answer', () => {
  const texts: [string, string][] = [
    ['sample.py', readFileSync(join(FIXTURES, 'sample.py'), 'utf8')],
    ['broken.py', readFileSync(join(FIXTURES, 'broken.py'), 'utf8')],
    ['bench module', generatePython(2000)],
    ['CRLF and tabs', 'import os\r\nif x:\r\n\ttry:\r\n\t\timport a\r\n\texcept ImportError:\r\n\t\ta = None\r\n\ty = f"{1:>{w}}"\r\nimport b\r\n'],
  ];
  for (const [label, text] of texts) {
    it(label, () => {
      assert.deepEqual(parsePythonImports(text), parsePythonImports(text, { outline: false }));
      assertVerbatim(text);
    });
  }

  // In a damaged file lezer's error recovery is a guess either way (a whole parse may read
  // `from yaml import (safe_load, …)` as imports of `safe_load`), so the property is: every
  // import of the undamaged file that the whole parse still finds, the outline finds too.
  it('no real import the full parse finds is lost in damaged copies of sample.py (seeded)', () => {
    const base = readFileSync(join(FIXTURES, 'sample.py'), 'utf8');
    const key = (d: { rawName: string; module?: string }): string => `${d.rawName}|${d.module}`;
    const real = new Set(parsePythonImports(base).dependencies.map(key));
    const bits = ['"', "'", '(', ')', ':', '\n', '    ', '#', '"""', 'try:\n', 'except ImportError:\n', 'else:\n', 'def f():\n'];
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let t = 0; t < 300; t++) {
      let text = base;
      for (let m = 0; m < 1 + rnd(3); m++) {
        const at = rnd(text.length);
        text = rnd(2) === 0 ? text.slice(0, at) + bits[rnd(bits.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + rnd(30));
      }
      const outlined = parsePythonImports(text).dependencies;
      for (const d of outlined) assert.equal(textAt(text, d.range), d.rawName, `range of ${d.rawName} in case ${t}`);
      const found = new Set(outlined.map(key));
      for (const d of parsePythonImports(text, { outline: false }).dependencies) assert.ok(!real.has(key(d)) || found.has(key(d)), `${d.rawName} lost in case ${t}`);
    }
  });
});
