/**
 * The node-loss headroom in the text and JSON output (issue 11, item 2), on
 * examples/agent-memory.yaml (GCP, 3 zones, several data nodes per zone). Recomputed from the
 * plan's own figures: S shard copies, ceil(S / 3) in the fullest zone; one of its p nodes lost
 * leaves p - 1, the fullest holding ceil(ceil(S / 3) / (p - 1)) copies, at most one copy of each
 * primary; that many / S of the disk and vectors of all copies.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

describe('one data node lost, in the output', () => {
  it('JSON: the data tier carries node_loss, recomputed from the plan', async () => {
    const r = await runInProcess(['recommend', '-w', 'examples/agent-memory.yaml', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    const data = plan.tiers[0];
    const p = data.nodes / 3;
    expect(p).toBeGreaterThanOrEqual(2);
    const S = plan.shards.total_shards;
    const k = Math.min(Math.ceil(Math.ceil(S / 3) / (p - 1)), plan.shards.primaries);
    const disk = Math.ceil(k * (plan.sizing.total_disk_bytes / S));
    const vectors = Math.ceil(k * (plan.sizing.total_ram_bytes / S));
    expect(data.node_loss).toEqual({
      required: true,
      survives: true,
      surviving_nodes_in_zone: p - 1,
      fullest_node_shard_copies: k,
      fullest_node_disk_bytes: disk,
      fullest_node_vector_bytes: vectors,
      disk_headroom_bytes: data.usable_disk_bytes - disk,
      vector_headroom_bytes: data.vector_cache_bytes - vectors,
    });
    expect(data.fullest_node_disk_bytes).toBeLessThanOrEqual(data.disk_fill_limit_bytes);
    expect(data.notes.map((n: { code: string }) => n.code)).toContain('NODE_LOSS_ABSORBED');
  });

  it('text: a capacity row and a data-tier note', async () => {
    const plan = JSON.parse((await runInProcess(['recommend', '-w', 'examples/agent-memory.yaml', '--json'])).stdout);
    const l = plan.tiers[0].node_loss;
    const r = await runInProcess(['recommend', '-w', 'examples/agent-memory.yaml']);
    expect(r.stdout).toMatch(new RegExp(`one data node lost\\s*[|│]\\s*fullest of ${l.surviving_nodes_in_zone} left in its zone holds [0-9.]+ [GT]iB / [0-9.]+ [GT]iB disk, [0-9.]+ [GT]iB / [0-9.]+ [GT]iB vectors`));
    expect(r.stdout).toMatch(new RegExp(`after losing one data node, the ${l.surviving_nodes_in_zone} other nodes of its zone hold its shards: the fullest ${l.fullest_node_shard_copies} shard copies`));
  });

  it('text: one node per zone says a node loss is a zone loss', async () => {
    const r = await runInProcess(['recommend', '-w', 'examples/small-two-zone.yaml']);
    expect(r.stdout).toMatch(/one data node lost\s*[|│]\s*one data node per zone: a node loss is a zone loss/);
  });
});
