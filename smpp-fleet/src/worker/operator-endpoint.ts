import { Reassembler } from '@gong/core/encoding/reassembly';
import type { HostedOperator } from '@gong/core/messages/fleet-command';
import type { Rng } from '@gong/core/rng';
import { TlvTag } from '../smpp/constants';
import type { SmPdu } from '../smpp/pdu';
import { messageState, receiptText } from '../smpp/receipt';
import type { SmppSession } from '../smpp/session';
import { Correlator } from './correlator';
import type { Tickable } from './driver';
import type { Exchange, StrayReply } from './exchange';
import type { Logger } from './logger';
import { pickStatus } from './receipts';
import type { SendTarget } from './send-target';
import { decodeText, encodeText } from './sms-text';
import { TimerWheel } from './timer-wheel';

export interface BindInfo {
  systemId: string;
  bindType: string;
  peer: string;
  since: number;
}

export interface EndpointDeps {
  log: Logger;
  now: () => number;
  rng: Rng;
  /** unique SMSC message ids for submit_sm_resp */
  nextMessageId: () => string;
  onStray: (stray: StrayReply) => void;
}

interface PendingReceipt {
  messageId: string;
  handset: string;
  app: string;
  submittedAt: number;
  text: string;
  session: SmppSession<string>;
}

interface BoundSession {
  session: SmppSession<string>;
  info: BindInfo;
  /** may carry deliver_sm to the gateway (receiver or transceiver bind) */
  receives: boolean;
}

/**
 * Operator mode: one simulated operator SMSC. The gateway binds to it (any number of sessions, told
 * apart from other operators on the slot by system_id/password); it sends MO as deliver_sm from a
 * subscriber number to the operator's short code, answers the gateway's submit_sm with a unique
 * message id, feeds the MT text to the correlator, and sends delivery receipts when asked.
 */
export class OperatorEndpoint implements SendTarget, Tickable {
  readonly correlator: Correlator;
  /** max outstanding deliver_sm per gateway session (the run's window) */
  window = 1000;
  /** binds that arrived after an earlier bind of this operator was lost */
  reconnects = 0;
  readonly counters = { mo: 0, mt: 0, receipts: 0, sendErrors: 0, noBind: 0 };
  private readonly bound: BoundSession[] = [];
  private rr = 0;
  private everLost = false;
  private readonly receipts = new TimerWheel<PendingReceipt>();
  private readonly parts: Reassembler;
  private ref = 0;

  constructor(
    public config: HostedOperator,
    private readonly deps: EndpointDeps,
  ) {
    this.correlator = new Correlator(config.operatorId, deps.onStray);
    this.parts = new Reassembler({ timeoutMs: 30_000, clock: { now: deps.now } });
  }

  get operatorId(): string {
    return this.config.operatorId;
  }

  get binds(): BindInfo[] {
    return this.bound.map((b) => b.info);
  }

  attach(session: SmppSession<string>, peer: string): void {
    const bindType = session.bindMode ?? 'transceiver';
    if (this.everLost) this.reconnects++;
    this.bound.push({
      session,
      receives: bindType !== 'transmitter',
      info: { systemId: this.config.bindSystemId, bindType, peer, since: Math.round(this.deps.now()) },
    });
  }

  detach(session: SmppSession<string>): void {
    const i = this.bound.findIndex((b) => b.session === session);
    if (i < 0) return;
    this.bound.splice(i, 1);
    this.everLost = true;
  }

  canSend(): boolean {
    return this.pick() !== undefined;
  }

