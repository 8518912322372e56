/**
 * The npm `smpp` 0.5.1 package, typed as far as Gong uses it: an independent SMPP peer for the benches
 * (the npm-smpp echo loop Gong's own codec is measured against) and the interop tests. The package
 * ships no types, and is loaded with require as it is CommonJS only.
 */
import { createRequire } from 'node:module';

export interface NpmSmppPdu {
  command: string;
  command_status: number;
  sequence_number: number;
  message_id?: string;
  source_addr?: string;
  destination_addr?: string;
  data_coding?: number;
  esm_class?: number;
  /** as the package decodes it: the text (a Buffer for binary data codings) and any UDH */
  short_message?: { message: string | Buffer; udh?: Buffer[] };
  response(fields?: Record<string, unknown>): NpmSmppPdu;
}

type Callback = (pdu: NpmSmppPdu) => void;

export interface NpmSmppSession {
  on(event: string, listener: Callback): void;
  send(pdu: NpmSmppPdu): boolean;
  submit_sm(fields: Record<string, unknown>, cb?: Callback): boolean;
  deliver_sm(fields: Record<string, unknown>, cb?: Callback): boolean;
  bind_transceiver(fields: Record<string, unknown>, cb: Callback): boolean;
  enquire_link(cb: Callback): boolean;
  unbind(cb: Callback): boolean;
  close(): void;
  destroy(): void;
  socket: { setNoDelay(on: boolean): void };
}

export interface NpmSmpp {
  createServer(listener: (session: NpmSmppSession) => void): {
    listen(port: number, host: string, cb: () => void): void;
    address(): { port: number };
    close(): void;
  };
  connect(options: { host: string; port: number }, listener?: () => void): NpmSmppSession;
}

export const loadNpmSmpp = (): NpmSmpp => createRequire(import.meta.url)('smpp') as NpmSmpp;

/** The text of a received PDU's short_message. */
export const npmSmppText = (pdu: NpmSmppPdu): string => {
  const m = pdu.short_message?.message ?? '';
  return typeof m === 'string' ? m : m.toString('latin1');
};
