import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Dependency } from '../../server/src/core/types';
import { MAX_CHARS, MAX_IMPORTS, parsePythonImports } from '../../server/src/parse/python-imports';
import { textOfRange } from '../../server/src/parse/text';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** `top|module|optional` per import, in source order. */
function summary(deps: Dependency[]): string[] {
  return deps.map((d) => `${d.rawName}|${d.module}${d.optional ? '|optional' : ''}`);
}

function assertRangesExact(text: string, deps: Dependency[]): void {
  for (const d of deps) assert.equal(textOfRange(text, d.range), d.rawName, `range of ${d.module}`);
}

describe('parsePythonImports: fixture sample.py', () => {
  const text = fixture('sample.py');
  const { dependencies, problems } = parsePythonImports(text);

  it('finds every real import, with guards marked optional', () => {
    assert.deepEqual(summary(dependencies), [
      'os|os',
      'sys|sys',
      'requests|requests.adapters',
      'numpy|numpy',
      'yaml|yaml',
      'ujson|ujson|optional', // try body, except ImportError
      'json|json|optional', // the fallback in the handler
      'lxml|lxml|optional', // except (ModuleNotFoundError, OSError)
      'not_guarded|not_guarded', // except ValueError does not guard an import
      'pandas|pandas|optional', // if TYPE_CHECKING:
      'typing_else|typing_else', // its else branch runs at run time
      'mypy_boto3_s3|mypy_boto3_s3|optional', // if typing.TYPE_CHECKING:
      'scipy|scipy.stats',
      'toml|toml',
      'optional_in_function|optional_in_function|optional',
      'suppressed_mod|suppressed_mod|optional', // with contextlib.suppress(ImportError):
      'dateutil|dateutil.parser', // importlib.import_module("…")
      'bs4|bs4', // __import__('…')
    ]);
    assert.deepEqual(problems, []);
  });

  it('ignores strings, docstrings, comments, relative imports and __future__', () => {
    const names = new Set(dependencies.map((d) => d.rawName));
    for (const n of ['docstring_mod', 'docstring_pkg', 'comment_in_parens', 'commented_out', 'in_string', 'in_triple_string', 'sibling', 'local', 'parent', 'grand', '__future__', 'relative', 'name_var']) {
      assert.ok(!names.has(n), n);
    }
  });

  it('gives exact ranges on the top-level name token', () => {
    assertRangesExact(text, dependencies);
    const yaml = dependencies.find((d) => d.rawName === 'yaml');
    assert.deepEqual(yaml?.range, { start: { line: 5, character: 5 }, end: { line: 5, character: 9 } });
    const dateutil = dependencies.find((d) => d.rawName === 'dateutil');
    assert.equal(dateutil?.range.start.character, 'mod = importlib.import_module("'.length);
  });

  it('fills the Dependency shape', () => {
    for (const d of dependencies) {
      assert.equal(d.source, 'import');
      assert.equal(d.name, d.rawName.toLowerCase().replace(/[-_.]+/g, '-'));
    }
  });
});

describe('parsePythonImports: statement forms', () => {
  const imports = (src: string): string[] => summary(parsePythonImports(src).dependencies);

  it('import a.b as c, d', () => {
    assert.deepEqual(imports('import a.b as c, d\n'), ['a|a.b', 'd|d']);
    assert.deepEqual(imports('import a.b.c as x'), ['a|a.b.c']); // alias never counts; no trailing newline
  });

  it('from-imports, parenthesised over several lines', () => {
    assert.deepEqual(imports('from a.b import c\nfrom pkg import (\n  x,\n  y as z,\n)\n'), ['a|a.b', 'pkg|pkg']);
    assert.deepEqual(imports('from x import *\n'), ['x|x']);
  });

  it('namespace packages are resolved to the imported part', () => {
    assert.deepEqual(imports('from google.cloud import storage, bigquery as bq\n'), [
      'google|google.cloud.storage',
      'google|google.cloud.bigquery',
    ]);
    assert.deepEqual(imports('from google.protobuf import json_format\nfrom azure.storage.blob import BlobClient\n'), [
      'google|google.protobuf',
      'azure|azure.storage.blob',
    ]);
    assert.deepEqual(imports('from google import genai\n'), ['google|google.genai']);
    assert.deepEqual(imports('from yaml import safe_load\n'), ['yaml|yaml']); // not a namespace: no expansion
  });

  it('nested in functions, classes, async functions and with blocks', () => {
    assert.deepEqual(imports('async def f():\n    import a\nclass K:\n    def m(self):\n        from b import c\nwith x:\n    import d\n'), ['a|a', 'b|b', 'd|d']);
  });

  it('an except clause with a bare except or Exception guards too; else/finally do not', () => {
    assert.deepEqual(imports('try:\n    import a\nexcept:\n    pass\n'), ['a|a|optional']);
    assert.deepEqual(imports('try:\n    import a\nexcept Exception as e:\n    pass\nelse:\n    import b\nfinally:\n    import c\n'), ['a|a|optional', 'b|b', 'c|c']);
  });

  it('except* (PEP 654) and newer syntax before an import', () => {
    assert.deepEqual(imports('try:\n    import eg\nexcept* ImportError:\n    pass\n'), ['eg|eg|optional']);
    const modern = 'x = f"{d["a"]}"\ntype Alias = list[int]\ndef f[T](x: T) -> T:\n    return x\nmatch x:\n    case {"a": 1}:\n        import inmatch\nimport after\n';
    assert.deepEqual(imports(modern), ['inmatch|inmatch', 'after|after']);
    assert.deepEqual(imports('import a; import b; from c import d\nimport e.\\\n    f\n'), ['a|a', 'b|b', 'c|c', 'e|e.f']);
  });

  it('a function defined in a guarded block runs later, unguarded', () => {
    assert.deepEqual(imports('try:\n    def f():\n        import a\nexcept ImportError:\n    pass\n'), ['a|a']);
  });

  it('dynamic imports only with a literal absolute module name', () => {
    assert.deepEqual(imports('from importlib import import_module\nimport_module("a.b")\nimportlib.import_module(r"c")\n__import__(f"{x}")\nimportlib.import_module("..x")\nfoo.import_module("d")\nimportlib.import_module("not valid")\n'), ['importlib|importlib', 'a|a.b', 'c|c']);
    // A bare import_module() that the file did not import from importlib is someone else's (a mock).
    assert.deepEqual(imports('def test(import_module):\n    import_module("alpha.beta")\n'), []);
  });

  it('normalises the name and keeps unicode identifiers', () => {
    const [d] = parsePythonImports('import Foo_Bar.baz\n').dependencies;
    assert.equal(d?.name, 'foo-bar');
    const src = 'x = "😀"; import café\n';
    const deps = parsePythonImports(src).dependencies;
    assert.deepEqual(summary(deps), ['café|café']);
    assertRangesExact(src, deps);
    assert.equal(deps[0]?.range.start.character, 'x = "😀"; import '.length); // UTF-16 columns
  });

  it('CRLF line endings and a byte-order mark keep ranges exact', () => {
    const src = 'import os\r\nimport yaml\r\n\r\nfrom   bs4 import X\r\n';
    const deps = parsePythonImports(src).dependencies;
    assertRangesExact(src, deps);
    assert.deepEqual(deps[2]?.range.start, { line: 3, character: 7 });
    const bom = parsePythonImports('\ufeffimport yaml\n').dependencies;
    assert.deepEqual(bom[0]?.range.start, { line: 0, character: 7 }); // editors do not count the BOM
  });
});

