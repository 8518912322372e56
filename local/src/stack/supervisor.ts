import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** a critical child dying stops the whole stack with a clear error */
  critical: boolean;
  /** restart with backoff when it dies (the local stand-in for an ECS service) */
  restart: boolean;
}

interface Running {
  spec: ChildSpec;
  child: ChildProcess;
  restarts: number;
  startedAt: number;
}

const COLOURS = [36, 33, 35, 32, 34, 91, 92, 93, 94, 95, 96];

/**
 * Runs the local cloud's processes. Each child gets its own process group so a stop takes its
 * grandchildren too (tsx, next workers). Children are stopped in reverse start order.
 */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  private readonly order: string[] = [];
  private stopping = false;
  private colour = 0;
  private readonly logs = new Map<string, WriteStream>();

  constructor(
    private readonly logDir: string,
    private readonly onFatal: (message: string) => void,
    private readonly quiet = false,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(spec: ChildSpec): ChildProcess {
    if (!this.order.includes(spec.name)) this.order.push(spec.name);
    const previous = this.running.get(spec.name);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running: Running = { spec, child, restarts: previous?.restarts ?? 0, startedAt: Date.now() };
    this.running.set(spec.name, running);
    this.pipe(spec.name, child);
    child.once('error', (e) => this.exited(running, `could not start: ${e.message}`));
    child.once('exit', (code, signal) =>
      this.exited(running, signal ? `killed by ${signal}` : `exited with code ${code}`),
    );
    return child;
  }

  get(name: string): ChildProcess | undefined {
    return this.running.get(name)?.child;
  }

  pids(): number[] {
    return [...this.running.values()].flatMap((r) => (r.child.pid ? [r.child.pid] : []));
  }

  private exited(running: Running, how: string): void {
    if (this.running.get(running.spec.name) !== running) return;
    if (this.stopping) return;
    const { spec } = running;
    if (spec.restart) {
      const uptime = Date.now() - running.startedAt;
      running.restarts = uptime > 60_000 ? 1 : running.restarts + 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(running.restarts - 1, 6));
      this.print(spec.name, `${how}; restarting in ${delay} ms (restart #${running.restarts})`);
      setTimeout(() => {
        if (!this.stopping && this.running.get(spec.name) === running) this.start(spec);
      }, delay).unref();
      return;
    }
    if (spec.critical) this.onFatal(`${spec.name} ${how} — the local cloud cannot run without it.`);
    else this.print(spec.name, how);
  }

  /** Stops everything: SIGTERM to each group (reverse order), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const name of [...this.order].reverse()) {
      const running = this.running.get(name);
      if (running) await stopGroup(running.child, graceMs);
    }
    for (const log of this.logs.values()) log.end();
  }

  print(name: string, line: string): void {
    if (!this.quiet) process.stdout.write(`${this.tag(name)} ${line}\n`);
    this.log(name).write(`${new Date().toISOString()} ${line}\n`);
  }

  private tag(name: string): string {
    return `\x1b[${COLOURS[this.colourOf(name)]}m${name.padEnd(10)}\x1b[0m│`;
  }

  private readonly colours = new Map<string, number>();
  private colourOf(name: string): number {
    let c = this.colours.get(name);
    if (c === undefined) {
      c = this.colour++ % COLOURS.length;
      this.colours.set(name, c);
    }
    return c;
  }

  private log(name: string): WriteStream {
    let stream = this.logs.get(name);
    if (!stream) {
      stream = createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' });
      this.logs.set(name, stream);
    }
    return stream;
  }

  private pipe(name: string, child: ChildProcess): void {
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.print(name, line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  }
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (!alive(child)) {
    signalGroup(child, 'SIGKILL'); // leftovers of the group, if any
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
  signalGroup(child, 'SIGKILL');
}
