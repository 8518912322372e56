import { Connection } from '@gong/core/domain/connection';
import { conflict } from '@gong/core/domain/errors';
import { z } from 'zod';
import { checkConnectionHealth } from '../../health/connection-health';
import { lintConnection } from '../../jcli/lint';
import { jcliScript } from '../../jcli/script';
import { applyOverJcli } from '../../jcli/telnet-client';
import type { ApiDeps } from '../deps';
import { syncSlots } from '../fleet-sync';
import { type AnyRoute, route } from '../router';
import { crudRoutes, getOr404, listAll, pathId } from './crud';

const SERVER_FIELDS = { id: true, tenantId: true, createdAt: true, updatedAt: true } as const;

export const ConnectionInput = Connection.omit(SERVER_FIELDS);
/** On update a missing password keeps the stored one (secrets are write-only). */
export const ConnectionUpdate = ConnectionInput.extend({
  jcli: Connection.shape.jcli.extend({ password: z.string().max(128).optional() }),
  smpp: Connection.shape.smpp.extend({ password: z.string().max(8).optional() }),
});

export const PublicConnection = Connection.extend({
  jcli: Connection.shape.jcli.omit({ password: true }).extend({ hasPassword: z.boolean() }),
  smpp: Connection.shape.smpp.omit({ password: true }).extend({ hasPassword: z.boolean() }),
});
export type PublicConnection = z.infer<typeof PublicConnection>;

export function publicConnection(c: Connection): PublicConnection {
  const { password: jcliPassword, ...jcli } = c.jcli;
  const { password: smppPassword, ...smpp } = c.smpp;
  return {
    ...c,
    jcli: { ...jcli, hasPassword: jcliPassword.length > 0 },
    smpp: { ...smpp, hasPassword: smppPassword.length > 0 },
  };
}

async function operatorsOf(deps: ApiDeps, tenantId: string, connectionId: string) {
  const all = await listAll(deps.repositories.operators, tenantId);
  return all.filter((o) => o.connectionId === connectionId);
}

const LintWarningSchema = z.object({
  level: z.enum(['info', 'warn']),
  code: z.string(),
  message: z.string(),
});

export function connectionRoutes(deps: ApiDeps): AnyRoute[] {
  const connectionOf = (tenantId: string, params: Record<string, string>) =>
    getOr404(deps.repositories.connections, tenantId, pathId(params, 'connection'), 'connection');
  /** the connection of the path, its operators and the jCli script that sets the gateway up for them */
  const scriptOf = async (tenantId: string, params: Record<string, string>) => {
    const connection = await connectionOf(tenantId, params);
    const operators = await operatorsOf(deps, tenantId, connection.id);
    const script = jcliScript(connection, operators, { fleetBasePort: deps.config.fleetBasePort });
    return { connection, operators, script };
  };
  const crud = crudRoutes(deps, {
    base: '/connections',
    tag: 'connections',
    kind: 'connection',
    repo: (d) => d.repositories.connections,
    createInput: ConnectionInput,
    updateInput: ConnectionUpdate,
    publicSchema: PublicConnection,
    readRole: 'viewer',
    writeRole: 'admin',
    toPublic: publicConnection,
    async create(_deps, input, ctx) {
      return Connection.parse({
        ...input,
        id: ctx.id,
        tenantId: ctx.principal.tenantId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    },
    async update(_deps, input, existing, ctx) {
      return Connection.parse({
        ...input,
        jcli: { ...input.jcli, password: input.jcli.password ?? existing.jcli.password },
        smpp: { ...input.smpp, password: input.smpp.password ?? existing.smpp.password },
        id: existing.id,
        tenantId: existing.tenantId,
        createdAt: existing.createdAt,
        updatedAt: ctx.now,
      });
    },
    async beforeDelete(d, existing, ctx) {
      const ops = await operatorsOf(d, ctx.principal.tenantId, existing.id);
      if (ops.length > 0) {
        throw conflict(`connection ${existing.name} still has ${ops.length} operator(s); delete them first`);
      }
    },
    async afterWrite(d, before, after, ctx) {
      // operators of this connection carry its short code and ESME settings to their workers
      const id = (after ?? before)?.id;
      if (!id || !after) return;
      const ops = await operatorsOf(d, ctx.principal.tenantId, id);
      await syncSlots(
        d,
        ops.map((o) => o.slot),
      );
    },
  });

  return [
    ...crud,
    route({
      method: 'GET',
      path: '/connections/{id}/jcli-script',
      auth: 'admin',
      tag: 'connections',
      summary:
        'Ready-to-paste Jasmin jCli script (one SMPP client connector per operator, MT/MO routes) and config warnings; holds bind passwords, so admin only',
      response: z.object({ script: z.string(), warnings: z.array(LintWarningSchema) }),
      activity: 'settings: jCli script',
      async handle({ principal, params }) {
        const { connection, operators, script } = await scriptOf(principal.tenantId, params);
        return {
          json: { script: `${script.lines.join('\n')}\n`, warnings: lintConnection(connection, operators) },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/connections/{id}/apply',
      auth: 'admin',
      tag: 'connections',
      summary: 'Apply the jCli script over telnet (when the gateway admin port is reachable)',
      activity: 'settings: applying jCli script',
      async handle({ principal, params }) {
        const { connection, script } = await scriptOf(principal.tenantId, params);
        const result = await applyOverJcli(
          { ...connection.jcli, timeoutMs: deps.config.jcliTimeoutMs },
          script.lines,
        );
        if (!result.ok) {
          throw conflict(`jCli refused the script: ${result.error ?? 'unknown error'}`, {
            failedCommand: result.failedCommand,
            transcript: result.transcript,
          });
        }
        return { json: { ok: true, connectors: script.connectors, transcript: result.transcript } };
      },
    }),
    route({
      method: 'POST',
      path: '/connections/{id}/test',
      auth: 'viewer',
      tag: 'connections',
      summary: 'Check the connection now: TCP reachability of jCli, SMPP and HTTP ports and worker binds',
      async handle({ principal, params }) {
        const connection = await connectionOf(principal.tenantId, params);
        const health = await checkConnectionHealth(deps, connection);
        return { json: { id: connection.id, name: connection.name, health } };
      },
    }),
  ];
}
