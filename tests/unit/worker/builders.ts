import type { Step } from '@gong/core/domain/sequence';
import { Correlator } from '@gong/smpp-fleet/worker/correlator';
import type { Exchange, StrayReply } from '@gong/smpp-fleet/worker/exchange';
import type { RunPlan } from '@gong/smpp-fleet/worker/run-executor';
import type { SendTarget } from '@gong/smpp-fleet/worker/send-target';

export function aStep(over: Partial<Step> & { text?: string } = {}): Step {
  const { text, ...rest } = over;
  return {
    id: 's1',
    message: { text: text ?? 'ECHO hi', encoding: 'auto', segmentation: 'udh8' },
    expect: { kind: 'exact', text: 'hi' },
    timeoutMs: 1000,
    thinkMs: 0,
    ...rest,
  };
}

export function aPlan(over: Partial<RunPlan> = {}): RunPlan {
  return {
    type: 'run.prepare',
    v: 1,
    tenantId: 't1',
    runId: 'r1',
    mode: 'operator',
    startAt: 1_000_000,
    durationSec: 3,
    sequences: [[aStep()]],
    sequenceIds: ['seq1'],
    operators: [{ operatorId: 'op1', perSecond: [10, 10, 10], numbers: ['40700000001', '40700000002'] }],
    encoding: 'auto',
    window: 1000,
    ...over,
  };
}

/** A send target that records what was sent and lets the test decide when the window is full. */
export class FakeTarget implements SendTarget {
  readonly sent: { ex: Exchange; at: number }[] = [];
  readonly strays: StrayReply[] = [];
  readonly correlator: Correlator;
  room = Number.POSITIVE_INFINITY;
  window = 1000;

  constructor(
    readonly operatorId: string,
    private readonly now: () => number,
  ) {
    this.correlator = new Correlator(operatorId, (s) => this.strays.push(s));
  }

  canSend(): boolean {
    return this.room > 0;
  }

  send(ex: Exchange): void {
    this.room--;
    const at = this.now();
    this.sent.push({ ex, at });
    this.correlator.sent(ex, at);
  }
}
