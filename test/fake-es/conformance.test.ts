/**
 * The stand-in answers every conformance scenario (test/conformance/scenarios.ts) as Elasticsearch
 * does; test/real-cluster.test.ts runs the same list against ES_URL. Each scenario runs on a fresh
 * stand-in with a registered snapshot repository, on every 9.x version it applies to.
 */
import { describe, it } from 'vitest';
import { client } from '../conformance/client.js';
import { SCENARIOS, inVersion, runScenario } from '../conformance/scenarios.js';
import { startFakeEs } from './fake-es.js';

const VERSIONS = ['9.1.0', '9.2.0', '9.4.0'];

describe('stand-in conformance', () => {
  for (const version of VERSIONS) {
    for (const scenario of SCENARIOS.filter((s) => inVersion(s, version))) {
      it(`${version}: ${scenario.name}`, async () => {
        const es = await startFakeEs({ version });
        try {
          es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'uuid-backups' });
          await runScenario(scenario, { call: client({ url: es.url }), prefix: 'esplan-it-conf', version, repository: 'backups' });
        } finally {
          await es.stop();
        }
      });
    }
  }
});
