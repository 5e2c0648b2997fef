import { cpus, platform, release, totalmem } from 'node:os';

/** Where the figures were measured: they mean little without the machine and Node version. */
export interface Machine {
  cpu_model: string;
  cores: number;
  memory_gib: number;
  platform: string;
  node_version: string;
  date: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu_model: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${platform()} ${release()}`,
    node_version: process.version,
    date: new Date().toISOString(),
  };
}
