import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { RuleContext, WorkspaceFacts } from '../../server/src/assess/rule';
import { undeclaredImportRule } from '../../server/src/assess/rules/undeclared-import';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';
import { parsePythonImports } from '../../server/src/parse/python-imports';
import { parseRequirements } from '../../server/src/parse/requirements';
import { textOfRange } from '../../server/src/parse/text';

function ctx(ws: Partial<WorkspaceFacts> = {}, settings: unknown = {}): RuleContext {
  return {
    settings: normalizeSettings(settings),
    document: { kind: 'python', dependencies: [], problems: [], includes: [], indexes: [] },
    workspace: { declared: new Set(), firstParty: new Set(), ...ws },
    now: new Date('2026-11-26T12:00:00Z'),
  };
}

/** Runs the rule over every import of `src`. */
function run(src: string, c: RuleContext = ctx()): Finding[] {
  return parsePythonImports(src).dependencies.flatMap((d) => undeclaredImportRule.check(d, c));
}

describe('undeclaredImportRule (PW103)', () => {
  it('reports an undeclared import with the distribution to install', () => {
    const src = 'import os\nimport yaml\n';
    const [f, ...rest] = run(src);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.code, CODES.undeclared.code);
    assert.equal(f.rule, 'undeclared-import');
    assert.equal(f.severity, 'hint');
    assert.equal(f.message, "'yaml' is imported but no requirements file or pyproject.toml declares it (install 'PyYAML')");
    assert.equal(textOfRange(src, f.range), 'yaml');
    assert.deepEqual(f.fixes, [{ kind: 'add-dependency', name: 'PyYAML', title: "Add 'PyYAML' to requirements.txt" }]);
    assert.deepEqual(f.evidence, { module: 'yaml', distributions: ['PyYAML'], optional: false });
  });

  it('names the nearest manifest in the fix title', () => {
    const req = ctx({ nearestManifest: { uri: 'file:///w/requirements-dev.txt', kind: 'requirements' } });
    assert.equal(run('import yaml\n', req)[0]?.fixes[0]?.title, "Add 'PyYAML' to requirements-dev.txt");
    const py = ctx({ nearestManifest: { uri: 'file:///w/sub%20dir/pyproject.toml', kind: 'pyproject' } });
    assert.equal(run('import yaml\n', py)[0]?.fixes[0]?.title, "Add 'PyYAML' to pyproject.toml");
  });

  it('is satisfied by any declared candidate or the import name itself', () => {
    assert.deepEqual(run('import yaml\n', ctx({ declared: new Set(['pyyaml']) })), []);
    assert.deepEqual(run('import cv2\n', ctx({ declared: new Set(['opencv-contrib-python-headless']) })), []);
    assert.deepEqual(run('import requests\n', ctx({ declared: new Set(['requests']) })), []);
    assert.deepEqual(run('from google.cloud import storage\n', ctx({ declared: new Set(['google-cloud-storage']) })), []);
    // Declaring the import name (a PW102 problem in the manifest) still counts as declared here.
    assert.deepEqual(run('import sklearn\n', ctx({ declared: new Set(['sklearn']) })), []);
    // Declared names come from the manifest parser, PEP 503-normalised.
    const declared = new Set(parseRequirements('PyYAML>=6\nBeautifulSoup4\n').dependencies.map((d) => d.name));
    assert.deepEqual(run('import yaml\nfrom bs4 import BeautifulSoup\n', ctx({ declared })), []);
  });

  it('skips stdlib, first-party, relative and __future__ imports', () => {
    assert.deepEqual(run('import os, sys, json\nfrom collections import abc\nimport distutils\nimport tomllib\n'), []);
    assert.deepEqual(run('import myapp.models\nfrom . import x\nfrom __future__ import annotations\n', ctx({ firstParty: new Set(['myapp']) })), []);
  });

  it('assumes an unknown module is its own distribution', () => {
    const [f] = run('import requests.adapters\n');
    assert.equal(f?.message, "'requests' is imported but no requirements file or pyproject.toml declares it (install 'requests')");
    assert.equal(f?.fixes[0]?.name, 'requests');
  });

  it('names the namespace part and all candidates', () => {
    const [g] = run('from google.cloud import bigquery\n');
    assert.match(g!.message, /^'google\.cloud\.bigquery' is imported .* \(install 'google-cloud-bigquery'\)$/);
    const [cv] = run('import cv2\n');
    assert.match(cv!.message, /install 'opencv-python' or 'opencv-python-headless' or /);
    assert.equal(cv!.fixes[0]?.name, 'opencv-python');
    assert.deepEqual(run('import google\n'), []); // a bare namespace: nothing sensible to add
  });

  it('guarded imports are reported as hints even when the rule is raised', () => {
    const c = ctx({}, { rules: { 'undeclared-import': { severity: 'warning' } } });
    const fs = run('import attr\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n', c);
    assert.deepEqual(fs.map((f) => [f.dependency?.rawName, f.severity]), [['attr', 'warning'], ['ujson', 'hint']]);
    assert.match(fs[1]!.message, /\[optional import\]$/);
    assert.equal(fs[1]!.evidence?.optional, true);
  });

  it('skips requirement entries, allowlisted names and a disabled rule', () => {
    const reqDep = parseRequirements('yaml\n').dependencies[0]!;
    assert.deepEqual(undeclaredImportRule.check(reqDep, ctx()), []);
    assert.deepEqual(run('import yaml\n', ctx({}, { allowlist: ['PyYAML'] })), []);
    assert.deepEqual(run('import my_private\n', ctx({}, { allowlist: ['my-private'] })), []);
    assert.deepEqual(run('import yaml\n', ctx({}, { rules: { 'undeclared-import': false } })), []);
  });
});
