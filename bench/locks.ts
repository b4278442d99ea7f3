// Only the lockfile rows of the parse bench (`npx tsx bench/locks.ts`), so a lock parser change can
// be measured without the whole suite.
import { benchLocks } from './parse';

for (const r of benchLocks()) console.log(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`);
