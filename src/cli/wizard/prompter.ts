/**
 * Every question the wizard asks goes through this one interface, so tests can replace the
 * terminal with a script. The real implementation wraps @inquirer/prompts, loaded lazily so that
 * commands which never prompt do not pay for it.
 */

/** What a validator returns: true when the answer is fine, else the message to show. */
export type Verdict = true | string;

interface BaseQuestion {
  /** Stable name of the question (the workload path it fills, e.g. `corpus.documents`). */
  id: string;
  message: string;
}

export interface InputQuestion extends BaseQuestion {
  default?: string;
  validate?: (text: string) => Verdict;
}

export interface NumberQuestion extends BaseQuestion {
  default?: number;
  /** Turns typed text into a number; anything it cannot read comes back as the text itself. */
  parse: (text: string) => number | string;
  /** Shows the default the way a person would type it. */
  format?: (value: number) => string;
  validate?: (value: number | string) => Verdict;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface SelectQuestion<T> extends BaseQuestion {
  choices: readonly Choice<T>[];
  default?: T;
  validate?: (value: T) => Verdict;
}

export interface ConfirmQuestion extends BaseQuestion {
  default: boolean;
}

export interface Prompter {
  input(q: InputQuestion): Promise<string>;
  number(q: NumberQuestion): Promise<number>;
  select<T>(q: SelectQuestion<T>): Promise<T>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
}

/** Where the real prompts read keys from and draw on: stdin and stderr, so stdout keeps only the result. */
export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where a rejected choice is explained before the list is shown again. */
  error: (text: string) => void;
}

/** The terminal prompter: @inquirer/prompts, imported on first use. Ctrl-C rejects with ExitPromptError. */
export function inquirerPrompter(streams: PromptStreams): Prompter {
  type Inquirer = typeof import('@inquirer/prompts');
  let loaded: Promise<Inquirer> | undefined;
  const lib = () => (loaded ??= import('@inquirer/prompts'));
  const context = { input: streams.input, output: streams.output } as Parameters<Inquirer['input']>[1];

  return {
    async input(q) {
      const { input } = await lib();
      return input({ message: q.message, default: q.default, validate: q.validate }, context);
    },
    async number(q) {
      const { input } = await lib();
      const shown = q.default === undefined ? undefined : (q.format ?? String)(q.default);
      const text = await input(
        { message: q.message, default: shown, validate: (t) => (q.validate ? q.validate(q.parse(t)) : true) },
        context,
      );
      const value = q.parse(text);
      // validate has accepted it, so it is a number; the guard keeps the type honest.
      if (typeof value !== 'number') throw new Error(`${q.id}: validator accepted a non-number`);
      return value;
    },
    async select<T>(q: SelectQuestion<T>) {
      const { select } = await lib();
      // inquirer's select has no validator: explain the problem and show the list again.
      for (;;) {
        const value = (await select(
          { message: q.message, choices: q.choices.map((c) => ({ ...c })), default: q.default, pageSize: Math.min(q.choices.length, 12) },
          context,
        )) as T;
        const verdict = q.validate ? q.validate(value) : true;
        if (verdict === true) return value;
        streams.error(`${verdict}\n`);
      }
    },
    async confirm(q) {
      const { confirm } = await lib();
      return confirm({ message: q.message, default: q.default }, context);
    },
  };
}
