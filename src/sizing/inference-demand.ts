/**
 * What inference in the cluster asks of the ML tier. Ingest embeds every chunk of every document
 * (docs/s x chunks per document); search embeds every semantic query once (short inputs, a share of
 * a chunk's cost). Each single-thread allocation embeds a sourced number of chunks per second, so
 * allocations = ceil(rate / per-allocation rate) per deployment (ingest and search get their own
 * deployment, as Elastic advises, each reserving the model's memory), one vCPU per allocation
 * thread, and the ML nodes of each zone share the allocations. When the endpoint runs outside the
 * cluster (an external service or the Elastic Inference Service) there is no ML demand.
 * Figures and their sources: formulas/ingest.json `inference`.
 */
import type { IngestData, InferenceModel } from '../data/ingest.js';
import type { BasisEntry } from '../model/plan.js';
import type { Derivation } from './derivation.js';

const FILE = 'formulas/ingest.json';
const MIB = 2 ** 20;

/** Where an inference endpoint runs: ML nodes of this cluster, the Elastic Inference Service, or a service outside Elastic. */
export type InferencePlacement = 'ml_nodes' | 'eis' | 'external';

export interface InferenceInput {
  model: InferenceModel;
  placement: InferencePlacement;
  /** Chunks (model inputs) per second at peak ingest, over every field the model embeds. */
  ingest_chunks_per_second: number;
  /** Semantic queries per second at peak (search.peak_qps reaching a semantic field). */
  semantic_queries_per_second: number;
}

export interface MlDemand {
  model: InferenceModel;
  chunks_per_second_per_allocation: number;
  ingest_allocations: number;
  query_allocations: number;
  allocations: number;
  threads_per_allocation: number;
  /** Allocations x threads: vCPU the ML tier needs at peak, cluster-wide. */
  vcpu_needed: number;
  deployments: number;
  /** Memory one node needs to host every deployment (each reserves the model once); undefined when no figure is known for the model. */
  model_memory_bytes?: number;
}

/** Outcome of sizing inference: the ML demand, or why there is none. */
export type InferenceOutcome =
  | { kind: 'ml_nodes'; demand: MlDemand }
  | { kind: 'outside'; placement: 'eis' | 'external' }
  | { kind: 'none' };

/** ML demand of one model's inference; `outside` when it runs outside the cluster, `none` when nothing is embedded. */
export function inferenceDemand(input: InferenceInput, data: IngestData, d?: Derivation): InferenceOutcome {
  if (input.ingest_chunks_per_second <= 0 && input.semantic_queries_per_second <= 0) return { kind: 'none' };
  if (input.placement !== 'ml_nodes') return { kind: 'outside', placement: input.placement };
  const inf = data.inference;
  const rate = inf.models[input.model].chunks_per_second_per_allocation.value;
  const ingest = Math.ceil(input.ingest_chunks_per_second / rate);
  const query = Math.ceil((input.semantic_queries_per_second * inf.query_input_ratio.value) / rate);
  const threads = inf.threads_per_allocation.value;
  const deployments = Number(ingest > 0) + Number(query > 0);
  const memoryMib = input.model === 'elser' ? inf.models.elser.deployment_memory_mib.value : undefined;
  const demand: MlDemand = {
    model: input.model,
    chunks_per_second_per_allocation: rate,
    ingest_allocations: ingest,
    query_allocations: query,
    allocations: ingest + query,
    threads_per_allocation: threads,
    vcpu_needed: (ingest + query) * threads,
    deployments,
    ...(memoryMib !== undefined ? { model_memory_bytes: deployments * memoryMib * MIB } : {}),
  };
  if (d) for (const e of inferenceBasis(input, demand, data)) d.note(e);
  return { kind: 'ml_nodes', demand };
}

/**
 * ML nodes per zone for `vcpuNeeded` allocation threads on nodes of `nodeVcpu` vCPU: the
 * allocations spread evenly over the zones, never fewer than `minPerZone` nodes per zone.
 */
export function mlNodesPerZone(vcpuNeeded: number, nodeVcpu: number, zones: number, minPerZone: number): number {
  const processors = Math.max(1, Math.floor(nodeVcpu));
  return Math.max(minPerZone, Math.ceil(Math.ceil(vcpuNeeded / zones) / processors));
}

function inferenceBasis(input: InferenceInput, demand: MlDemand, data: IngestData): BasisEntry[] {
  const inf = data.inference;
  const rate = inf.models[input.model].chunks_per_second_per_allocation;
  const entries: BasisEntry[] = [
    {
      id: `ingest.inference.${input.model}.chunks_per_second_per_allocation`,
      kind: rate.kind === 'constant' ? 'constant' : 'assumption',
      description: rate.description,
      result: rate.value,
      unit: rate.unit,
      source: `${rate.source} (${FILE})`,
    },
    {
      id: 'ingest.inference.query_input_ratio',
      kind: 'assumption',
      description: inf.query_input_ratio.description,
      result: inf.query_input_ratio.value,
      unit: 'ratio',
      source: `${inf.query_input_ratio.source} (${FILE})`,
    },
    {
      id: 'ingest.inference.allocations',
      kind: 'formula',
      description: 'Single-thread ML allocations for peak ingest and peak semantic queries (separate deployments)',
      expression: 'ceil(ingest_chunks_per_second / chunks_per_second_per_allocation) + ceil(semantic_queries_per_second x query_input_ratio / chunks_per_second_per_allocation)',
      inputs: {
        ingest_chunks_per_second: input.ingest_chunks_per_second,
        semantic_queries_per_second: input.semantic_queries_per_second,
        chunks_per_second_per_allocation: rate.value,
        query_input_ratio: inf.query_input_ratio.value,
      },
      result: demand.allocations,
      unit: 'allocations',
      source: `esplan inference model (${FILE} inference.*); ${inf.threads_per_allocation.source}`,
    },
  ];
  if (demand.model_memory_bytes !== undefined) {
    const mem = inf.models.elser.deployment_memory_mib;
    entries.push({
      id: 'ingest.inference.model_memory_bytes',
      kind: 'formula',
      description: 'Memory an ML node reserves for the deployments it hosts',
      expression: 'deployments x deployment_memory_mib x 2^20',
      inputs: { deployments: demand.deployments, deployment_memory_mib: mem.value },
      result: demand.model_memory_bytes,
      unit: 'bytes',
      source: `${mem.source} (${FILE})`,
    });
  }
  return entries;
}
