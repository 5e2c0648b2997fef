/**
 * A tiny arithmetic language for the formulas in formulas/*.json: numbers, named inputs,
 * + - * /, unary minus, parentheses and a fixed set of functions. No other syntax exists, so a
 * data file can never run code. Expressions are parsed once (when the data file loads) and then
 * evaluated with named inputs, or rendered with those inputs for --explain.
 */

export type Expr =
  | { kind: 'num'; value: number; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

const FUNCTIONS = {
  ceil: { arity: 1, apply: (a: number[]) => Math.ceil(a[0]!) },
  floor: { arity: 1, apply: (a: number[]) => Math.floor(a[0]!) },
  round: { arity: 1, apply: (a: number[]) => Math.round(a[0]!) },
  log2: { arity: 1, apply: (a: number[]) => Math.log2(a[0]!) },
  exp: { arity: 1, apply: (a: number[]) => Math.exp(a[0]!) },
  pow: { arity: 2, apply: (a: number[]) => Math.pow(a[0]!, a[1]!) },
  min: { arity: -1, apply: (a: number[]) => Math.min(...a) },
  max: { arity: -1, apply: (a: number[]) => Math.max(...a) },
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

export class ExprError extends Error {}

type Token = { type: 'num' | 'id' | 'op'; text: string; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ExprError(`unexpected character at ${pos}: "${src.slice(pos).trim().slice(0, 10)}"`);
    const at = pos + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) tokens.push({ type: 'num', text: m[1], pos: at });
    else if (m[2] !== undefined) tokens.push({ type: 'id', text: m[2], pos: at });
    else tokens.push({ type: 'op', text: m[3]!, pos: at });
    pos = re.lastIndex;
  }
  return tokens;
}

/** Parses an expression; throws ExprError naming the position of the first problem. */
export function parseExpr(src: string): Expr {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const take = (text?: string): Token => {
    const t = tokens[i];
    if (!t) throw new ExprError(`unexpected end of expression${text ? `, expected "${text}"` : ''}`);
    if (text !== undefined && t.text !== text) throw new ExprError(`expected "${text}" at ${t.pos}, found "${t.text}"`);
    i += 1;
    return t;
  };

  const sum = (): Expr => {
    let left = product();
    for (let t = peek(); t && (t.text === '+' || t.text === '-') && t.type === 'op'; t = peek()) {
      take();
      left = { kind: 'bin', op: t.text as '+' | '-', left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    for (let t = peek(); t && (t.text === '*' || t.text === '/') && t.type === 'op'; t = peek()) {
      take();
      left = { kind: 'bin', op: t.text as '*' | '/', left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    const t = peek();
    if (t && t.type === 'op' && t.text === '-') {
      take();
      return { kind: 'neg', arg: unary() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = take();
    if (t.type === 'num') return { kind: 'num', value: Number(t.text), text: t.text };
    if (t.type === 'op' && t.text === '(') {
      const inner = sum();
      take(')');
      return inner;
    }
    if (t.type === 'id') {
      if (peek()?.text !== '(') return { kind: 'var', name: t.text };
      if (!Object.hasOwn(FUNCTIONS, t.text)) throw new ExprError(`unknown function "${t.text}" at ${t.pos}`);
      const fn = t.text as FunctionName;
      take('(');
      const args: Expr[] = [sum()];
      while (peek()?.text === ',') {
        take();
        args.push(sum());
      }
      take(')');
      const arity = FUNCTIONS[fn].arity;
      if ((arity >= 0 && args.length !== arity) || (arity < 0 && args.length < 2)) {
        throw new ExprError(`${fn}() takes ${arity >= 0 ? arity : 'at least 2'} argument(s), got ${args.length}`);
      }
      return { kind: 'call', fn, args };
    }
    throw new ExprError(`unexpected "${t.text}" at ${t.pos}`);
  };

  const tree = sum();
  const rest = peek();
  if (rest) throw new ExprError(`unexpected "${rest.text}" at ${rest.pos}`);
  return tree;
}

/** The input names an expression reads, in first-use order. */
export function variablesOf(expr: Expr): string[] {
  const seen = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'var') seen.add(e.name);
    else if (e.kind === 'neg') walk(e.arg);
    else if (e.kind === 'bin') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
  return [...seen];
}

/** Evaluates with named inputs. A missing input or a non-finite result is an error, never NaN. */
export function evaluate(expr: Expr, inputs: Readonly<Record<string, number>>): number {
  const value = evalNode(expr, inputs);
  if (!Number.isFinite(value)) throw new ExprError(`expression ${renderExpr(expr)} is not finite (${value})`);
  return value;
}

function evalNode(e: Expr, inputs: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'var': {
      const v = inputs[e.name];
      if (typeof v !== 'number') throw new ExprError(`input "${e.name}" has no value`);
      return v;
    }
    case 'neg':
      return -evalNode(e.arg, inputs);
    case 'bin': {
      const l = evalNode(e.left, inputs);
      const r = evalNode(e.right, inputs);
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      if (e.op === '*') return l * r;
      if (r === 0) throw new ExprError(`division by zero in ${renderExpr(e)}`);
      return l / r;
    }
    case 'call':
      return FUNCTIONS[e.fn].apply(e.args.map((a) => evalNode(a, inputs)));
  }
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/**
 * Renders the expression in canonical form. With `values`, each input is replaced by its value
 * (formatted by `format`), which is how --explain shows the arithmetic.
 */
export function renderExpr(
  expr: Expr,
  values?: Readonly<Record<string, number | string>>,
  format: (n: number) => string = String,
): string {
  const go = (e: Expr, parentPrec: number, rightSide: boolean): string => {
    switch (e.kind) {
      case 'num':
        return e.text;
      case 'var': {
        const v = values?.[e.name];
        if (v === undefined) return e.name;
        return typeof v === 'number' ? format(v) : v;
      }
      case 'neg':
        return `-${go(e.arg, 3, false)}`;
      case 'bin': {
        const prec = PRECEDENCE[e.op];
        const text = `${go(e.left, prec, false)} ${e.op} ${go(e.right, prec, true)}`;
        // Parenthesise when precedence demands it, and on the right of - and / where order matters.
        const needs = prec < parentPrec || (rightSide && prec === parentPrec);
        return needs ? `(${text})` : text;
      }
      case 'call':
        return `${e.fn}(${e.args.map((a) => go(a, 0, false)).join(', ')})`;
    }
  };
  return go(expr, 0, false);
}
