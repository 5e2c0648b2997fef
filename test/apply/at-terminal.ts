/**
 * Runs apply in-process on the three-zone fixture plan as a person at a terminal would: the plan
 * and the prompt go to one transcript, and `answer` types the reply to the confirmation (it may
 * also change the cluster meanwhile, as another writer would while the person reads the plan).
 */
import { resolveConnection } from '../../src/cluster/connection.js';
import { runApply, type ApplyIo } from '../../src/cluster/run-apply.js';
import { loadPlanFixture } from '../cluster/helpers.js';

export interface AtTerminal {
  /** What runApply returns (or rejects with). */
  done: ReturnType<typeof runApply>;
  /** Every question asked, in order. */
  asked: string[];
  /** stdout, stderr and the questions, as the person saw them. */
  transcript: () => string;
}

export function applyAtTerminal(url: string, answer: (question: string) => string, apiKey?: string): AtTerminal {
  let transcript = '';
  const asked: string[] = [];
  const io: ApplyIo = {
    stdout: (t) => void (transcript += t),
    stderr: (t) => void (transcript += t),
    color: false,
    interactive: true,
    ask: async (q) => {
      asked.push(q);
      transcript += q;
      return answer(q);
    },
  };
  const done = runApply({
    plan: loadPlanFixture('rag-3zones.json'),
    connection: resolveConnection({ url, ...(apiKey !== undefined ? { apiKey } : {}) }, {}, { timeoutSeconds: 5 }),
    options: { dryRun: false, yes: false, json: false, force: false, takeOwnership: false },
    io,
    esplanVersion: 'test',
  });
  return { done, asked, transcript: () => transcript };
}
