// Import name <-> distribution name, for the cases where they differ (`import yaml` comes from
// PyYAML). Installed environments know this from RECORD files (importlib.metadata
// .packages_distributions()) and, with PEP 794, from `Import-Name` metadata; an editor looking at
// a project that is not installed has neither, so this curated table of well-known facts fills in.
// Written by hand from each project's own install instructions; names as PyPI displays them.
import { normalizeName } from './normalize';

// Format: `module [module…] = distribution [distribution…]`, most common distribution first.
// A module may be dotted (namespace packages: `google.protobuf`); the longest dotted prefix wins.
// `~module` marks a secondary module of the distribution, not its canonical import name.
const TABLE = `
yaml _yaml = PyYAML
cv2 = opencv-python opencv-python-headless opencv-contrib-python opencv-contrib-python-headless
PIL = Pillow
sklearn = scikit-learn
skimage = scikit-image
skbuild = scikit-build
skopt = scikit-optimize
skvideo = scikit-video
imblearn = imbalanced-learn
bs4 = beautifulsoup4
dateutil = python-dateutil
dotenv = python-dotenv
decouple = python-decouple
environ = django-environ
jwt = PyJWT
jose = python-jose
Crypto = pycryptodome pycrypto
Cryptodome = pycryptodomex
OpenSSL = pyOpenSSL
nacl = PyNaCl
jks = pyjks
pkcs11 = python-pkcs11
smartcard = pyscard
gnupg = python-gnupg gnupg
attr = attrs
magic = python-magic
serial = pyserial
usb = pyusb
can = python-can
bluetooth = PyBluez
RPi = RPi.GPIO
board digitalio busio = Adafruit-Blinka
zmq = pyzmq
git = GitPython
hglib = python-hglib
github = PyGithub
gitlab = python-gitlab
atlassian = atlassian-python-api
jenkins = python-jenkins
docx = python-docx
pptx = python-pptx
odf = odfpy
fitz = PyMuPDF
pdfminer = pdfminer.six pdfminer
fpdf = fpdf2 fpdf
Levenshtein = Levenshtein python-Levenshtein
MySQLdb = mysqlclient
mysql.connector = mysql-connector-python
psycopg2 = psycopg2-binary psycopg2
cassandra = cassandra-driver
~bson ~gridfs = pymongo
snowflake.connector = snowflake-connector-python
snowflake.snowpark = snowflake-snowpark-python
databricks.sdk = databricks-sdk
databricks.sql = databricks-sql-connector
memcache = python-memcached
dogpile.cache = dogpile.cache
consul = python-consul
etcd = python-etcd
kafka = kafka-python
paho.mqtt = paho-mqtt
nats = nats-py
~playhouse = peewee
tortoise = tortoise-orm
migrate = sqlalchemy-migrate
haystack = haystack-ai farm-haystack django-haystack
win32api win32con win32gui win32com win32process win32file win32event win32service win32serviceutil win32clipboard win32print win32pipe win32security win32ui win32timezone win32console win32crypt win32net win32cred win32evtlog win32evtlogutil pythoncom pywintypes winerror ntsecuritycon servicemanager = pywin32
winrm = pywinrm
gi = PyGObject
cairo = pycairo
dbus = dbus-python
Xlib = python-xlib
wx = wxPython
OpenGL = PyOpenGL
objc = pyobjc-core
AppKit Foundation PyObjCTools = pyobjc-framework-Cocoa
Quartz = pyobjc-framework-Quartz
osgeo = GDAL
~mpl_toolkits ~pylab = matplotlib
mpl_toolkits.basemap = basemap
Bio = biopython
umap = umap-learn
faiss = faiss-cpu faiss-gpu
community = python-louvain
igraph = igraph python-igraph
cupy = cupy-cuda12x cupy-cuda11x cupy
pynvml = nvidia-ml-py pynvml
cpuinfo = py-cpuinfo
pycrfsuite = python-crfsuite
pinecone = pinecone pinecone-client
weaviate = weaviate-client
lark = lark lark-parser
antlr4 = antlr4-python3-runtime
markdown_it = markdown-it-py
readability = readability-lxml
newspaper = newspaper3k
speech_recognition = SpeechRecognition
alsaaudio = pyalsaaudio
vlc = python-vlc
ffmpeg = ffmpeg-python
snappy = python-snappy
yara = yara-python
pwn = pwntools
dns = dnspython
lexicon = dns-lexicon
digitalocean = python-digitalocean
augeas = python-augeas
proxy = proxy.py
ldap = python-ldap
saml2 = pysaml2
onelogin = python3-saml
smb nmb = pysmb
nmap = python-nmap
whois = python-whois whois
ulid = python-ulid ulid-py
crontab = python-crontab crontab
socks sockshandler = PySocks
websocket = websocket-client
geventwebsocket = gevent-websocket
socketio = python-socketio
engineio = python-engineio
multipart = python-multipart
slugify = python-slugify
web = web.py
suds = suds-community suds
jnpr.junos = junos-eznc
pyVim = pyvmomi
openstack = openstacksdk
novaclient = python-novaclient
keystoneclient = python-keystoneclient
glanceclient = python-glanceclient
neutronclient = python-neutronclient
cinderclient = python-cinderclient
swiftclient = python-swiftclient
heatclient = python-heatclient
telegram = python-telegram-bot
telebot = pyTelegramBotAPI
discord = discord.py
slack = slackclient
pyrebase = Pyrebase4 Pyrebase
hydra = hydra-core
pythonjsonlogger = python-json-logger
vcr = vcrpy
factory = factory-boy
xdist = pytest-xdist
~_pytest = pytest
~pyximport = Cython
~pkg_resources = setuptools
~past ~libfuturize ~libpasteurize = future
backports.zoneinfo = backports.zoneinfo
backports.functools_lru_cache = backports.functools_lru_cache
zope.interface = zope.interface
zope.event = zope.event
ruamel.yaml = ruamel.yaml
aws_cdk = aws-cdk-lib
grpc = grpcio
grpc_tools = grpcio-tools
grpc_status = grpcio-status
grpc_health = grpcio-health-checking
grpc_reflection = grpcio-reflection
rest_framework = djangorestframework
rest_framework_simplejwt = djangorestframework-simplejwt
rest_framework_nested = drf-nested-routers
knox = django-rest-knox
corsheaders = django-cors-headers
django_filters = django-filter
debug_toolbar = django-debug-toolbar
crispy_forms = django-crispy-forms
storages = django-storages
allauth = django-allauth
phonenumber_field = django-phonenumber-field
polymorphic = django-polymorphic
taggit = django-taggit
mptt = django-mptt
import_export = django-import-export
guardian = django-guardian
oauth2_provider = django-oauth-toolkit
widget_tweaks = django-widget-tweaks
compressor = django-compressor
ckeditor = django-ckeditor
simple_history = django-simple-history
constance = django-constance
model_utils = django-model-utils
anymail = django-anymail
google.protobuf = protobuf
google.rpc google.type google.api google.longrunning = googleapis-common-protos
google.iam = grpc-google-iam-v1
google.auth google.oauth2 = google-auth
googleapiclient apiclient = google-api-python-client
google.api_core = google-api-core
google.resumable_media = google-resumable-media
google.genai = google-genai
google.generativeai = google-generativeai
google.ai.generativelanguage = google-ai-generativelanguage
google.adk = google-adk
google.ads.googleads = google-ads
google.analytics.data = google-analytics-data
google.cloud.client google.cloud.exceptions google.cloud.environment_vars = google-cloud-core
google.cloud.storage = google-cloud-storage
google.cloud.bigquery = google-cloud-bigquery
google.cloud.bigquery_storage = google-cloud-bigquery-storage
google.cloud.pubsub google.cloud.pubsub_v1 = google-cloud-pubsub
google.cloud.firestore = google-cloud-firestore
google.cloud.secretmanager = google-cloud-secret-manager
google.cloud.logging = google-cloud-logging
google.cloud.aiplatform = google-cloud-aiplatform
~vertexai = google-cloud-aiplatform vertexai
google.cloud.sql.connector = cloud-sql-python-connector
azure.identity = azure-identity
azure.core = azure-core
azure.storage.blob = azure-storage-blob
azure.storage.queue = azure-storage-queue
azure.storage.fileshare = azure-storage-file-share
azure.storage.filedatalake = azure-storage-file-datalake
azure.keyvault.secrets = azure-keyvault-secrets
azure.cosmos = azure-cosmos
azure.servicebus = azure-servicebus
azure.functions = azure-functions
azure.cognitiveservices.speech = azure-cognitiveservices-speech
azure.kusto.data = azure-kusto-data
opentelemetry = opentelemetry-api
opentelemetry.sdk = opentelemetry-sdk
opentelemetry.exporter.otlp = opentelemetry-exporter-otlp
opentelemetry.semconv = opentelemetry-semantic-conventions
`;

