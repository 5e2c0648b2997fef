/**
 * A Prompter that answers from a script instead of a terminal. Each question takes the next
 * scripted answer for its id, or its default (what pressing Enter gives). A rejected answer is
 * recorded with the message the person would see, and the next scripted answer is tried, as the
 * real prompt would ask again.
 */
import type { ConfirmQuestion, InputQuestion, NumberQuestion, Prompter, SelectQuestion } from '../../src/cli/wizard/prompter.js';

export const CTRL_C = Symbol('ctrl-c');
export type Answer = string | number | boolean | typeof CTRL_C;

export interface Rejection {
  id: string;
  answer: unknown;
  message: string;
}

export class ScriptPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly rejected: Rejection[] = [];
  readonly defaults = new Map<string, unknown>();
  private readonly script: Map<string, Answer[]>;

  constructor(script: Record<string, Answer[]> = {}) {
    this.script = new Map(Object.entries(script).map(([k, v]) => [k, [...v]]));
  }

  /** Scripted answers never asked for: a test whose script names a wrong id fails on this. */
  unused(): Record<string, Answer[]> {
    return Object.fromEntries([...this.script].filter(([, v]) => v.length > 0));
  }

  async input(q: InputQuestion): Promise<string> {
    return this.ask(q.id, q.default, (a) => String(a), (t) => (q.validate ? q.validate(t) : true), q.default ?? '');
  }

  async number(q: NumberQuestion): Promise<number> {
    const text = await this.ask(
      q.id,
      q.default,
      (a) => String(a),
      (t) => (q.validate ? q.validate(q.parse(t)) : true),
      q.default === undefined ? '' : (q.format ?? String)(q.default),
    );
    return q.parse(text) as number;
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    return this.ask<T>(
      q.id,
      q.default,
      (a) => {
        const choice = q.choices.find((c) => c.value === a);
        if (!choice) throw new Error(`${q.id}: ${String(a)} is not one of the choices ${q.choices.map((c) => String(c.value)).join(', ')}`);
        return choice.value;
      },
      (v) => (q.validate ? q.validate(v) : true),
      q.default ?? (q.choices[0]?.value as T),
    );
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    return this.ask(q.id, q.default, (a) => a === true || a === 'y' || a === 'yes', () => true, q.default);
  }

  private ask<T>(id: string, shownDefault: unknown, convert: (a: Answer) => T, validate: (v: T) => true | string, enter: T): T {
    this.asked.push(id);
    this.defaults.set(id, shownDefault);
    const queue = this.script.get(id) ?? [];
    for (;;) {
      const next = queue.shift();
      if (next === CTRL_C) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
      // As in @inquirer/input, an empty answer takes the default.
      const pressedEnter = next === undefined || next === '';
      const value = pressedEnter ? enter : convert(next);
      const verdict = validate(value);
      if (verdict === true) return value;
      this.rejected.push({ id, answer: next, message: verdict });
      if (pressedEnter) throw new Error(`${id}: pressing Enter was rejected: ${verdict}`);
    }
  }
}
