import { ensureQueues } from '@gong/core/adapters/aws/ensure-queues';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { commandQueue } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { FleetCommand } from '@gong/core/messages/fleet-command';
import { type Api, createApi } from '@gong/functions/api/app';
import type { ApiDeps } from '@gong/functions/api/deps';
import { awsConfigFrom, depsFromEnv } from '@gong/functions/api/wiring';
import { hashPassword } from '@gong/functions/auth/password';
import { Env } from '@gong/functions/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAwsConfig } from '../../support/aws-env';
import { aTenant, aUser } from '../../support/builders';
import { type FakeJcli, startFakeJcli } from '../../support/fake-jcli';
import { type FakeJira, startFakeJira } from '../../support/fake-jira';
import { call } from '../../unit/api/api-fixture';

/** The API wired exactly as the Lambda handler wires it, on DynamoDB Local and fauxqs. */
describe('API on DynamoDB Local + SQS', () => {
  const aws = testAwsConfig('api');
  const env = Env.parse({
    AWS_REGION: aws.region,
    AWS_ENDPOINT_URL_DYNAMODB: aws.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: aws.sqsEndpoint,
    GONG_PREFIX: aws.prefix,
    GONG_AUTH_MODE: 'local',
    GONG_JWT_SECRET: 'integration-secret-integration-secret',
  });
  let deps: ApiDeps;
  let api: Api;
  let jcli: FakeJcli;
  let jira: FakeJira;
  let adminToken: string;
  let otherToken: string;
  const queue = new SqsQueue(awsConfigFrom(env));

  const drain = async (slot: number): Promise<FleetCommand[]> => {
    const out: FleetCommand[] = [];
    for (;;) {
      const got = await queue.receive(commandQueue(slot).name, { max: 10, waitSeconds: 0 });
      if (got.length === 0) return out;
      await queue.ack(
        commandQueue(slot).name,
        got.map((m) => m.receipt),
      );
      out.push(...got.map((m) => decodeBody(FleetCommand, m.body)));
    }
  };

  const login = async (email: string, password: string) =>
    call(api, 'POST', '/auth/login', { body: { email, password } });

  beforeAll(async () => {
    await ensureTables(awsConfigFrom(env));
    await ensureQueues(awsConfigFrom(env), env.GONG_SLOT_COUNT);
    jcli = await startFakeJcli({ username: 'gongadmin', password: 'jcli-pass' });
    jira = await startFakeJira({ token: 'jira-token', projects: ['GONG'] });
    const wired = depsFromEnv(env);
    deps = {
      ...wired,
      config: {
        ...wired.config,
        probeTimeoutMs: 500,
        jira: { baseUrl: jira.url, projectKey: 'GONG', token: 'jira-token' },
        login: { ...wired.config.login, delayMsPerFailure: 20, maxDelayMs: 50 },
      },
    };
    api = createApi(deps);
    const hash = await hashPassword('admin-password');
    for (const t of ['tenant-a', 'tenant-b']) {
      await deps.repositories.tenants.put(aTenant({ id: `${aws.prefix}-${t}`, name: t }));
      await deps.repositories.users.put(
        `${aws.prefix}-${t}`,
        aUser({
          id: `admin-${t}`,
          tenantId: `${aws.prefix}-${t}`,
          email: `admin@${t}.${aws.prefix}.test`,
          roles: ['admin', 'tester', 'stress'],
          passwordHash: hash,
        }),
      );
    }
    adminToken = (await login(`admin@tenant-a.${aws.prefix}.test`, 'admin-password')).json.token;
    otherToken = (await login(`admin@tenant-b.${aws.prefix}.test`, 'admin-password')).json.token;
  });

  afterAll(async () => {
    await jcli?.close();
    await jira?.close();
  });

  it('reports DynamoDB and SQS healthy without a token', async () => {
    const res = await call(api, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(
      expect.objectContaining({ ok: true, dynamodb: expect.objectContaining({ ok: true }) }),
    );
    expect(res.json.sqs.ok).toBe(true);
  });

  it('logs in against the stored scrypt hash and knows the caller', async () => {
    expect(adminToken).toEqual(expect.any(String));
    const me = await call(api, 'GET', '/me', { token: adminToken });
    expect(me.json).toEqual(expect.objectContaining({ id: 'admin-tenant-a', tenantName: 'tenant-a' }));
    const bad = await login(`admin@tenant-a.${aws.prefix}.test`, 'wrong');
    expect(bad.status).toBe(401);
  });

  it('stores a connection and operators, syncs the slot over SQS, and keeps tenants apart', async () => {
    const conn = await call(api, 'POST', '/connections', {
      token: adminToken,
      body: {
        name: 'lab jasmin',
        jcli: { host: '127.0.0.1', port: jcli.port, username: 'gongadmin', password: 'jcli-pass' },
        smpp: { host: '127.0.0.1', port: jcli.port, systemId: 'gongesme', password: 'pw' },
        submitThroughput: 0,
      },
    });
    expect(conn.status).toBe(201);
    expect(conn.text).not.toContain('jcli-pass');
    await drain(1);
    const op = await call(api, 'POST', '/operators', {
      token: adminToken,
      body: {
        connectionId: conn.json.id,
        name: 'Orange',
        slot: 1,
        bindSystemId: `or${aws.prefix.slice(-6)}`,
        bindPassword: 'orangepw',
        numberRanges: [{ prefix: '407210', from: 0, to: 999, width: 3 }],
      },
    });
    expect(op.status).toBe(201);
    const sync = (await drain(1)).filter((c) => c.type === 'operators.sync');
    expect(sync.at(-1)).toEqual(
      expect.objectContaining({
        operators: expect.arrayContaining([
          expect.objectContaining({ operatorId: op.json.id, bindPassword: 'orangepw' }),
        ]),
      }),
    );
    expect((await call(api, 'GET', `/connections/${conn.json.id}`, { token: otherToken })).status).toBe(404);
    expect((await call(api, 'DELETE', `/operators/${op.json.id}`, { token: otherToken })).status).toBe(404);
    const listB = await call(api, 'GET', '/connections', { token: otherToken });
    expect(listB.text).not.toContain('lab jasmin');

    // apply the jCli script over telnet to the fake jCli
    const applied = await call(api, 'POST', `/connections/${conn.json.id}/apply`, { token: adminToken });
    expect(applied.status, applied.text).toBe(200);
    expect(jcli.started.has('gong_orange')).toBe(true);
    expect(jcli.connectors.get('gong_orange')).toEqual(
      expect.objectContaining({
        port: '2781',
        password: 'orangepw',
        submit_throughput: '0',
        bind: 'transceiver',
      }),
    );
    expect(jcli.mtRoutes).toHaveLength(1);
    expect(jcli.moRoutes).toHaveLength(1);
    expect(jcli.persisted).toBe(1);
    expect(applied.text).not.toContain('orangepw');
    // applying again: jCli refuses the duplicate connector and the API says which command failed
    const again = await call(api, 'POST', `/connections/${conn.json.id}/apply`, { token: adminToken });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('already exists');
    expect(again.json.error.details.failedCommand).toBe('ok');

    // health: jCli and SMPP ports answer (the fake), no worker has bound the operator → amber
    const test = await call(api, 'POST', `/connections/${conn.json.id}/test`, { token: adminToken });
    expect(test.json.health.colour).toBe('amber');
    expect(test.json.health.reason).toContain('not bound');
    const dash = await call(api, 'GET', '/dashboard', { token: adminToken });
    expect(dash.json.connections).toContainEqual(expect.objectContaining({ id: conn.json.id }));
    expect(dash.json.presence).toContainEqual(expect.objectContaining({ userId: 'admin-tenant-a' }));

    // functional session: open on the slot, log from the metrics table, CSV, Jira
    const session = await call(api, 'POST', '/sessions', {
      token: adminToken,
      body: { connectionId: conn.json.id, operatorId: op.json.id },
    });
    expect(session.status).toBe(201);
    expect((await drain(1)).map((c) => c.type)).toContain('session.open');
    await deps.metrics.applyBatch(session.json.tenantId, {
      batchId: `b-${session.json.id}`,
      runs: [],
      sessions: [
        {
          sessionId: session.json.id,
          entries: [
            {
              recordId: 'r1',
              operatorId: op.json.id,
              msisdn: session.json.msisdn,
              stepIndex: 0,
              text: 'BAL',
              encoding: 'gsm7',
              intendedAt: 1000,
              sentAt: 1001,
              replyText: 'Your balance is 42 EUR',
              replyAt: 1101,
              latencyMs: 100,
              verdict: 'valid',
            },
          ],
        },
      ],
    });
    const csv = await call(api, 'GET', `/sessions/${session.json.id}/export.csv`, { token: adminToken });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('Your balance is 42 EUR');
    const issue = await call(api, 'POST', `/sessions/${session.json.id}/jira`, { token: adminToken });
    expect(issue.status, issue.text).toBe(201);
    expect(issue.json.key).toBe('GONG-1');
    expect(jira.issues[0]?.fields.description).toContain('||#||Sent||Message||Reply||');
    expect(jira.issues[0]?.fields.description).toContain('|Your balance is 42 EUR|');
    const wrongProject = await call(api, 'POST', `/sessions/${session.json.id}/jira`, {
      token: adminToken,
      body: { projectKey: 'NOPE' },
    });
    expect(wrongProject.status).toBe(503);
    expect(wrongProject.json.error.message).toContain('project: valid project is required');
    expect((await call(api, 'GET', `/sessions/${session.json.id}/log`, { token: otherToken })).status).toBe(
      404,
    );
  });

  it('refuses a jCli login with wrong credentials with a clear 503', async () => {
    const conn = await call(api, 'POST', '/connections', {
      token: adminToken,
      body: {
        name: 'wrong creds',
        jcli: { host: '127.0.0.1', port: jcli.port, password: 'nope' },
        smpp: { host: '127.0.0.1' },
      },
    });
    const res = await call(api, 'POST', `/connections/${conn.json.id}/apply`, { token: adminToken });
    expect(res.status).toBe(503);
    expect(res.json.error.message).toContain('refused the username/password');
  });
});