export interface ImportMapEntry {
  module: string;
  distributions: readonly string[];
  canonical: boolean;
}

function parseTable(table: string): ImportMapEntry[] {
  const out: ImportMapEntry[] = [];
  for (const line of table.split('\n')) {
    const [lhs, rhs] = line.split('=');
    if (!lhs || !rhs) continue;
    const distributions = rhs.trim().split(/\s+/);
    for (const m of lhs.trim().split(/\s+/)) {
      out.push({ module: m.replace(/^~/, ''), distributions, canonical: !m.startsWith('~') });
    }
  }
  return out;
}

/** Every table row, in table order (tests check it: no duplicates, valid PEP 508 names). */
export const IMPORT_MAP_ENTRIES: readonly ImportMapEntry[] = parseTable(TABLE);

const BY_MODULE = new Map<string, readonly string[]>(IMPORT_MAP_ENTRIES.map((e) => [e.module, e.distributions]));

// `import x` works for distribution `X`, `x-y` for module `x_y`: those need no reverse entry. A dot
// does matter (`google.cloud.storage` is not importable as `google_cloud_storage`).
const importable = (s: string): string => s.toLowerCase().replace(/-/g, '_');
const REVERSE = new Map<string, string>();
for (const e of IMPORT_MAP_ENTRIES) {
  if (!e.canonical) continue;
  for (const d of e.distributions) {
    const key = normalizeName(d);
    if (!REVERSE.has(key) && importable(d) !== importable(e.module)) REVERSE.set(key, e.module);
  }
}

