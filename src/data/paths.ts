import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this module, in `src/` (tests) and `dist/` (built) alike. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const formulasDir = join(packageRoot, 'formulas');
export const catalogsDir = join(packageRoot, 'catalogs');
export const examplesDir = join(packageRoot, 'examples');

/** The workload `esplan recommend` sizes when no --workload is given. */
export const defaultWorkloadPath = join(examplesDir, 'rag-assistant.yaml');
