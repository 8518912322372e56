import type { ExchangeRecord, Verdict } from '../domain/exchange';
import { seededRng } from '../rng';

/** A reproducible stream of exchange records shaped like a stress run (benchmarks and tests). */
export interface SyntheticRunOptions {
  tenantId: string;
  runId: string;
  startMs: number;
  durationSec: number;
  operators: number;
  numbers: number;
  records: number;
  seed: number;
  /** share of unanswered exchanges */
  dropRate?: number;
  /** share of invalid replies */
  invalidRate?: number;
  /** median latency, ms */
  medianMs?: number;
}

/** Records in send order: evenly spread over the duration, numbers round-robin, lognormal latency. */
export function* syntheticRecords(o: SyntheticRunOptions): Generator<ExchangeRecord> {
  const rng = seededRng(o.seed);
  const dropRate = o.dropRate ?? 0.01;
  const invalidRate = o.invalidRate ?? 0.02;
  const median = o.medianMs ?? 80;
  const stepMs = (o.durationSec * 1000) / o.records;
  for (let i = 0; i < o.records; i++) {
    const n = i % o.numbers;
    const op = n % o.operators;
    const intendedAt = o.startMs + Math.floor(i * stepMs);
    const sentAt = intendedAt + rng.int(0, 3);
    const draw = rng.next();
    const gauss = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const latency = Math.max(1, Math.round(median * Math.exp(0.5 * gauss)));
    const verdict: Verdict =
      draw < dropRate ? 'unanswered' : draw < dropRate + invalidRate ? 'invalid' : 'valid';
    const answered = verdict !== 'unanswered';
    yield {
      id: `r${i}`,
      tenantId: o.tenantId,
      scope: { kind: 'run', runId: o.runId },
      operatorId: `op${op}`,
      msisdn: String(49_151_000_0000 + n),
      stepIndex: 0,
      text: 'BAL',
      encoding: 'gsm7',
      expect: { kind: 'contains', text: 'balance' },
      intendedAt,
      sentAt,
      respAt: sentAt + 2,
      respStatus: 0,
      ...(answered
        ? {
            replyAt: sentAt + latency,
            replyText: verdict === 'valid' ? 'Your balance is 42 EUR' : 'Unknown command',
          }
        : {}),
      verdict,
    };
  }
}
