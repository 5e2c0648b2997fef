/**
 * A reader of the HCL native syntax the Terraform export uses, written for the tests from the HCL
 * specification (hashicorp/hcl hclsyntax/spec.md), independently of src/cli/render/hcl.ts: blocks
 * with labels, attributes, `#` comments, quoted strings with their escapes and the `$${` / `%%{`
 * literal forms, numbers, true/false/null, tuples, objects, function calls and references. A
 * template interpolation (`${` or `%{` not doubled) is an error: the export must never contain one.
 */

export type HclExpr =
  | string
  | number
  | boolean
  | null
  | HclExpr[]
  | { [key: string]: HclExpr }
  | HclCall
  | HclRef;

/** A function call; classes, so no object of the document can be mistaken for one. */
export class HclCall {
  constructor(
    readonly name: string,
    readonly args: HclExpr[],
  ) {}
}

/** A reference such as `elasticstack_elasticsearch_index_template.docs`. */
export class HclRef {
  constructor(readonly path: string) {}
}

export interface HclBlockNode {
  type: string;
  labels: string[];
  attributes: Record<string, HclExpr>;
  blocks: HclBlockNode[];
}

export function readHcl(text: string): HclBlockNode {
  const p = new Parser(text);
  const body = p.body(true);
  return { type: '', labels: [], ...body };
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(what: string): never {
    const line = this.s.slice(0, this.i).split('\n').length;
    throw new Error(`HCL line ${line}: ${what} (at ${JSON.stringify(this.s.slice(this.i, this.i + 30))})`);
  }

  /** Skips spaces, comments and (when `newlines`) line ends. */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && this.s[this.i + 1] === '/')) {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected an identifier');
    this.i += m[0].length;
    return m[0];
  }

  body(top: boolean): { attributes: Record<string, HclExpr>; blocks: HclBlockNode[] } {
    const attributes: Record<string, HclExpr> = {};
    const blocks: HclBlockNode[] = [];
    for (;;) {
      this.skip(true);
      if (this.i >= this.s.length) {
        if (!top) this.fail('unclosed block');
        return { attributes, blocks };
      }
      if (this.s[this.i] === '}') {
        if (top) this.fail('unexpected }');
        this.i++;
        return { attributes, blocks };
      }
      const name = this.identifier();
      this.skip(false);
      if (this.s[this.i] === '=') {
        this.i++;
        if (name in attributes) this.fail(`attribute ${name} given twice`);
        attributes[name] = this.expression();
        this.skip(false);
        if (this.s[this.i] !== '\n' && this.s[this.i] !== '}' && this.i < this.s.length) this.fail('expected a line end after an attribute');
        continue;
      }
      const labels: string[] = [];
      while (this.s[this.i] === '"') {
        labels.push(this.quoted());
        this.skip(false);
      }
      if (this.s[this.i] !== '{') this.fail('expected { or =');
      this.i++;
      blocks.push({ type: name, labels, ...this.body(false) });
    }
  }

  expression(): HclExpr {
    this.skip(false);
    const c = this.s[this.i];
    if (c === '"') return this.quoted();
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    const word = this.identifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (this.s[this.i] === '(') {
      this.i++;
      const args: HclExpr[] = [];
      this.skip(true);
      while (this.s[this.i] !== ')') {
        args.push(this.expression());
        this.skip(true);
        if (this.s[this.i] === ',') this.i++;
        this.skip(true);
      }
      this.i++;
      return new HclCall(word, args);
    }
    let ref = word;
    while (this.s[this.i] === '.') {
      this.i++;
      ref += `.${this.identifier()}`;
    }
    return new HclRef(ref);
  }

  private number(): number {
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a number');
    this.i += m[0].length;
    return Number(m[0]);
  }

  private tuple(): HclExpr[] {
    this.i++;
    const out: HclExpr[] = [];
    for (;;) {
      this.skip(true);
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.expression());
      this.skip(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('expected , or ]');
    }
  }

  private object(): Record<string, HclExpr> {
    this.i++;
    // Own keys only, whatever they are called ("__proto__" included).
    const out: Record<string, HclExpr> = Object.create(null) as Record<string, HclExpr>;
    for (;;) {
      this.skip(true);
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.s[this.i] === '"' ? this.quoted() : this.identifier();
      this.skip(false);
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') this.fail('expected = in an object');
      this.i++;
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`object key ${key} given twice`);
      out[key] = this.expression();
      this.skip(false);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '\n' && this.s[this.i] !== '}') this.fail('expected a line end, , or } in an object');
    }
  }

  private quoted(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.i += 2;
        } else if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e === 'U') {
          const hex = this.s.slice(this.i + 2, this.i + 10);
          if (!/^[0-9a-fA-F]{8}$/.test(hex)) this.fail('bad \\U escape');
          out += String.fromCodePoint(parseInt(hex, 16));
          this.i += 10;
        } else this.fail(`unknown escape \\${e}`);
        continue;
      }
      if ((c === '$' || c === '%') && this.s[this.i + 1] === c && this.s[this.i + 2] === '{') {
        out += `${c}{`;
        this.i += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.s[this.i + 1] === '{') this.fail('a template sequence in a string');
      out += c;
      this.i++;
    }
  }
}

/** `jsonencode(x)` as the JSON value Terraform would produce: x itself, every nested value plain. */
export function jsonencoded(expr: HclExpr | undefined): unknown {
  if (!(expr instanceof HclCall)) throw new Error(`expected jsonencode(...), got ${JSON.stringify(expr)}`);
  if (expr.name !== 'jsonencode' || expr.args.length !== 1) throw new Error(`expected jsonencode with one argument, got ${expr.name}`);
  return plain(expr.args[0] as HclExpr);
}

function plain(expr: HclExpr): unknown {
  if (expr === null || typeof expr !== 'object') return expr;
  if (Array.isArray(expr)) return expr.map(plain);
  if (expr instanceof HclCall || expr instanceof HclRef) throw new Error(`a call or reference inside a JSON value: ${JSON.stringify(expr)}`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(expr)) Object.defineProperty(out, k, { value: plain(v as HclExpr), enumerable: true, writable: true, configurable: true });
  return out;
}
