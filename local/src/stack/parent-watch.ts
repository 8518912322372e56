import { env } from '../env';

/**
 * Children of the local cloud run in their own process groups (so a stop takes their grandchildren
 * too). If the supervisor itself is killed hard, nobody would stop them: each child watches the
 * supervisor's pid and stops itself (SIGTERM, so a worker still drains) when it is gone.
 */
export function exitWithSupervisor(): void {
  const pid = env.GONG_SUPERVISOR_PID;
  if (!pid) return;
  setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch {
      process.kill(process.pid, 'SIGTERM');
    }
  }, 2000).unref();
}
