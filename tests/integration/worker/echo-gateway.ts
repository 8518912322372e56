import { connectAndBind } from '@gong/smpp-fleet/smpp/client';
import type { SmPdu } from '@gong/smpp-fleet/smpp/pdu';
import type { SmppSession } from '@gong/smpp-fleet/smpp/session';
import { decodeText, encodeText } from '@gong/smpp-fleet/worker/sms-text';

/**
 * A tiny Jasmin-like gateway for worker tests, on the real SMPP session: binds to a worker as an
 * SMPP client, answers each MO (deliver_sm) "ECHO x" with an MT submit_sm "x" back to the number
 * (anything else → "HELP"), after `delayMs`.
 */
export interface EchoGateway {
  session: SmppSession<string>;
  mo: number;
  close(): Promise<void>;
}

export async function echoGateway(o: {
  port: number;
  systemId: string;
  password: string;
  delayMs?: number;
  registeredDelivery?: number;
}): Promise<EchoGateway> {
  const session = await connectAndBind({
    host: '127.0.0.1',
    port: o.port,
    windowSize: 10_000,
    bind: { mode: 'transceiver', systemId: o.systemId, password: o.password },
  });
  const gw: EchoGateway = {
    session,
    mo: 0,
    close: async () => {
      await session.unbind(500).catch(() => session.destroy());
    },
  };
  session.on('error', () => {});
  session.on('pdu', (pdu) => {
    if (pdu.command !== 'deliver_sm') return;
    const sm = pdu as SmPdu;
    session.respond(sm, { messageId: '' });
    if ((sm.esmClass & 0x04) !== 0) return;
    gw.mo++;
    const text = decodeText(sm).text;
    const answer = text.startsWith('ECHO ') ? text.slice(5) : 'HELP';
    const reply = () => {
      for (const body of encodeText(answer, 'auto', 'udh8', 0)) {
        session.requestCb(
          {
            command: 'submit_sm',
            sourceAddr: sm.destinationAddr,
            destinationAddr: sm.sourceAddr,
            destAddrTon: 1,
            destAddrNpi: 1,
            registeredDelivery: o.registeredDelivery ?? 0,
            dataCoding: body.dataCoding,
            esmClass: body.esmClass,
            shortMessage: body.shortMessage,
          },
          () => {},
        );
      }
    };
    if ((o.delayMs ?? 0) > 0) setTimeout(reply, o.delayMs);
    else reply();
  });
  return gw;
}
