import { connect } from 'node:net';
import type { HostedOperator } from '@gong/core/messages/fleet-command';
import { EsmClass, TlvTag } from '../smpp/constants';
import type { Pdu, SmPdu } from '../smpp/pdu';
import { receiptIdAndStat } from '../smpp/receipt';
import { SmppSession } from '../smpp/session';
import { Correlator } from './correlator';
import type { Tickable } from './driver';
import type { Exchange } from './exchange';
import type { BindInfo, EndpointDeps } from './operator-endpoint';
import type { SendTarget } from './send-target';
import { decodeText, encodeText } from './sms-text';

type EsmeConfig = NonNullable<HostedOperator['esme']>;

/**
 * ESME mode: the worker plays an application bound to the gateway's SMPP server. It submits MT
 * (submit_sm with a receipt requested) from the operator's short code to a number, measures the
 * submit_sm_resp, pairs delivery receipts with their submit by message id, and treats other
 * deliver_sm (MO addressed to it) as replies to that number. Reconnects with exponential backoff;
 * every successful re-bind after a loss counts as a reconnect.
 */
export class EsmeEndpoint implements SendTarget, Tickable {
  readonly correlator: Correlator;
  window = 1000;
  reconnects = 0;
  readonly counters = { submits: 0, receipts: 0, mo: 0, bindFailures: 0, sendErrors: 0 };
  private session: SmppSession<string> | undefined;
  private boundSince = 0;
  private stopped = false;
  private everBound = false;
  private backoffMs = 250;
  private retry: NodeJS.Timeout | undefined;
  private readonly byMessageId = new Map<string, Exchange>();
  private lastFailureLog = Number.NEGATIVE_INFINITY;
  private ref = 0;

  constructor(
    readonly config: HostedOperator,
    private readonly esme: EsmeConfig,
    private readonly deps: EndpointDeps,
  ) {
    this.correlator = new Correlator(config.operatorId, deps.onStray);
  }

  get operatorId(): string {
    return this.config.operatorId;
  }

