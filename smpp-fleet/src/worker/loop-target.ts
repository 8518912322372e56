import type { Correlator } from './correlator';
import type { EsmeEndpoint } from './esme-endpoint';
import type { Exchange } from './exchange';
import type { OperatorEndpoint } from './operator-endpoint';
import type { SendTarget } from './send-target';

/**
 * Loop mode: Gong on both sides of one gateway. Each message leaves through our bind to the gateway
 * (ESME side: submit_sm to the number) and is answered when the gateway routes it to the operator
 * side (its client connector's submit_sm to the same number reaches this worker's operator endpoint).
 * Both times are taken by this process, so the latency is the gateway's own routing time, with no
 * application in the path. No receipt is asked for: the arrival itself is the answer.
 */
export class LoopTarget implements SendTarget {
  constructor(
    private readonly esme: EsmeEndpoint,
    private readonly operator: OperatorEndpoint,
  ) {}

  get operatorId(): string {
    return this.operator.operatorId;
  }

  get correlator(): Correlator {
    return this.operator.correlator;
  }

  get window(): number {
    return this.esme.window;
  }

  set window(n: number) {
    this.esme.window = n;
  }

  canSend(): boolean {
    return this.esme.canSend();
  }

  send(ex: Exchange): void {
    this.esme.submit(ex, this.operator.correlator, false);
  }
}
