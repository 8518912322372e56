/**
 * The simulator's SMPP server for applications (ESME mode): accepts binds (any, or the configured
 * accounts), answers submit_sm / data_sm with a message id after a drawn latency, and sends an SMPP
 * 3.4 delivery receipt (deliver_sm, esm_class 0x04, receipted_message_id + message_state TLVs) after
 * `receipts.delayMs` with a status drawn from `receipts.statusMix` when registered_delivery asks.
 */
import type { ReceiptStatus } from '@gong/core/domain/operator';
import { decodeText } from '@gong/core/encoding/text-codec';
import type { Clock } from '@gong/core/ports/clock';
import type { Rng } from '@gong/core/rng';
import { EsmClass, Status, TlvTag } from '../smpp/constants';
import { readSmPart } from '../smpp/message-parts';
import type { DataSmPdu, Pdu, SmPdu } from '../smpp/pdu';
import { messageState, receiptText } from '../smpp/receipt';
import { SmppServer } from '../smpp/server';
import type { SmppSession } from '../smpp/session';
import { tlvCString, tlvU8 } from '../smpp/tlv';
import type { SimConfig } from './config';
import type { SimulatorCounters } from './counters';
import type { DelayLine } from './delay-line';
import type { RequestGate } from './faults';

export interface EsmeDeps {
  config: SimConfig;
  counters: SimulatorCounters;
  gate: RequestGate;
  latency: () => number;
  /** where delayed answers and receipts wait (sub-ms due times, one alarm) */
  delays: DelayLine;
  dlrRng: Rng;
  clock: Clock;
  /** hands a submit_sm on to an operator link; false when none is bound */
  forward: (pdu: SmPdu | DataSmPdu) => boolean;
}

export class EsmeSide {
  private readonly server: SmppServer<string>;
  private nextId = 0;
  private readonly mix: [ReceiptStatus, number][];
  private readonly mixTotal: number;
  private readonly idPrefix: string;

  constructor(private readonly d: EsmeDeps) {
    const accounts = d.config.esme?.accounts ?? [];
    this.server = new SmppServer<string>({
      systemId: 'gongsim',
      windowSize: d.config.windowSize,
      responseTimeoutMs: d.config.responseTimeoutMs,
      enquireLinkIntervalMs: d.config.enquireLinkIntervalMs,
      clock: d.clock,
      authenticate: (bind) => {
        if (accounts.length === 0) return { accept: true, identity: bind.systemId };
        const a = accounts.find((x) => x.systemId === bind.systemId);
        if (a === undefined) return { accept: false, status: Status.ESME_RINVSYSID };
        if (a.password !== bind.password) return { accept: false, status: Status.ESME_RINVPASWD };
        return { accept: true, identity: bind.systemId };
      },
    });
    this.server.on('session', (s) => {
      s.on('bound', () => d.counters.esmeBinds++);
      s.on('pdu', (pdu) => this.onPdu(s, pdu));
    });
    this.mix = Object.entries(d.config.receipts.statusMix).filter(([, w]) => (w ?? 0) > 0) as [
      ReceiptStatus,
      number,
    ][];
    this.mixTotal = this.mix.reduce((a, [, w]) => a + w, 0);
    this.idPrefix = (d.config.seed >>> 0).toString(16).padStart(4, '0').slice(-4);
  }

  listen(): Promise<number> {
    const esme = this.d.config.esme;
    if (esme === undefined) throw new Error('no esme config');
    return this.server.listen(esme.port, esme.host);
  }

  get sessions(): number {
    return this.server.sessions.size;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private onPdu(s: SmppSession<string>, pdu: Pdu): void {
    if (pdu.command === 'submit_sm' || pdu.command === 'data_sm') {
      this.onSubmit(s, pdu);
    } else if (pdu.command === 'query_sm') {
      s.respond(pdu, { commandStatus: Status.ESME_RQUERYFAIL });
    } else if (pdu.command === 'deliver_sm') {
      s.respond(pdu, { commandStatus: Status.ESME_RINVCMDID });
    } else if (
      pdu.command !== 'generic_nack' &&
      pdu.command !== 'outbind' &&
      pdu.command !== 'alert_notification'
    ) {
      s.respond(pdu, { commandStatus: Status.ESME_RINVCMDID });
    }
  }

  private onSubmit(s: SmppSession<string>, pdu: SmPdu | DataSmPdu): void {
    const d = this.d;
    if (!d.gate.gate(s, pdu)) return;
    d.counters.esmeSubmits++;
    const messageId = `${this.idPrefix}${(++this.nextId).toString(16).padStart(8, '0')}`;
    const submittedAt = d.clock.now();
    const delay = d.latency();
    const answer = () => {
      s.respond(pdu, { messageId });
      if (d.config.esme?.route === 'operators') {
        if (d.forward(pdu)) d.counters.esmeForwarded++;
        else d.counters.esmeForwardFailed++;
      }
      if ((pdu.registeredDelivery & 0x03) !== 0 && this.mixTotal > 0) {
        const receiptDelay = d.config.receipts.delayMs;
        d.delays.after(receiptDelay, () => this.sendReceipt(s, pdu, messageId, submittedAt));
      }
    };
    d.delays.after(delay, answer);
  }

  private drawStatus(): ReceiptStatus {
    let r = this.d.dlrRng.next() * this.mixTotal;
    for (const [status, w] of this.mix) {
      r -= w;
      if (r < 0) return status;
    }
    return (this.mix.at(-1) as [ReceiptStatus, number])[0];
  }

  private sendReceipt(s: SmppSession<string>, sm: SmPdu | DataSmPdu, id: string, submittedAt: number): void {
    if (s.state === 'closed') return;
    const stat = this.drawStatus();
    const part = readSmPart(sm);
    const original = decodeText(part.bytes, part.dataCoding).replace(/[^\x20-\x7e]/g, '?');
    const text = receiptText(id, stat, submittedAt, this.d.clock.now(), original);
    this.d.counters.esmeReceipts++;
    s.requestCb(
      {
        command: 'deliver_sm',
        sourceAddrTon: sm.destAddrTon,
        sourceAddrNpi: sm.destAddrNpi,
        sourceAddr: sm.destinationAddr,
        destAddrTon: sm.sourceAddrTon,
        destAddrNpi: sm.sourceAddrNpi,
        destinationAddr: sm.sourceAddr,
        esmClass: EsmClass.DELIVERY_RECEIPT,
        dataCoding: 0,
        shortMessage: Buffer.from(text, 'latin1'),
        tlvs: [tlvCString(TlvTag.receipted_message_id, id), tlvU8(TlvTag.message_state, messageState(stat))],
      },
      (err, resp) => {
        if (err === null && resp?.commandStatus === 0) this.d.counters.esmeReceiptsAcked++;
      },
    );
  }
}
