/**
 * Bridges core text encoding/segmentation and SMPP PDU fields.
 *
 *   for (const body of smBodiesForText('long text…', { encoding: 'auto', segmentation: 'udh8', reference: 42 }))
 *     session.request({ command: 'submit_sm', sourceAddr, destinationAddr, ...body });
 *
 *   const part = readSmPart(pdu);            // deliver_sm / submit_sm / data_sm
 *   part.concat === undefined ? decodeText(part.bytes, part.dataCoding) : reassembler.push({ key, ...part.concat, ... })
 *
 * UDH parts get esm_class UDHI (0x40) and the header prepended; SAR parts carry sar_msg_ref_num /
 * sar_total_segments / sar_segment_seqnum; 'payload' puts the whole text in message_payload with an
 * empty short_message.
 */
import { type SegmentedText, type SegmentOptions, segmentText } from '@gong/core/encoding/segment';
import { decodeText } from '@gong/core/encoding/text-codec';
import { parseUdh } from '@gong/core/encoding/udh';
import { EsmClass, TlvTag } from './constants';
import type { DataSmPdu, SmPdu, Tlv } from './pdu';
import { findTlv, tlvNumber, tlvU8, tlvU16 } from './tlv';

export interface SmBody {
  dataCoding: number;
  esmClass: number;
  shortMessage: Buffer;
  tlvs: Tlv[];
}

const EMPTY = Buffer.alloc(0);

export function smBodies(seg: SegmentedText, baseEsmClass = 0): SmBody[] {
  if (seg.payload !== undefined) {
    return [
      {
        dataCoding: seg.dataCoding,
        esmClass: baseEsmClass,
        shortMessage: EMPTY,
        tlvs: [{ tag: TlvTag.message_payload, value: Buffer.from(seg.payload) }],
      },
    ];
  }
  return seg.parts.map((p) => {
    if (seg.total === 1) {
      return {
        dataCoding: seg.dataCoding,
        esmClass: baseEsmClass,
        shortMessage: Buffer.from(p.body),
        tlvs: [],
      };
    }
    if (p.udh !== undefined) {
      return {
        dataCoding: seg.dataCoding,
        esmClass: baseEsmClass | EsmClass.UDHI,
        shortMessage: Buffer.concat([p.udh, p.body]),
        tlvs: [],
      };
    }
    return {
      dataCoding: seg.dataCoding,
      esmClass: baseEsmClass,
      shortMessage: Buffer.from(p.body),
      tlvs: [
        tlvU16(TlvTag.sar_msg_ref_num, seg.reference),
        tlvU8(TlvTag.sar_total_segments, seg.total),
        tlvU8(TlvTag.sar_segment_seqnum, p.seq),
      ],
    };
  });
}

export function smBodiesForText(text: string, options: SegmentOptions = {}, baseEsmClass = 0): SmBody[] {
  return smBodies(segmentText(text, options), baseEsmClass);
}

export interface SmPart {
  dataCoding: number;
  /** text octets: UDH removed, or the message_payload */
  bytes: Buffer;
  concat: { ref: number; total: number; seq: number } | undefined;
  /** the UDH was unreadable (UDHI set but the header is malformed) */
  badUdh: boolean;
}

export function readSmPart(pdu: SmPdu | DataSmPdu): SmPart {
  const payload = pdu.tlvs.length > 0 ? findTlv(pdu.tlvs, TlvTag.message_payload) : undefined;
  let bytes = payload?.value ?? (pdu.command === 'data_sm' ? EMPTY : pdu.shortMessage);
  let concat: SmPart['concat'];
  let badUdh = false;
  if ((pdu.esmClass & EsmClass.UDHI) !== 0) {
    const udh = parseUdh(bytes);
    if (udh === undefined) badUdh = true;
    else {
      concat = udh.concat;
      bytes = bytes.subarray(udh.headerLength);
    }
  } else if (pdu.tlvs.length > 0) {
    const ref = tlvNumber(pdu.tlvs, TlvTag.sar_msg_ref_num);
    const total = tlvNumber(pdu.tlvs, TlvTag.sar_total_segments);
    const seq = tlvNumber(pdu.tlvs, TlvTag.sar_segment_seqnum);
    if (ref !== undefined && total !== undefined && seq !== undefined) concat = { ref, total, seq };
  }
  return { dataCoding: pdu.dataCoding, bytes, concat, badUdh };
}

/** The text of a single-part message (or of this part only). */
export function smText(pdu: SmPdu | DataSmPdu): string {
  const p = readSmPart(pdu);
  return decodeText(p.bytes, p.dataCoding);
}
