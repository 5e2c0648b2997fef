/**
 * The audit at the heart of `esplan check`, pure: a snapshot of the cluster (read-snapshot.ts) and
 * the plan in, findings and the per-field vector comparison out. Each kind of finding has its module.
 */
import type { CheckPolicy } from '../../data/check-policy.js';
import type { ModelData } from '../../data/model-data.js';
import type { MeasuredVectorField } from '../../model/calibration.js';
import type { Plan } from '../../model/plan.js';
import { plannedIndices, planWorkload } from '../desired.js';
import type { Finding } from './findings.js';
import { auditIndexPresence, auditIndexSettings, auditShardSizes } from './index-audit.js';
import type { ClusterSnapshot } from './snapshot.js';
import { auditAwareness, auditNodes, auditPlacement } from './topology-audit.js';
import { auditVectorCache, auditVectors, calibrationOfPlan, type VectorComparison } from './vector-audit.js';

export interface AuditResult {
  findings: Finding[];
  vectors: VectorComparison[];
  /** Per field, what a calibration file is made of (fields with vectors and off-heap stats only). */
  measured: MeasuredVectorField[];
}

export interface AuditData {
  sizing: Pick<ModelData, 'formulas' | 'indexTypes' | 'limits' | 'inference' | 'nodeMemory'>;
  policy: CheckPolicy;
}

export function auditCluster(snapshot: ClusterSnapshot, plan: Plan, data: AuditData): AuditResult {
  const workload = planWorkload(plan);
  const attribute = workload.availability.awareness_attribute;
  const planned = plannedIndices(plan).map((p) => ({ planned: p, plan: plan.indices.find((i) => i.name === p.name)! }));
  const findings: Finding[] = [
    ...auditAwareness(snapshot, plan, attribute),
    ...auditNodes(snapshot, plan, attribute, data.policy),
    ...auditPlacement(snapshot, plan, attribute),
  ];
  const hnsw = { m: data.sizing.limits.hnswMDefault, ef_construction: data.sizing.limits.efConstructionDefault };
  for (const { planned: p, plan: ip } of planned) {
    const concrete = snapshot.indices[p.name] ?? [];
    findings.push(...auditIndexPresence(p, concrete));
    for (const ix of concrete) {
      findings.push(...auditIndexSettings(p, ip, ix, hnsw));
      findings.push(...auditShardSizes(ix, ip, snapshot, data.sizing.formulas));
    }
  }
  const vectors = auditVectors(snapshot, planned, data.sizing, {
    version: workload.elasticsearch.version,
    constants: plan.sizing.constants,
    tolerance: data.policy.vectorRamTolerance,
    calibration: calibrationOfPlan(plan.calibration),
    gates: data.policy,
  });
  findings.push(...vectors.findings);
  findings.push(...auditVectorCache(snapshot, planned, data.sizing, data.sizing.nodeMemory.os_reserve_ratio.value));
  return { findings, vectors: vectors.vectors, measured: vectors.measured };
}
