import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  distributionsForImport,
  IMPORT_MAP_ENTRIES,
  IMPORT_NAME_SQUATS,
  importNameForDistribution,
  importNameTrap,
  isImportNameTrap,
  isNamespacePrefix,
  resolveImport,
} from '../../server/src/identify/import-map';
import { isValidProjectName, normalizeName } from '../../server/src/identify/normalize';
import { isStdlibModule } from '../../server/src/identify/stdlib';

const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

describe('import map table', () => {
  it('has at least 150 entries, no duplicate modules, valid names', () => {
    assert.ok(IMPORT_MAP_ENTRIES.length >= 150, `${IMPORT_MAP_ENTRIES.length} entries`);
    const seen = new Set<string>();
    for (const e of IMPORT_MAP_ENTRIES) {
      assert.ok(!seen.has(e.module), `duplicate ${e.module}`);
      seen.add(e.module);
      assert.match(e.module, MODULE);
      assert.ok(!isStdlibModule(e.module.split('.')[0]!), `${e.module} is stdlib`);
      assert.ok(e.distributions.length > 0, e.module);
      const norm = e.distributions.map(normalizeName);
      assert.equal(new Set(norm).size, norm.length, `repeated distribution for ${e.module}`);
      // PEP 508 / packaging name rules.
      for (const d of e.distributions) assert.ok(isValidProjectName(d), `${d} is not a valid project name`);
    }
  });

  it('every entry is a real difference or lists alternatives', () => {
    for (const e of IMPORT_MAP_ENTRIES) {
      const same = e.distributions.length === 1 && normalizeName(e.distributions[0]!) === normalizeName(e.module);
      assert.ok(!same || e.module.includes('.'), `${e.module} maps to itself`);
    }
  });
});

describe('distributionsForImport', () => {
  it('maps the well-known differences, most common first', () => {
    assert.deepEqual(distributionsForImport('yaml'), ['PyYAML']);
    assert.deepEqual(distributionsForImport('PIL.Image'), ['Pillow']);
    assert.deepEqual(distributionsForImport('sklearn.linear_model'), ['scikit-learn']);
    assert.equal(distributionsForImport('cv2')[0], 'opencv-python');
    assert.ok(distributionsForImport('cv2').includes('opencv-python-headless'));
    assert.deepEqual(distributionsForImport('Crypto.Cipher'), ['pycryptodome', 'pycrypto']);
    assert.deepEqual(distributionsForImport('psycopg2'), ['psycopg2-binary', 'psycopg2']);
    assert.deepEqual(distributionsForImport('win32com.client'), ['pywin32']);
    assert.deepEqual(distributionsForImport('win32wnet'), ['pywin32']); // any win32* extension module
    assert.deepEqual(distributionsForImport('win32'), []);
    assert.deepEqual(distributionsForImport('bs4'), ['beautifulsoup4']);
    assert.deepEqual(distributionsForImport('dateutil.parser'), ['python-dateutil']);
  });

  it('uses the longest dotted prefix for namespace packages', () => {
    assert.deepEqual(distributionsForImport('google.protobuf.json_format'), ['protobuf']);
    assert.deepEqual(distributionsForImport('google.cloud.storage'), ['google-cloud-storage']);
    assert.deepEqual(distributionsForImport('azure.storage.blob.aio'), ['azure-storage-blob']);
    assert.deepEqual(distributionsForImport('mpl_toolkits.mplot3d'), ['matplotlib']);
    assert.deepEqual(distributionsForImport('mpl_toolkits.basemap'), ['basemap']);
    assert.deepEqual(distributionsForImport('opentelemetry.sdk.trace'), ['opentelemetry-sdk']);
    assert.deepEqual(distributionsForImport('opentelemetry.trace'), ['opentelemetry-api']);
  });

  it('falls back to the google-cloud-* / azure-* naming conventions', () => {
    assert.deepEqual(distributionsForImport('google.cloud.translate_v2'), ['google-cloud-translate']);
    assert.deepEqual(distributionsForImport('google.cloud.pubsub_v1'), ['google-cloud-pubsub']);
    assert.deepEqual(distributionsForImport('google.cloud.dataproc_v1beta2'), ['google-cloud-dataproc']);
    assert.deepEqual(distributionsForImport('azure.eventhub.aio'), ['azure-eventhub']);
    assert.deepEqual(distributionsForImport('azure.mgmt.compute.models'), ['azure-mgmt-compute']);
    assert.deepEqual(distributionsForImport('azure.ai.textanalytics'), ['azure-ai-textanalytics']);
  });

  it('returns [] for unknown modules and bare namespaces', () => {
    assert.deepEqual(distributionsForImport('requests'), []);
    assert.deepEqual(distributionsForImport('google'), []);
    assert.deepEqual(distributionsForImport('google.cloud'), []);
    assert.deepEqual(distributionsForImport('azure.mgmt'), []);
  });

  it('returns a copy', () => {
    distributionsForImport('yaml').push('mutated');
    assert.deepEqual(distributionsForImport('yaml'), ['PyYAML']);
  });
});

describe('isNamespacePrefix', () => {
  it('knows namespace packages that are no distribution themselves', () => {
    for (const m of ['google', 'google.cloud', 'azure', 'azure.storage', 'backports', 'zope', 'snowflake']) assert.ok(isNamespacePrefix(m), m);
    for (const m of ['yaml', 'google.protobuf', 'opentelemetry', 'requests', 'mpl_toolkits']) assert.ok(!isNamespacePrefix(m), m);
  });
});

