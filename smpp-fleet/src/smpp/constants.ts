/**
 * SMPP 3.4 numbers: command ids, command_status codes and standard TLV tags.
 * `CommandId.submit_sm === 0x04`, `commandName(0x80000004) === 'submit_sm_resp'`,
 * `Status.ESME_RTHROTTLED === 0x58`, `TlvTag.message_payload === 0x0424`.
 */

export const CommandId = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  submit_multi: 0x00000021,
  submit_multi_resp: 0x80000021,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;
export type CommandName = keyof typeof CommandId;

const NAMES = new Map<number, CommandName>(
  (Object.entries(CommandId) as [CommandName, number][]).map(([name, id]) => [id, name]),
);

// Flat lookup tables (command ids are < 0x200 apart from the response bit): cheaper than a Map.
const REQUEST_NAMES: (CommandName | undefined)[] = new Array(0x200).fill(undefined);
const RESPONSE_NAMES: (CommandName | undefined)[] = new Array(0x200).fill(undefined);
for (const [id, name] of NAMES) ((id & 0x80000000) !== 0 ? RESPONSE_NAMES : REQUEST_NAMES)[id & 0x1ff] = name;

export function commandName(id: number): CommandName | undefined {
  if ((id & 0x7ffffe00) !== 0) return undefined;
  return ((id & 0x80000000) !== 0 ? RESPONSE_NAMES : REQUEST_NAMES)[id & 0x1ff];
}

/** True for command ids with the response bit set (0x80000000). */
export function isResponseId(id: number): boolean {
  return (id & 0x80000000) !== 0;
}

/** The response command of a request, e.g. submit_sm → submit_sm_resp. undefined for outbind/alert/generic_nack. */
export function responseOf(command: CommandName): CommandName | undefined {
  const id = CommandId[command];
  if (isResponseId(id)) return undefined;
  return NAMES.get((id | 0x80000000) >>> 0);
}

export const Status = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RINVMSGID: 0x0c,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RCANCELFAIL: 0x11,
  ESME_RREPLACEFAIL: 0x13,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVNUMDESTS: 0x33,
  ESME_RINVDLNAME: 0x34,
  ESME_RINVDESTFLAG: 0x40,
  ESME_RINVSUBREP: 0x42,
  ESME_RINVESMCLASS: 0x43,
  ESME_RCNTSUBDL: 0x44,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RINVSYSTYP: 0x53,
  ESME_RINVREPFLAG: 0x54,
  ESME_RINVNUMMSGS: 0x55,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RINVDFTMSGID: 0x63,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RQUERYFAIL: 0x67,
  ESME_RINVOPTPARSTREAM: 0xc0,
  ESME_ROPTPARNOTALLWD: 0xc1,
  ESME_RINVPARLEN: 0xc2,
  ESME_RMISSINGOPTPARAM: 0xc3,
  ESME_RINVOPTPARAMVAL: 0xc4,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
} as const;
export type StatusName = keyof typeof Status;

const STATUS_NAMES = new Map<number, StatusName>(
  (Object.entries(Status) as [StatusName, number][]).map(([name, id]) => [id, name]),
);

/** 'ESME_RTHROTTLED' for 0x58; '0x00000400' style for vendor codes. */
export function statusName(status: number): string {
  return STATUS_NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;
}

/** Standard SMPP 3.4 optional parameter tags (section 5.3.2). */
export const TlvTag = {
  dest_addr_subunit: 0x0005,
  dest_network_type: 0x0006,
  dest_bearer_type: 0x0007,
  dest_telematics_id: 0x0008,
  source_addr_subunit: 0x000d,
  source_network_type: 0x000e,
  source_bearer_type: 0x000f,
  source_telematics_id: 0x0010,
  qos_time_to_live: 0x0017,
  payload_type: 0x0019,
  additional_status_info_text: 0x001d,
  receipted_message_id: 0x001e,
  ms_msg_wait_facilities: 0x0030,
  privacy_indicator: 0x0201,
  source_subaddress: 0x0202,
  dest_subaddress: 0x0203,
  user_message_reference: 0x0204,
  user_response_code: 0x0205,
  source_port: 0x020a,
  destination_port: 0x020b,
  sar_msg_ref_num: 0x020c,
  language_indicator: 0x020d,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  sc_interface_version: 0x0210,
  callback_num_pres_ind: 0x0302,
  callback_num_atag: 0x0303,
  number_of_messages: 0x0304,
  callback_num: 0x0381,
  dpf_result: 0x0420,
  set_dpf: 0x0421,
  ms_availability_status: 0x0422,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  delivery_failure_reason: 0x0425,
  more_messages_to_send: 0x0426,
  message_state: 0x0427,
  ussd_service_op: 0x0501,
  display_time: 0x1201,
  sms_signal: 0x1203,
  ms_validity: 0x1204,
  alert_on_message_delivery: 0x130c,
  its_reply_type: 0x1380,
  its_session_info: 0x1383,
} as const;
export type TlvName = keyof typeof TlvTag;

/** esm_class bits used by Gong. */
export const EsmClass = {
  /** message type: SMSC delivery receipt */
  DELIVERY_RECEIPT: 0x04,
  /** UDHI indicator: short_message starts with a user data header */
  UDHI: 0x40,
} as const;

/** data_coding values (SMPP 3.4 section 5.2.19) Gong sends. */
export const DataCoding = {
  SMSC_DEFAULT: 0x00,
  IA5: 0x01,
  OCTET: 0x02,
  LATIN1: 0x03,
  UCS2: 0x08,
} as const;

/** Largest PDU the codec accepts (message_payload may carry up to 64 KiB). */
export const MAX_PDU_LENGTH = 70_000;
export const HEADER_LENGTH = 16;

/**
 * password octets incl. NUL. SMPP 3.4 says 9 (8 characters), but Jasmin and others accept 16-character
 * passwords and Gong operators may use them, so the codec allows 16 characters both ways.
 */
export const PASSWORD_MAX = 17;
