import type { Connection } from '@gong/core/domain/connection';
import type { Operator } from '@gong/core/domain/operator';
import type { LibraryEntry, Sequence } from '@gong/core/domain/sequence';
import type { Strategy } from '@gong/core/domain/strategy';
import type { Role } from '@gong/core/domain/user';
import { DEFAULT_FLEET_BASE_PORT } from '@gong/core/infra/resources';

/** Demo data. Fixed ids make loading idempotent. Every demo user has this password (printed on start). */
export const DEMO_PASSWORD = 'gong-demo-pass';
const T0 = Date.UTC(2026, 0, 1);

export const DEMO_TENANTS = [
  { id: 'demo', name: 'Demo Telecom', createdAt: T0 },
  { id: 'acme', name: 'Acme Mobile', createdAt: T0 },
];

export interface SeedUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
}

export const DEMO_USERS: SeedUser[] = [
  {
    id: 'u-demo-admin',
    tenantId: 'demo',
    email: 'admin@demo.gong',
    name: 'Ada Admin',
    roles: ['admin', 'stress', 'tester', 'viewer'],
  },
  {
    id: 'u-demo-stress',
    tenantId: 'demo',
    email: 'stress@demo.gong',
    name: 'Sam Stress',
    roles: ['stress', 'tester', 'viewer'],
  },
  {
    id: 'u-demo-tester',
    tenantId: 'demo',
    email: 'tester@demo.gong',
    name: 'Tess Tester',
    roles: ['tester', 'viewer'],
  },
  { id: 'u-demo-viewer', tenantId: 'demo', email: 'viewer@demo.gong', name: 'Vic Viewer', roles: ['viewer'] },
  {
    id: 'u-acme-admin',
    tenantId: 'acme',
    email: 'admin@acme.gong',
    name: 'Acme Admin',
    roles: ['admin', 'stress', 'tester', 'viewer'],
  },
];

/** Where the local gateway simulator serves ESME binds (overridable by the local cloud). */
export interface SeedPorts {
  simEsmePort: number;
  fleetBasePort: number;
}

export const DEFAULT_SEED_PORTS: SeedPorts = { simEsmePort: 2775, fleetBasePort: DEFAULT_FLEET_BASE_PORT };

export function demoConnections(ports: SeedPorts): Connection[] {
  return [
    {
      id: 'c-local-sim',
      tenantId: 'demo',
      name: 'Local gateway simulator',
      kind: 'jasmin',
      jcli: { host: '127.0.0.1', port: 8990, username: 'jcliadmin', password: 'jclipwd' },
      smpp: { host: '127.0.0.1', port: ports.simEsmePort, systemId: 'gongapp', password: 'gongpw' },
      gongHost: '127.0.0.1',
      submitThroughput: 0,
      shortCode: '1234',
      createdAt: T0,
      updatedAt: T0,
    },
    {
      id: 'c-acme-jasmin',
      tenantId: 'acme',
      name: 'Acme Jasmin (staging)',
      kind: 'jasmin',
      jcli: { host: '10.0.0.5', port: 8990, username: 'jcliadmin', password: 'jclipwd' },
      smpp: { host: '10.0.0.5', port: 2775, systemId: 'acme', password: 'acmepw' },
      gongHost: '10.0.0.2',
      submitThroughput: 1,
      shortCode: '5555',
      createdAt: T0,
      updatedAt: T0,
    },
  ];
}

export const DEMO_OPERATORS: Operator[] = [
  {
    id: 'op-orange',
    tenantId: 'demo',
    connectionId: 'c-local-sim',
    name: 'Orange',
    slot: 0,
    bindSystemId: 'orange',
    bindPassword: 'orange-pw',
    numberRanges: [{ prefix: '4072', from: 1000000, to: 1009999, width: 7 }],
    receipts: { delayMs: 200, statusMix: { DELIVRD: 0.95, UNDELIV: 0.05 } },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'op-vodafone',
    tenantId: 'demo',
    connectionId: 'c-local-sim',
    name: 'Vodafone',
    slot: 1,
    bindSystemId: 'vodafone',
    bindPassword: 'voda-pw',
    numberRanges: [{ prefix: '4074', from: 2000000, to: 2009999, width: 7 }],
    receipts: { delayMs: 200, statusMix: { DELIVRD: 1 } },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'op-acme-mobile',
    tenantId: 'acme',
    connectionId: 'c-acme-jasmin',
    name: 'Acme Mobile',
    slot: 0,
    bindSystemId: 'acmemobile',
    bindPassword: 'acme-pw',
    numberRanges: [{ prefix: '3161', from: 0, to: 999, width: 4 }],
    receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
    createdAt: T0,
    updatedAt: T0,
  },
];

