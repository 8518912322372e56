/**
 * SMPP 3.4 decoder: `decodePdu(buf, offset)` reads one complete PDU starting at `offset` and
 * returns a typed `Pdu` or a `PduDecodeError` value (never throws). Use `FrameSplitter` to cut a
 * TCP byte stream into complete PDUs first. Strings are read as latin1; `shortMessage` and TLV
 * values are views into `buf` (copy them if `buf` is reused).
 *
 * Tolerant where gateways are sloppy: responses with an empty body (error status) decode with
 * '' fields. Strict where the spec is strict: C-octet string maximums, field truncation, TLV framing.
 */
import { CommandId, commandName, HEADER_LENGTH, MAX_PDU_LENGTH, PASSWORD_MAX, Status } from './constants';
import { EMPTY_TLVS, type MultiDestination, type Pdu, type Tlv, type UnsuccessSme } from './pdu';

export type DecodeErrorReason =
  | 'length_out_of_range'
  | 'unknown_command_id'
  | 'truncated_field'
  | 'cstring_too_long'
  | 'invalid_field'
  | 'invalid_tlv';

/** A malformed PDU, as a value. `status` is the command_status to answer it with. */
export class PduDecodeError {
  readonly kind = 'decode_error' as const;
  constructor(
    readonly reason: DecodeErrorReason,
    readonly commandId: number,
    readonly sequenceNumber: number,
    readonly commandLength: number,
    readonly status: number,
    readonly field: string | undefined,
    readonly message: string,
  ) {}
}

export function isDecodeError(x: Pdu | PduDecodeError): x is PduDecodeError {
  return (x as PduDecodeError).kind === 'decode_error';
}

const FIELD_STATUS: Record<string, number> = {
  sourceAddr: Status.ESME_RINVSRCADR,
  destinationAddr: Status.ESME_RINVDSTADR,
  messageId: Status.ESME_RINVMSGID,
  systemId: Status.ESME_RINVSYSID,
  password: Status.ESME_RINVPASWD,
  systemType: Status.ESME_RINVSYSTYP,
  serviceType: Status.ESME_RINVSERTYP,
  scheduleDeliveryTime: Status.ESME_RINVSCHED,
  validityPeriod: Status.ESME_RINVEXPIRY,
  dlName: Status.ESME_RINVDLNAME,
  shortMessage: Status.ESME_RINVMSGLEN,
  destFlag: Status.ESME_RINVDESTFLAG,
};

class Failure {
  constructor(
    readonly reason: DecodeErrorReason,
    readonly field: string,
  ) {}
}

// Decoder cursor: module state is safe because decoding is synchronous and never re-entrant.
let b: Buffer = Buffer.alloc(0);
let pos = 0;
let end = 0;

function u8(field: string): number {
  if (pos >= end) throw new Failure('truncated_field', field);
  return b[pos++] as number;
}

function u32(field: string): number {
  if (pos + 4 > end) throw new Failure('truncated_field', field);
  const v = b.readUInt32BE(pos);
  pos += 4;
  return v;
}

/** C-octet string of at most `max` octets including the NUL. */
function cstr(max: number, field: string): string {
  const start = pos;
  if (start < end && b[start] === 0) {
    pos = start + 1;
    return '';
  }
  const limit = Math.min(start + max, end);
  let i = start;
  while (i < limit && b[i] !== 0) i++;
  if (i === limit) throw new Failure(start + max <= end ? 'cstring_too_long' : 'truncated_field', field);
  pos = i + 1;
  return (b as unknown as Latin1Slicer).latin1Slice(start, i);
}

/** Node's Buffer has a native latin1Slice (what toString('latin1') calls) that the typings omit. */
interface Latin1Slicer {
  latin1Slice(start: number, end: number): string;
}

/** A C-string of a response body that may be missing altogether (error responses). */
function optCstr(max: number, field: string): string {
  return pos >= end ? '' : cstr(max, field);
}

function octets(len: number, field: string): Buffer {
  if (pos + len > end) throw new Failure('truncated_field', field);
  const v = b.subarray(pos, pos + len);
  pos += len;
  return v;
}

