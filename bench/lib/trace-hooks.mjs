// Module loader hooks for the start-up benchmark: append every module URL Node loads to a file,
// so the report can say what `esplan recommend --json` pulls in (ESM and CommonJS entry points).
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
