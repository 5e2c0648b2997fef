import { join } from 'node:path';
import { z } from 'zod';
import { ExprError, parseExpr, variablesOf, type Expr } from '../sizing/expr.js';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const esVersions = z.strictObject({ min: z.string(), max: z.string() });

/**
 * A sourced number (or version) sizing uses. `kind` says how much to trust it: `constant` is an
 * Elastic fact, `assumption` an estimate esplan makes where Elastic publishes none, `policy` a
 * choice the user may change.
 */
/**
 * The measurements a fitted constant was fitted to: each row's setup and measured figure, and the
 * tolerance the fit promises against every row (test/validation checks each row against it).
 */
const fittedTo = z.strictObject({
  tolerance_ratio: z.number().positive(),
  method: z.string().min(1),
  rows: z
    .array(
      z.strictObject({
        source: source,
        setup: z.string().min(1),
        vectors: z.number().int().positive(),
        segments: z.number().int().positive(),
        m: z.number().int().positive(),
        encoding: z.enum(['vint', 'group_vint']),
        measured_bytes_per_vector: z.number().positive(),
      }),
    )
    .min(1),
});

const constantEntry = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['constant', 'assumption', 'policy']),
  description: z.string().min(1),
  value: z.union([z.number(), z.string()]),
  unit: z.string().min(1),
  es_versions: esVersions,
  source,
  fitted_to: fittedTo.optional(),
});

const inputEntry = z.strictObject({ unit: z.string().min(1), description: z.string().min(1) });

const formulaEntry = z
  .strictObject({
    id: z.string().min(1),
    description: z.string().min(1),
    expression: z.string().min(1),
    inputs: z.record(z.string(), inputEntry),
    unit: z.string().min(1),
    es_versions: esVersions,
    source,
  })
  .superRefine((f, ctx) => {
    let vars: string[];
    try {
      vars = variablesOf(parseExpr(f.expression));
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      ctx.addIssue({ code: 'custom', path: ['expression'], message: err.message });
      return;
    }
    for (const v of vars) {
      if (!Object.hasOwn(f.inputs, v)) ctx.addIssue({ code: 'custom', path: ['inputs'], message: `${v} is used but not declared` });
    }
    for (const k of Object.keys(f.inputs)) {
      if (!vars.includes(k)) ctx.addIssue({ code: 'custom', path: ['inputs', k], message: 'is declared but not used' });
    }
  });

const formulaFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  constants: z.array(constantEntry),
  formulas: z.array(formulaEntry),
});

export type ConstantEntry = z.output<typeof constantEntry>;
export type FormulaEntry = z.output<typeof formulaEntry> & { parsed: Expr; file: string };

/** Every constant and formula from formulas/{vectors,storage,shards,fields}.json, by id. */
export interface FormulaBook {
  constants: ReadonlyMap<string, ConstantEntry & { file: string }>;
  formulas: ReadonlyMap<string, FormulaEntry>;
}

export const FORMULA_FILES = ['vectors.json', 'storage.json', 'shards.json', 'fields.json'] as const;

let cached: FormulaBook | undefined;

export function loadFormulaBook(): FormulaBook {
  if (cached) return cached;
  const constants = new Map<string, ConstantEntry & { file: string }>();
  const formulas = new Map<string, FormulaEntry>();
  for (const name of FORMULA_FILES) {
    const file = readDataFile(join(formulasDir, name), formulaFileSchema);
    for (const c of file.constants) {
      if (constants.has(c.id) || formulas.has(c.id)) throw new Error(`formulas/${name}: id ${c.id} is defined twice`);
      constants.set(c.id, Object.freeze({ ...c, file: `formulas/${name}` }));
    }
    for (const f of file.formulas) {
      if (constants.has(f.id) || formulas.has(f.id)) throw new Error(`formulas/${name}: id ${f.id} is defined twice`);
      formulas.set(f.id, Object.freeze({ ...f, parsed: parseExpr(f.expression), file: `formulas/${name}` }));
    }
  }
  cached = Object.freeze({ constants, formulas });
  return cached;
}

export function getConstant(book: FormulaBook, id: string): ConstantEntry {
  const c = book.constants.get(id);
  if (!c) throw new Error(`formulas/ has no constant ${id}`);
  return c;
}

export function numericConstant(book: FormulaBook, id: string): number {
  const v = getConstant(book, id).value;
  if (typeof v !== 'number') throw new Error(`formulas/: constant ${id} must be a number`);
  return v;
}

export function stringConstant(book: FormulaBook, id: string): string {
  const v = getConstant(book, id).value;
  if (typeof v !== 'string') throw new Error(`formulas/: constant ${id} must be a string`);
  return v;
}

export function getFormula(book: FormulaBook, id: string): FormulaEntry {
  const f = book.formulas.get(id);
  if (!f) throw new Error(`formulas/ has no formula ${id}`);
  return f;
}
