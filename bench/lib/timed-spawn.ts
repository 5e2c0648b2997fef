import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export interface TimedRun {
  ms: number;
  result: SpawnSyncReturns<string>;
}

/** Runs a whole process to completion and times it from spawn to exit, as a user would wait for it. */
export function timedSpawn(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): TimedRun {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, result };
}
