// A `file://` index: a PEP 503 Simple API laid out as folders (`<root>/<project>/index.html`),
// as `pip download` mirrors, `dir2pi` and `python -m http.server` trees have it. pip reads
// `file:` index URLs the same way (a folder URL means its index.html). Honoured only where a
// user-configured or trusted-workspace index may be (plan.ts): the index client never follows a
// `file:` URL an index answer names (files, provenance: urls.ts `refusalReason`).
import { promises as fsp } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HttpResponse } from './http';
import { FetchError } from './http';

/** Same cap as for network answers: a huge local file must not stall the editor either. */
const MAX_BYTES = 20 * 1024 * 1024;

export function isFileUrl(url: string): boolean {
  return /^file:/i.test(url);
}

/** GET on a local Simple API folder: 200 with its index.html, 404 when the project has no folder. */
export async function readLocalIndex(url: string): Promise<HttpResponse> {
  let dir: string;
  try {
    dir = fileURLToPath(url);
  } catch (e) {
    throw new FetchError('network', `EINVAL: not a local file URL: ${url.slice(0, 200)} (${String(e).slice(0, 100)})`);
  }
  const file = /[\\/]$/.test(dir) ? `${dir}index.html` : `${dir}/index.html`;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return { status: 404, url, body: '' };
    if (st.size > MAX_BYTES) throw new FetchError('too-large', `local index file ${file} exceeds ${MAX_BYTES} bytes`);
    return { status: 200, url, body: await fsp.readFile(file, 'utf8'), contentType: 'text/html' };
  } catch (e) {
    if (e instanceof FetchError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 404, url, body: '' };
    throw new FetchError('network', `${code}: cannot read ${file}`);
  }
}
