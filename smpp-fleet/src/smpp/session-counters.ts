/** Per-session counters: PDUs by command, response command_status histograms, faults. */
import type { CommandName } from './constants';

export interface SessionCounters {
  rxPdus: number;
  txPdus: number;
  txBytes: number;
  rxByCommand: Partial<Record<CommandName, number>>;
  txByCommand: Partial<Record<CommandName, number>>;
  /** command_status of responses received (to our requests), e.g. 0x58 → 12 */
  rxRespStatus: Map<number, number>;
  /** command_status of responses we sent */
  txRespStatus: Map<number, number>;
  malformed: number;
  genericNacksSent: number;
  timeouts: number;
  unexpectedResponses: number;
  queueFull: number;
  enquireLinksSent: number;
  linkDead: number;
  socketErrors: number;
}

export function newCounters(): SessionCounters {
  return {
    rxPdus: 0,
    txPdus: 0,
    txBytes: 0,
    rxByCommand: {},
    txByCommand: {},
    rxRespStatus: new Map(),
    txRespStatus: new Map(),
    malformed: 0,
    genericNacksSent: 0,
    timeouts: 0,
    unexpectedResponses: 0,
    queueFull: 0,
    enquireLinksSent: 0,
    linkDead: 0,
    socketErrors: 0,
  };
}
