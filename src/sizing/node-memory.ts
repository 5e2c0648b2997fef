/**
 * The node memory model: how much vector data and how much data on disk one node can hold.
 * RAM = JVM heap (Elasticsearch's automatic rule) + OS reserve + page cache; the page cache,
 * less the safety headroom, is what vectors may fill. Disk is usable up to the low watermark.
 */
import type { NodeMemoryData } from '../data/node-memory.js';

export type NodeRole = 'data' | 'master' | 'ml';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export interface NodeHardware {
  memory_gib: number;
  /** Disk for shard data, decimal GB (local, bundled or attached). */
  disk_gb: number;
}

export interface NodePolicy {
  /** Share of the post-heap page cache held back from vectors (assumptions.ram_headroom_ratio). */
  ram_headroom_ratio: number;
  os_reserve_ratio: number;
}

export interface NodeCapacity {
  ram_bytes: number;
  heap_bytes: number;
  os_reserve_bytes: number;
  /** Page cache after heap and OS reserve. */
  page_cache_bytes: number;
  /** The part of the page cache vectors may fill: page cache minus the headroom. */
  vector_cache_bytes: number;
  /** The rest of the page cache, for inverted index, doc values, _source. */
  other_cache_bytes: number;
  disk_bytes: number;
  /** Disk a node can fill before the low watermark stops new shards. */
  usable_disk_bytes: number;
}

/** Elasticsearch's automatic heap for a node of this role and RAM (MachineDependentHeap). */
export function autoHeapBytes(ramBytes: number, role: NodeRole, model: NodeMemoryData): number {
  const h = model.heap;
  let bytes: number;
  let roundMib = 1;
  if (role === 'master') {
    bytes = Math.min(Math.floor(ramBytes * h.master.ratio), h.max_bytes);
  } else if (role === 'ml') {
    const first = h.ml.split_bytes;
    bytes = ramBytes <= first
      ? Math.floor(ramBytes * h.ml.first_16gb_ratio)
      : Math.floor(Math.min(first * h.ml.first_16gb_ratio + (ramBytes - first) * h.ml.above_16gb_ratio, h.max_bytes));
    roundMib = h.ml.round_down_mib;
  } else {
    bytes = ramBytes < h.data.small_below_bytes
      ? Math.max(Math.floor(ramBytes * h.data.below_1gb_ratio), h.min_bytes)
      : Math.min(Math.floor(ramBytes * h.data.ratio), h.max_bytes);
  }
  // The JVM options are written in whole MiB (ML: whole multiples of 4 MiB), rounded down.
  return Math.floor(bytes / (MIB * roundMib)) * MIB * roundMib;
}

/** Disk one node can fill: disk less min(15% of disk, max_headroom) at the default low watermark. */
export function usableDiskBytes(diskBytes: number, model: NodeMemoryData): number {
  const w = model.disk_watermark_low;
  const required = Math.min(diskBytes * (1 - w.ratio), w.max_headroom_bytes);
  return Math.floor(diskBytes - required);
}

/** Raw disk a node needs so that `needBytes` stays under the low watermark (inverse of usableDiskBytes). */
export function diskBytesFor(needBytes: number, model: NodeMemoryData): number {
  const w = model.disk_watermark_low;
  const byRatio = needBytes / w.ratio;
  // The headroom cap applies once 15% of the disk would exceed it.
  const raw = byRatio * (1 - w.ratio) <= w.max_headroom_bytes ? byRatio : needBytes + w.max_headroom_bytes;
  return Math.ceil(raw);
}

export function defaultNodePolicy(model: NodeMemoryData, ramHeadroomRatio?: number): NodePolicy {
  return {
    ram_headroom_ratio: ramHeadroomRatio ?? model.ram_headroom_ratio.value,
    os_reserve_ratio: model.os_reserve_ratio.value,
  };
}

export function nodeCapacity(hw: NodeHardware, policy: NodePolicy, model: NodeMemoryData, role: NodeRole = 'data'): NodeCapacity {
  const ram = Math.round(hw.memory_gib * GIB);
  const heap = autoHeapBytes(ram, role, model);
  const osReserve = Math.floor(ram * policy.os_reserve_ratio);
  const pageCache = Math.max(0, ram - heap - osReserve);
  const vectorCache = Math.floor(pageCache * (1 - policy.ram_headroom_ratio));
  const disk = Math.round(hw.disk_gb * 1e9);
  return {
    ram_bytes: ram,
    heap_bytes: heap,
    os_reserve_bytes: osReserve,
    page_cache_bytes: pageCache,
    vector_cache_bytes: vectorCache,
    other_cache_bytes: pageCache - vectorCache,
    disk_bytes: disk,
    usable_disk_bytes: usableDiskBytes(disk, model),
  };
}

/** Memory the ML native processes (models) may use on an ML-only node. */
export function mlModelCapacityBytes(memoryGib: number, model: NodeMemoryData): number {
  return Math.floor(memoryGib * GIB * model.ml_native_memory_ratio.value);
}
