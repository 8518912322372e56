/**
 * TLV helpers: build and read optional parameters.
 *   tlvU16(TlvTag.sar_msg_ref_num, 7), findTlv(pdu.tlvs, TlvTag.message_payload)?.value
 */
import type { Tlv } from './pdu';

export function tlvU8(tag: number, v: number): Tlv {
  return { tag, value: Buffer.from([v & 0xff]) };
}

export function tlvU16(tag: number, v: number): Tlv {
  const value = Buffer.allocUnsafe(2);
  value.writeUInt16BE(v & 0xffff);
  return { tag, value };
}

export function tlvU32(tag: number, v: number): Tlv {
  const value = Buffer.allocUnsafe(4);
  value.writeUInt32BE(v >>> 0);
  return { tag, value };
}

/** A C-octet string TLV (NUL terminated, latin1), e.g. receipted_message_id. */
export function tlvCString(tag: number, v: string): Tlv {
  return { tag, value: Buffer.from(`${v}\0`, 'latin1') };
}

export function tlvOctets(tag: number, v: Buffer): Tlv {
  return { tag, value: v };
}

export function findTlv(tlvs: readonly Tlv[], tag: number): Tlv | undefined {
  for (const t of tlvs) if (t.tag === tag) return t;
  return undefined;
}

/** Unsigned integer value of a 1, 2 or 4 octet TLV; undefined if absent or another size. */
export function tlvNumber(tlvs: readonly Tlv[], tag: number): number | undefined {
  const t = findTlv(tlvs, tag);
  if (t === undefined) return undefined;
  const v = t.value;
  if (v.length === 1) return v[0];
  if (v.length === 2) return v.readUInt16BE(0);
  if (v.length === 4) return v.readUInt32BE(0);
  return undefined;
}

/** String value of a C-octet string TLV (trailing NUL dropped). */
export function tlvString(tlvs: readonly Tlv[], tag: number): string | undefined {
  const t = findTlv(tlvs, tag);
  if (t === undefined) return undefined;
  const end = t.value.indexOf(0);
  return t.value.toString('latin1', 0, end === -1 ? t.value.length : end);
}
