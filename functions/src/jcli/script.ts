import type { Connection } from '@gong/core/domain/connection';
import type { NumberRange, Operator } from '@gong/core/domain/operator';

export interface JcliContext {
  /** slot N listens on fleetBasePort + N */
  fleetBasePort: number;
}

export interface JcliConnector {
  operatorId: string;
  cid: string;
  filterId: string;
}

export interface JcliScript {
  /** commands one per line, ready to paste into `telnet <host> 8990` after login */
  lines: string[];
  connectors: JcliConnector[];
}

/** Jasmin connector ids: short, [a-z0-9_], unique within the script. */
export function connectorIds(operators: readonly Operator[]): JcliConnector[] {
  const used = new Set<string>();
  return operators.map((op) => {
    const slug = op.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 16);
    let cid = `gong_${slug || 'op'}`;
    for (let n = 2; used.has(cid); n++) cid = `gong_${slug || 'op'}_${n}`;
    used.add(cid);
    return { operatorId: op.id, cid, filterId: `${cid}_dst` };
  });
}

/** A regex matching every MSISDN of the ranges (prefix + width digits), as Jasmin filters take it. */
export function rangesRegex(ranges: readonly NumberRange[]): string {
  const parts = [
    ...new Set(ranges.map((r) => `${r.prefix.replace(/^\+/, '').replace(/\D/g, '')}\\d{${r.width}}`)),
  ];
  const body = parts.length === 1 ? (parts[0] as string) : `(${parts.join('|')})`;
  return `^\\+?${body}$`;
}

/**
 * The jCli dialogue that makes Jasmin bind to Gong: for each operator, an SMPP client connector to
 * the operator's worker slot at `connection.gongHost`, started right away, plus an MT route sending
 * that operator's numbers to it; and, when the connection names the ESME Gong binds as, an MO route
 * for the short code towards that ESME. Ends with `persist`.
 */
export function jcliScript(
  connection: Connection,
  operators: readonly Operator[],
  ctx: JcliContext,
): JcliScript {
  const connectors = connectorIds(operators);
  const lines: string[] = [];
  operators.forEach((op, i) => {
    const c = connectors[i] as JcliConnector;
    lines.push(
      'smppccm -a',
      `cid ${c.cid}`,
      `host ${connection.gongHost}`,
      `port ${ctx.fleetBasePort + op.slot}`,
      `username ${op.bindSystemId}`,
      `password ${op.bindPassword}`,
      'bind transceiver',
      `submit_throughput ${connection.submitThroughput}`,
      'ok',
      `smppccm -1 ${c.cid}`,
      'filter -a',
      `fid ${c.filterId}`,
      'type DestinationAddrFilter',
      `destination_addr ${rangesRegex(op.numberRanges)}`,
      'ok',
      'mtrouter -a',
      'type StaticMTRoute',
      `order ${10 + i}`,
      `connector smppc(${c.cid})`,
      `filters ${c.filterId}`,
      'rate 0.00',
      'ok',
    );
  });
  if (connection.smpp.systemId) {
    lines.push(
      'filter -a',
      'fid gong_shortcode',
      'type DestinationAddrFilter',
      `destination_addr ^${connection.shortCode.replace(/[^0-9A-Za-z]/g, '')}$`,
      'ok',
      'morouter -a',
      'type StaticMORoute',
      'order 10',
      `connector smpps(${connection.smpp.systemId})`,
      'filters gong_shortcode',
      'ok',
    );
  }
  lines.push('persist');
  return { lines, connectors };
}

/** Hides passwords in a script or transcript shown to someone who should not see them. */
export function maskSecrets(line: string): string {
  return /^password\s/.test(line) ? 'password ********' : line;
}
