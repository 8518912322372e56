import { connect, type Socket } from 'node:net';
import { DomainError } from '@gong/core/domain/errors';
import { maskSecrets } from './script';

export interface JcliTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  /** per expected prompt */
  timeoutMs: number;
}

export interface TranscriptEntry {
  command: string;
  output: string;
}

export interface ApplyResult {
  ok: boolean;
  transcript: TranscriptEntry[];
  /** the command jCli refused, when ok is false */
  failedCommand?: string;
  error?: string;
}

const MAIN_PROMPT = /jcli : $/;
const ANY_PROMPT = /(jcli : |> )$/;
const LOGIN_FAILED = /(Incorrect Username\/Password|Authentication failed|Incorrect password)/i;
/** What jCli prints when it refuses something. */
const JCLI_ERROR =
  /(\*\*\* Unknown syntax|Unknown command|Unknown \w+ key|Error:|Incorrect|Invalid|Cannot|not found|Unknown connector|failed)/i;

/** Strips telnet IAC negotiation (jCli may send some) from received bytes. */
export function stripTelnet(data: Buffer): string {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (b !== 0xff) {
      out.push(b);
      continue;
    }
    const cmd = data[i + 1];
    if (cmd === 0xff) {
      out.push(0xff);
      i += 1;
    } else if (cmd !== undefined && cmd >= 0xfb && cmd <= 0xfe) {
      i += 2;
    } else if (cmd === 0xfa) {
      const end = data.indexOf(Buffer.from([0xff, 0xf0]), i + 2);
      i = end < 0 ? data.length : end + 1;
    } else {
      i += 1;
    }
  }
  return Buffer.from(out).toString('utf8');
}

class Dialogue {
  private buffer = '';
  private waiter: (() => void) | undefined;
  private closed: Error | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer += stripTelnet(d).replace(/\r/g, '');
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed ??= new Error('jCli closed the connection');
      this.waiter?.();
    });
    socket.on('error', (e) => {
      this.closed = e;
      this.waiter?.();
    });
  }

  /** Waits until the received text matches `pattern`; returns and consumes everything received so far. */
  async expect(pattern: RegExp, timeoutMs: number, alsoStopOn?: RegExp): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.buffer) || alsoStopOn?.test(this.buffer)) {
        const text = this.buffer;
        this.buffer = '';
        return text;
      }
      if (this.closed)
        throw new Error(`${this.closed.message}; last output: ${JSON.stringify(this.buffer.slice(-200))}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no jCli prompt within ${timeoutMs} ms; last output: ${JSON.stringify(this.buffer.slice(-200))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }
}

function open(target: JcliTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${target.timeoutMs} ms`));
    }, target.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(e.code ?? e.message));
    });
  });
}

/**
 * Logs into jCli over telnet and runs the lines one by one, checking each answer. Stops at the first
 * refused command (leaving an add-mode with `ko`) and reports it; passwords are masked in the
 * transcript. Unreachable or refused login → DomainError UNAVAILABLE.
 */
export async function applyOverJcli(target: JcliTarget, lines: readonly string[]): Promise<ApplyResult> {
  let socket: Socket;
  try {
    socket = await open(target);
  } catch (cause) {
    throw new DomainError(
      'UNAVAILABLE',
      `cannot reach jCli at ${target.host}:${target.port} (${(cause as Error).message}); jCli listens on 127.0.0.1 only by default — paste the script on the gateway instead`,
      { cause },
    );
  }
  const dialogue = new Dialogue(socket);
  const transcript: TranscriptEntry[] = [];
  try {
    try {
      await dialogue.expect(/Username: ?$/i, target.timeoutMs);
      dialogue.send(target.username);
      await dialogue.expect(/Password: ?$/i, target.timeoutMs);
      dialogue.send(target.password);
      const welcome = await dialogue.expect(MAIN_PROMPT, target.timeoutMs, LOGIN_FAILED);
      if (LOGIN_FAILED.test(welcome)) throw new Error('jCli refused the username/password');
    } catch (cause) {
      throw new DomainError(
        'UNAVAILABLE',
        `jCli login at ${target.host}:${target.port} failed: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
    let inAddMode = false;
    for (const line of lines) {
      dialogue.send(line);
      const raw = await dialogue.expect(ANY_PROMPT, target.timeoutMs);
      const prompt = /> $/.test(raw) ? '> ' : 'jcli : ';
      const output = raw.replace(ANY_PROMPT, '').trim();
      transcript.push({ command: maskSecrets(line), output });
      if (JCLI_ERROR.test(output)) {
        if (prompt === '> ') {
          dialogue.send('ko');
          await dialogue.expect(ANY_PROMPT, target.timeoutMs).catch(() => '');
        }
        return {
          ok: false,
          transcript,
          failedCommand: maskSecrets(line),
          error: output.split('\n')[0] ?? output,
        };
      }
      inAddMode = prompt === '> ';
    }
    if (inAddMode) {
      return { ok: false, transcript, error: 'the script left jCli inside an add block (missing "ok")' };
    }
    dialogue.send('quit');
    return { ok: true, transcript };
  } catch (cause) {
    if (cause instanceof DomainError) throw cause;
    return { ok: false, transcript, error: (cause as Error).message };
  } finally {
    socket.end();
    socket.destroy();
  }
}
