import { CommandId, Status, TlvTag } from '@gong/smpp-fleet/smpp/constants';
import { decodePdu, isDecodeError } from '@gong/smpp-fleet/smpp/decode';
import { encodeInto, encodePdu } from '@gong/smpp-fleet/smpp/encode';
import { FrameSplitter } from '@gong/smpp-fleet/smpp/frame-splitter';
import type { Pdu, PduInput } from '@gong/smpp-fleet/smpp/pdu';
import { tlvNumber, tlvU16 } from '@gong/smpp-fleet/smpp/tlv';
import { describe, expect, it } from 'vitest';

const aSubmit = (over: Partial<PduInput & { command: 'submit_sm' }> = {}): PduInput => ({
  command: 'submit_sm',
  sequenceNumber: 7,
  sourceAddrTon: 5,
  sourceAddrNpi: 0,
  sourceAddr: 'GONG',
  destAddrTon: 1,
  destAddrNpi: 1,
  destinationAddr: '40721000001',
  registeredDelivery: 1,
  shortMessage: Buffer.from('hello'),
  ...over,
});

function roundTrip(p: PduInput): Pdu {
  const d = decodePdu(encodePdu(p));
  if (isDecodeError(d)) throw new Error(d.message);
  return d;
}

describe('codec', () => {
  it('encodes submit_sm with the exact SMPP 3.4 byte layout', () => {
    const buf = encodePdu(aSubmit());
    expect(buf.readUInt32BE(0)).toBe(buf.length);
    expect(buf.readUInt32BE(4)).toBe(CommandId.submit_sm);
    expect(buf.readUInt32BE(12)).toBe(7);
    // service_type '' then ton 5 npi 0 'GONG\0'
    expect([...buf.subarray(16, 24)]).toEqual([0, 5, 0, 0x47, 0x4f, 0x4e, 0x47, 0]);
    expect(buf.subarray(buf.length - 5).toString()).toBe('hello');
    expect(buf[buf.length - 6]).toBe(5);
  });

  it('decodes what it encodes, keeping unknown TLVs in order', () => {
    const tlvs = [tlvU16(TlvTag.sar_msg_ref_num, 9), { tag: 0x1401, value: Buffer.from([1, 2, 3]) }];
    const d = roundTrip(aSubmit({ tlvs }));
    expect(d.command).toBe('submit_sm');
    if (d.command !== 'submit_sm') return;
    expect(d.destinationAddr).toBe('40721000001');
    expect(d.shortMessage.toString()).toBe('hello');
    expect(d.tlvs.map((t) => t.tag)).toEqual([TlvTag.sar_msg_ref_num, 0x1401]);
    expect(tlvNumber(d.tlvs, TlvTag.sar_msg_ref_num)).toBe(9);
  });

  it('accepts a body-less error submit_sm_resp (sloppy gateways)', () => {
    const buf = Buffer.alloc(16);
    buf.writeUInt32BE(16, 0);
    buf.writeUInt32BE(CommandId.submit_sm_resp, 4);
    buf.writeUInt32BE(Status.ESME_RTHROTTLED, 8);
    buf.writeUInt32BE(3, 12);
    const d = decodePdu(buf);
    expect(d).toMatchObject({
      command: 'submit_sm_resp',
      commandStatus: 0x58,
      messageId: '',
      sequenceNumber: 3,
    });
  });

  it('returns typed errors for malformed input', () => {
    const unknown = encodePdu({ command: 'enquire_link', sequenceNumber: 1 });
    unknown.writeUInt32BE(0x77, 4);
    expect(decodePdu(unknown)).toMatchObject({
      kind: 'decode_error',
      reason: 'unknown_command_id',
      status: 3,
    });

    const short = encodePdu(aSubmit());
    short.writeUInt32BE(20, 0);
    expect(decodePdu(short.subarray(0, 20))).toMatchObject({ reason: 'truncated_field' });

    const bad = encodePdu({ command: 'enquire_link' });
    bad.writeUInt32BE(8, 0);
    expect(decodePdu(bad)).toMatchObject({ reason: 'length_out_of_range', status: Status.ESME_RINVCMDLEN });

    const long = Buffer.concat([encodePdu({ command: 'submit_sm' }).subarray(0, 16), Buffer.alloc(40, 0x41)]);
    long.writeUInt32BE(long.length, 0);
    expect(decodePdu(long)).toMatchObject({ reason: 'cstring_too_long', field: 'serviceType' });

    const tlv = Buffer.concat([encodePdu({ command: 'enquire_link' }), Buffer.from([0x02, 0x0c, 0, 9, 1])]);
    tlv.writeUInt32BE(tlv.length, 0);
    expect(decodePdu(tlv)).toMatchObject({ reason: 'invalid_tlv', status: Status.ESME_RINVOPTPARSTREAM });
  });

  it('refuses to encode an over-long C-octet string', () => {
    expect(() => encodePdu(aSubmit({ sourceAddr: '1'.repeat(21) }))).toThrow(/sourceAddr/);
  });

  it('round-trips every command', () => {
    const all: PduInput[] = [
      {
        command: 'bind_transceiver',
        systemId: 'op1',
        password: 'pw',
        systemType: 'x',
        interfaceVersion: 0x34,
      },
      { command: 'bind_receiver_resp', systemId: 'smsc' },
      { command: 'outbind', systemId: 'a', password: 'b' },
      { command: 'unbind' },
      { command: 'generic_nack', commandStatus: 3 },
      { command: 'deliver_sm_resp', messageId: '' },
      { command: 'data_sm', sourceAddr: '1'.repeat(64), destinationAddr: '2', dataCoding: 8 },
      { command: 'data_sm_resp', messageId: 'abc' },
      { command: 'query_sm', messageId: 'm1', sourceAddr: 's' },
      { command: 'query_sm_resp', messageId: 'm1', finalDate: '', messageState: 2, errorCode: 0 },
      { command: 'cancel_sm', serviceType: 'CMT', messageId: 'm', sourceAddr: 'a', destinationAddr: 'b' },
      { command: 'replace_sm', messageId: 'm', shortMessage: Buffer.from('x') },
      {
        command: 'submit_multi',
        destinations: [
          { kind: 'sme', ton: 1, npi: 1, addr: '123' },
          { kind: 'dl', name: 'list' },
        ],
        shortMessage: Buffer.from('multi'),
      },
      {
        command: 'submit_multi_resp',
        messageId: 'z',
        unsuccess: [{ ton: 1, npi: 1, addr: '9', errorStatusCode: 11 }],
      },
      { command: 'alert_notification', sourceAddr: 'a', esmeAddr: 'b' },
    ];
    for (const p of all) {
      const d = roundTrip(p);
      expect(d.command).toBe(p.command);
      expect(encodePdu(d).equals(encodePdu(p))).toBe(true);
    }
  });

  it('encodes into a pooled buffer at an offset', () => {
    const pool = Buffer.alloc(1024);
    const n1 = encodeInto({ command: 'enquire_link', sequenceNumber: 1 }, pool, 0);
    const n2 = encodeInto(aSubmit(), pool, n1);
    const first = decodePdu(pool, 0);
    const second = decodePdu(pool, n1);
    expect(first).toMatchObject({ command: 'enquire_link', sequenceNumber: 1 });
    expect(second).toMatchObject({ command: 'submit_sm', sequenceNumber: 7 });
    expect(n1).toBe(16);
    expect(n2).toBeGreaterThan(16);
  });
});

describe('FrameSplitter', () => {
  it('handles many PDUs per chunk and PDUs split at every byte', () => {
    const stream = Buffer.concat(
      Array.from({ length: 20 }, (_, i) => encodePdu(aSubmit({ sequenceNumber: i + 1 }))),
    );
    for (const step of [1, 3, 17, 64, stream.length]) {
      const seqs: number[] = [];
      const s = new FrameSplitter(
        (buf, off) => {
          const d = decodePdu(buf, off);
          if (!isDecodeError(d)) seqs.push(d.sequenceNumber);
        },
        () => {
          throw new Error('bad length');
        },
      );
      for (let i = 0; i < stream.length; i += step) s.push(stream.subarray(i, i + step));
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(s.buffered).toBe(0);
    }
  });

  it('reports an impossible command_length', () => {
    const lens: number[] = [];
    const s = new FrameSplitter(
      () => {},
      (len) => lens.push(len),
    );
    s.push(Buffer.from([0, 0, 0, 3, 0, 0, 0, 0]));
    expect(lens).toEqual([3]);
    expect(s.buffered).toBe(0);
  });
});
