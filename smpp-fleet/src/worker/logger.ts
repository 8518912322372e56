/** Structured one-line JSON logs on stderr (CloudWatch/ECS friendly); the worker's only log sink. */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export function jsonLogger(base: Record<string, unknown> = {}, write = writeStderr): Logger {
  const emit = (level: string, msg: string, data?: Record<string, unknown>) =>
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...data })}\n`);
  return {
    info: (msg, data) => emit('info', msg, data),
    warn: (msg, data) => emit('warn', msg, data),
    error: (msg, data) => emit('error', msg, data),
  };
}

/** Collects log lines in memory (tests). */
export function memoryLogger(): Logger & {
  lines: { level: string; msg: string; data?: Record<string, unknown> }[];
} {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (msg, data) => lines.push({ level: 'info', msg, ...(data ? { data } : {}) }),
    warn: (msg, data) => lines.push({ level: 'warn', msg, ...(data ? { data } : {}) }),
    error: (msg, data) => lines.push({ level: 'error', msg, ...(data ? { data } : {}) }),
  };
}

let stderrLost = false;
let watchingStderr = false;

/**
 * Writes to stderr until stderr fails. When nobody reads it any more (EPIPE: the shell or process
 * that started the worker is gone), each failed write would be an uncaught error, logged, failing
 * again: a loop at full CPU. The lines have nowhere to go, so logging stops instead.
 */
function writeStderr(line: string): void {
  if (stderrLost) return;
  if (!watchingStderr) {
    watchingStderr = true;
    process.stderr.on('error', () => {
      stderrLost = true;
    });
  }
  process.stderr.write(line);
}
