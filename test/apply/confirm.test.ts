/** The typed confirmation: only "yes" at a terminal writes; anything else aborts with nothing written. */
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/model/problems.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { applyAtTerminal } from './at-terminal.js';

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

async function applyWithAnswer(answer: string) {
  es = await startFakeEs();
  es.repositories.set('backups', { type: 'fs', settings: { location: '/b' }, uuid: 'u' });
  const { done, asked, transcript } = applyAtTerminal(es.url, () => answer);
  return { run: done, asked, fake: es, output: transcript };
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
