/**
 * Typed SMPP 3.4 PDUs: a discriminated union on `command`.
 *
 * Decoded PDUs (`Pdu`) always carry every mandatory field. Inputs to the encoder / session
 * (`PduInput`) only need `command`; missing fields encode as 0 / '' / empty. TLVs are kept raw
 * and in wire order (`tlvs: readonly Tlv[]`), so unknown vendor TLVs survive a decode/encode.
 * Byte fields (`shortMessage`, TLV values) of decoded PDUs are views into the decoded buffer.
 */
import type { CommandName } from './constants';

export interface Tlv {
  tag: number;
  value: Buffer;
}

interface Header {
  commandStatus: number;
  sequenceNumber: number;
  tlvs: readonly Tlv[];
}

export interface BindPdu extends Header {
  command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver';
  systemId: string;
  password: string;
  systemType: string;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
}

/** On an error status the body may be empty on the wire; systemId then decodes as ''. */
export interface BindRespPdu extends Header {
  command: 'bind_transmitter_resp' | 'bind_receiver_resp' | 'bind_transceiver_resp';
  systemId: string;
}

export interface OutbindPdu extends Header {
  command: 'outbind';
  systemId: string;
  password: string;
}

export interface EmptyPdu extends Header {
  command:
    | 'generic_nack'
    | 'unbind'
    | 'unbind_resp'
    | 'enquire_link'
    | 'enquire_link_resp'
    | 'cancel_sm_resp'
    | 'replace_sm_resp';
}

export interface Address {
  ton: number;
  npi: number;
  addr: string;
}

/** submit_sm and deliver_sm share one layout. */
export interface SmPdu extends Header {
  command: 'submit_sm' | 'deliver_sm';
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  shortMessage: Buffer;
}

/** message_id may be absent (empty body) when command_status != 0. */
export interface SmRespPdu extends Header {
  command: 'submit_sm_resp' | 'deliver_sm_resp' | 'data_sm_resp';
  messageId: string;
}

export interface DataSmPdu extends Header {
  command: 'data_sm';
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  esmClass: number;
  registeredDelivery: number;
  dataCoding: number;
}

export interface QuerySmPdu extends Header {
  command: 'query_sm';
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
}

export interface QuerySmRespPdu extends Header {
  command: 'query_sm_resp';
  messageId: string;
  finalDate: string;
  messageState: number;
  errorCode: number;
}

export interface CancelSmPdu extends Header {
  command: 'cancel_sm';
  serviceType: string;
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
}

export interface ReplaceSmPdu extends Header {
  command: 'replace_sm';
  messageId: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  smDefaultMsgId: number;
  shortMessage: Buffer;
}

export type MultiDestination = ({ kind: 'sme' } & Address) | { kind: 'dl'; name: string };

export interface SubmitMultiPdu extends Header {
  command: 'submit_multi';
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destinations: MultiDestination[];
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  shortMessage: Buffer;
}

export interface UnsuccessSme extends Address {
  errorStatusCode: number;
}

export interface SubmitMultiRespPdu extends Header {
  command: 'submit_multi_resp';
  messageId: string;
  unsuccess: UnsuccessSme[];
}

export interface AlertNotificationPdu extends Header {
  command: 'alert_notification';
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  esmeAddrTon: number;
  esmeAddrNpi: number;
  esmeAddr: string;
}

export type Pdu =
  | BindPdu
  | BindRespPdu
  | OutbindPdu
  | EmptyPdu
  | SmPdu
  | SmRespPdu
  | DataSmPdu
  | QuerySmPdu
  | QuerySmRespPdu
  | CancelSmPdu
  | ReplaceSmPdu
  | SubmitMultiPdu
  | SubmitMultiRespPdu
  | AlertNotificationPdu;

/** The PDU variant for one command name, e.g. `PduOf<'submit_sm'>` is `SmPdu`. */
export type PduOf<C extends CommandName> = Extract<Pdu, { command: C }>;

type PartialBody<P> = P extends { command: infer C } ? { command: C } & Partial<Omit<P, 'command'>> : never;
/** What you hand to the encoder or session: `command` plus any fields (the rest default to 0 / ''). */
export type PduInput = PartialBody<Pdu>;
export type PduInputOf<C extends CommandName> = Extract<PduInput, { command: C }>;

export const EMPTY_TLVS: readonly Tlv[] = Object.freeze([]);
