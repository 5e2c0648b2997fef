/**
 * Runs the fake cluster on its own for manual tries and for capturing docs output:
 *   npx tsx test/fake-es/serve.ts [seconds] [--plan-from WORKLOAD] [--scenario NAME] [--version V]
 * prints its URL and the test API key, and stops by itself after the given seconds (default 120).
 * With --plan-from it serves the cluster that workload's plan describes, holding today's data
 * (cluster-from-plan.ts), for `esplan check`; --scenario breaks one thing (share-zone,
 * undersized-node, replicas-drift, vectors-above-plan, awareness-absent, cache-too-small).
 */
import { parseArgs } from 'node:util';
import { startFakeEs } from './fake-es.js';
import { awarenessAbsent, cacheTooSmall, clusterFromPlan, copiesShareZone, replicasDrift, undersizedNode, vectorsAbovePlan, type StandIn } from './cluster-from-plan.js';
import { loadModelData } from '../../src/data/model-data.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { readWorkloadFile } from '../../src/cli/workload-file.js';

const SCENARIOS: Record<string, (c: StandIn) => StandIn> = {
  'share-zone': copiesShareZone,
  'undersized-node': undersizedNode,
  'replicas-drift': replicasDrift,
  'vectors-above-plan': (c) => vectorsAbovePlan(c),
  'awareness-absent': awarenessAbsent,
  'cache-too-small': cacheTooSmall,
};

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'plan-from': { type: 'string' }, scenario: { type: 'string' }, version: { type: 'string' } } });
const seconds = Number(positionals[0] ?? 120);
const apiKey = Buffer.from('esplan-demo:not-a-real-key').toString('base64');
let cluster: Partial<StandIn> = {};
if (values['plan-from']) {
  const plan = buildPlan(readWorkloadFile(values['plan-from']), { esplanVersion: 'stand-in', data: loadModelData() });
  let c = clusterFromPlan(plan, { version: values.version });
  if (values.scenario) {
    const breakIt = SCENARIOS[values.scenario];
    if (!breakIt) throw new Error(`--scenario: one of ${Object.keys(SCENARIOS).join(', ')}`);
    c = breakIt(c);
  }
  cluster = c;
}
const es = await startFakeEs({
  auth: { apiKeys: [apiKey] },
  lifetimeMs: seconds * 1000,
  clusterName: 'search-prod',
  ...(cluster.nodes ? { nodes: cluster.nodes, indices: cluster.indices, persistent: cluster.persistent, version: cluster.version } : {}),
  ...(values.version && !cluster.nodes ? { version: values.version } : {}),
});
es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'uuid-backups' });
console.log(`fake Elasticsearch at ${es.url} for ${seconds}s; ES_API_KEY=${apiKey}`);