describe('parsePythonImports: damaged and hostile input', () => {
  it('a syntax error elsewhere does not lose valid imports', () => {
    const text = fixture('broken.py');
    const { dependencies } = parsePythonImports(text);
    assert.deepEqual(summary(dependencies), ['requests|requests', 'yaml|yaml', 'attr|attr', 'flask|flask']);
    assertRangesExact(text, dependencies);
  });

  it('half-typed statements do not throw', () => {
    assert.deepEqual(summary(parsePythonImports('from yaml import\n').dependencies), ['yaml|yaml']);
    for (const src of ['import', 'from', 'from . import', 'import ,,,', 'from import x', '', '\n\n', 'import a.', 'import a as']) {
      assert.doesNotThrow(() => parsePythonImports(src), src);
    }
  });

  it('binary junk is recognised, not parsed', () => {
    const nul = parsePythonImports('import yaml\n\0\0\x01\x02binary');
    assert.deepEqual(nul.dependencies, []);
    assert.match(nul.problems[0]?.message ?? '', /binary/);
    let seed = 7;
    let junk = '';
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(1 + (seed % 255));
    }
    const t0 = Date.now();
    const r = parsePythonImports(junk);
    assert.ok(Date.now() - t0 < 3000, 'junk handled quickly');
    assert.match(r.problems[0]?.message ?? '', /binary/);
  });

  it('printable junk terminates with whatever it holds', () => {
    let seed = 11;
    let junk = 'import first\n';
    for (let i = 0; i < 300_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(32 + (seed % 95));
    }
    const r = parsePythonImports(junk);
    assert.equal(r.dependencies[0]?.rawName, 'first');
  });

  it('a 100,000-character line', () => {
    const src = `x = "${'a'.repeat(100_000)}"; import yaml\nimport attr\n`;
    const deps = parsePythonImports(src).dependencies;
    assert.deepEqual(summary(deps), ['yaml|yaml', 'attr|attr']);
    assertRangesExact(src, deps);
    const parens = parsePythonImports(`${'('.repeat(100_000)}\nimport yaml\n`);
    assert.ok(Array.isArray(parens.dependencies));
  });

  it('a 10 MB file: the head is scanned, the rest reported as skipped', () => {
    const block = 'def f(x):\n    return x + 1\n\n';
    const src = `import head\n${block.repeat(Math.ceil(10_000_000 / block.length))}import tail\n`;
    const t0 = Date.now();
    const r = parsePythonImports(src);
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(summary(r.dependencies), ['head|head']);
    // On a loaded machine the parse budget may also stop the scan early: then a second problem says so.
    const size = r.problems.find((p) => p.message.includes(`larger than ${MAX_CHARS}`));
    assert.ok(size, JSON.stringify(r.problems));
    assert.ok(size.range.start.line > 1000);
    assert.ok(r.problems.every((p) => p === size || /took too long/.test(p.message)));
  });

  it('caps the number of imports reported', () => {
    const r = parsePythonImports('import a\n'.repeat(MAX_IMPORTS + 50));
    assert.equal(r.dependencies.length, MAX_IMPORTS);
    assert.equal(r.problems.length, 1);
  });
});
