import type { Correlator } from './correlator';
import type { Exchange } from './exchange';

/**
 * Where an operator's exchanges go on the wire: the gateway's binds to this operator (operator mode)
 * or our bind to the gateway (ESME mode). Implemented over SMPP sessions; faked in unit tests.
 */
export interface SendTarget {
  readonly operatorId: string;
  readonly correlator: Correlator;
  /** max outstanding requests per SMPP session (set from the run's window) */
  window: number;
  /** true when a message handed over now goes out at once (a bind is up and its window has room) */
  canSend(): boolean;
  /**
   * Writes the exchange now. The target calls `correlator.sent` when it leaves, `correlator.response`
   * with the resp status, and `correlator.failed` when it could not be sent at all.
   */
  send(exchange: Exchange): void;
}
