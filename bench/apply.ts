/**
 * Apply: requests and time for a first `esplan apply` and a no-op re-apply against the loopback
 * fake cluster in test/fake-es.
 *
 * SLOT: apply and the fake cluster are being built on another branch. Until both are on main
 * this reports why it did not run; when they land, measure here:
 *   1. start the fake (test/fake-es) on a loopback port, empty;
 *   2. time `node bin/esplan.js apply --workload examples/rag-assistant.yaml --url <fake> --yes`
 *      as a whole process, and read the fake's request log: count of requests by method and path;
 *   3. run the same command again (nothing to change): time and requests again, expecting only
 *      reads (GET) and exit 0;
 *   4. report both runs' median of several repetitions, each against a freshly started fake.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ApplyResult {
  status: 'not-run';
  reason: string;
}

export function benchApply(root: string): ApplyResult {
  const fake = join(root, 'test', 'fake-es');
  if (!existsSync(fake)) {
    return { status: 'not-run', reason: 'test/fake-es is not on this branch yet (apply and the loopback fake are being built)' };
  }
  return { status: 'not-run', reason: 'test/fake-es exists but this benchmark slot has not been written against it yet' };
}
