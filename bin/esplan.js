#!/usr/bin/env node
// Thin launcher: all logic lives in the compiled CLI, bundled into one file for a fast start
// (scripts/bundle.mjs; `npm run build` makes it).
import module from 'node:module';

// Node 22.1+ can keep the compiled bundle between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();

const { run } = await import('../dist/bundle/esplan.mjs');
process.exitCode = await run(process.argv.slice(2));
