/**
 * SMPP server: accepts TCP connections and wraps each in a server-role `SmppSession`.
 *
 *   const server = new SmppServer<Op>({ authenticate: (bind) => lookup(bind.systemId, bind.password) });
 *   server.on('session', (s) => s.on('pdu', ...));
 *   const port = await server.listen(2775, '0.0.0.0');
 *   await server.close();   // stops listening and destroys every session
 *
 * `authenticate` decides per bind (many operators on one port, told apart by system_id/password):
 * `{ accept: true, identity }` or `{ accept: false, status: Status.ESME_RINVPASWD }`.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { type SessionOptions, SmppSession } from './session';

export type ServerOptions<I> = Omit<SessionOptions<I>, 'role'>;

export interface ServerEvents<I> {
  session: [session: SmppSession<I>];
  error: [error: Error];
}

export class SmppServer<I = unknown> extends EventEmitter<ServerEvents<I>> {
  readonly sessions = new Set<SmppSession<I>>();
  private readonly server: Server;

  constructor(private readonly options: ServerOptions<I> = {}) {
    super();
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => {
      if (this.listenerCount('error') > 0) this.emit('error', e);
    });
  }

  /** Listens and resolves with the bound port (pass 0 for a free one). Rejects on EADDRINUSE etc. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  get port(): number | undefined {
    const addr = this.server.address();
    return typeof addr === 'object' && addr !== null ? addr.port : undefined;
  }

  close(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const session = new SmppSession<I>(socket, { ...this.options, role: 'server' });
    this.sessions.add(session);
    session.on('close', () => this.sessions.delete(session));
    this.emit('session', session);
  }
}
