import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/paths.js';

/** The package version, read once from package.json (so it is never out of step). */
export const ESPLAN_VERSION: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
