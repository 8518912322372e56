/**
 * How soon does a second of a run show up, complete, in the live series a poller reads?
 * Needs a running local stack (`npm start`). Starts a 15-s run as the demo stress user, polls
 * GET /runs/{id}/series every 100 ms and, for each second S, records when its total `answered`
 * count first reached its final value; delay = that moment − the end of second S.
 * Prints `RESULT {"liveSeriesMaxDelayMs":…, "liveSeriesP50DelayMs":…, "seconds":…}`.
 */
const api = process.argv[2] ?? 'http://127.0.0.1:5001';

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(`${api}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const { token } = await call<{ token: string }>('/auth/login', {
  method: 'POST',
  body: JSON.stringify({ email: 'stress@demo.gong', password: 'gong-demo-pass' }),
});
const started = await call<{ id?: string; run?: { id: string } }>('/runs', {
  method: 'POST',
  token,
  body: JSON.stringify({
    connectionId: 'c-local-sim',
    operators: [
      { operatorId: 'op-orange', minNumbers: 100, maxNumbers: 100 },
      { operatorId: 'op-vodafone', minNumbers: 100, maxNumbers: 100 },
    ],
    durationSec: 15,
    strategy: { kind: 'full-force', ratePerNumber: 1 },
    sequenceIds: ['seq-balance'],
  }),
});
const runId = started.run?.id ?? started.id;
const seen = new Map<number, { count: number; at: number }>();
let state = 'starting';
while (!['finished', 'aborted', 'failed'].includes(state)) {
  const series = await call<{ total: { second: number; answered: number }[] }>(
    `/runs/${runId}/series?since=0`,
    { token },
  );
  const now = Date.now();
  for (const p of series.total) {
    const prev = seen.get(p.second);
    if (!prev || prev.count !== p.answered) seen.set(p.second, { count: p.answered, at: now });
  }
  const run = await call<{ state?: string; run?: { state: string } }>(`/runs/${runId}`, { token });
  state = run.run?.state ?? run.state ?? state;
  await new Promise((r) => setTimeout(r, 100));
}
const delays = [...seen.entries()]
  .sort((a, b) => a[0] - b[0])
  .map(([second, v]) => v.at - (second + 1) * 1000)
  .sort((a, b) => a - b);
const p50 = delays[Math.floor(delays.length / 2)] ?? 0;
console.log(`run ${runId}: ${delays.length} seconds; completion delays (ms): ${delays.join(' ')}`);
console.log(
  `RESULT ${JSON.stringify({ liveSeriesMaxDelayMs: delays.at(-1) ?? 0, liveSeriesP50DelayMs: p50, seconds: delays.length })}`,
);

export {};