const balance = { kind: 'regex', pattern: '^Your balance is \\d+ EUR$', flags: '' } as const;

export const DEMO_SEQUENCES: Sequence[] = [
  {
    id: 'seq-balance',
    tenantId: 'demo',
    name: 'Balance check',
    description: 'BAL → "Your balance is … EUR"',
    steps: [
      {
        id: 'st-bal',
        message: { text: 'BAL', encoding: 'auto', segmentation: 'udh8' },
        expect: balance,
        timeoutMs: 10_000,
        thinkMs: 0,
      },
    ],
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'seq-echo',
    tenantId: 'demo',
    name: 'Echo round trip',
    description: 'ECHO x → x, in GSM 7-bit and in UCS2',
    steps: [
      {
        id: 'st-echo-1',
        message: { text: 'ECHO hello gong', encoding: 'auto', segmentation: 'udh8' },
        expect: { kind: 'exact', text: 'hello gong' },
        timeoutMs: 10_000,
        thinkMs: 0,
      },
      {
        id: 'st-echo-2',
        message: { text: 'ECHO Grüße – ☎', encoding: 'ucs2', segmentation: 'udh8' },
        expect: { kind: 'exact', text: 'Grüße – ☎' },
        timeoutMs: 10_000,
        thinkMs: 0,
      },
    ],
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'seq-balance-echo',
    tenantId: 'demo',
    name: 'Balance, then echo',
    description: 'A two-step conversation',
    steps: [
      {
        id: 'st-be-1',
        message: { text: 'BAL', encoding: 'auto', segmentation: 'udh8' },
        expect: balance,
        timeoutMs: 10_000,
        thinkMs: 0,
      },
      {
        id: 'st-be-2',
        message: { text: 'ECHO thanks', encoding: 'auto', segmentation: 'udh8' },
        expect: { kind: 'contains', text: 'thanks' },
        timeoutMs: 10_000,
        thinkMs: 0,
      },
    ],
    createdAt: T0,
    updatedAt: T0,
  },
];

export const DEMO_LIBRARY: LibraryEntry[] = [
  {
    id: 'lib-balance',
    tenantId: 'demo',
    serviceName: 'Balance',
    input: { text: 'BAL', encoding: 'auto', segmentation: 'udh8' },
    expectedPatterns: [balance],
    checkOutput: true,
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'lib-echo',
    tenantId: 'demo',
    serviceName: 'Echo',
    input: { text: 'ECHO ping', encoding: 'auto', segmentation: 'udh8' },
    expectedPatterns: [{ kind: 'exact', text: 'ping' }],
    checkOutput: true,
    createdAt: T0,
    updatedAt: T0,
  },
];

export const DEMO_STRATEGIES: Strategy[] = [
  {
    id: 'str-full-force',
    tenantId: 'demo',
    name: 'Full force',
    description: 'Every number sends 1 message every 5 s from the start',
    spec: { kind: 'full-force', ratePerNumber: 0.2, operators: [] },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'str-balanced',
    tenantId: 'demo',
    name: 'Balanced growth',
    description: '20 → 200 msg/s per operator, operators 5 s apart, back to 110 and hold',
    spec: { kind: 'balanced-growth', minRate: 20, maxRate: 200, staggerSec: 5, rampSec: 20, operators: [] },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'str-random',
    tenantId: 'demo',
    name: 'Random',
    description: 'Each number sends between 1 and 10 messages at random times',
    spec: { kind: 'random', minPerNumber: 1, maxPerNumber: 10, operators: [] },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'str-custom',
    tenantId: 'demo',
    name: 'Custom wave',
    description: 'Orange follows a sine wave, Vodafone grows linearly',
    spec: {
      kind: 'custom',
      operators: [
        {
          operatorId: 'op-orange',
          startDelaySec: 0,
          minRate: 10,
          maxRate: 100,
          curve: { kind: 'expression', expression: '55 + 45*sin(t/5)' },
        },
        { operatorId: 'op-vodafone', startDelaySec: 5, minRate: 10, maxRate: 80, curve: { kind: 'linear' } },
      ],
    },
    createdAt: T0,
    updatedAt: T0,
  },
];
