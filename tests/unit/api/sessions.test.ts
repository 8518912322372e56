import type { SessionLogEntry } from '@gong/core/analysis/batch-aggregate';
import { commandQueue } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { FleetCommand } from '@gong/core/messages/fleet-command';
import { sessionStats, sessionWikiTable } from '@gong/functions/sessions/session-log';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiFixture, call, type Fixture } from './api-fixture';

async function drain(f: Fixture, slot: number): Promise<FleetCommand[]> {
  const q = commandQueue(slot).name;
  const messages = await f.queue.receive(q, { max: 10, waitSeconds: 0 });
  await f.queue.ack(
    q,
    messages.map((m) => m.receipt),
  );
  return messages.map((m) => decodeBody(FleetCommand, m.body));
}

const entry = (i: number, over: Partial<SessionLogEntry> = {}): SessionLogEntry => ({
  recordId: `r${i}`,
  operatorId: 'op',
  msisdn: '407210001',
  stepIndex: i,
  text: `MSG ${i}`,
  encoding: 'gsm7',
  intendedAt: 1_000 * i,
  sentAt: 1_000 * i + 5,
  replyText: `reply, "${i}"`,
  replyAt: 1_000 * i + 105,
  latencyMs: 100,
  verdict: 'valid',
  ...over,
});

