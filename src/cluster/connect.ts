/**
 * Opening the cluster as apply and check do: say where and how esplan connects, then open the
 * transport with the apply policy's retries, each retry said on the progress line.
 */
import { loadApplyPolicy } from '../data/apply-policy.js';
import { sanitise } from '../model/sanitise.js';
import { describeAuth, type Connection } from './connection.js';
import { openClusterHttp } from './es-transport.js';
import type { ClusterHttp } from './http.js';

/** `given` (tests) replaces the real transport; the connecting line is said either way. */
export async function connectWithProgress(conn: Connection, progress: (line: string) => void, given?: ClusterHttp): Promise<ClusterHttp> {
  const policy = loadApplyPolicy();
  progress(`esplan: connecting to ${sanitise(conn.url)} (${sanitise(describeAuth(conn.auth))}${conn.ignoredAuth ? `; ${conn.ignoredAuth} ignored` : ''})`);
  if (given) return given;
  return openClusterHttp(
    conn,
    { attempts: policy.retryAttempts, backoffMs: policy.retryBackoffMs },
    {
      onRetry: (spec, attempt, e) =>
        progress(`esplan: ${sanitise(spec.what)}: ${e.kind} (${sanitise(e.message.split('\n')[0] ?? '')}); retry ${attempt} of ${policy.retryAttempts}`),
    },
  );
}
