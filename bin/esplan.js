#!/usr/bin/env node
// Thin launcher: all logic lives in the compiled CLI, bundled into one file for a fast start
// (scripts/bundle.mjs; `npm run build` makes it).
import { run } from '../dist/bundle/esplan.mjs';

process.exitCode = await run(process.argv.slice(2));