describe('functional sessions', () => {
  let f: Fixture;
  let tester: string;
  let ids: { connection: string; operator: string; sequence: string };

  beforeEach(async () => {
    f = apiFixture();
    const admin = await f.token('tenant-a', ['admin']);
    tester = await f.token('tenant-a', ['tester'], 'tess');
    const conn = await call(f.api, 'POST', '/connections', {
      token: admin,
      body: { name: 'lab', jcli: { host: '127.0.0.1' }, smpp: { host: '127.0.0.1' } },
    });
    const op = await call(f.api, 'POST', '/operators', {
      token: admin,
      body: {
        connectionId: conn.json.id,
        name: 'Orange',
        slot: 1,
        bindSystemId: 'orange',
        bindPassword: 'pw',
        numberRanges: [{ prefix: '407210', from: 0, to: 999, width: 3 }],
      },
    });
    const seq = await call(f.api, 'POST', '/sequences', {
      token: tester,
      body: {
        name: 'balance',
        steps: [
          { message: { text: 'BAL' }, expect: { kind: 'contains', text: 'balance' } },
          { message: { text: 'HELP' } },
        ],
      },
    });
    ids = { connection: conn.json.id, operator: op.json.id, sequence: seq.json.id };
    await drain(f, 1);
  });

  const start = (body: Record<string, unknown> = {}) =>
    call(f.api, 'POST', '/sessions', {
      token: tester,
      body: { connectionId: ids.connection, operatorId: ids.operator, ...body },
    });

  it('starts on a new number, opens it on the operator slot, and shows presence', async () => {
    const one = await start();
    expect(one.status).toBe(201);
    expect(one.json).toEqual(expect.objectContaining({ msisdn: '407210000', state: 'open', userId: 'tess' }));
    const two = await start();
    expect(two.json.msisdn).toBe('407210001');
    const commands = await drain(f, 1);
    expect(commands.map((c) => c.type)).toEqual(['session.open', 'session.open']);
    const dash = await call(f.api, 'GET', '/dashboard', { token: tester });
    expect(dash.json.presence).toContainEqual(
      expect.objectContaining({ userId: 'tess', where: 'functional session on Orange' }),
    );
  });

  it('reuses an existing number only when it is idle and belongs to the operator', async () => {
    const first = await start({ msisdn: '407210042' });
    expect(first.status).toBe(201);
    expect((await start({ msisdn: '407210042' })).status).toBe(409);
    expect((await start({ msisdn: '407299999' })).status).toBe(400);
  });

  it('sends, advances through the sequence, runs it automatically and stops', async () => {
    const s = (await start({ sequenceId: ids.sequence })).json;
    await drain(f, 1);
    const sent = await call(f.api, 'POST', `/sessions/${s.id}/send`, {
      token: tester,
      body: { message: { text: 'ECHO hi' }, expect: { kind: 'exact', text: 'hi' } },
    });
    expect(sent.status).toBe(202);
    const adv1 = await call(f.api, 'POST', `/sessions/${s.id}/advance`, { token: tester });
    const adv2 = await call(f.api, 'POST', `/sessions/${s.id}/advance`, { token: tester });
    expect(adv2.json.cursor).toBe(2);
    expect(adv1.status).toBe(202);
    const adv3 = await call(f.api, 'POST', `/sessions/${s.id}/advance`, { token: tester });
    expect(adv3.status).toBe(409);
    const auto = await call(f.api, 'POST', `/sessions/${s.id}/auto`, {
      token: tester,
      body: { blockOnError: false },
    });
    expect(auto.status).toBe(202);
    expect(auto.json.state).toBe('running');
    expect(
      (
        await call(f.api, 'POST', `/sessions/${s.id}/send`, {
          token: tester,
          body: { message: { text: 'X' } },
        })
      ).status,
    ).toBe(409);
    const stop = await call(f.api, 'POST', `/sessions/${s.id}/stop`, { token: tester });
    expect(stop.json.state).toBe('open');
    const close = await call(f.api, 'POST', `/sessions/${s.id}/stop`, {
      token: tester,
      body: { close: true },
    });
    expect(close.json.state).toBe('closed');
    const commands = await drain(f, 1);
    expect(commands.map((c) => c.type)).toEqual([
      'session.send',
      'session.send',
      'session.send',
      'session.auto',
      'session.stop',
      'session.stop',
      'session.close',
    ]);
    const [manual, step1, step2, autoCmd] = commands;
    expect(manual).toEqual(
      expect.objectContaining({ message: expect.objectContaining({ text: 'ECHO hi' }) }),
    );
    expect(step1).toEqual(
      expect.objectContaining({ stepIndex: 0, expect: { kind: 'contains', text: 'balance' } }),
    );
    expect(step2).toEqual(
      expect.objectContaining({ stepIndex: 1, message: expect.objectContaining({ text: 'HELP' }) }),
    );
    expect(autoCmd).toEqual(
      expect.objectContaining({ type: 'session.auto', blockOnError: false, fromStep: 0 }),
    );
    if (autoCmd?.type === 'session.auto') expect(autoCmd.steps).toHaveLength(2);
  });

  it('runs several automated sessions at once', async () => {
    const a = (await start({ sequenceId: ids.sequence })).json;
    const b = (await start({ sequenceId: ids.sequence })).json;
    for (const s of [a, b]) {
      expect((await call(f.api, 'POST', `/sessions/${s.id}/auto`, { token: tester })).json.state).toBe(
        'running',
      );
    }
    const autos = (await drain(f, 1)).filter((c) => c.type === 'session.auto');
    expect(autos).toHaveLength(2);
  });

  it('reads the log since N, stats, CSV, and toggles recording', async () => {
    const s = (await start()).json;
    await f.metrics.applyBatch('tenant-a', {
      batchId: 'b1',
      runs: [],
      sessions: [
        {
          sessionId: s.id,
          entries: [
            entry(0),
            entry(1),
            entry(2, {
              replyText: undefined,
              replyAt: undefined,
              latencyMs: undefined,
              verdict: 'unanswered',
            }),
          ],
        },
      ],
    });
    const log = await call(f.api, 'GET', `/sessions/${s.id}/log`, { token: tester, query: 'since=1' });
    expect(log.status).toBe(200);
    expect(log.json.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(log.json.next).toBe(3);
    const again = await call(f.api, 'GET', `/sessions/${s.id}/log`, { token: tester, query: 'since=3' });
    expect(again.json.items).toEqual([]);
    expect(again.json.next).toBe(3);
    const stats = await call(f.api, 'GET', `/sessions/${s.id}/stats`, { token: tester });
    expect(stats.json).toEqual(expect.objectContaining({ sent: 3, received: 2, averageReturnMs: 100 }));
    const csv = await call(f.api, 'GET', `/sessions/${s.id}/export.csv`, { token: tester });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('seq,sent_at,step,msisdn,message,reply,reply_at,latency_ms,verdict,resp_status');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"reply, ""0"""');
    const patched = await call(f.api, 'PATCH', `/sessions/${s.id}`, {
      token: tester,
      body: { record: false },
    });
    expect(patched.json.record).toBe(false);
  });

  it('keeps viewers to reading', async () => {
    const s = (await start()).json;
    const viewer = await f.token('tenant-a', ['viewer']);
    expect((await call(f.api, 'GET', `/sessions/${s.id}`, { token: viewer })).status).toBe(200);
    const denied = await call(f.api, 'POST', `/sessions/${s.id}/send`, {
      token: viewer,
      body: { message: { text: 'x' } },
    });
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain('"tester"');
  });
});

describe('session log formatting', () => {
  it('escapes Jira wiki markup inside cells', () => {
    const table = sessionWikiTable([{ ...entry(0, { text: 'a|b {x}', replyText: 'line1\nline2' }), seq: 0 }]);
    expect(table.split('\n')[0]).toBe('||#||Sent||Message||Reply||Replied||Latency (ms)||Verdict||');
    expect(table).toContain('a\\|b \\{x\\}');
    expect(table).toContain('line1 line2');
  });

  it('does not count unexpected replies as sent', () => {
    const s = sessionStats([entry(0), entry(1, { verdict: 'unexpected' })]);
    expect(s.sent).toBe(1);
    expect(s.received).toBe(2);
  });
});
