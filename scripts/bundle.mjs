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
import { build } from 'esbuild';

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

await build({
  entryPoints: ['dist/cli/entry.js'],
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