function tlvs(): readonly Tlv[] {
  if (pos >= end) return EMPTY_TLVS;
  const out: Tlv[] = [];
  while (pos < end) {
    if (pos + 4 > end) throw new Failure('invalid_tlv', 'tlvs');
    const tag = b.readUInt16BE(pos);
    const len = b.readUInt16BE(pos + 2);
    pos += 4;
    if (pos + len > end) throw new Failure('invalid_tlv', `tlv 0x${tag.toString(16).padStart(4, '0')}`);
    out.push({ tag, value: b.subarray(pos, pos + len) });
    pos += len;
  }
  return out;
}

export function decodePdu(buf: Buffer, offset = 0): Pdu | PduDecodeError {
  const available = buf.length - offset;
  if (available < HEADER_LENGTH) {
    return new PduDecodeError(
      'length_out_of_range',
      0,
      0,
      available,
      Status.ESME_RINVCMDLEN,
      undefined,
      `need ${HEADER_LENGTH} header octets, have ${available}`,
    );
  }
  const length = u32at(buf, offset);
  const id = u32at(buf, offset + 4);
  const commandStatus = u32at(buf, offset + 8);
  const sequenceNumber = u32at(buf, offset + 12);
  if (length < HEADER_LENGTH || length > MAX_PDU_LENGTH || length > available) {
    return new PduDecodeError(
      'length_out_of_range',
      id,
      sequenceNumber,
      length,
      Status.ESME_RINVCMDLEN,
      undefined,
      `command_length ${length} out of range (16..${Math.min(MAX_PDU_LENGTH, available)})`,
    );
  }
  const command = commandName(id);
  if (command === undefined) {
    return new PduDecodeError(
      'unknown_command_id',
      id,
      sequenceNumber,
      length,
      Status.ESME_RINVCMDID,
      undefined,
      `unknown command_id 0x${id.toString(16).padStart(8, '0')}`,
    );
  }
  b = buf;
  pos = offset + HEADER_LENGTH;
  end = offset + length;
  try {
    return body(id, commandStatus, sequenceNumber);
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    const status =
      e.reason === 'invalid_tlv'
        ? Status.ESME_RINVOPTPARSTREAM
        : e.reason === 'truncated_field' && e.field !== 'shortMessage'
          ? Status.ESME_RINVCMDLEN
          : (FIELD_STATUS[e.field] ?? Status.ESME_RINVPARLEN);
    return new PduDecodeError(
      e.reason,
      id,
      sequenceNumber,
      length,
      status,
      e.field,
      `${command}: ${e.reason.replaceAll('_', ' ')} (${e.field})`,
    );
  }
}

function u32at(buf: Buffer, o: number): number {
  return (
    (buf[o] as number) * 0x1000000 +
    (((buf[o + 1] as number) << 16) | ((buf[o + 2] as number) << 8) | (buf[o + 3] as number))
  );
}