describe('importNameForDistribution', () => {
  it('reverses canonical entries, PEP 503 compare', () => {
    assert.equal(importNameForDistribution('PyYAML'), 'yaml');
    assert.equal(importNameForDistribution('pyyaml'), 'yaml');
    assert.equal(importNameForDistribution('Pillow'), 'PIL');
    assert.equal(importNameForDistribution('scikit_learn'), 'sklearn');
    assert.equal(importNameForDistribution('opencv-python-headless'), 'cv2');
    assert.equal(importNameForDistribution('psycopg2-binary'), 'psycopg2');
    assert.equal(importNameForDistribution('google-cloud-storage'), 'google.cloud.storage');
  });

  it('is undefined when the import name is the distribution name or a side module', () => {
    assert.equal(importNameForDistribution('requests'), undefined);
    assert.equal(importNameForDistribution('psycopg2'), undefined);
    assert.equal(importNameForDistribution('matplotlib'), undefined); // mpl_toolkits/pylab are secondary
    assert.equal(importNameForDistribution('setuptools'), undefined);
    assert.equal(importNameForDistribution('pymongo'), undefined);
  });
});

describe('resolveImport', () => {
  it('prefers the declared candidate', () => {
    assert.deepEqual(resolveImport('cv2', new Set(['opencv-python-headless'])), {
      distributions: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'],
      declaredAs: 'opencv-python-headless',
    });
    assert.equal(resolveImport('yaml', new Set(['pyyaml'])).declaredAs, 'PyYAML');
    assert.equal(resolveImport('psycopg2', new Set(['psycopg2'])).declaredAs, 'psycopg2');
  });

  it('accepts the import name or a module prefix itself being declared', () => {
    assert.equal(resolveImport('yaml', new Set(['yaml'])).declaredAs, 'yaml');
    assert.equal(resolveImport('ruamel.yaml.comments', new Set(['ruamel-yaml'])).declaredAs, 'ruamel.yaml');
    assert.equal(resolveImport('jaraco.functools', new Set(['jaraco-functools'])).declaredAs, 'jaraco.functools');
  });

  it('assumes an unknown module is its own distribution, except in a namespace', () => {
    assert.deepEqual(resolveImport('requests.adapters', new Set()), { distributions: ['requests'] });
    assert.deepEqual(resolveImport('google.unknownthing', new Set()), { distributions: [] });
    assert.deepEqual(resolveImport('yaml', new Set(['requests'])), { distributions: ['PyYAML'] });
  });
});

describe('import-name traps', () => {
  it('lists the import names that install the wrong thing', () => {
    for (const n of ['sklearn', 'jwt', 'dotenv', 'cv2', 'PIL', 'pil', 'yaml', 'bs4', 'dateutil', 'Crypto', 'crypto', 'attr', 'serial', 'fitz', 'docx']) {
      assert.ok(isImportNameTrap(n), n);
    }
    assert.ok(IMPORT_NAME_SQUATS.has('sklearn'));
    assert.ok(IMPORT_NAME_SQUATS.size >= 30);
  });

  it('never lists a real distribution that provides its own import', () => {
    for (const n of ['requests', 'numpy', 'attrs', 'psycopg2', 'Levenshtein', 'crontab', 'whois', 'gnupg', 'pynvml', 'lark', 'igraph', 'fpdf', 'pdfminer', 'PyYAML', 'scikit-learn']) {
      assert.ok(!isImportNameTrap(n), n);
    }
  });

  it('every trap but namespace roots has a distribution to suggest', () => {
    for (const n of IMPORT_NAME_SQUATS) {
      const t = importNameTrap(n);
      assert.ok(t, n);
      if (n !== 'azure') assert.ok(t.distributions.length > 0, `${n} has no replacement`);
    }
    assert.deepEqual(importNameTrap('sklearn'), { importName: 'sklearn', kind: 'deprecated-stub', distributions: ['scikit-learn'] });
    assert.equal(importNameTrap('requests'), undefined);
  });
});

// Checked against the shared PyPI name snapshot when it is there (CI); skipped visibly otherwise.
const SNAPSHOT = join(__dirname, '..', '..', '..', 'shared', 'data', 'pypi-projects.tsv.gz');
const haveSnapshot = existsSync(SNAPSHOT);

describe('import map against the PyPI snapshot', { skip: haveSnapshot ? false : `${SNAPSHOT} not present` }, () => {
  const names = (): Set<string> => {
    const rows = gunzipSync(readFileSync(SNAPSHOT)).toString('utf8').split('\n');
    return new Set(rows.slice(1).map((r) => normalizeName(r.split('\t')[0] ?? '')));
  };
  const onPypi = haveSnapshot ? names() : new Set<string>();

  it('every distribution in the table exists on PyPI', () => {
    const missing = IMPORT_MAP_ENTRIES.flatMap((e) => e.distributions).filter((d) => !onPypi.has(normalizeName(d)));
    assert.deepEqual(missing, []);
  });

  it('trap kinds agree with the snapshot', () => {
    for (const n of IMPORT_NAME_SQUATS) {
      const t = importNameTrap(n)!;
      if (t.kind === 'not-installable') assert.ok(!onPypi.has(n), `${n} has a release`);
      else assert.ok(onPypi.has(n), `${n} (${t.kind}) is not on PyPI`);
    }
  });
});
