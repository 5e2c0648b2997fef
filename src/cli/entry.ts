/**
 * What bin/esplan.js runs (bundled by scripts/bundle.mjs): the CLI, with zod configured for a
 * one-shot process first. ES modules evaluate in import order, so one-shot-zod.ts runs before
 * main.js and everything it imports builds its schemas.
 */
import './one-shot-zod.js';

export { run } from './main.js';
