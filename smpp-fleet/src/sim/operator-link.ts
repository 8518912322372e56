/**
 * One simulated gateway client connector: binds (transceiver) to an operator endpoint, answers each
 * MO deliver_sm with deliver_sm_resp, then sends the keyword reply as submit_sm MT from the short
 * code back to the subscriber after a drawn latency (or drops it). Multipart MO are reassembled
 * first. Reconnects with exponential backoff whenever the link goes away.
 */
import type { Reassembler } from '@gong/core/encoding/reassembly';
import type { SegmentOptions } from '@gong/core/encoding/segment';
import { decodeText } from '@gong/core/encoding/text-codec';
import type { Clock } from '@gong/core/ports/clock';
import type { Rng } from '@gong/core/rng';
import { connectAndBind } from '../smpp/client';
import { EsmClass, Status } from '../smpp/constants';
import { readSmPart, type SmBody, smBodiesForText } from '../smpp/message-parts';
import type { DataSmPdu, Pdu, SmPdu } from '../smpp/pdu';
import type { ResponseCallback, SmppSession } from '../smpp/session';
import type { OperatorEndpoint, SimConfig } from './config';
import type { SimulatorCounters } from './counters';
import type { DelayLine } from './delay-line';
import type { RequestGate } from './faults';
import type { Responder } from './rules';

export interface LinkDeps {
  config: SimConfig;
  counters: SimulatorCounters;
  gate: RequestGate;
  respond: Responder;
  latency: () => number;
  /** where delayed replies wait (sub-ms due times, one alarm) */
  delays: DelayLine;
  dropRng: Rng;
  backoffRng: Rng;
  reassembler: Reassembler;
  clock: Clock;
  nextReference: () => number;
}

const REPLY_CACHE_MAX = 2000;

export class OperatorLink {
  private session: SmppSession<string> | undefined;
  private stopped = false;
  private moOnLink = 0;
  private wake: (() => void) | undefined;
  private readonly replyCache = new Map<string, SmBody[]>();
  private readonly onMtResp: ResponseCallback;

  constructor(
    readonly endpoint: OperatorEndpoint,
    private readonly d: LinkDeps,
  ) {
    const c = d.counters;
    this.onMtResp = (err, resp) => {
      if (err !== null || resp === undefined) c.mtFailed++;
      else if (resp.commandStatus === Status.ESME_ROK) c.mtAccepted++;
      else c.mtRejected++;
    };
  }

  get bound(): boolean {
    return this.session?.isBound === true;
  }

  start(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const s = this.session;
    if (s === undefined || s.state === 'closed') return;
    await Promise.race([s.unbind(200).catch(() => {}), new Promise((r) => setTimeout(r, 1000))]);
    s.destroy();
  }

