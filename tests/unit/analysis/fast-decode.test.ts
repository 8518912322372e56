import { decodeWorkerEvent } from '@gong/core/analysis/fast-decode';
import { decodeBody, encodeBody } from '@gong/core/messages/codec';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { describe, expect, it } from 'vitest';
import { aBatch, anExchange, unanswered } from './exchange-builders';

const variants: Record<string, unknown>[] = [
  { ...anExchange(), extra: 'dropped' },
  unanswered({ sessionId: 's-1', sequenceId: 'seq-1', stepIndex: 3 }),
  { ...anExchange(), expect: { kind: 'regex', pattern: '^Your', flags: 'i' } },
  { ...anExchange(), expect: { kind: 'exact', text: '' } },
  { ...anExchange(), expect: { kind: 'any' } },
  (({ text: _t, encoding: _e, stepIndex: _s, ...r }) => r)(anExchange()),
];
const broken: [string, Record<string, unknown>][] = [
  ['bad msisdn', { ...anExchange(), msisdn: 'abc' }],
  ['negative time', { ...anExchange(), sentAt: -1 }],
  ['fractional time', { ...anExchange(), replyAt: 1.5 }],
  ['unknown verdict', { ...anExchange(), verdict: 'great' }],
  ['bad scope', { ...anExchange(), scope: { kind: 'run' } }],
  ['empty contains', { ...anExchange(), expect: { kind: 'contains', text: '' } }],
  ['bad regex', { ...anExchange(), expect: { kind: 'regex', pattern: '(' } }],
  ['long text', { ...anExchange(), text: 'x'.repeat(10_001) }],
  ['bad encoding', { ...anExchange(), encoding: 'ebcdic' }],
];

describe('decodeWorkerEvent', () => {
  it('yields exactly what the schema yields', () => {
    const body = encodeBody(aBatch(variants as never));
    expect(decodeWorkerEvent(body)).toEqual(decodeBody(WorkerEvent, body));
  });

  it.each(broken)('rejects a record with %s, like the schema', (_label, record) => {
    const body = JSON.stringify(aBatch([anExchange(), record as never]));
    expect(() => decodeBody(WorkerEvent, body)).toThrow();
    expect(() => decodeWorkerEvent(body)).toThrow(/records/);
  });

  it('decodes other events and gzip bodies', () => {
    const status = {
      type: 'run.error',
      v: 1,
      tenantId: 't',
      runId: 'r',
      workerId: 'w',
      at: 1,
      message: 'boom',
    };
    expect(decodeWorkerEvent(JSON.stringify(status))).toEqual(WorkerEvent.parse(status));
    const big = aBatch(Array.from({ length: 200 }, () => anExchange()));
    expect(decodeWorkerEvent(encodeBody(big))).toEqual(WorkerEvent.parse(big));
    expect(() => decodeWorkerEvent('{')).toThrow();
  });
});