// Namespace packages whose parts ship separately by a naming convention
// (https://packaging.python.org/en/latest/guides/packaging-namespace-packages/):
// `google.cloud.X` is google-cloud-X, `azure.X` is azure-X, `azure.<group>.X` is azure-<group>-X.
const AZURE_GROUPS = new Set(['ai', 'mgmt', 'storage', 'keyvault', 'monitor', 'data', 'communication', 'messaging', 'synapse', 'digitaltwins', 'iot', 'mixedreality', 'purview', 'security', 'developer', 'cognitiveservices', 'kusto']);
const NAMESPACE_ROOTS = new Set(['google', 'google.cloud', 'azure', ...[...AZURE_GROUPS].map((g) => `azure.${g}`)]);
for (const e of IMPORT_MAP_ENTRIES) {
  const parts = e.module.split('.');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    if (!BY_MODULE.has(prefix)) NAMESPACE_ROOTS.add(prefix);
  }
}

function byConvention(parts: string[]): string[] {
  // Versioned API modules (`pubsub_v1`, `firestore_v1beta1`) belong to the unversioned distribution.
  const part = (s: string | undefined): string | undefined => s?.replace(/_v\d+(?:(?:alpha|beta|p\d+beta)\d*)?$/, '');
  if (parts[0] === 'google' && parts[1] === 'cloud' && parts[2]) return [normalizeName(`google-cloud-${part(parts[2])}`)];
  if (parts[0] === 'azure' && parts[1]) {
    if (!AZURE_GROUPS.has(parts[1])) return [normalizeName(`azure-${parts[1]}`)];
    if (parts[2]) return [normalizeName(`azure-${parts[1]}-${part(parts[2])}`)];
  }
  return [];
}

/** Candidate distributions for a (dotted) module, most common first; [] when not known. */
export function distributionsForImport(module: string): string[] {
  // Longest dotted prefix first, cut at each `.` from the end (the rules ask this several times
  // per import; splitting and re-joining the name for every prefix was most of the cost).
  for (let end = module.length; end > 0; end = module.lastIndexOf('.', end - 1)) {
    const hit = BY_MODULE.get(end === module.length ? module : module.slice(0, end));
    if (hit) return [...hit];
  }
  if (!module.includes('.')) {
    // pywin32 ships dozens of `win32*` extension modules; the common ones are listed above.
    return /^win32[a-z]+$/.test(module) ? ['pywin32'] : [];
  }
  return byConvention(module.split('.'));
}

/** The canonical import name of a distribution when it differs from the distribution name. */
export function importNameForDistribution(dist: string): string | undefined {
  return REVERSE.get(normalizeName(dist));
}

/** True for a namespace package (`google`, `google.cloud`, `azure`) that is no distribution by itself. */
export function isNamespacePrefix(module: string): boolean {
  return NAMESPACE_ROOTS.has(module) && !BY_MODULE.has(module);
}