  private async run(): Promise<void> {
    const { config, counters } = this.d;
    let backoff = config.reconnect.minMs;
    let first = true;
    while (!this.stopped) {
      if (!first) counters.reconnects++;
      first = false;
      try {
        const s = await connectAndBind({
          host: this.endpoint.host,
          port: this.endpoint.port,
          bind: { mode: 'transceiver', systemId: this.endpoint.systemId, password: this.endpoint.password },
          windowSize: config.windowSize,
          responseTimeoutMs: config.responseTimeoutMs,
          enquireLinkIntervalMs: config.enquireLinkIntervalMs,
          clock: this.d.clock,
        });
        if (this.stopped) {
          s.destroy();
          return;
        }
        counters.binds++;
        counters.linksUp++;
        backoff = config.reconnect.minMs;
        this.session = s;
        this.moOnLink = 0;
        s.on('pdu', (pdu) => this.onPdu(s, pdu));
        await new Promise<void>((resolve) => s.once('close', () => resolve()));
        counters.linksUp--;
        this.session = undefined;
      } catch {
        counters.bindFailures++;
      }
      if (this.stopped) return;
      const wait = backoff * (0.5 + this.d.backoffRng.next() / 2);
      backoff = Math.min(config.reconnect.maxMs, backoff * 2);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private onPdu(s: SmppSession<string>, pdu: Pdu): void {
    if (pdu.command === 'deliver_sm' || pdu.command === 'data_sm') {
      this.onMo(s, pdu);
    } else if (
      pdu.command !== 'generic_nack' &&
      pdu.command !== 'outbind' &&
      pdu.command !== 'alert_notification'
    ) {
      s.respond(pdu, { commandStatus: Status.ESME_RINVCMDID });
    }
  }

  private onMo(s: SmppSession<string>, pdu: SmPdu | DataSmPdu): void {
    const c = this.d.counters;
    if ((pdu.esmClass & 0x3c) === EsmClass.DELIVERY_RECEIPT) {
      c.receiptsReceived++;
      s.respond(pdu);
      return;
    }
    if (!this.d.gate.gate(s, pdu)) return;
    s.respond(pdu);
    const part = readSmPart(pdu);
    let text: string;
    if (part.concat !== undefined && part.concat.total > 1) {
      c.moParts++;
      const r = this.d.reassembler.push({
        key: `${pdu.sourceAddr}>${pdu.destinationAddr}`,
        ref: part.concat.ref,
        total: part.concat.total,
        seq: part.concat.seq,
        dataCoding: part.dataCoding,
        bytes: part.bytes,
      });
      if (r.kind !== 'complete') return;
      text = r.text;
    } else {
      text = decodeText(part.bytes, part.dataCoding);
    }
    c.moReceived++;
    const cfg = this.d.config;
    const unbindNow = cfg.faults.unbindAfter > 0 && ++this.moOnLink % cfg.faults.unbindAfter === 0;
    if (cfg.dropRate > 0 && this.d.dropRng.next() < cfg.dropRate) {
      c.dropped++;
    } else {
      const reply = this.d.respond(text, pdu.sourceAddr, pdu.destinationAddr);
      this.d.delays.after(this.d.latency(), () => this.sendReply(s, pdu, reply));
    }
    if (unbindNow) {
      c.unbinds++;
      setImmediate(() => void s.unbind(1000).catch(() => {}));
    }
  }

  private bodies(reply: string): SmBody[] {
    const cached = this.replyCache.get(reply);
    if (cached !== undefined && cached.length === 1) return cached;
    const opts: SegmentOptions = {
      segmentation: this.d.config.segmentation,
      reference: this.d.nextReference(),
    };
    const bodies = smBodiesForText(reply.length === 0 ? ' ' : reply, opts);
    if (bodies.length === 1) {
      if (this.replyCache.size >= REPLY_CACHE_MAX) this.replyCache.clear();
      this.replyCache.set(reply, bodies);
    }
    return bodies;
  }

  /** Hands an application's MT on to the operator unchanged (routing); false when this link is down. */
  forward(mt: SmPdu | DataSmPdu): boolean {
    const s = this.session;
    if (s === undefined || !s.isBound) return false;
    this.d.counters.mtSent++;
    s.requestCb(
      {
        command: 'submit_sm',
        sourceAddrTon: mt.sourceAddrTon,
        sourceAddrNpi: mt.sourceAddrNpi,
        sourceAddr: mt.sourceAddr,
        destAddrTon: mt.destAddrTon,
        destAddrNpi: mt.destAddrNpi,
        destinationAddr: mt.destinationAddr,
        registeredDelivery: this.d.config.requestReceipts ? 1 : 0,
        dataCoding: mt.dataCoding,
        esmClass: mt.esmClass,
        shortMessage: mt.command === 'submit_sm' ? mt.shortMessage : Buffer.alloc(0),
        tlvs: mt.tlvs,
      },
      this.onMtResp,
    );
    return true;
  }

  private sendReply(s: SmppSession<string>, mo: SmPdu | DataSmPdu, reply: string): void {
    if (s.state === 'closed') {
      this.d.counters.mtFailed++;
      return;
    }
    const c = this.d.counters;
    c.repliesSent++;
    for (const body of this.bodies(reply)) {
      c.mtSent++;
      s.requestCb(
        {
          command: 'submit_sm',
          sourceAddrTon: mo.destAddrTon,
          sourceAddrNpi: mo.destAddrNpi,
          sourceAddr: mo.destinationAddr,
          destAddrTon: mo.sourceAddrTon,
          destAddrNpi: mo.sourceAddrNpi,
          destinationAddr: mo.sourceAddr,
          registeredDelivery: this.d.config.requestReceipts ? 1 : 0,
          dataCoding: body.dataCoding,
          esmClass: body.esmClass,
          shortMessage: body.shortMessage,
          tlvs: body.tlvs,
        },
        this.onMtResp,
      );
    }
  }
}