  get bind(): BindInfo | undefined {
    if (this.session?.isBound !== true) return undefined;
    return {
      systemId: this.esme.systemId,
      bindType: this.esme.bindType,
      peer: `${this.esme.host}:${this.esme.port}`,
      since: this.boundSince,
    };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(drainMs: number): Promise<void> {
    this.stopped = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
    const s = this.session;
    if (s !== undefined) await s.unbind(drainMs).catch(() => s.destroy());
  }

  canSend(): boolean {
    const s = this.session;
    return s?.isBound === true && s.bindMode !== 'receiver' && s.canSend && s.outstanding < this.window;
  }

  send(ex: Exchange): void {
    this.submit(ex, this.correlator, true);
  }

  /**
   * Submits the exchange's MT, booking it with `correlator` (ours in ESME mode; the operator side's in
   * loop mode, where the answer is the MT arriving there). `receipts` asks for a delivery receipt and
   * pairs it by message id.
   */
  submit(ex: Exchange, correlator: Correlator, receipts: boolean): void {
    const s = this.session;
    if (s === undefined || !s.isBound || s.bindMode === 'receiver') {
      ex.sentAt = this.deps.now();
      correlator.failed(ex);
      return;
    }
    const bodies = encodeText(ex.text, ex.encoding, ex.segmentation, this.ref++ & 0xff);
    let remaining = bodies.length;
    correlator.sent(ex, this.deps.now());
    this.counters.submits++;
    for (const body of bodies) {
      s.requestCb(
        {
          command: 'submit_sm',
          sourceAddrTon: 0,
          sourceAddrNpi: 1,
          sourceAddr: this.config.shortCode,
          destAddrTon: 1,
          destAddrNpi: 1,
          destinationAddr: ex.msisdn,
          esmClass: body.esmClass,
          registeredDelivery: receipts ? 1 : 0,
          dataCoding: body.dataCoding,
          shortMessage: body.shortMessage,
          tlvs: body.tlvs,
        },
        (err, resp) => {
          if (err !== null || resp === undefined) {
            this.counters.sendErrors++;
            return;
          }
          const now = this.deps.now();
          if (resp.commandStatus !== 0) {
            correlator.response(ex, resp.commandStatus, now);
            return;
          }
          if (receipts && resp.command === 'submit_sm_resp' && resp.messageId !== '')
            this.byMessageId.set(resp.messageId, ex);
          if (--remaining === 0) correlator.response(ex, 0, now);
        },
      );
    }
  }

  tick(now: number): void {
    this.correlator.sweep(now);
    // forget message ids whose exchange settled long ago (receipts for them are no longer expected)
    for (const [id, ex] of this.byMessageId) {
      if (ex.deadline + 120_000 > now) break;
      this.byMessageId.delete(id);
    }
  }

  nextAt(): number | undefined {
    return this.correlator.nextDeadline();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = connect({ host: this.esme.host, port: this.esme.port });
    const session = new SmppSession<string>(socket, { role: 'client', windowSize: 100_000 });
    session.on('error', () => {});
    session.on('close', () => {
      if (this.session === session) this.session = undefined;
      this.scheduleReconnect();
    });
    session.on('pdu', (pdu) => this.onPdu(session, pdu));
    socket.once('connect', () => {
      session
        .bind({ mode: this.esme.bindType, systemId: this.esme.systemId, password: this.esme.password })
        .then((resp) => {
          if (resp.commandStatus !== 0) {
            this.counters.bindFailures++;
            this.deps.log.warn('ESME bind refused', {
              operatorId: this.operatorId,
              status: resp.commandStatus,
            });
            session.close();
            return;
          }
          if (this.everBound) this.reconnects++;
          this.everBound = true;
          this.backoffMs = 250;
          this.boundSince = Math.round(this.deps.now());
          this.session = session;
          this.lastFailureLog = Number.NEGATIVE_INFINITY;
          this.deps.log.info('ESME bound', {
            operatorId: this.operatorId,
            peer: `${this.esme.host}:${this.esme.port}`,
          });
        })
        .catch((err) => {
          this.counters.bindFailures++;
          // a gateway that stays down is retried every ~10 s: say so once, then once a minute
          const now = this.deps.now();
          if (now - this.lastFailureLog >= 60_000) {
            this.lastFailureLog = now;
            this.deps.log.warn('ESME bind failed; retrying with backoff', {
              operatorId: this.operatorId,
              peer: `${this.esme.host}:${this.esme.port}`,
              failures: this.counters.bindFailures,
              err: String(err),
            });
          }
          session.destroy();
        });
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry !== undefined) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect();
    }, delay);
    this.retry.unref();
  }

  private onPdu(session: SmppSession<string>, pdu: Pdu): void {
    if (pdu.command !== 'deliver_sm') {
      if (pdu.command !== 'generic_nack') session.respond(pdu, { commandStatus: 0x03 });
      return;
    }
    const sm = pdu as SmPdu;
    session.respond(sm, { messageId: '' });
    const now = this.deps.now();
    const text = decodeText(sm).text;
    if ((sm.esmClass & EsmClass.DELIVERY_RECEIPT) !== 0) {
      this.counters.receipts++;
      const tlv = sm.tlvs.find((t) => t.tag === TlvTag.receipted_message_id);
      const parsed = receiptIdAndStat(text);
      const id = tlv !== undefined ? tlv.value.toString('latin1').replace(/\0+$/, '') : parsed?.id;
      const ex = id === undefined ? undefined : this.byMessageId.get(id);
      if (ex !== undefined) {
        this.correlator.replyTo(ex, text, now, parsed?.stat === 'DELIVRD');
        return;
      }
      this.correlator.reply(sm.sourceAddr, text, now);
      return;
    }
    this.counters.mo++;
    this.correlator.reply(sm.sourceAddr, text, now);
  }
}
