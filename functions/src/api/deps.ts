import type { Repositories } from '@gong/core/app/repositories';
import type { WorkerStatus } from '@gong/core/messages/worker-event';
import type { Clock } from '@gong/core/ports/clock';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import type { QueuePort } from '@gong/core/ports/queue';
import type { ScheduleTrigger } from '@gong/core/ports/schedule-trigger';
import type { Rng } from '@gong/core/rng';
import type { LoginPolicy } from '../auth/login';
import type { TokenIssuer, TokenVerifier } from '../auth/principal';
import type { ProbeFn } from '../health/probe';
import type { RunControlOptions } from '../run-control/deps';

export interface JiraConfig {
  baseUrl: string;
  projectKey: string;
  /** sent as `Authorization: Bearer <token>` (Jira personal access token) */
  token: string;
}

export interface ApiConfig {
  slotCount: number;
  fleetBasePort: number;
  login: LoginPolicy;
  /** how long a user stays "present" after their last request */
  presenceTtlSec: number;
  /** how long a connection health result is reused before probing again */
  healthTtlSec: number;
  /** per TCP probe */
  probeTimeoutMs: number;
  /** jCli telnet dialogue: per-prompt timeout */
  jcliTimeoutMs: number;
  jira?: JiraConfig;
}

export const DEFAULT_API_CONFIG: Omit<ApiConfig, 'login'> = {
  slotCount: 2,
  fleetBasePort: 2780,
  presenceTtlSec: 120,
  healthTtlSec: 60,
  probeTimeoutMs: 1500,
  jcliTimeoutMs: 5000,
};

/** Latest status of every worker slot (written by the analyzer from `worker.status` events). */
export interface FleetStatusSource {
  list(now: number): Promise<WorkerStatus[]>;
}

/** Everything the API needs, injected: tests pass in-memory twins, the Lambda handler the AWS adapters. */
export interface ApiDeps {
  repositories: Repositories;
  queue: QueuePort;
  clock: Clock;
  config: ApiConfig;
  tokens: TokenVerifier & { issuer?: TokenIssuer };
  fleet: FleetStatusSource;
  /** run metrics and functional session logs (written by the analyzer into the metrics table) */
  metrics: MetricsStore;
  /** draws run ids (run control); seeded in tests */
  rng: Rng;
  runControl?: Partial<RunControlOptions>;
  /** EventBridge Scheduler entries of saved schedules (AWS); absent locally, where the timer reads the table */
  scheduleTrigger?: ScheduleTrigger;
  /** TCP reachability probe (real sockets by default) */
  probe?: ProbeFn;
  /** HTTP client for the Jira export (global fetch by default) */
  fetch?: typeof fetch;
  log?: (message: string, error?: unknown) => void;
}
