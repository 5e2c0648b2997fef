import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

export const ELEMENT_TYPES = ['float', 'bfloat16', 'byte', 'bit'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

export const INDEX_TYPES = [
  'hnsw',
  'int8_hnsw',
  'int4_hnsw',
  'bbq_hnsw',
  'flat',
  'int8_flat',
  'int4_flat',
  'bbq_flat',
  'bbq_disk',
] as const;
export type IndexType = (typeof INDEX_TYPES)[number];

export const LICENSES = ['basic', 'platinum', 'enterprise'] as const;
export type License = (typeof LICENSES)[number];

const source = z.string().min(10);
const indexTypesFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  element_types: z.array(
    z.strictObject({ id: z.enum(ELEMENT_TYPES), min_version: z.string(), quantizable: z.boolean(), source }),
  ),
  index_types: z.array(
    z.strictObject({
      id: z.enum(INDEX_TYPES),
      structure: z.enum(['hnsw', 'flat', 'ivf']),
      quantization: z.enum(['none', 'int8', 'int4', 'bbq']),
      min_version: z.string(),
      license: z.enum(LICENSES),
      source,
    }),
  ),
  defaults: z.array(
    z.strictObject({
      versions: z.strictObject({ min: z.string(), max: z.string() }),
      rule: z.string(),
      float: z.strictObject({ below_threshold: z.enum(INDEX_TYPES), at_or_above_threshold: z.enum(INDEX_TYPES) }),
      enterprise: z.enum(INDEX_TYPES).optional(),
      source,
    }),
  ),
  bbq_dims_default_threshold: z.strictObject({ value: z.number().int().positive(), source }),
  unquantized_default: z.strictObject({ value: z.enum(INDEX_TYPES), source }),
});

export type IndexTypesData = z.output<typeof indexTypesFileSchema>;
export type IndexTypeInfo = IndexTypesData['index_types'][number];
export type ElementTypeInfo = IndexTypesData['element_types'][number];

let cached: IndexTypesData | undefined;

export function loadIndexTypes(): IndexTypesData {
  cached ??= readDataFile(join(formulasDir, 'index-types.json'), indexTypesFileSchema);
  return cached;
}

export function indexTypeInfo(data: IndexTypesData, id: IndexType): IndexTypeInfo {
  const info = data.index_types.find((t) => t.id === id);
  if (!info) throw new Error(`formulas/index-types.json has no entry for ${id}`);
  return info;
}

export function elementTypeInfo(data: IndexTypesData, id: ElementType): ElementTypeInfo {
  const info = data.element_types.find((t) => t.id === id);
  if (!info) throw new Error(`formulas/index-types.json has no entry for element type ${id}`);
  return info;
}