  send(ex: Exchange): void {
    const target = this.pick() ?? this.anyReceiver();
    if (target === undefined) {
      this.counters.noBind++;
      ex.sentAt = this.deps.now();
      this.correlator.failed(ex);
      return;
    }
    const bodies = encodeText(ex.text, ex.encoding, ex.segmentation, this.ref++ & 0xff);
    let remaining = bodies.length;
    this.correlator.sent(ex, this.deps.now());
    this.counters.mo++;
    for (const body of bodies) {
      target.session.requestCb(
        {
          command: 'deliver_sm',
          sourceAddrTon: 1,
          sourceAddrNpi: 1,
          sourceAddr: ex.msisdn,
          destAddrTon: 0,
          destAddrNpi: 1,
          destinationAddr: this.config.shortCode,
          esmClass: body.esmClass,
          dataCoding: body.dataCoding,
          shortMessage: body.shortMessage,
          tlvs: body.tlvs,
        },
        (err, resp) => {
          if (err !== null || resp === undefined) {
            // connection lost or no resp in time: the answer may still come; the step's timeout decides
            this.counters.sendErrors++;
            return;
          }
          const status = resp.commandStatus;
          if (status !== 0) this.correlator.response(ex, status, this.deps.now());
          else if (--remaining === 0) this.correlator.response(ex, 0, this.deps.now());
        },
      );
    }
  }

  /** A submit_sm (MT) from the gateway on one of this operator's sessions. */
  onSubmit(session: SmppSession<string>, pdu: SmPdu): void {
    const now = this.deps.now();
    const messageId = this.deps.nextMessageId();
    session.respond(pdu, { messageId });
    this.counters.mt++;
    const incoming = decodeText(pdu);
    let text: string | undefined = incoming.text;
    const part = incoming.part;
    if (part !== undefined) {
      const r = this.parts.push({
        key: `${pdu.sourceAddr}>${pdu.destinationAddr}`,
        ref: part.ref,
        total: part.total,
        seq: part.seq,
        dataCoding: pdu.dataCoding,
        bytes: part.bytes,
      });
      text = r.kind === 'complete' ? r.text : undefined;
    }
    if ((pdu.registeredDelivery & 0x03) !== 0) {
      this.receipts.add(now + this.config.receipts.delayMs, {
        messageId,
        handset: pdu.destinationAddr,
        app: pdu.sourceAddr,
        submittedAt: now,
        text: incoming.text,
        session,
      });
    }
    if (text !== undefined) this.correlator.reply(pdu.destinationAddr, text, now);
  }

  tick(now: number): void {
    this.correlator.sweep(now);
    if (this.receipts.size > 0) this.receipts.due(now, (r) => this.sendReceipt(r, now));
    if (this.parts.size > 0) this.parts.expire();
  }

  nextAt(): number | undefined {
    const a = this.correlator.nextDeadline();
    const b = this.receipts.nextAt();
    if (a === undefined) return b;
    if (b === undefined) return a;
    return Math.min(a, b);
  }

  /** Unbinds every gateway session of this operator (shutdown, operator removed). */
  async unbindAll(drainMs: number): Promise<void> {
    await Promise.all(this.bound.map((b) => b.session.unbind(drainMs).catch(() => b.session.destroy())));
  }

  private sendReceipt(r: PendingReceipt, now: number): void {
    const stat = pickStatus(this.config.receipts.statusMix, this.deps.rng);
    const via =
      r.session.isBound && r.session.bindMode !== 'transmitter' ? r.session : this.anyReceiver()?.session;
    if (via === undefined) return;
    this.counters.receipts++;
    via.requestCb(
      {
        command: 'deliver_sm',
        sourceAddrTon: 1,
        sourceAddrNpi: 1,
        sourceAddr: r.handset,
        destinationAddr: r.app,
        esmClass: 0x04,
        dataCoding: 0,
        shortMessage: Buffer.from(receiptText(r.messageId, stat, r.submittedAt, now, r.text), 'latin1'),
        tlvs: [
          { tag: TlvTag.receipted_message_id, value: Buffer.from(`${r.messageId}\0`, 'latin1') },
          { tag: TlvTag.message_state, value: Buffer.from([messageState(stat)]) },
        ],
      },
      () => {},
    );
  }

  private pick(): BoundSession | undefined {
    const n = this.bound.length;
    for (let k = 0; k < n; k++) {
      const b = this.bound[(this.rr + k) % n] as BoundSession;
      if (b.receives && b.session.canSend && b.session.outstanding < this.window) {
        this.rr = (this.rr + k + 1) % n;
        return b;
      }
    }
    return undefined;
  }

  private anyReceiver(): BoundSession | undefined {
    return this.bound.find((b) => b.receives && b.session.isBound);
  }
}
