import { ExchangeRecord } from '@gong/core/domain/exchange';
import type { WorkerEvent } from '@gong/core/messages/worker-event';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
let seq = 0;

type Over = Partial<Omit<ExchangeRecord, 'scope'>> & { runId?: string; sessionId?: string };

/** A valid exchange of run `run-1`, answered 100 ms after it was sent at T0. */
export function anExchange(over: Over = {}): ExchangeRecord {
  seq++;
  const { runId, sessionId, ...rest } = over;
  const sentAt = rest.sentAt ?? T0;
  return ExchangeRecord.parse({
    id: `x${seq}`,
    tenantId: 'tenant-a',
    scope: sessionId ? { kind: 'session', sessionId } : { kind: 'run', runId: runId ?? 'run-1' },
    operatorId: 'op-a',
    msisdn: '491510000001',
    text: 'BAL',
    encoding: 'gsm7',
    intendedAt: sentAt,
    sentAt,
    respAt: sentAt + 5,
    respStatus: 0,
    replyAt: sentAt + 100,
    replyText: 'Your balance is 42 EUR',
    verdict: 'valid',
    ...rest,
  });
}

export function unanswered(over: Over = {}): ExchangeRecord {
  const r = anExchange({ verdict: 'unanswered', ...over });
  const { replyAt: _a, replyText: _b, ...rest } = r;
  return rest;
}

export function aBatch(
  records: ExchangeRecord[],
  over: Partial<Extract<WorkerEvent, { type: 'results.batch' }>> = {},
): Extract<WorkerEvent, { type: 'results.batch' }> {
  seq++;
  return {
    type: 'results.batch',
    v: 1,
    batchId: `b${seq}`,
    workerId: 'w1',
    tenantId: 'tenant-a',
    records,
    buckets: [],
    ...over,
  };
}
