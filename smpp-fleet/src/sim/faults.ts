/**
 * Shared request gate for both simulator sides: seeded fault injection (no response, generic_nack,
 * malformed PDU) and the throughput cap (ESME_RTHROTTLED above `capPerSecond`).
 * `gate(session, pdu)` returns true when the caller should go on and answer normally.
 */
import type { Clock } from '@gong/core/ports/clock';
import type { Rng } from '@gong/core/rng';
import { CommandId, responseOf, Status } from '../smpp/constants';
import type { Pdu } from '../smpp/pdu';
import type { SmppSession } from '../smpp/session';
import type { SimConfig } from './config';
import type { SimulatorCounters } from './counters';

export class RequestGate {
  private second = -1;
  private inSecond = 0;
  private readonly noResponse: number;
  private readonly nack: number;
  private readonly malformed: number;
  private readonly anyFault: boolean;

  constructor(
    private readonly config: SimConfig,
    private readonly rng: Rng,
    private readonly clock: Clock,
    private readonly counters: SimulatorCounters,
  ) {
    const f = config.faults;
    this.noResponse = f.noResponse;
    this.nack = f.noResponse + f.genericNack;
    this.malformed = this.nack + f.malformed;
    this.anyFault = this.malformed > 0;
  }

  gate<I>(session: SmppSession<I>, pdu: Pdu): boolean {
    if (this.anyFault) {
      const r = this.rng.next();
      if (r < this.noResponse) {
        this.counters.noResponse++;
        return false;
      }
      if (r < this.nack) {
        this.counters.genericNacks++;
        session.sendStatus('generic_nack', pdu.sequenceNumber, Status.ESME_RSYSERR);
        return false;
      }
      if (r < this.malformed) {
        this.counters.malformedSent++;
        session.sendRaw(malformedResponse(pdu));
        return false;
      }
    }
    const cap = this.config.capPerSecond;
    if (cap > 0) {
      const sec = Math.floor(this.clock.now() / 1000);
      if (sec !== this.second) {
        this.second = sec;
        this.inSecond = 0;
      }
      if (++this.inSecond > cap) {
        this.counters.throttled++;
        session.respond(pdu, { commandStatus: Status.ESME_RTHROTTLED });
        return false;
      }
    }
    return true;
  }
}

/** The request's response command with an unterminated message_id: a truncated-field PDU. */
function malformedResponse(pdu: Pdu): Buffer {
  const resp = responseOf(pdu.command);
  const buf = Buffer.alloc(17);
  buf.writeUInt32BE(17, 0);
  buf.writeUInt32BE(resp === undefined ? CommandId.generic_nack : CommandId[resp], 4);
  buf.writeUInt32BE(0, 8);
  buf.writeUInt32BE(pdu.sequenceNumber, 12);
  buf[16] = 0x58;
  return buf;
}
