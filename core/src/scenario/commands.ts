import { Encoding } from '../domain/message';
import type { LocalCall, SendCall } from './model';

/**
 * The text of a `<cmd>`: one call such as `send(text="BAL", expect="^Your balance")` or
 * `constant(range=0.01)`. Arguments are `name=value`, comma separated; values are double-quoted
 * strings (escapes \" \\ \n \t; any other backslash is kept, e.g. regex \d), numbers, or yes/no.
 */
export class CallSyntaxError extends Error {
  constructor(readonly expected: string) {
    super(expected);
    this.name = 'CallSyntaxError';
  }
}

type Value = string | number | boolean;

const SEND_ARGS = ['text', 'expect', 'contains', 'exact', 'noReply', 'timeout', 'think', 'encoding'] as const;
const LOCAL_FNS = ['constant', 'linear', 'random'] as const;

export function parseCall(source: string): SendCall | LocalCall {
  const text = source.trim();
  const head = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text);
  if (!head) throw new CallSyntaxError('a call like send(text="BAL") or constant(range=0.01)');
  const fn = head[1] as string;
  if (fn !== 'send' && !(LOCAL_FNS as readonly string[]).includes(fn)) {
    throw new CallSyntaxError(`one of the procedures send, constant, linear, random (found "${fn}")`);
  }
  const args = parseArgs(text, head[0].length);
  if (fn === 'send') return toSend(args);
  const unknown = [...args.keys()].filter((k) => k !== 'range');
  if (unknown.length > 0)
    throw new CallSyntaxError(`only the argument range for ${fn} (found "${unknown[0]}")`);
  const range = args.get('range');
  if (typeof range !== 'number' || range < 0) {
    throw new CallSyntaxError(`${fn}(range=<seconds>) with a number >= 0`);
  }
  return { fn: fn as LocalCall['fn'], range };
}

function parseArgs(text: string, start: number): Map<string, Value> {
  const args = new Map<string, Value>();
  let i = start;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  skip();
  if (text[i] === ')') {
    i++;
  } else {
    for (;;) {
      skip();
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (!name) throw new CallSyntaxError(`an argument name at character ${i + 1}`);
      i += name[0].length;
      skip();
      if (text[i] !== '=') throw new CallSyntaxError(`"=" after argument ${name[0]}`);
      i++;
      skip();
      let value: Value;
      if (text[i] === '"') {
        let out = '';
        i++;
        for (;;) {
          const ch = text[i];
          if (ch === undefined) throw new CallSyntaxError(`a closing quote for argument ${name[0]}`);
          i++;
          if (ch === '"') break;
          if (ch === '\\') {
            // \" \\ \n \t are escapes; any other backslash is kept, so regexes (\d, \s, \.) survive
            const esc = text[i++];
            if (esc === 'n') out += '\n';
            else if (esc === 't') out += '\t';
            else if (esc === '"' || esc === '\\') out += esc;
            else out += `\\${esc ?? ''}`;
          } else {
            out += ch;
          }
        }
        value = out;
      } else {
        const raw = /^[^,)\s]+/.exec(text.slice(i))?.[0] ?? '';
        i += raw.length;
        if (raw === 'yes' || raw === 'true') value = true;
        else if (raw === 'no' || raw === 'false') value = false;
        else if (raw !== '' && Number.isFinite(Number(raw))) value = Number(raw);
        else throw new CallSyntaxError(`a quoted string, a number or yes/no for argument ${name[0]}`);
      }
      if (args.has(name[0])) throw new CallSyntaxError(`argument ${name[0]} only once`);
      args.set(name[0], value);
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ')') {
        i++;
        break;
      }
      throw new CallSyntaxError(`"," or ")" after argument ${name[0]}`);
    }
  }
  skip();
  if (i < text.length) throw new CallSyntaxError('nothing after the closing ")" (one call per <cmd>)');
  return args;
}

function toSend(args: Map<string, Value>): SendCall {
  for (const key of args.keys()) {
    if (!(SEND_ARGS as readonly string[]).includes(key)) {
      throw new CallSyntaxError(`send arguments among ${SEND_ARGS.join(', ')} (found "${key}")`);
    }
  }
  const str = (key: string): string | undefined => {
    const v = args.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new CallSyntaxError(`a quoted string for argument ${key}`);
    return v;
  };
  const int = (key: string): number | undefined => {
    const v = args.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new CallSyntaxError(`a whole number of milliseconds for argument ${key}`);
    }
    return v;
  };
  const text = str('text');
  if (!text) throw new CallSyntaxError('send(text="...") with a non-empty text');
  const call: SendCall = { fn: 'send', text };
  const expect = str('expect');
  if (expect !== undefined) {
    try {
      new RegExp(expect);
    } catch {
      throw new CallSyntaxError(`a valid regular expression for expect (got "${expect}")`);
    }
    call.expect = expect;
  }
  const contains = str('contains');
  if (contains !== undefined) call.contains = contains;
  const exact = str('exact');
  if (exact !== undefined) call.exact = exact;
  const noReply = args.get('noReply');
  if (noReply !== undefined) {
    if (typeof noReply !== 'boolean') throw new CallSyntaxError('yes or no for argument noReply');
    call.noReply = noReply;
  }
  if ([call.expect, call.contains, call.exact, call.noReply].filter((v) => v !== undefined).length > 1) {
    throw new CallSyntaxError('at most one of expect, contains, exact, noReply');
  }
  const timeout = int('timeout');
  if (timeout !== undefined) call.timeoutMs = timeout;
  const think = int('think');
  if (think !== undefined) call.thinkMs = think;
  const encoding = str('encoding');
  if (encoding !== undefined) {
    const parsed = Encoding.safeParse(encoding);
    if (!parsed.success) throw new CallSyntaxError(`encoding one of ${Encoding.options.join(', ')}`);
    call.encoding = parsed.data;
  }
  return call;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The canonical text of a call (what export writes inside `<cmd>`). */
export function formatCall(call: SendCall | LocalCall): string {
  if (call.fn !== 'send') return `${call.fn}(range=${call.range})`;
  const parts = [`text=${quote(call.text)}`];
  if (call.expect !== undefined) parts.push(`expect=${quote(call.expect)}`);
  if (call.contains !== undefined) parts.push(`contains=${quote(call.contains)}`);
  if (call.exact !== undefined) parts.push(`exact=${quote(call.exact)}`);
  if (call.noReply !== undefined) parts.push(`noReply=${call.noReply ? 'yes' : 'no'}`);
  if (call.timeoutMs !== undefined) parts.push(`timeout=${call.timeoutMs}`);
  if (call.thinkMs !== undefined) parts.push(`think=${call.thinkMs}`);
  if (call.encoding !== undefined) parts.push(`encoding=${quote(call.encoding)}`);
  return `send(${parts.join(', ')})`;
}