/**
 * Which distributions an import may come from, preferring the one the workspace declares.
 * Unknown modules are assumed to be their own distribution, except inside a namespace package
 * (`google.foo`): there the top-level name is another project, so the answer is [].
 */
export function resolveImport(module: string, declared: ReadonlySet<string>): { distributions: string[]; declaredAs?: string } {
  const parts = module.split('.');
  let distributions = distributionsForImport(module);
  if (distributions.length === 0 && !NAMESPACE_ROOTS.has(parts[0]!)) distributions = [parts[0]!];
  const hit = distributions.find((d) => declared.has(normalizeName(d)));
  if (hit) return { distributions, declaredAs: hit };
  // The module path itself (`ruamel.yaml`, `jaraco.functools`) or a prefix of it may be declared.
  for (let i = parts.length; i > 0; i--) {
    const name = parts.slice(0, i).join('.');
    if (declared.has(normalizeName(name))) return { distributions, declaredAs: name };
  }
  return { distributions };
}

/** What writing the import name as a requirement gets you instead of the right project. */
export type TrapKind = 'different-project' | 'deprecated-stub' | 'placeholder' | 'not-installable' | 'not-the-distribution';

export interface ImportNameTrap {
  importName: string;
  kind: TrapKind;
}

// Not listed although they differ: names that are active projects of their own which people do
// depend on (`multipart`, `snappy` = SnapPy, `bio`, `google` = googlesearch, `kafka`, `memcache`).
// Import names that are wrong as requirements. Only names that are not themselves a distribution
// providing the module: `psycopg2`, `Levenshtein`, `crontab` are real projects and not listed.
// Kinds are phrased conservatively: `not-the-distribution` says no more than "this name is not the
// project's own distribution" (whatever, if anything, is published under it).
const TRAP_LIST: [string, TrapKind][] = [
  ['sklearn', 'deprecated-stub'], // scikit-learn's `sklearn` stub: installing it fails on purpose
  ['azure', 'deprecated-stub'], // the retired Azure SDK meta-package: its last release refuses to install
  ['jwt', 'different-project'], // a separate JWT library, API-incompatible with PyJWT
  ['Crypto', 'different-project'], // `crypto` is an unrelated command-line encryption tool
  ['attr', 'different-project'], // a small unrelated decorator library
  ['serial', 'different-project'], // a serialization library, not pyserial
  ['docx', 'different-project'], // an old, unmaintained predecessor of python-docx
  ['telegram', 'different-project'], // an old unrelated package, not python-telegram-bot
  ['bson', 'different-project'], // a standalone BSON codec that breaks pymongo's own bson
  ['PIL', 'not-installable'], // the original PIL has no release pip can install
  ['bs4', 'placeholder'], // a stub that only depends on beautifulsoup4
  ['zmq', 'placeholder'], // a stub that only depends on pyzmq
];
// No release under these names in the 2026 PyPI snapshot (../shared/data/pypi-projects.tsv.gz).
for (const n of 'yaml cv2 dateutil OpenSSL MySQLdb win32api pptx umap'.split(' ')) TRAP_LIST.push([n, 'not-installable']);
// Published by someone else, or a stale release unrelated to the project the import belongs to.
const OTHERS = 'fitz dotenv skimage websocket ffmpeg hydra jose slugify environ telebot github discord community readability ldap yara pwn osgeo jenkins factory slack etcd socketio xdist';
for (const n of OTHERS.split(' ')) TRAP_LIST.push([n, 'not-the-distribution']);
const IMPORT_NAME_TRAPS: ImportNameTrap[] = TRAP_LIST.map(([importName, kind]) => ({ importName, kind }));

const TRAPS = new Map<string, ImportNameTrap>(IMPORT_NAME_TRAPS.map((t) => [normalizeName(t.importName), t]));

/** Import names that, written as a requirement, do not install the project that provides them. */
export const IMPORT_NAME_SQUATS: ReadonlySet<string> = new Set(TRAPS.keys());

/** The trap record for a requirement name (PEP 503 compare), with the distributions to use instead. */
export function importNameTrap(name: string): (ImportNameTrap & { distributions: string[] }) | undefined {
  const trap = TRAPS.get(normalizeName(name));
  return trap ? { ...trap, distributions: distributionsForImport(trap.importName) } : undefined;
}

export function isImportNameTrap(name: string): boolean {
  return TRAPS.has(normalizeName(name));
}
