/**
 * Evaluates formulas and constants from formulas/ and records each use as a basis entry, so every
 * figure sizing produces carries its expression, inputs, result and source.
 */
import {
  getConstant,
  getFormula,
  numericConstant,
  stringConstant,
  type FormulaBook,
} from '../data/formulas.js';
import type { BasisEntry } from '../model/plan.js';
import { evaluate } from './expr.js';

export class Derivation {
  private readonly entries = new Map<string, BasisEntry>();

  constructor(readonly book: FormulaBook) {}

  /** A numeric constant, recorded once under its own id. */
  num(id: string): number {
    const value = numericConstant(this.book, id);
    this.recordConstant(id);
    return value;
  }

  /** A string constant (a version), recorded once under its own id. */
  str(id: string): string {
    const value = stringConstant(this.book, id);
    this.recordConstant(id);
    return value;
  }

  /**
   * Evaluates formula `id` with exactly its declared inputs. `scope` (a field name, a file) makes
   * the basis id unique when one formula is used several times: `id[scope]`.
   */
  eval(id: string, inputs: Record<string, number>, scope?: string): number {
    const { f, result } = this.compute(id, inputs);
    const key = scope ? `${id}[${scope}]` : id;
    this.entries.set(key, {
      id: key,
      kind: 'formula',
      description: f.description,
      expression: f.expression,
      inputs: { ...inputs },
      result,
      unit: f.unit,
      source: `${f.source} (${f.file})`,
    });
    return result;
  }

  /**
   * Evaluates formula `id` and records it under `entry`'s id, kind, description and source: the
   * arithmetic is the model's, an input is not (a figure measured on a cluster).
   */
  evalAs(id: string, inputs: Record<string, number>, entry: Pick<BasisEntry, 'id' | 'kind' | 'description' | 'source'>): number {
    const { f, result } = this.compute(id, inputs);
    this.entries.set(entry.id, { ...entry, expression: f.expression, inputs: { ...inputs }, result, unit: f.unit });
    return result;
  }

  private compute(id: string, inputs: Record<string, number>): { f: ReturnType<typeof getFormula>; result: number } {
    const f = getFormula(this.book, id);
    const declared = Object.keys(f.inputs);
    const missing = declared.filter((k) => typeof inputs[k] !== 'number');
    const extra = Object.keys(inputs).filter((k) => !declared.includes(k));
    if (missing.length || extra.length) {
      throw new Error(`formula ${id}: missing inputs [${missing.join(', ')}], unexpected inputs [${extra.join(', ')}]`);
    }
    return { f, result: evaluate(f.parsed, inputs) };
  }

  /** An entry that is not a formula evaluation: an override, a resolved choice. */
  note(entry: BasisEntry): void {
    this.entries.set(entry.id, entry);
  }

  get basis(): BasisEntry[] {
    return [...this.entries.values()];
  }

  private recordConstant(id: string): void {
    if (this.entries.has(id)) return;
    const c = getConstant(this.book, id);
    const file = this.book.constants.get(id)?.file ?? 'formulas/';
    this.entries.set(id, {
      id,
      kind: c.kind,
      description: c.description,
      result: c.value,
      unit: c.unit,
      source: `${c.source} (${file})`,
    });
  }
}
