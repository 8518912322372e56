import { z } from 'zod';
import { EpochMs, Id } from './ids';

export const Host = z.string().min(1).max(253);
export const Port = z.number().int().min(1).max(65535);

/**
 * One gateway under test. Secrets (`jcli.password`, `esme.password`, `bindPassword` of operators)
 * are write-only: the API never returns them.
 */
export const Connection = z.object({
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(80),
  kind: z.enum(['jasmin', 'kannel', 'generic']).default('jasmin'),
  /** Jasmin jCli admin endpoint (telnet). */
  jcli: z.object({
    host: Host,
    port: Port.default(8990),
    username: z.string().max(64).default('jcliadmin'),
    password: z.string().max(128).default('jclipwd'),
  }),
  /** The gateway's own SMPP server (ESME mode binds here). */
  smpp: z.object({
    host: Host,
    port: Port.default(2775),
    systemId: z.string().max(15).default(''),
    password: z.string().max(8).default(''),
  }),
  /** The gateway's HTTP API (Jasmin: /send on 1401). */
  http: z.object({ host: Host, port: Port.default(1401) }).optional(),
  /** Where the gateway reaches Gong's worker slots (operator mode), as the gateway sees them. */
  gongHost: Host.default('127.0.0.1'),
  /** Jasmin connector setting: submits per second the gateway may send us; 0 = unlimited. */
  submitThroughput: z.number().int().min(0).max(100000).default(0),
  shortCode: z.string().min(1).max(21).default('1234'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Connection = z.infer<typeof Connection>;

export const HealthColour = z.enum(['green', 'amber', 'red']);
export type HealthColour = z.infer<typeof HealthColour>;
