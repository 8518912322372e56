/** Simulator counters (plain numbers, read them any time; `snapshot()` copies). */
export interface SimulatorCounters {
  /** operator side (the simulator is the gateway's client connector) */
  linksUp: number;
  binds: number;
  bindFailures: number;
  reconnects: number;
  moReceived: number;
  moParts: number;
  receiptsReceived: number;
  repliesSent: number;
  mtSent: number;
  mtAccepted: number;
  mtRejected: number;
  mtFailed: number;
  dropped: number;
  reassemblyExpired: number;
  /** both sides */
  throttled: number;
  noResponse: number;
  genericNacks: number;
  malformedSent: number;
  unbinds: number;
  /** ESME side (the simulator is the gateway's SMPP server) */
  esmeBinds: number;
  esmeBindRejects: number;
  esmeSubmits: number;
  esmeReceipts: number;
  esmeReceiptsAcked: number;
  /** ESME submit_sm handed on to an operator link (`esme.route: 'operators'`), and those with no link up */
  esmeForwarded: number;
  esmeForwardFailed: number;
}

export function newSimulatorCounters(): SimulatorCounters {
  return {
    linksUp: 0,
    binds: 0,
    bindFailures: 0,
    reconnects: 0,
    moReceived: 0,
    moParts: 0,
    receiptsReceived: 0,
    repliesSent: 0,
    mtSent: 0,
    mtAccepted: 0,
    mtRejected: 0,
    mtFailed: 0,
    dropped: 0,
    reassemblyExpired: 0,
    throttled: 0,
    noResponse: 0,
    genericNacks: 0,
    malformedSent: 0,
    unbinds: 0,
    esmeBinds: 0,
    esmeBindRejects: 0,
    esmeSubmits: 0,
    esmeReceipts: 0,
    esmeReceiptsAcked: 0,
    esmeForwarded: 0,
    esmeForwardFailed: 0,
  };
}
