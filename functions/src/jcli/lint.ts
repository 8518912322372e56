import type { Connection } from '@gong/core/domain/connection';
import type { Operator } from '@gong/core/domain/operator';

export interface LintWarning {
  level: 'info' | 'warn';
  code: string;
  message: string;
}

/** Jasmin's limits on SMPP client connector credentials. */
export const JASMIN_MAX_USERNAME = 15;
export const JASMIN_MAX_PASSWORD = 16;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/i;

/** What a Jasmin operator should know before pasting the script (and what Gong sees going wrong). */
export function lintConnection(
  connection: Connection,
  operators: readonly Operator[],
  observed?: { latencyMs?: number },
): LintWarning[] {
  const out: LintWarning[] = [];
  const t = connection.submitThroughput;
  if (t === 1) {
    out.push({
      level: 'warn',
      code: 'SUBMIT_THROUGHPUT_DEFAULT',
      message:
        "submit_throughput is 1 msg/s, Jasmin's default: each connector will send Gong at most one message per second. Use 0 (unlimited) for stress tests.",
    });
  } else if (t === 0) {
    out.push({
      level: 'info',
      code: 'SUBMIT_THROUGHPUT_UNLIMITED',
      message:
        "submit_throughput is 0 (unlimited); the script sets it explicitly because Jasmin's default is 1 msg/s.",
    });
  } else {
    out.push({
      level: t < 10 ? 'warn' : 'info',
      code: 'SUBMIT_THROUGHPUT_CAP',
      message: `submit_throughput caps each connector at ${t} msg/s (Jasmin's default is 1; 0 = unlimited).`,
    });
  }
  for (const op of operators) {
    if (op.bindSystemId.length > JASMIN_MAX_USERNAME) {
      out.push({
        level: 'warn',
        code: 'CREDENTIAL_TOO_LONG',
        message: `operator ${op.name}: system_id "${op.bindSystemId}" is ${op.bindSystemId.length} characters; Jasmin accepts at most ${JASMIN_MAX_USERNAME}.`,
      });
    }
    if (op.bindPassword.length > JASMIN_MAX_PASSWORD) {
      out.push({
        level: 'warn',
        code: 'CREDENTIAL_TOO_LONG',
        message: `operator ${op.name}: the bind password is ${op.bindPassword.length} characters; Jasmin accepts at most ${JASMIN_MAX_PASSWORD}.`,
      });
    }
  }
  const latency = observed?.latencyMs;
  out.push({
    level: latency !== undefined ? 'warn' : 'info',
    code: 'ONE_IN_FLIGHT_CEILING',
    message:
      latency !== undefined && latency > 0
        ? `each Jasmin connector keeps about one submit in flight: at the observed ${Math.round(latency)} ms latency one connector tops out near ${Math.max(1, Math.round(1000 / latency))} msg/s, whatever the load asked for.`
        : 'each Jasmin connector keeps about one submit in flight, so one connector tops out near 1/latency msg/s (50 ms latency ≈ 20 msg/s); add operators (connectors) to go faster.',
  });
  if (!LOOPBACK.test(connection.jcli.host)) {
    out.push({
      level: 'warn',
      code: 'JCLI_LOOPBACK_ONLY',
      message: `jCli listens on 127.0.0.1 only by default, so ${connection.jcli.host}:${connection.jcli.port} may refuse Gong; set "bind" in the [jcli] section of jasmin.cfg, or paste the script on the gateway host.`,
    });
  }
  if (connection.jcli.username === 'jcliadmin' && connection.jcli.password === 'jclipwd') {
    out.push({
      level: 'warn',
      code: 'JCLI_DEFAULT_CREDENTIALS',
      message:
        'jCli still uses the default jcliadmin/jclipwd credentials; change them on any shared gateway.',
    });
  }
  if (LOOPBACK.test(connection.gongHost) && !LOOPBACK.test(connection.jcli.host)) {
    out.push({
      level: 'warn',
      code: 'GONG_HOST_LOOPBACK',
      message: `gongHost is ${connection.gongHost}: a gateway on another machine cannot reach Gong's workers there; set the address the gateway sees.`,
    });
  }
  if (operators.length === 0) {
    out.push({
      level: 'warn',
      code: 'NO_OPERATORS',
      message: 'this connection has no operators yet, so the script has no connectors.',
    });
  }
  if (!connection.smpp.systemId) {
    out.push({
      level: 'info',
      code: 'NO_MO_ROUTE',
      message:
        "no SMPP system_id is set for Gong's ESME, so the script adds no morouter line; MO must be routed to your application by hand.",
    });
  }
  return out;
}
