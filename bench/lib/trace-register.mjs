// Loaded with `node --import`: registers trace-hooks.mjs (ESM loads) and, at exit, adds every
// CommonJS module in require.cache (CommonJS loads do not pass through the ESM hooks on Node 20).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.ESPLAN_TRACE_OUT;
register(new URL('./trace-hooks.mjs', import.meta.url), { data: { out } });
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const cjs = Object.keys(require.cache).map((p) => pathToFileURL(p).href);
  if (cjs.length) appendFileSync(out, `${cjs.join('\n')}\n`);
});
