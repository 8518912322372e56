import type { Encoding, Segmentation } from '@gong/core/domain/message';
import { DataCoding, EsmClass } from '../smpp/constants';
import type { SmPdu, Tlv } from '../smpp/pdu';

/** The message part of one submit_sm / deliver_sm. */
export interface SmBody {
  dataCoding: number;
  esmClass: number;
  shortMessage: Buffer;
  tlvs?: Tlv[];
}

/** A decoded incoming short message: its text, and its place in a multipart message if it is a part. */
export interface IncomingText {
  text: string;
  part?: { ref: number; total: number; seq: number };
}

/**
 * Text ↔ SMPP message bodies for the worker. Interim: single-part bodies with a byte-wise mapping
 * (gsm7 sent as unpacked 7-bit-safe octets, latin1, ucs2). To be replaced by core/src/encoding
 * (GSM 03.38 tables, segmentation, reassembly) when it lands.
 */
export function encodeText(
  text: string,
  encoding: Encoding,
  _segmentation: Segmentation,
  _ref: number,
): SmBody[] {
  const enc = encoding === 'auto' ? pickEncoding(text) : encoding;
  if (enc === 'ucs2') return [{ dataCoding: DataCoding.UCS2, esmClass: 0, shortMessage: ucs2(text) }];
  if (enc === 'latin1')
    return [{ dataCoding: DataCoding.LATIN1, esmClass: 0, shortMessage: Buffer.from(text, 'latin1') }];
  return [{ dataCoding: DataCoding.SMSC_DEFAULT, esmClass: 0, shortMessage: Buffer.from(text, 'latin1') }];
}

export function decodeText(pdu: Pick<SmPdu, 'dataCoding' | 'esmClass' | 'shortMessage'>): IncomingText {
  let body = pdu.shortMessage;
  let part: IncomingText['part'];
  if ((pdu.esmClass & EsmClass.UDHI) !== 0 && body.length > 0) {
    const udhl = body[0] as number;
    const udh = body.subarray(1, 1 + udhl);
    for (let i = 0; i + 1 < udh.length; ) {
      const iei = udh[i] as number;
      const len = udh[i + 1] as number;
      if (iei === 0x00 && len === 3)
        part = { ref: udh[i + 2] as number, total: udh[i + 3] as number, seq: udh[i + 4] as number };
      if (iei === 0x08 && len === 4)
        part = { ref: udh.readUInt16BE(i + 2), total: udh[i + 4] as number, seq: udh[i + 5] as number };
      i += 2 + len;
    }
    body = body.subarray(1 + udhl);
  }
  const text = pdu.dataCoding === DataCoding.UCS2 ? fromUcs2(body) : body.toString('latin1');
  return part === undefined ? { text } : { text, part };
}

function pickEncoding(text: string): 'gsm7' | 'latin1' | 'ucs2' {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return 'ucs2';
  return 'gsm7';
}

function ucs2(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return b;
}

function fromUcs2(buf: Buffer): string {
  const b = Buffer.from(buf.subarray(0, buf.length & ~1));
  b.swap16();
  return b.toString('utf16le');
}
