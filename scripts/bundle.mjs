#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/entry.js) and the libraries every command needs into one
// file, dist/bundle/esplan.mjs, which bin/esplan.js runs. Start-up is dominated by loading
// modules: zod alone is about 95 files and yaml about 80, and resolving and compiling them one
// by one made `esplan recommend --json` take over three times as long as a bare `node -e 0`
// (bench/results/). Every other package stays external, so libraries that only some commands
// import lazily (the Elasticsearch client, prompts, tables) load only when those commands run.
//
// The bundle lives two directories below the package root, like every module in dist/, so the
// paths that src/data/paths.ts derives from import.meta.url stay right.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Checks every data file the loaders in dist/data read, as they would at run time, and lists
 * those whose check returned exactly the file's content: the bundle then skips re-checking them
 * while their content hash matches (see src/data/read-data-file.ts). A loader that fails here
 * leaves its files unlisted, so they are still checked, and fail, at run time.
 */
async function checkDataFiles() {
  const { recordDataChecks } = await import('../dist/data/read-data-file.js');
  const { PROVIDERS } = await import('../dist/model/workload.js');
  const checked = {};
  recordDataChecks((c) => {
    if (c.unchanged) checked[c.file] = c.sha256;
  });
  const dataDir = new URL('../dist/data/', import.meta.url);
  for (const name of readdirSync(dataDir).filter((f) => f.endsWith('.js'))) {
    const mod = await import(new URL(name, dataDir).href);
    for (const [exported, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function' || !/^load[A-Z]/.test(exported)) continue;
      const calls = fn.length === 0 ? [[]] : exported === 'loadCatalog' ? PROVIDERS.map((p) => [p]) : [];
      for (const args of calls) {
        try {
          fn(...args);
        } catch (err) {
          console.error(`bundle: ${exported}(${args.join(', ')}) failed, its files stay checked at run time: ${err.message}`);
        }
      }
    }
  }
  recordDataChecks(undefined);
  return checked;
}

/** Packages compiled into the bundle: the ones the JSON path loads on every run. */
const BUNDLED = new Set(['zod', 'yaml', 'commander']);

const keepOthersExternal = {
  name: 'keep-others-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { external: true };
    });
  },
};

const checked = await checkDataFiles();

await build({
  entryPoints: ['dist/cli/entry.js'],
  define: { __ESPLAN_CHECKED_DATA__: JSON.stringify(checked) },
  outfile: 'dist/bundle/esplan.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [keepOthersExternal],
  // commander is CommonJS and requires Node built-ins; an ES module bundle needs a real require.
  banner: { js: "import { createRequire as __esplanCreateRequire } from 'node:module';\nconst require = __esplanCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
