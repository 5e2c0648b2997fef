/** The typed confirmation: only "yes" at a terminal writes; anything else aborts with nothing written. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cluster/connection.js';
import { runApply, type ApplyIo } from '../../src/cluster/run-apply.js';
import { AbortedError } from '../../src/model/problems.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { loadPlanFixture } from '../cluster/helpers.js';

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

async function applyWithAnswer(answer: string) {
  es = await startFakeEs();
  es.repositories.set('backups', { type: 'fs', settings: { location: '/b' }, uuid: 'u' });
  const asked: string[] = [];
  let out = '';
  const io: ApplyIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    color: false,
    interactive: true,
    ask: async (q) => {
      asked.push(q);
      return answer;
    },
  };
  const run = runApply({
    plan: loadPlanFixture('rag-3zones.json'),
    connection: resolveConnection({ url: es.url }, {}, { timeoutSeconds: 5 }),
    options: { dryRun: false, yes: false, json: false, force: false, takeOwnership: false },
    io,
    esplanVersion: 'test',
  });
  return { run, asked, fake: es, output: () => out };
}

describe('apply confirmation at a terminal', () => {
  it('writes after a typed "yes"', async () => {
    const { run, asked, fake } = await applyWithAnswer('yes\n');
    expect(await run).toBe('applied');
    expect(asked[0]).toMatch(/Apply these 5 change\(s\) to fake-cluster\? Only "yes" is accepted/);
    expect(fake.writes).toHaveLength(5);
  });

  it('aborts on anything else, writing nothing', async () => {
    const { run, fake } = await applyWithAnswer('y');
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(fake.writes).toHaveLength(0);
  });
});
