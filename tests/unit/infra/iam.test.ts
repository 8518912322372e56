import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { aGongStack } from './gong-stack-builder';
import {
  allows,
  functionRole,
  logicalIdOf,
  type Permission,
  permissionsOf,
  queueId,
  resourcesOfType,
  tableId,
  taskRole,
} from './template-queries';

const CONSUME = ['sqs:ReceiveMessage', 'sqs:DeleteMessage'];
const TABLE_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('IAM least privilege', () => {
  let template: Template;
  let ids: Record<string, string>;
  const perms = (role: string): Permission[] => permissionsOf(template, role);

  beforeAll(() => {
    template = aGongStack().template;
    ids = {
      results: queueId(template, 'gong-results'),
      resultsDlq: queueId(template, 'gong-results-dlq'),
      slot0: queueId(template, 'gong-fleet-slot-0'),
      slot1: queueId(template, 'gong-fleet-slot-1'),
      slot0Dlq: queueId(template, 'gong-fleet-slot-0-dlq'),
      config: tableId(template, 'gong-config'),
      metrics: tableId(template, 'gong-metrics'),
      api: functionRole(template, 'gong-api'),
      analyzer: functionRole(template, 'gong-analyzer'),
      scheduler: functionRole(template, 'gong-scheduler'),
      runControl: functionRole(template, 'gong-run-control'),
      worker0: taskRole(template, 'gong-fleet-slot-0'),
      worker1: taskRole(template, 'gong-fleet-slot-1'),
      service0: logicalIdOf(template, 'AWS::ECS::Service', '"ServiceName":"gong-fleet-slot-0"'),
      service1: logicalIdOf(template, 'AWS::ECS::Service', '"ServiceName":"gong-fleet-slot-1"'),
      webService: logicalIdOf(template, 'AWS::ECS::Service', '"ServiceName":"gong-web"'),
      scheduleRole: logicalIdOf(template, 'AWS::IAM::Role', 'scheduler.amazonaws.com'),
      schedulerFn: logicalIdOf(template, 'AWS::Lambda::Function', '"FunctionName":"gong-scheduler"'),
      runControlFn: logicalIdOf(template, 'AWS::Lambda::Function', '"FunctionName":"gong-run-control"'),
    };
  }, 120_000);

  it('the analyzer consumes the results queue, may only send to command queues, and touches no DLQ', () => {
    const analyzer = perms(ids.analyzer as string);
    for (const action of CONSUME) expect(allows(analyzer, action, ids.results as string)).toBe(true);
    // lifecycle events drive run control: a run that lost its lease gets run.stop on its slots
    for (const slot of [ids.slot0, ids.slot1] as string[]) {
      expect(allows(analyzer, 'sqs:SendMessage', slot)).toBe(true);
      for (const action of CONSUME) expect(allows(analyzer, action, slot)).toBe(false);
    }
    expect(allows(analyzer, 'sqs:SendMessage', ids.results as string)).toBe(false);
    for (const queue of [ids.slot0Dlq, ids.resultsDlq] as string[]) {
      expect(analyzer.some((p) => p.resources.includes(`"${queue}"`))).toBe(false);
    }
    expect(allows(analyzer, 'dynamodb:PutItem', ids.metrics as string)).toBe(true);
    // runs, stress-lock leases and functional sessions live in the config table
    for (const action of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect(allows(analyzer, action, ids.config as string)).toBe(true);
    }
    expect(
      analyzer.some((p) => p.actions.some((a) => a.startsWith('ecs:') || a.startsWith('scheduler:'))),
    ).toBe(false);
  });

  it('the API sends fleet commands but cannot consume any queue or touch a dead-letter queue', () => {
    const api = perms(ids.api as string);
    for (const slot of [ids.slot0, ids.slot1] as string[]) {
      expect(allows(api, 'sqs:SendMessage', slot)).toBe(true);
      for (const action of CONSUME) expect(allows(api, action, slot)).toBe(false);
    }
    for (const action of [...CONSUME, 'sqs:SendMessage'])
      expect(allows(api, action, ids.results as string)).toBe(false);
    for (const queue of [ids.resultsDlq, ids.slot0Dlq] as string[]) {
      expect(api.some((p) => p.resources.includes(`"${queue}"`))).toBe(false);
    }
    // runs are stopped and finalized in the API process: it writes the run summary
    expect(allows(api, 'dynamodb:Query', ids.metrics as string)).toBe(true);
    expect(allows(api, 'dynamodb:PutItem', ids.metrics as string)).toBe(true);
    expect(allows(api, 'dynamodb:PutItem', ids.config as string)).toBe(true);
    expect(allows(api, 'ecs:UpdateService', ids.service0 as string)).toBe(false);
    expect(allows(api, 'lambda:InvokeFunction', ids.runControlFn as string)).toBe(true);
  });

  it('the API and the scheduler manage schedules only in the Gong group, and may pass only the schedule role', () => {
    for (const role of [ids.api, ids.scheduler] as string[]) {
      const statements = perms(role).filter((p) => p.actions.some((a) => a.startsWith('scheduler:')));
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) expect(s.resources).toContain(':schedule/gong-schedules/*');
      expect(statements.some((s) => s.actions.includes('scheduler:CreateSchedule'))).toBe(true);
      const passRole = perms(role).filter((p) => p.actions.includes('iam:PassRole'));
      expect(passRole).toHaveLength(1);
      expect(passRole[0]?.resources).toContain(`"${ids.scheduleRole}"`);
    }
    const scheduleRole = perms(ids.scheduleRole as string);
    expect(
      scheduleRole.every((p) => p.actions.length === 1 && p.actions[0] === 'lambda:InvokeFunction'),
    ).toBe(true);
    expect(allows(scheduleRole, 'lambda:InvokeFunction', ids.schedulerFn as string)).toBe(true);
    expect(allows(scheduleRole, 'lambda:InvokeFunction', ids.runControlFn as string)).toBe(true);
    const apiFn = logicalIdOf(template, 'AWS::Lambda::Function', '"FunctionName":"gong-api"');
    expect(allows(scheduleRole, 'lambda:InvokeFunction', apiFn)).toBe(false);
  });

  it('the scheduler sends fleet commands to start runs, consumes nothing and only reads metrics', () => {
    const scheduler = perms(ids.scheduler as string);
    expect(allows(scheduler, 'sqs:SendMessage', ids.slot0 as string)).toBe(true);
    for (const action of CONSUME) {
      for (const queue of [ids.slot0, ids.slot1, ids.results] as string[])
        expect(allows(scheduler, action, queue)).toBe(false);
    }
    expect(allows(scheduler, 'sqs:SendMessage', ids.results as string)).toBe(false);
    expect(allows(scheduler, 'lambda:InvokeFunction', ids.runControlFn as string)).toBe(true);
    for (const action of TABLE_WRITES) expect(allows(scheduler, action, ids.metrics as string)).toBe(false);
    // it starts runs in-process: the run's slots are scaled up first, on the fleet services only
    const ecs = scheduler.filter((p) => p.actions.some((a) => a.startsWith('ecs:')));
    expect(ecs).toHaveLength(1);
    expect(ecs[0]?.actions.sort()).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(allows(scheduler, 'ecs:UpdateService', ids.service0 as string)).toBe(true);
    expect(allows(scheduler, 'ecs:UpdateService', ids.webService as string)).toBe(false);
  });

  it('run control scales exactly the fleet services and sends (never consumes) fleet commands', () => {
    const runControl = perms(ids.runControl as string);
    const ecs = runControl.filter((p) => p.actions.some((a) => a.startsWith('ecs:')));
    expect(ecs).toHaveLength(1);
    expect(ecs[0]?.actions.sort()).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(ecs[0]?.resources).toContain(`"${ids.service0}"`);
    expect(ecs[0]?.resources).toContain(`"${ids.service1}"`);
    expect(ecs[0]?.resources).not.toContain(`"${ids.webService}"`);
    expect(allows(runControl, 'sqs:SendMessage', ids.slot1 as string)).toBe(true);
    for (const action of CONSUME) {
      for (const queue of [ids.slot0, ids.slot1, ids.results] as string[])
        expect(allows(runControl, action, queue)).toBe(false);
    }
  });

  it('a worker consumes only its own slot queue, publishes results, and only writes its status', () => {
    const worker0 = perms(ids.worker0 as string);
    for (const action of CONSUME) {
      expect(allows(worker0, action, ids.slot0 as string)).toBe(true);
      expect(allows(worker0, action, ids.slot1 as string)).toBe(false);
      expect(allows(worker0, action, ids.results as string)).toBe(false);
    }
    expect(allows(worker0, 'sqs:SendMessage', ids.results as string)).toBe(true);
    expect(allows(worker0, 'sqs:SendMessage', ids.slot1 as string)).toBe(false);
    expect(allows(worker0, 'dynamodb:PutItem', ids.config as string)).toBe(true);
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan']) {
      expect(allows(worker0, action, ids.config as string)).toBe(false);
    }
    expect(worker0.some((p) => p.resources.includes(`"${ids.metrics}"`))).toBe(false);
    expect(allows(perms(ids.worker1 as string), 'sqs:ReceiveMessage', ids.slot0 as string)).toBe(false);
  });

  it('no Gong function or worker role holds a wildcard action or a wildcard resource', () => {
    for (const role of [
      ids.api,
      ids.analyzer,
      ids.scheduler,
      ids.runControl,
      ids.worker0,
      ids.worker1,
    ] as string[]) {
      for (const p of perms(role)) {
        expect(p.resources, `${role}: ${p.actions.join(',')}`).not.toBe('"*"');
        expect(p.actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
      }
    }
  });

  it('every role is assumed by the service it belongs to (no shared roles)', () => {
    const roles = resourcesOfType(template, 'AWS::IAM::Role').map(([id]) => id);
    for (const role of [ids.api, ids.analyzer, ids.scheduler, ids.runControl, ids.worker0, ids.worker1]) {
      expect(roles).toContain(role);
    }
    expect(
      new Set([ids.api, ids.analyzer, ids.scheduler, ids.runControl, ids.worker0, ids.worker1]).size,
    ).toBe(6);
  });
});
