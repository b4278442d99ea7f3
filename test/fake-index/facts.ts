// Ready-made PackageFacts for rule tests: the real client against the fake indexes, so the facts
// are exactly what production code produces. `now` pins fixture dates (young-project tests).
import type { PackageFacts } from '../../server/src/index/facts';
import { FIXTURES, privateData, publicData } from './fixtures';
import { makeClient } from './harness';
import { startFakeIndex } from './server';

export { FIXTURES };

export interface FactsRequest {
  name: string;
  version?: string;
}

/**
 * Look each request up against a public fake (primary) — or, with `withPrivateIndex`, a private
 * HTML-only fake as primary and the public one as public PyPI, configured as an extra index (the
 * arrangement in which pip consults both: plan.ts only asks public PyPI when it is configured) —
 * and return facts keyed by
 * `name` or `name==version`.
 */
export async function factsFor(
  reqs: (string | FactsRequest)[],
  opts: { now?: number; withPrivateIndex?: boolean; privatePackages?: string[] } = {},
): Promise<Record<string, PackageFacts>> {
  const now = opts.now ?? Date.now();
  const pub = await startFakeIndex({ data: publicData(now) });
  const priv = opts.withPrivateIndex ? await startFakeIndex({ data: privateData(now), htmlOnly: true }) : undefined;
  const { client } = makeClient(priv ?? pub, { publicFake: pub, now: () => now, index: { privatePackages: opts.privatePackages ?? [], extraUrls: priv ? [pub.simpleUrl] : [] } });
  try {
    const out: Record<string, PackageFacts> = {};
    await Promise.all(
      reqs.map(async (r) => {
        const q = typeof r === 'string' ? { name: r } : r;
        out[q.version ? `${q.name}==${q.version}` : q.name] = await client.lookup(q.name, { version: q.version });
      }),
    );
    return out;
  } finally {
    await client.dispose();
    await pub.close();
    await priv?.close();
  }
}
