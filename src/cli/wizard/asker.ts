/**
 * One question per workload path: suggests the current value, checks the answer with the workload
 * schema (see draft.ts), and keeps it in the draft.
 */
import { checkAnswer, getAt, withValue, type Path, type Raw } from './draft.js';
import { formatPercent, formatQuantity, isNone, parseFraction, parseOptionalQuantity, parseQuantity } from './parse-answer.js';
import type { Choice, Prompter } from './prompter.js';

/** A remark to keep next to a value in the saved file (the model behind dims, why an index type). */
export interface Note {
  path: Path;
  text: string;
}

/** Asks one question per workload path, checks the answer with the schema, keeps it in the draft. */
export class Asker {
  readonly notes: Note[] = [];
  /** Where a suggested answer comes from when the draft has no value: normalized start, fresh draft. */
  readonly fallbacks: Raw[] = [];

  constructor(
    public raw: Raw,
    readonly prompter: Prompter,
  ) {}

  /** Sets (or with undefined, removes) the remark kept next to `path` in the saved file. */
  note(path: Path, text: string | undefined): void {
    const at = this.notes.findIndex((n) => n.path.join('/') === path.join('/'));
    if (at >= 0) this.notes.splice(at, 1);
    if (text !== undefined) this.notes.push({ path, text });
  }

  /** The value to suggest for `path`: the draft's, else the first fallback that has one. */
  current(path: Path): unknown {
    for (const source of [this.raw, ...this.fallbacks]) {
      const v = getAt(source, path);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  check(path: Path, value: unknown): true | string {
    return checkAnswer(this.raw, path, value);
  }

  /** Checks a whole candidate draft, as if `path` had just been answered. */
  checkRaw(candidate: Raw, path: Path): true | string {
    return checkAnswer(candidate, path, getAt(candidate, path));
  }

  set(path: Path, value: unknown): void {
    this.raw = withValue(this.raw, path, value);
  }

  async text(path: Path, message: string, fallback?: string): Promise<string> {
    const current = this.current(path);
    const value = await this.prompter.input({
      id: idOf(path),
      message,
      default: fallback ?? (current === undefined ? undefined : String(current)),
      validate: (t) => this.check(path, t.trim()),
    });
    this.set(path, value.trim());
    return value.trim();
  }

  async optionalText(path: Path, message: string, fallback?: string): Promise<string | undefined> {
    const value = await this.prompter.input({
      id: idOf(path),
      message,
      default: fallback,
      validate: (t) => this.check(path, isNone(t) ? undefined : t.trim()),
    });
    const kept = isNone(value) ? undefined : value.trim();
    this.set(path, kept);
    return kept;
  }

  async choose<T>(path: Path, message: string, choices: Choice<T>[]): Promise<T> {
    const current = this.current(path) as T | undefined;
    const value = await this.prompter.select<T>({
      id: idOf(path),
      message,
      choices,
      default: choices.some((c) => c.value === current) ? current : choices[0]?.value,
      validate: (v) => this.check(path, v),
    });
    this.set(path, value);
    return value;
  }

  async yesNo(path: Path, message: string): Promise<boolean> {
    const value = await this.prompter.confirm({ id: idOf(path), message, default: this.current(path) === true });
    this.set(path, value);
    return value;
  }

  /** A whole number such as a document count; `fallback` and `validate` serve counts that are not one path. */
  async count(path: Path, message: string, fallback?: number, validate?: (n: number | string) => true | string): Promise<number> {
    return this.numeric(path, message, parseQuantity, formatQuantity, fallback, validate);
  }

  async quantity(path: Path, message: string): Promise<number> {
    return this.numeric(path, message, parseQuantity, formatQuantity);
  }

  async fraction(path: Path, message: string): Promise<number> {
    return this.numeric(path, message, parseFraction, formatPercent);
  }

  async optionalCount(path: Path, message: string): Promise<number | undefined> {
    const current = this.current(path);
    const text = await this.prompter.input({
      id: idOf(path),
      message,
      default: typeof current === 'number' ? formatQuantity(current) : undefined,
      validate: (t) => this.check(path, parseOptionalQuantity(t)),
    });
    const value = parseOptionalQuantity(text);
    this.set(path, value);
    return typeof value === 'number' ? value : undefined;
  }

  private async numeric(
    path: Path,
    message: string,
    parse: (t: string) => number | string,
    format: (n: number) => string,
    fallback?: number,
    validate?: (n: number | string) => true | string,
  ): Promise<number> {
    const current = this.current(path);
    const value = await this.prompter.number({
      id: idOf(path),
      message,
      default: fallback ?? (typeof current === 'number' ? current : undefined),
      parse,
      format,
      validate: validate ?? ((n) => this.check(path, n)),
    });
    if (!validate) this.set(path, value);
    return value;
  }
}

/** The question id for `path`: `corpus.documents`, `indices[1].vectors[0].dims`. */
export function idOf(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
