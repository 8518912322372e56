/**
 * SMPP 3.4 encoder.
 * - `encodeInto(pdu, buf, offset)` writes one PDU into a caller-owned (pooled) buffer and returns
 *   the octets written; `maxEncodedLength(pdu)` tells how much room it may need.
 * - `encodePdu(pdu)` returns a fresh Buffer of exactly the PDU's size.
 * Missing fields of a `PduInput` encode as 0 / '' / empty. Invalid input (a C-octet string over its
 * spec maximum, short_message over 255 octets, a TLV over 65535 octets) throws a RangeError: that is
 * a bug in the caller, not bad input from the peer.
 */
import { CommandId, HEADER_LENGTH, PASSWORD_MAX } from './constants';
import type { MultiDestination, PduInput, Tlv, UnsuccessSme } from './pdu';

let b: Buffer = Buffer.alloc(0);
let pos = 0;

function u8(v: number | undefined): void {
  b[pos++] = v ?? 0;
}

function cstr(v: string | undefined, max: number, field: string): void {
  if (v === undefined || v.length === 0) {
    b[pos++] = 0;
    return;
  }
  const n = v.length;
  if (n + 1 > max) throw new RangeError(`${field} is ${n} characters, SMPP allows ${max - 1}`);
  if (n < 24) {
    for (let i = 0; i < n; i++) b[pos + i] = v.charCodeAt(i);
    pos += n;
  } else {
    pos += b.write(v, pos, 'latin1');
  }
  b[pos++] = 0;
}

function sm(v: Buffer | undefined): void {
  const n = v === undefined ? 0 : v.length;
  if (n > 255) throw new RangeError(`short_message is ${n} octets, SMPP allows 255 (use message_payload)`);
  b[pos++] = n;
  if (v !== undefined && n > 0) {
    b.set(v, pos);
    pos += n;
  }
}

function tlvs(list: readonly Tlv[] | undefined): void {
  if (list === undefined) return;
  for (const t of list) {
    const n = t.value.length;
    if (n > 0xffff) throw new RangeError(`TLV 0x${t.tag.toString(16)} value is ${n} octets (max 65535)`);
    b.writeUInt16BE(t.tag, pos);
    b.writeUInt16BE(n, pos + 2);
    t.value.copy(b, pos + 4);
    pos += 4 + n;
  }
}

function tlvLength(list: readonly Tlv[] | undefined): number {
  if (list === undefined) return 0;
  let n = 0;
  for (const t of list) n += 4 + t.value.length;
  return n;
}

/** An upper bound of the encoded size (mandatory strings are bounded by their spec maximums). */
export function maxEncodedLength(pdu: PduInput): number {
  let n = 512 + tlvLength(pdu.tlvs);
  if ('shortMessage' in pdu && pdu.shortMessage !== undefined) n += pdu.shortMessage.length;
  if (pdu.command === 'submit_multi' && pdu.destinations) n += pdu.destinations.length * 25;
  if (pdu.command === 'submit_multi_resp' && pdu.unsuccess) n += pdu.unsuccess.length * 28;
  return n;
}

/** Encodes one PDU at `offset`; returns the number of octets written. */
export function encodeInto(pdu: PduInput, buf: Buffer, offset: number): number {
  b = buf;
  pos = offset + HEADER_LENGTH;
  try {
    writeBody(pdu);
    const length = pos - offset;
    put32(buf, offset, length);
    put32(buf, offset + 4, CommandId[pdu.command]);
    put32(buf, offset + 8, pdu.commandStatus ?? 0);
    put32(buf, offset + 12, pdu.sequenceNumber ?? 0);
    return length;
  } finally {
    b = EMPTY;
  }
}

function put32(buf: Buffer, o: number, v: number): void {
  buf[o] = v >>> 24;
  buf[o + 1] = v >>> 16;
  buf[o + 2] = v >>> 8;
  buf[o + 3] = v;
}

const EMPTY = Buffer.alloc(0);
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Encodes one PDU into a new Buffer of exactly its length. */
export function encodePdu(pdu: PduInput): Buffer {
  const need = maxEncodedLength(pdu);
  if (scratch.length < need) scratch = Buffer.allocUnsafe(need);
  const n = encodeInto(pdu, scratch, 0);
  return Buffer.from(scratch.subarray(0, n));
}

