import { DomainError } from '../domain/errors';

/**
 * A safe arithmetic expression of `t` (seconds since the operator started), for custom strategy
 * curves. Hand-written tokenizer + recursive-descent parser; no eval, no Function.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?            right associative: 2^3^2 = 2^9, -2^2 = -4
 *   primary := number | 't' | 'pi' | 'e' | name '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * Functions: sin cos exp log sqrt abs floor ceil (one argument), min max (one or more).
 * Positions in error messages are 1-based character positions in the expression.
 */
export type CompiledExpression = (t: number) => number;

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'name'; value: string; pos: number }
  | { kind: 'op'; value: '+' | '-' | '*' | '/' | '^' | '(' | ')' | ','; pos: number }
  | { kind: 'end'; pos: number }
  /** a lexical error, reported only if the parser reaches it (so earlier errors win) */
  | { kind: 'error'; message: string; pos: number };

const UNARY: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
};
const VARIADIC: Record<string, (...xs: number[]) => number> = { min: Math.min, max: Math.max };
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const KNOWN = [...Object.keys(UNARY), ...Object.keys(VARIADIC), ...Object.keys(CONSTANTS), 't'];

function fail(source: string, pos: number, what: string): never {
  throw new DomainError('VALIDATION', `expression "${source}": ${what} at position ${pos}`, {
    details: { expression: source, position: pos },
  });
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (/[0-9.]/.test(ch)) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i));
      if (!match) {
        tokens.push({ kind: 'error', message: `unexpected character "${ch}"`, pos });
        return tokens;
      }
      tokens.push({ kind: 'number', value: Number(match[0]), pos });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'name', value: match[0], pos });
      i += match[0].length;
      continue;
    }
    if ('+-*/^(),'.includes(ch)) {
      tokens.push({ kind: 'op', value: ch as '+', pos });
      i++;
      continue;
    }
    tokens.push({ kind: 'error', message: `unexpected character "${ch}"`, pos });
    return tokens;
  }
  tokens.push({ kind: 'end', pos: source.length + 1 });
  return tokens;
}

type Node = (t: number) => number;

class Parser {
  private index = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Node {
    const node = this.expr();
    const tok = this.peek();
    if (tok.kind !== 'end') fail(this.source, tok.pos, `unexpected ${describe(tok)}, expected an operator`);
    return node;
  }

  private peek(): Token {
    const tok = this.tokens[this.index] as Token;
    if (tok.kind === 'error') fail(this.source, tok.pos, tok.message);
    return tok;
  }

  private take(): Token {
    const tok = this.tokens[this.index++] as Token;
    if (tok.kind === 'error') fail(this.source, tok.pos, tok.message);
    return tok;
  }

  private isOp(value: string): boolean {
    const tok = this.peek();
    return tok.kind === 'op' && tok.value === value;
  }

  private expect(value: string, context: string): void {
    const tok = this.take();
    if (tok.kind !== 'op' || tok.value !== value) {
      fail(this.source, tok.pos, `expected "${value}" ${context}, found ${describe(tok)}`);
    }
  }

  private expr(): Node {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.take() as { value: string }).value;
      const l = left;
      const r = this.term();
      left = op === '+' ? (t) => l(t) + r(t) : (t) => l(t) - r(t);
    }
    return left;
  }

  private term(): Node {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.take() as { value: string }).value;
      const l = left;
      const r = this.unary();
      left = op === '*' ? (t) => l(t) * r(t) : (t) => l(t) / r(t);
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.take();
      const inner = this.unary();
      return (t) => -inner(t);
    }
    if (this.isOp('+')) {
      this.take();
      return this.unary();
    }
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    this.take();
    const exponent = this.unary();
    return (t) => base(t) ** exponent(t);
  }

  private primary(): Node {
    const tok = this.take();
    if (tok.kind === 'number') {
      const value = tok.value;
      return () => value;
    }
    if (tok.kind === 'op' && tok.value === '(') {
      const inner = this.expr();
      this.expect(')', `to close "(" at position ${tok.pos}`);
      return inner;
    }
    if (tok.kind === 'name') return this.name(tok);
    fail(
      this.source,
      tok.pos,
      `unexpected ${describe(tok)}, expected a number, t, a constant, a function or "("`,
    );
  }

  private name(tok: { value: string; pos: number }): Node {
    const name = tok.value;
    if (!KNOWN.includes(name)) {
      fail(this.source, tok.pos, `unknown identifier "${name}" (known: ${KNOWN.join(', ')})`);
    }
    const isCall = this.isOp('(');
    if (name === 't' || name in CONSTANTS) {
      if (isCall) fail(this.source, tok.pos, `"${name}" is not a function`);
      if (name === 't') return (t) => t;
      const value = CONSTANTS[name] as number;
      return () => value;
    }
    if (!isCall) fail(this.source, tok.pos, `function "${name}" needs arguments in parentheses`);
    const open = this.take();
    const args: Node[] = [this.expr()];
    while (this.isOp(',')) {
      this.take();
      args.push(this.expr());
    }
    this.expect(')', `to close the call to ${name} at position ${open.pos}`);
    const unary = UNARY[name];
    if (unary) {
      if (args.length !== 1)
        fail(this.source, tok.pos, `function "${name}" takes 1 argument, got ${args.length}`);
      const arg = args[0] as Node;
      return (t) => unary(arg(t));
    }
    const variadic = VARIADIC[name] as (...xs: number[]) => number;
    return (t) => variadic(...args.map((a) => a(t)));
  }
}

function describe(tok: Token): string {
  switch (tok.kind) {
    case 'end':
      return 'end of expression';
    case 'error':
      return tok.message;
    case 'number':
      return `number ${tok.value}`;
    case 'name':
      return `"${tok.value}"`;
    case 'op':
      return `"${tok.value}"`;
  }
}

/** Parses once; the returned function is cheap to call for every second of a run. */
export function compileExpression(source: string): CompiledExpression {
  if (source.trim() === '') fail(source, 1, 'empty expression');
  return new Parser(source, tokenize(source)).parse();
}
