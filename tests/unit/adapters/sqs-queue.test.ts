import {
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { packBatches, SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { isDomainError } from '@gong/core/domain/errors';
import { describe, expect, it } from 'vitest';

const config = { region: 'us-east-1', prefix: 'unit' };

/** A stand-in SQS client: resolves any queue URL and answers SendMessageBatch via `onBatch`. */
function fakeClient(onBatch: (entries: SendMessageBatchRequestEntry[], call: number) => object) {
  const batches: SendMessageBatchRequestEntry[][] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof GetQueueUrlCommand) return { QueueUrl: `http://sqs/${command.input.QueueName}` };
      if (command instanceof SendMessageBatchCommand) {
        const entries = command.input.Entries ?? [];
        batches.push(entries);
        return onBatch(entries, batches.length);
      }
      throw new Error('unexpected command');
    },
  };
  return { client: client as unknown as SQSClient, batches };
}

describe('packBatches', () => {
  it('groups at most 10 bodies per batch', () => {
    const bodies = Array.from({ length: 23 }, (_, i) => `b${i}`);

    expect(packBatches(bodies).map((b) => b.length)).toEqual([10, 10, 3]);
  });

  it('starts a new batch before the request would pass 256 KiB', () => {
    const big = 'x'.repeat(100 * 1024);

    expect(packBatches([big, big, big, 'small'])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

describe('SqsQueue.send', () => {
  it('retries only the entries SQS failed on its side and returns every id in order', async () => {
    const { client, batches } = fakeClient((entries, call) => ({
      Successful: entries
        .filter((e) => call > 1 || e.Id !== '3')
        .map((e) => ({ Id: e.Id, MessageId: `m${e.Id}` })),
      Failed: call === 1 ? [{ Id: '3', Code: 'InternalError', SenderFault: false }] : [],
    }));
    const queue = new SqsQueue(config, { client });

    const ids = await queue.send('results', ['a', 'b', 'c', 'd', 'e']);

    expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(batches.map((b) => b.map((e) => e.Id))).toEqual([['0', '1', '2', '3', '4'], ['3']]);
  });

  it('fails with VALIDATION when SQS blames the sender, without retrying', async () => {
    const { client, batches } = fakeClient((entries) => ({
      Successful: [],
      Failed: entries.map((e) => ({ Id: e.Id, Code: 'InvalidMessageContents', SenderFault: true })),
    }));
    const queue = new SqsQueue(config, { client });

    const error = await queue.send('results', ['a']).catch((e: unknown) => e);

    expect(isDomainError(error, 'VALIDATION')).toBe(true);
    expect(batches).toHaveLength(1);
  });

  it('gives up with UNAVAILABLE after the configured attempts', async () => {
    const { client, batches } = fakeClient((entries) => ({
      Successful: [],
      Failed: entries.map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false })),
    }));
    const queue = new SqsQueue(config, { client, sendAttempts: 2 });

    const error = await queue.send('results', ['a']).catch((e: unknown) => e);

    expect(isDomainError(error, 'UNAVAILABLE')).toBe(true);
    expect(batches).toHaveLength(2);
  });
});
