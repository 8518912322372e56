/**
 * SMPP client helpers.
 *
 *   const s = await connectSmpp({ host, port, windowSize: 100 });          // client-role session
 *   const resp = await s.bind({ mode: 'transceiver', systemId, password }); // any status resolves
 *   const s2 = await connectAndBind({ host, port, bind: { mode: 'transceiver', systemId, password } });
 *
 * `connectAndBind` rejects with SmppError('bind_failed') on a non-zero bind status and closes the socket.
 */
import { connect } from 'node:net';
import { statusName } from './constants';
import { type BindMode, type SessionOptions, SmppError, SmppSession } from './session';

export type ConnectOptions = Omit<SessionOptions<string>, 'role'> & {
  host: string;
  port: number;
  connectTimeoutMs?: number;
};

export function connectSmpp(o: ConnectOptions): Promise<SmppSession<string>> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: o.host, port: o.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmppError('timeout', `connect to ${o.host}:${o.port} timed out`));
    }, o.connectTimeoutMs ?? 5000);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new SmppSession<string>(socket, { ...o, role: 'client' }));
    });
  });
}

export interface BindCredentials {
  mode: BindMode;
  systemId: string;
  password: string;
  systemType?: string;
}

export async function connectAndBind(
  o: ConnectOptions & { bind: BindCredentials },
): Promise<SmppSession<string>> {
  const s = await connectSmpp(o);
  try {
    const resp = await s.bind(o.bind);
    if (resp.commandStatus !== 0) {
      throw new SmppError('bind_failed', `bind refused: ${statusName(resp.commandStatus)}`, resp);
    }
    return s;
  } catch (e) {
    s.destroy();
    throw e;
  }
}
