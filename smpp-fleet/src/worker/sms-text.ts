import type { Encoding, Segmentation } from '@gong/core/domain/message';
import { segmentText } from '@gong/core/encoding/segment';
import { decodeText as decodeBytes } from '@gong/core/encoding/text-codec';
import { parseUdh } from '@gong/core/encoding/udh';
import { EsmClass, TlvTag } from '../smpp/constants';
import type { SmPdu, Tlv } from '../smpp/pdu';

/** The message part of one submit_sm / deliver_sm (`tlvs` empty when the body needs none). */
export interface SmBody {
  dataCoding: number;
  esmClass: number;
  shortMessage: Buffer;
  tlvs: readonly Tlv[];
}

/** Shared by every body without TLVs (PDUs are built as plain literals: no optional fields, no spread). */
const NO_TLVS: readonly Tlv[] = [];

/** A decoded incoming short message; `part` (with its raw octets) when it is one part of a multipart message. */
export interface IncomingText {
  text: string;
  part?: { ref: number; total: number; seq: number; bytes: Uint8Array };
}

const singleCache = new Map<string, SmBody[]>();
const CACHE_MAX = 5000;

/**
 * A text as SMPP bodies via core/src/encoding: encoding chosen (or forced), long texts split with
 * UDH 8/16-bit concatenation headers (esm_class UDHI), SAR TLVs, or whole in message_payload.
 * Single-part results are cached per text — stress runs send the same step texts over and over.
 */
export function encodeText(
  text: string,
  encoding: Encoding,
  segmentation: Segmentation,
  ref: number,
): SmBody[] {
  const key = `${encoding}|${segmentation}|${text}`;
  const hit = singleCache.get(key);
  if (hit !== undefined) return hit;
  const seg = segmentText(text, { encoding, segmentation, reference: ref });
  if (seg.payload !== undefined) {
    return [
      {
        dataCoding: seg.dataCoding,
        esmClass: 0,
        shortMessage: Buffer.alloc(0),
        tlvs: [{ tag: TlvTag.message_payload, value: Buffer.from(seg.payload) }],
      },
    ];
  }
  const bodies = seg.parts.map((p): SmBody => {
    if (p.udh !== undefined) {
      return {
        dataCoding: seg.dataCoding,
        esmClass: EsmClass.UDHI,
        shortMessage: Buffer.concat([p.udh, p.body]),
        tlvs: NO_TLVS,
      };
    }
    const body: SmBody = {
      dataCoding: seg.dataCoding,
      esmClass: 0,
      shortMessage: Buffer.from(p.body),
      tlvs: NO_TLVS,
    };
    if (seg.total > 1 && segmentation === 'sar') {
      const refBytes = Buffer.alloc(2);
      refBytes.writeUInt16BE(seg.reference & 0xffff);
      body.tlvs = [
        { tag: TlvTag.sar_msg_ref_num, value: refBytes },
        { tag: TlvTag.sar_total_segments, value: Buffer.from([seg.total]) },
        { tag: TlvTag.sar_segment_seqnum, value: Buffer.from([p.seq]) },
      ];
    }
    return body;
  });
  if (bodies.length === 1) {
    if (singleCache.size >= CACHE_MAX) singleCache.clear();
    singleCache.set(key, bodies);
  }
  return bodies;
}

/** Text of an incoming submit_sm / deliver_sm: UDH concatenation or SAR TLVs, message_payload, any data_coding. */
export function decodeText(
  pdu: Pick<SmPdu, 'dataCoding' | 'esmClass' | 'shortMessage' | 'tlvs'>,
): IncomingText {
  let body: Uint8Array = pdu.shortMessage;
  let concat: { ref: number; total: number; seq: number } | undefined;
  if (body.length === 0) {
    const payload = pdu.tlvs.find((t) => t.tag === TlvTag.message_payload);
    if (payload !== undefined) body = payload.value;
  } else if ((pdu.esmClass & EsmClass.UDHI) !== 0) {
    const udh = parseUdh(body);
    if (udh !== undefined) {
      concat = udh.concat;
      body = body.subarray(udh.headerLength);
    }
  }
  if (concat === undefined && pdu.tlvs.length > 0) concat = sarOf(pdu.tlvs);
  const text = decodeBytes(body, pdu.dataCoding);
  return concat !== undefined && concat.total > 1 ? { text, part: { ...concat, bytes: body } } : { text };
}

function sarOf(tlvs: readonly Tlv[]): { ref: number; total: number; seq: number } | undefined {
  let ref: number | undefined;
  let total: number | undefined;
  let seq: number | undefined;
  for (const t of tlvs) {
    if (t.tag === TlvTag.sar_msg_ref_num && t.value.length >= 2) ref = t.value.readUInt16BE(0);
    else if (t.tag === TlvTag.sar_total_segments && t.value.length >= 1) total = t.value[0];
    else if (t.tag === TlvTag.sar_segment_seqnum && t.value.length >= 1) seq = t.value[0];
  }
  return ref !== undefined && total !== undefined && seq !== undefined ? { ref, total, seq } : undefined;
}
