/**
 * Keeping credentials typed on the command line out of error messages. commander echoes parts of
 * argv when it refuses them (an unknown option as typed, `--pasword=hunter2` included; an invalid
 * option argument); a mistyped secret flag must not print the secret. Two guards:
 * - an unknown option is shown without anything attached to it (`--pasword=…`, `-p…`), and the
 *   did-you-mean suggestion is computed from its name alone;
 * - everything commander or the error boundary prints is scrubbed of the values argv and the ES_*
 *   variables carry for anything that looks like a credential.
 */
import { Command } from 'commander';
import { redactSecrets, scrubbable } from '../cluster/connection.js';
import { editDistance } from '../model/did-you-mean.js';

/** The CLI's own credential options. */
const SECRET_OPTIONS = ['--password', '--api-key'] as const;
/** Words in a flag's name that mark its value as a credential. */
const SECRET_WORDS = /pass|pwd|^pw$|secret|token|key|auth|cred|bearer/;
/** A typo this close to a credential option's name (letters only) is taken for it. */
const SECRET_NAMES = ['password', 'apikey'];
const MAX_TYPO_DISTANCE = 2;
/** The variables whose values are credentials (connection.ts reads them). */
const SECRET_VARIABLES = ['ES_PASSWORD', 'ES_API_KEY'] as const;
/** Shown in place of whatever was attached to an unknown option. */
const HIDDEN = '…';

/** Whether a flag (`--pasword`, `-p`) names a credential, or a likely typo of one. */
export function looksSecret(flag: string): boolean {
  const dashes = /^-+/.exec(flag)?.[0].length ?? 0;
  const bare = flag.slice(dashes).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (bare === '') return false;
  // -p is the short form many tools (mysql, curl -u user:pw) give a password.
  if (dashes === 1 && bare.length === 1) return bare === 'p';
  if (SECRET_WORDS.test(bare)) return true;
  return SECRET_NAMES.some((n) => editDistance(bare, n) <= MAX_TYPO_DISTANCE);
}

/** An unknown option as it may be shown: its name, never a value attached to it. */
export function shownUnknownFlag(flag: string): string {
  const eq = flag.indexOf('=');
  if (flag.startsWith('--') && eq > 0) return `${flag.slice(0, eq + 1)}${HIDDEN}`;
  // -pvalue: a short option with its value glued on.
  if (/^-[^-]./.test(flag)) return `${flag.slice(0, 2)}${HIDDEN}`;
  // --passwordvalue: a credential option with its value glued on.
  const glued = SECRET_OPTIONS.find((o) => flag.startsWith(o) && flag.length > o.length);
  return glued === undefined ? flag : `${glued}${HIDDEN}`;
}

/** The unknown option's name alone, for commander's suggestion. */
function bareFlag(flag: string): string {
  const shown = shownUnknownFlag(flag);
  return shown.endsWith(HIDDEN) ? shown.slice(0, -HIDDEN.length).replace(/=$/, '') : shown;
}

/**
 * The values in argv and the environment never to print: those of the credential options and of
 * any flag that looks like one (attached with "=" or glued on, or the next word), and passwords
 * inside URLs (as typed and decoded).
 */
export function argvSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const values: (string | undefined)[] = SECRET_VARIABLES.map((v) => env[v]);
  argv.forEach((token, i) => {
    const eq = token.indexOf('=');
    if (token.startsWith('-') && eq > 0) {
      if (looksSecret(token.slice(0, eq))) values.push(token.slice(eq + 1));
    } else if (token.startsWith('-') && looksSecret(token)) {
      values.push(argv[i + 1]);
    } else if (/^-[^-]./.test(token) && looksSecret(token.slice(0, 2))) {
      values.push(token.slice(2));
    }
    const glued = SECRET_OPTIONS.find((o) => token.startsWith(o) && token.length > o.length && token[o.length] !== '=');
    if (glued !== undefined) values.push(token.slice(glued.length));
    // scheme://user:password@host anywhere in a token (--url=..., a positional, a typo).
    for (const m of token.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^/?#@:\s]*:([^/?#@\s]*)@/gi)) {
      const raw = m[1] ?? '';
      values.push(raw);
      try {
        values.push(decodeURIComponent(raw));
      } catch {
        // a malformed escape: the raw form is already listed
      }
    }
  });
  // redactSecrets replaces the longest first, so a secret containing another is not half-redacted.
  return [...new Set(scrubbable(values))];
}

/** Scrubs `text` of the credentials argv and the environment carry. */
export function argvRedactor(argv: readonly string[], env: NodeJS.ProcessEnv): (text: string) => string {
  const secrets = argvSecrets(argv, env);
  return (text) => redactSecrets(text, secrets);
}

/**
 * commander's Command, with unknown options shown without their values. Subcommands are created
 * through `createCommand`, so every command of the CLI is one of these.
 */
export class GuardedCommand extends Command {
  private shownFlag: { bare: string; shown: string } | undefined;

  override createCommand(name?: string): Command {
    return new GuardedCommand(name);
  }

  /** commander calls this (an undocumented method) for the first unknown option. */
  unknownOption(flag: string): void {
    const bare = bareFlag(flag);
    this.shownFlag = { bare, shown: shownUnknownFlag(flag) };
    (Command.prototype as unknown as { unknownOption(f: string): void }).unknownOption.call(this, bare);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const s = this.shownFlag;
    if (options?.code === 'commander.unknownOption' && s && s.shown !== s.bare) {
      message = message.replace(`unknown option '${s.bare}'`, `unknown option '${s.shown}' (its value is not shown)`);
    }
    return super.error(message, options);
  }
}