function writeBody(p: PduInput): void {
  switch (p.command) {
    case 'submit_sm':
    case 'deliver_sm':
      cstr(p.serviceType, 6, 'serviceType');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 21, 'sourceAddr');
      u8(p.destAddrTon);
      u8(p.destAddrNpi);
      cstr(p.destinationAddr, 21, 'destinationAddr');
      u8(p.esmClass);
      u8(p.protocolId);
      u8(p.priorityFlag);
      cstr(p.scheduleDeliveryTime, 17, 'scheduleDeliveryTime');
      cstr(p.validityPeriod, 17, 'validityPeriod');
      u8(p.registeredDelivery);
      u8(p.replaceIfPresentFlag);
      u8(p.dataCoding);
      u8(p.smDefaultMsgId);
      sm(p.shortMessage);
      break;
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
    case 'data_sm_resp':
      // deliver_sm_resp's message_id is unused but mandatory: always write the NUL.
      cstr(p.messageId, 65, 'messageId');
      break;
    case 'enquire_link':
    case 'enquire_link_resp':
    case 'unbind':
    case 'unbind_resp':
    case 'generic_nack':
    case 'cancel_sm_resp':
    case 'replace_sm_resp':
      break;
    case 'bind_transmitter':
    case 'bind_receiver':
    case 'bind_transceiver':
      cstr(p.systemId, 16, 'systemId');
      cstr(p.password, PASSWORD_MAX, 'password');
      cstr(p.systemType, 13, 'systemType');
      u8(p.interfaceVersion ?? 0x34);
      u8(p.addrTon);
      u8(p.addrNpi);
      cstr(p.addressRange, 41, 'addressRange');
      break;
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
    case 'bind_transceiver_resp':
      cstr(p.systemId, 16, 'systemId');
      break;
    case 'outbind':
      cstr(p.systemId, 16, 'systemId');
      cstr(p.password, PASSWORD_MAX, 'password');
      break;
    case 'data_sm':
      cstr(p.serviceType, 6, 'serviceType');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 65, 'sourceAddr');
      u8(p.destAddrTon);
      u8(p.destAddrNpi);
      cstr(p.destinationAddr, 65, 'destinationAddr');
      u8(p.esmClass);
      u8(p.registeredDelivery);
      u8(p.dataCoding);
      break;
    case 'query_sm':
      cstr(p.messageId, 65, 'messageId');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 21, 'sourceAddr');
      break;
    case 'query_sm_resp':
      cstr(p.messageId, 65, 'messageId');
      cstr(p.finalDate, 17, 'finalDate');
      u8(p.messageState);
      u8(p.errorCode);
      break;
    case 'cancel_sm':
      cstr(p.serviceType, 6, 'serviceType');
      cstr(p.messageId, 65, 'messageId');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 21, 'sourceAddr');
      u8(p.destAddrTon);
      u8(p.destAddrNpi);
      cstr(p.destinationAddr, 21, 'destinationAddr');
      break;
    case 'replace_sm':
      cstr(p.messageId, 65, 'messageId');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 21, 'sourceAddr');
      cstr(p.scheduleDeliveryTime, 17, 'scheduleDeliveryTime');
      cstr(p.validityPeriod, 17, 'validityPeriod');
      u8(p.registeredDelivery);
      u8(p.smDefaultMsgId);
      sm(p.shortMessage);
      break;
    case 'submit_multi':
      cstr(p.serviceType, 6, 'serviceType');
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 21, 'sourceAddr');
      destinations(p.destinations ?? []);
      u8(p.esmClass);
      u8(p.protocolId);
      u8(p.priorityFlag);
      cstr(p.scheduleDeliveryTime, 17, 'scheduleDeliveryTime');
      cstr(p.validityPeriod, 17, 'validityPeriod');
      u8(p.registeredDelivery);
      u8(p.replaceIfPresentFlag);
      u8(p.dataCoding);
      u8(p.smDefaultMsgId);
      sm(p.shortMessage);
      break;
    case 'submit_multi_resp':
      cstr(p.messageId, 65, 'messageId');
      unsuccess(p.unsuccess ?? []);
      break;
    case 'alert_notification':
      u8(p.sourceAddrTon);
      u8(p.sourceAddrNpi);
      cstr(p.sourceAddr, 65, 'sourceAddr');
      u8(p.esmeAddrTon);
      u8(p.esmeAddrNpi);
      cstr(p.esmeAddr, 65, 'esmeAddr');
      break;
  }
  tlvs(p.tlvs);
}

function destinations(list: MultiDestination[]): void {
  if (list.length > 255) throw new RangeError(`submit_multi has ${list.length} destinations (max 255)`);
  u8(list.length);
  for (const d of list) {
    if (d.kind === 'sme') {
      u8(1);
      u8(d.ton);
      u8(d.npi);
      cstr(d.addr, 21, 'destinationAddr');
    } else {
      u8(2);
      cstr(d.name, 21, 'dlName');
    }
  }
}

function unsuccess(list: UnsuccessSme[]): void {
  if (list.length > 255)
    throw new RangeError(`submit_multi_resp has ${list.length} unsuccess entries (max 255)`);
  u8(list.length);
  for (const u of list) {
    u8(u.ton);
    u8(u.npi);
    cstr(u.addr, 21, 'destinationAddr');
    b.writeUInt32BE(u.errorStatusCode >>> 0, pos);
    pos += 4;
  }
}
