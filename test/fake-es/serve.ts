/**
 * Runs the fake cluster on its own for manual tries and for capturing docs output:
 *   npx tsx test/fake-es/serve.ts [seconds]
 * prints its URL and the test API key, and stops by itself after the given seconds (default 120).
 */
import { startFakeEs } from './fake-es.js';

const seconds = Number(process.argv[2] ?? 120);
const apiKey = Buffer.from('esplan-demo:not-a-real-key').toString('base64');
const es = await startFakeEs({ auth: { apiKeys: [apiKey] }, lifetimeMs: seconds * 1000, clusterName: 'search-prod' });
es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'uuid-backups' });
console.log(`fake Elasticsearch at ${es.url} for ${seconds}s; ES_API_KEY=${apiKey}`);
