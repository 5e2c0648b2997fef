/**
 * The typed confirmation of `esplan apply` in a real pseudo-terminal: Ctrl-C there is the user
 * aborting (exit 130, nothing written), not an internal error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { KEY, PtySession } from '../helpers/pty-session.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const API_KEY = Buffer.from('pty-id:pty-api-key').toString('base64');

const started: FakeElasticsearch[] = [];
const sessions: PtySession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await Promise.all(started.splice(0).map((es) => es.stop()));
});

async function confirmPrompt(): Promise<{ s: PtySession; es: FakeElasticsearch }> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY] } });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  const s = new PtySession(['apply', RAG, '--url', es.url, '--api-key', API_KEY], mkdtempSync(join(tmpdir(), 'esplan-apply-pty-')));
  sessions.push(s);
  await s.waitFor(/Only "yes" is accepted: /);
  await new Promise((r) => setTimeout(r, 50));
  return { s, es };
}

const writes = (es: FakeElasticsearch): number => es.requests.filter((r) => r.method === 'PUT' || r.method === 'POST').length;

describe('esplan apply at a terminal', () => {
  it('Ctrl-C at the confirmation exits 130 and writes nothing', async () => {
    const { s, es } = await confirmPrompt();
    s.type(KEY.ctrlC);
    expect(await s.exited).toBe(130);
    expect(s.text()).not.toMatch(/internal error/);
    expect(s.text()).toMatch(/nothing was written/);
    expect(writes(es)).toBe(0);
  });

  it('an answer other than "yes" declines with 130; "yes" applies with 0', async () => {
    const declined = await confirmPrompt();
    declined.s.type('y' + KEY.enter);
    expect(await declined.s.exited).toBe(130);
    expect(writes(declined.es)).toBe(0);

    const accepted = await confirmPrompt();
    accepted.s.type('yes' + KEY.enter);
    expect(await accepted.s.exited).toBe(0);
    expect(writes(accepted.es)).toBeGreaterThan(0);
  });
});
