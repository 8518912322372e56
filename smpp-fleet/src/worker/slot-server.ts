import { createServer, type Server, type Socket } from 'node:net';
import { Status } from '../smpp/constants';
import type { SmPdu } from '../smpp/pdu';
import { SmppSession } from '../smpp/session';
import type { Logger } from './logger';
import type { OperatorEndpoint } from './operator-endpoint';

export interface SlotServerOptions {
  host: string;
  port: number;
  /** the operators this slot hosts right now with this bind system_id (usually one) */
  operatorsBySystemId(systemId: string): readonly OperatorEndpoint[];
  operatorById(operatorId: string): OperatorEndpoint | undefined;
  log: Logger;
  windowSize?: number;
  enquireLinkIntervalMs?: number;
}

/**
 * The slot's SMPP listening port (operator mode). Every gateway connection is a server-role session;
 * its bind picks the operator by system_id and checks the password: unknown system_id → ESME_RINVSYSID,
 * wrong password → ESME_RINVPASWD (logged), and the connection stays open for another try without
 * affecting anyone else. Bound sessions route submit_sm to their operator.
 */
export class SlotServer {
  private server: Server | undefined;
  private readonly sessions = new Set<SmppSession<string>>();
  readonly counters = { connections: 0, bindsRejected: 0 };

  constructor(private readonly opts: SlotServerOptions) {}

  async listen(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.opts.log.error('slot server error', { err: String(err) }));
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : this.opts.port;
  }

  /** Stops accepting; existing sessions are unbound by their operators. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  destroyAll(): void {
    for (const s of this.sessions) s.destroy();
  }

  private accept(socket: Socket): void {
    const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.counters.connections++;
    const log = this.opts.log;
    const session = new SmppSession<string>(socket, {
      role: 'server',
      windowSize: this.opts.windowSize ?? 100_000,
      enquireLinkIntervalMs: this.opts.enquireLinkIntervalMs ?? 30_000,
      systemId: 'gong',
      authenticate: (bind) => {
        const candidates = this.opts.operatorsBySystemId(bind.systemId);
        if (candidates.length === 0) {
          this.counters.bindsRejected++;
          log.warn('bind rejected: unknown system_id', { systemId: bind.systemId, peer });
          return { accept: false, status: Status.ESME_RINVSYSID };
        }
        const endpoint = candidates.find((c) => c.config.bindPassword === bind.password);
        if (endpoint === undefined) {
          this.counters.bindsRejected++;
          log.warn('bind rejected: wrong password', { systemId: bind.systemId, peer });
          return { accept: false, status: Status.ESME_RINVPASWD };
        }
        return { accept: true, identity: endpoint.operatorId, systemId: 'gong' };
      },
    });
    this.sessions.add(session);
    let endpoint: OperatorEndpoint | undefined;
    session.on('bound', () => {
      endpoint = this.opts.operatorById(session.identity ?? '');
      if (endpoint === undefined) return;
      endpoint.attach(session, peer);
      log.info('gateway bound', { operatorId: endpoint.operatorId, bindType: session.bindMode, peer });
    });
    session.on('pdu', (pdu) => {
      if (pdu.command === 'submit_sm') {
        if (endpoint === undefined) session.respond(pdu, { commandStatus: Status.ESME_RSYSERR });
        else endpoint.onSubmit(session, pdu as SmPdu);
      } else if (pdu.command !== 'generic_nack') {
        session.respond(pdu, { commandStatus: Status.ESME_RINVCMDID });
      }
    });
    session.on('error', () => {});
    session.on('close', () => {
      this.sessions.delete(session);
      if (endpoint !== undefined) {
        endpoint.detach(session);
        log.info('gateway bind closed', { operatorId: endpoint.operatorId, peer });
      }
    });
  }
}
