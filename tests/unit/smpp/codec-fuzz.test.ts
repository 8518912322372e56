import { decodePdu, isDecodeError } from '@gong/smpp-fleet/smpp/decode';
import { encodePdu } from '@gong/smpp-fleet/smpp/encode';
import { FrameSplitter } from '@gong/smpp-fleet/smpp/frame-splitter';
import type { Pdu, Tlv } from '@gong/smpp-fleet/smpp/pdu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** latin1 strings without NUL, at most max-1 characters (C-octet string limits) */
const cstr = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)),
    maxLength: max - 1,
  });
const u8 = fc.integer({ min: 0, max: 255 });
const u32 = fc.integer({ min: 0, max: 0x7fffffff });
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
const tlvs: fc.Arbitrary<Tlv[]> = fc.array(
  fc.record({ tag: fc.integer({ min: 0, max: 0xffff }), value: bytes(40) }),
  { maxLength: 4 },
);
const header = { commandStatus: u32, sequenceNumber: u32, tlvs };

const sm = fc.record({
  command: fc.constantFrom('submit_sm' as const, 'deliver_sm' as const),
  ...header,
  serviceType: cstr(6),
  sourceAddrTon: u8,
  sourceAddrNpi: u8,
  sourceAddr: cstr(21),
  destAddrTon: u8,
  destAddrNpi: u8,
  destinationAddr: cstr(21),
  esmClass: u8,
  protocolId: u8,
  priorityFlag: u8,
  scheduleDeliveryTime: cstr(17),
  validityPeriod: cstr(17),
  registeredDelivery: u8,
  replaceIfPresentFlag: u8,
  dataCoding: u8,
  smDefaultMsgId: u8,
  shortMessage: bytes(255),
});
const bind = fc.record({
  command: fc.constantFrom(
    'bind_transmitter' as const,
    'bind_receiver' as const,
    'bind_transceiver' as const,
  ),
  ...header,
  systemId: cstr(16),
  password: cstr(17),
  systemType: cstr(13),
  interfaceVersion: u8,
  addrTon: u8,
  addrNpi: u8,
  addressRange: cstr(41),
});
const resp = fc.record({
  command: fc.constantFrom('submit_sm_resp' as const, 'data_sm_resp' as const),
  ...header,
  messageId: cstr(65).filter((s) => s.length > 0),
});
const empty = fc.record({
  command: fc.constantFrom(
    'enquire_link' as const,
    'unbind' as const,
    'generic_nack' as const,
    'enquire_link_resp' as const,
  ),
  ...header,
});
const dataSm = fc.record({
  command: fc.constant('data_sm' as const),
  ...header,
  serviceType: cstr(6),
  sourceAddrTon: u8,
  sourceAddrNpi: u8,
  sourceAddr: cstr(65),
  destAddrTon: u8,
  destAddrNpi: u8,
  destinationAddr: cstr(65),
  esmClass: u8,
  registeredDelivery: u8,
  dataCoding: u8,
});
const multi = fc.record({
  command: fc.constant('submit_multi' as const),
  ...header,
  serviceType: cstr(6),
  sourceAddrTon: u8,
  sourceAddrNpi: u8,
  sourceAddr: cstr(21),
  destinations: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('sme' as const), ton: u8, npi: u8, addr: cstr(21) }),
      fc.record({ kind: fc.constant('dl' as const), name: cstr(21) }),
    ),
    { maxLength: 5 },
  ),
  esmClass: u8,
  protocolId: u8,
  priorityFlag: u8,
  scheduleDeliveryTime: cstr(17),
  validityPeriod: cstr(17),
  registeredDelivery: u8,
  replaceIfPresentFlag: u8,
  dataCoding: u8,
  smDefaultMsgId: u8,
  shortMessage: bytes(100),
});
const anyPdu = fc.oneof(sm, bind, resp, empty, dataSm, multi) as fc.Arbitrary<Pdu>;

describe('codec properties', () => {
  it('decode(encode(p)) equals p for generated valid PDUs', () => {
    fc.assert(
      fc.property(anyPdu, (p) => {
        const d = decodePdu(encodePdu(p));
        expect(isDecodeError(d)).toBe(false);
        expect(d).toEqual(p);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(20), (arr, offset) => {
        const buf = Buffer.from(arr);
        const d = decodePdu(buf, Math.min(offset, buf.length));
        expect(typeof d).toBe('object');
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on mutated valid PDUs and classifies every failure', () => {
    const mutation = fc.record({
      flips: fc.array(fc.record({ at: fc.nat(), value: u8 }), { maxLength: 6 }),
      cut: fc.nat(),
      fixLength: fc.boolean(),
    });
    fc.assert(
      fc.property(anyPdu, mutation, (p, m) => {
        let buf = encodePdu(p);
        for (const f of m.flips) buf[f.at % buf.length] = f.value;
        if (m.cut % 3 === 0) buf = buf.subarray(0, Math.max(0, buf.length - (m.cut % buf.length)));
        if (m.fixLength && buf.length >= 4) buf.writeUInt32BE(buf.length, 0);
        const d = decodePdu(buf);
        if (isDecodeError(d)) {
          expect(d.reason).toMatch(
            /^(length_out_of_range|unknown_command_id|truncated_field|cstring_too_long|invalid_field|invalid_tlv)$/,
          );
          expect(d.status).toBeGreaterThan(0);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('the frame splitter yields the same PDUs however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(anyPdu, { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }),
        (pdus, cuts) => {
          const stream = Buffer.concat(pdus.map((p) => encodePdu(p)));
          const got: Pdu[] = [];
          const s = new FrameSplitter(
            (buf, off) => {
              const d = decodePdu(buf, off);
              if (!isDecodeError(d)) got.push(d);
            },
            () => {
              throw new Error('bad length');
            },
          );
          let at = 0;
          let i = 0;
          while (at < stream.length) {
            const n = cuts[i++ % cuts.length] as number;
            s.push(Buffer.from(stream.subarray(at, at + n)));
            at += n;
          }
          expect(got).toEqual(pdus);
        },
      ),
      { numRuns: 300 },
    );
  });
});
