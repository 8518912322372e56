import type { SchedulerLog } from './deps';

/**
 * POSTs the outcome as JSON to the schedule's webhook. A failure (network, timeout, non-2xx) is logged
 * and reported as `false`: the outcome is already stored, a broken receiver must not undo it.
 */
export async function callWebhook(
  url: string,
  body: unknown,
  options: { timeoutMs: number; fetch?: typeof fetch; log: SchedulerLog },
): Promise<boolean> {
  const doFetch = options.fetch ?? fetch;
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'gong-scheduler' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!res.ok) {
      options.log({ level: 'warn', msg: 'webhook answered with an error status', url, status: res.status });
      return false;
    }
    return true;
  } catch (e) {
    options.log({
      level: 'warn',
      msg: 'webhook call failed',
      url,
      error: e instanceof Error ? e.message : String(e),
    });
    return false;
  }
}