function body(id: number, commandStatus: number, sequenceNumber: number): Pdu {
  switch (id) {
    case CommandId.submit_sm:
    case CommandId.deliver_sm: {
      const serviceType = cstr(6, 'serviceType');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(21, 'sourceAddr');
      const destAddrTon = u8('destAddrTon');
      const destAddrNpi = u8('destAddrNpi');
      const destinationAddr = cstr(21, 'destinationAddr');
      const esmClass = u8('esmClass');
      const protocolId = u8('protocolId');
      const priorityFlag = u8('priorityFlag');
      const scheduleDeliveryTime = cstr(17, 'scheduleDeliveryTime');
      const validityPeriod = cstr(17, 'validityPeriod');
      const registeredDelivery = u8('registeredDelivery');
      const replaceIfPresentFlag = u8('replaceIfPresentFlag');
      const dataCoding = u8('dataCoding');
      const smDefaultMsgId = u8('smDefaultMsgId');
      const smLength = u8('smLength');
      const shortMessage = octets(smLength, 'shortMessage');
      return {
        command: id === CommandId.submit_sm ? 'submit_sm' : 'deliver_sm',
        commandStatus,
        sequenceNumber,
        serviceType,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        destAddrTon,
        destAddrNpi,
        destinationAddr,
        esmClass,
        protocolId,
        priorityFlag,
        scheduleDeliveryTime,
        validityPeriod,
        registeredDelivery,
        replaceIfPresentFlag,
        dataCoding,
        smDefaultMsgId,
        shortMessage,
        tlvs: tlvs(),
      };
    }
    case CommandId.submit_sm_resp:
    case CommandId.deliver_sm_resp:
    case CommandId.data_sm_resp: {
      const messageId = optCstr(65, 'messageId');
      return {
        command:
          id === CommandId.submit_sm_resp
            ? 'submit_sm_resp'
            : id === CommandId.deliver_sm_resp
              ? 'deliver_sm_resp'
              : 'data_sm_resp',
        commandStatus,
        sequenceNumber,
        messageId,
        tlvs: tlvs(),
      };
    }
    case CommandId.enquire_link:
    case CommandId.enquire_link_resp:
    case CommandId.unbind:
    case CommandId.unbind_resp:
    case CommandId.generic_nack:
    case CommandId.cancel_sm_resp:
    case CommandId.replace_sm_resp:
      return { command: commandName(id) as 'enquire_link', commandStatus, sequenceNumber, tlvs: tlvs() };
    case CommandId.bind_transmitter:
    case CommandId.bind_receiver:
    case CommandId.bind_transceiver: {
      const systemId = cstr(16, 'systemId');
      const password = cstr(PASSWORD_MAX, 'password');
      const systemType = cstr(13, 'systemType');
      const interfaceVersion = u8('interfaceVersion');
      const addrTon = u8('addrTon');
      const addrNpi = u8('addrNpi');
      const addressRange = cstr(41, 'addressRange');
      return {
        command: commandName(id) as 'bind_transmitter',
        commandStatus,
        sequenceNumber,
        systemId,
        password,
        systemType,
        interfaceVersion,
        addrTon,
        addrNpi,
        addressRange,
        tlvs: tlvs(),
      };
    }
    case CommandId.bind_transmitter_resp:
    case CommandId.bind_receiver_resp:
    case CommandId.bind_transceiver_resp: {
      const systemId = optCstr(16, 'systemId');
      return {
        command: commandName(id) as 'bind_transmitter_resp',
        commandStatus,
        sequenceNumber,
        systemId,
        tlvs: tlvs(),
      };
    }
    case CommandId.outbind: {
      const systemId = cstr(16, 'systemId');
      const password = cstr(PASSWORD_MAX, 'password');
      return { command: 'outbind', commandStatus, sequenceNumber, systemId, password, tlvs: tlvs() };
    }
    case CommandId.data_sm: {
      const serviceType = cstr(6, 'serviceType');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(65, 'sourceAddr');
      const destAddrTon = u8('destAddrTon');
      const destAddrNpi = u8('destAddrNpi');
      const destinationAddr = cstr(65, 'destinationAddr');
      const esmClass = u8('esmClass');
      const registeredDelivery = u8('registeredDelivery');
      const dataCoding = u8('dataCoding');
      return {
        command: 'data_sm',
        commandStatus,
        sequenceNumber,
        serviceType,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        destAddrTon,
        destAddrNpi,
        destinationAddr,
        esmClass,
        registeredDelivery,
        dataCoding,
        tlvs: tlvs(),
      };
    }
    case CommandId.query_sm: {
      const messageId = cstr(65, 'messageId');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(21, 'sourceAddr');
      return {
        command: 'query_sm',
        commandStatus,
        sequenceNumber,
        messageId,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        tlvs: tlvs(),
      };
    }
    case CommandId.query_sm_resp: {
      if (pos >= end) {
        return {
          command: 'query_sm_resp',
          commandStatus,
          sequenceNumber,
          messageId: '',
          finalDate: '',
          messageState: 0,
          errorCode: 0,
          tlvs: EMPTY_TLVS,
        };
      }
      const messageId = cstr(65, 'messageId');
      const finalDate = cstr(17, 'finalDate');
      const messageState = u8('messageState');
      const errorCode = u8('errorCode');
      return {
        command: 'query_sm_resp',
        commandStatus,
        sequenceNumber,
        messageId,
        finalDate,
        messageState,
        errorCode,
        tlvs: tlvs(),
      };
    }
    case CommandId.cancel_sm: {
      const serviceType = cstr(6, 'serviceType');
      const messageId = cstr(65, 'messageId');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(21, 'sourceAddr');
      const destAddrTon = u8('destAddrTon');
      const destAddrNpi = u8('destAddrNpi');
      const destinationAddr = cstr(21, 'destinationAddr');
      return {
        command: 'cancel_sm',
        commandStatus,
        sequenceNumber,
        serviceType,
        messageId,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        destAddrTon,
        destAddrNpi,
        destinationAddr,
        tlvs: tlvs(),
      };
    }
    case CommandId.replace_sm: {
      const messageId = cstr(65, 'messageId');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(21, 'sourceAddr');
      const scheduleDeliveryTime = cstr(17, 'scheduleDeliveryTime');
      const validityPeriod = cstr(17, 'validityPeriod');
      const registeredDelivery = u8('registeredDelivery');
      const smDefaultMsgId = u8('smDefaultMsgId');
      const smLength = u8('smLength');
      const shortMessage = octets(smLength, 'shortMessage');
      return {
        command: 'replace_sm',
        commandStatus,
        sequenceNumber,
        messageId,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        scheduleDeliveryTime,
        validityPeriod,
        registeredDelivery,
        smDefaultMsgId,
        shortMessage,
        tlvs: tlvs(),
      };
    }
    case CommandId.submit_multi: {
      const serviceType = cstr(6, 'serviceType');
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(21, 'sourceAddr');
      const count = u8('numberOfDests');
      const destinations: MultiDestination[] = [];
      for (let i = 0; i < count; i++) {
        const flag = u8('destFlag');
        if (flag === 1) {
          const ton = u8('destAddrTon');
          const npi = u8('destAddrNpi');
          destinations.push({ kind: 'sme', ton, npi, addr: cstr(21, 'destinationAddr') });
        } else if (flag === 2) {
          destinations.push({ kind: 'dl', name: cstr(21, 'dlName') });
        } else {
          throw new Failure('invalid_field', 'destFlag');
        }
      }
      const esmClass = u8('esmClass');
      const protocolId = u8('protocolId');
      const priorityFlag = u8('priorityFlag');
      const scheduleDeliveryTime = cstr(17, 'scheduleDeliveryTime');
      const validityPeriod = cstr(17, 'validityPeriod');
      const registeredDelivery = u8('registeredDelivery');
      const replaceIfPresentFlag = u8('replaceIfPresentFlag');
      const dataCoding = u8('dataCoding');
      const smDefaultMsgId = u8('smDefaultMsgId');
      const smLength = u8('smLength');
      const shortMessage = octets(smLength, 'shortMessage');
      return {
        command: 'submit_multi',
        commandStatus,
        sequenceNumber,
        serviceType,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        destinations,
        esmClass,
        protocolId,
        priorityFlag,
        scheduleDeliveryTime,
        validityPeriod,
        registeredDelivery,
        replaceIfPresentFlag,
        dataCoding,
        smDefaultMsgId,
        shortMessage,
        tlvs: tlvs(),
      };
    }
    case CommandId.submit_multi_resp: {
      const messageId = optCstr(65, 'messageId');
      const unsuccess: UnsuccessSme[] = [];
      if (pos < end) {
        const count = u8('noUnsuccess');
        for (let i = 0; i < count; i++) {
          const ton = u8('destAddrTon');
          const npi = u8('destAddrNpi');
          const addr = cstr(21, 'destinationAddr');
          unsuccess.push({ ton, npi, addr, errorStatusCode: u32('errorStatusCode') });
        }
      }
      return {
        command: 'submit_multi_resp',
        commandStatus,
        sequenceNumber,
        messageId,
        unsuccess,
        tlvs: tlvs(),
      };
    }
    case CommandId.alert_notification: {
      const sourceAddrTon = u8('sourceAddrTon');
      const sourceAddrNpi = u8('sourceAddrNpi');
      const sourceAddr = cstr(65, 'sourceAddr');
      const esmeAddrTon = u8('esmeAddrTon');
      const esmeAddrNpi = u8('esmeAddrNpi');
      const esmeAddr = cstr(65, 'esmeAddr');
      return {
        command: 'alert_notification',
        commandStatus,
        sequenceNumber,
        sourceAddrTon,
        sourceAddrNpi,
        sourceAddr,
        esmeAddrTon,
        esmeAddrNpi,
        esmeAddr,
        tlvs: tlvs(),
      };
    }
    default:
      throw new Failure('invalid_field', 'commandId');
  }
}
