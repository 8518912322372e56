import { CONFIG_TABLE, DEFAULT_FLEET_BASE_PORT, METRICS_TABLE } from '@gong/core/infra/resources';
import { FLEET_STOP_TIMEOUT } from '@gong/infra/constructs/fleet';
import { ENV } from '@gong/infra/runtime-env';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { aGongStack } from './gong-stack-builder';
import { logicalIdOf, queueId, resourcesOfType } from './template-queries';

const SYNTH_TIMEOUT = 120_000;

describe('Gong stack resources (default context: prefix gong, 2 slots)', () => {
  let template: Template;
  beforeAll(() => {
    template = aGongStack().template;
  }, SYNTH_TIMEOUT);

  describe('data', () => {
    it.each([CONFIG_TABLE, METRICS_TABLE])(
      '$name table: on demand, PITR, TTL, KMS encryption, keys from the defs',
      (def) => {
        template.hasResourceProperties('AWS::DynamoDB::Table', {
          TableName: `gong-${def.name}`,
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
          SSESpecification: { SSEEnabled: true },
          KeySchema: [
            { AttributeName: def.partitionKey, KeyType: 'HASH' },
            { AttributeName: def.sortKey, KeyType: 'RANGE' },
          ],
        });
      },
    );

    it('config table carries the GSI from the shared definition', () => {
      const gsi = CONFIG_TABLE.indexes[0];
      expect(gsi).toBeDefined();
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: 'gong-config',
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: gsi?.name,
            KeySchema: [
              { AttributeName: gsi?.partitionKey, KeyType: 'HASH' },
              { AttributeName: gsi?.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ],
      });
    });

    it('tables are retained on stack deletion by default', () => {
      for (const [, table] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
        expect(table.DeletionPolicy).toBe('Retain');
      }
    });
  });

  describe('queues', () => {
    it('every queue is SQS-managed encrypted and refuses plain HTTP', () => {
      const queues = resourcesOfType(template, 'AWS::SQS::Queue');
      expect(queues.map(([, q]) => (q.Properties as { QueueName: string }).QueueName).sort()).toEqual([
        'gong-fleet-slot-0',
        'gong-fleet-slot-0-dlq',
        'gong-fleet-slot-1',
        'gong-fleet-slot-1-dlq',
        'gong-results',
        'gong-results-dlq',
      ]);
      for (const [, queue] of queues) expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      template.resourcePropertiesCountIs(
        'AWS::SQS::QueuePolicy',
        {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        },
        6,
      );
    });

    it.each([
      ['gong-results', 'gong-results-dlq'],
      ['gong-fleet-slot-0', 'gong-fleet-slot-0-dlq'],
      ['gong-fleet-slot-1', 'gong-fleet-slot-1-dlq'],
    ])('%s redrives to %s after 5 receives', (queue, dlq) => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queue,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [queueId(template, dlq), 'Arn'] },
          maxReceiveCount: 5,
        },
      });
    });

    it.each(['gong-results-dlq', 'gong-fleet-slot-0-dlq', 'gong-fleet-slot-1-dlq'])(
      'an alarm fires as soon as %s holds a message, notifying the alarm topic',
      (dlq) => {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(template, dlq), 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [{ Ref: logicalIdOf(template, 'AWS::SNS::Topic', '"TopicName":"gong-alarms"') }],
        });
      },
    );
  });

  describe('fleet', () => {
    it.each([0, 1])(
      'slot %i: a Fargate service with one worker on port base+slot behind its own NLB listener',
      (slot) => {
        const port = DEFAULT_FLEET_BASE_PORT + slot;
        template.hasResourceProperties('AWS::ECS::TaskDefinition', {
          Family: `gong-fleet-slot-${slot}`,
          RequiresCompatibilities: ['FARGATE'],
          ContainerDefinitions: [
            Match.objectLike({
              Name: 'worker',
              Command: ['--slot', String(slot)],
              PortMappings: [Match.objectLike({ ContainerPort: port, Protocol: 'tcp' })],
              StopTimeout: FLEET_STOP_TIMEOUT.toSeconds(),
              HealthCheck: Match.objectLike({ Command: Match.arrayWith(['CMD', 'node']) }),
              // arrayWith keeps order: shared variables first, then the slot
              Environment: Match.arrayWith([
                { Name: ENV.prefix, Value: 'gong' },
                { Name: ENV.fleetBasePort, Value: String(DEFAULT_FLEET_BASE_PORT) },
                { Name: ENV.slot, Value: String(slot) },
              ]),
            }),
          ],
        });
        template.hasResourceProperties('AWS::ECS::Service', {
          ServiceName: `gong-fleet-slot-${slot}`,
          LaunchType: 'FARGATE',
          DeploymentConfiguration: Match.objectLike({ MaximumPercent: 100, MinimumHealthyPercent: 0 }),
          LoadBalancers: [Match.objectLike({ ContainerName: 'worker', ContainerPort: port })],
        });
        template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
          Port: port,
          Protocol: 'TCP',
        });
        template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
          Port: port,
          Protocol: 'TCP',
          TargetType: 'ip',
          HealthCheckProtocol: 'TCP',
          TargetGroupAttributes: Match.arrayWith([
            { Key: 'deregistration_delay.connection_termination.enabled', Value: 'true' },
          ]),
        });
      },
    );

    it('the fleet services do not pin a desired count, so a deploy does not undo run control', () => {
      for (const [, service] of resourcesOfType(template, 'AWS::ECS::Service')) {
        const props = service.Properties as { ServiceName: string; DesiredCount?: number };
        if (props.ServiceName.startsWith('gong-fleet-slot-')) expect(props.DesiredCount).toBeUndefined();
      }
    });

    it('the NLB is internet facing and only the slot ports and the web port are open on it', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Type: 'network',
        Scheme: 'internet-facing',
      });
      const sg = logicalIdOf(template, 'AWS::EC2::SecurityGroup', 'Gong NLB');
      const ingress = template.toJSON().Resources[sg].Properties.SecurityGroupIngress as {
        FromPort: number;
      }[];
      expect(ingress.map((r) => r.FromPort).sort((a, b) => a - b)).toEqual([
        80,
        DEFAULT_FLEET_BASE_PORT,
        DEFAULT_FLEET_BASE_PORT + 1,
      ]);
    });
  });

  describe('functions', () => {
    it.each(['api', 'analyzer', 'scheduler', 'run-control'])(
      'gong-%s runs on Node 22 with the shared env',
      (name) => {
        template.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `gong-${name}`,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Environment: {
            Variables: Match.objectLike({
              [ENV.prefix]: 'gong',
              [ENV.slotCount]: '2',
              [ENV.configTable]: 'gong-config',
              [ENV.metricsTable]: 'gong-metrics',
            }),
          },
        });
      },
    );

    it('the analyzer consumes the results queue with partial batch responses and reserved concurrency', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId(template, 'gong-results'), 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'gong-analyzer',
        ReservedConcurrentExecutions: 5,
        Timeout: Match.anyValue(),
      });
    });

    it('the API knows its issuer, clients, schedule group and role; run control knows the fleet services', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'gong-api',
        Environment: {
          Variables: Match.objectLike({
            [ENV.jwtIssuer]: Match.anyValue(),
            [ENV.userPoolId]: Match.anyValue(),
            [ENV.clientId]: { Ref: logicalIdOf(template, 'AWS::Cognito::UserPoolClient', 'gong-app') },
            [ENV.authMode]: 'cognito',
            [ENV.scheduleGroup]: Match.anyValue(),
            [ENV.scheduleRoleArn]: Match.anyValue(),
            [ENV.scheduleTargetArn]: Match.anyValue(),
            [ENV.runControlFunction]: 'gong-run-control',
          }),
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'gong-scheduler',
        Environment: {
          Variables: Match.objectLike({
            [ENV.scheduleTargetArn]: {
              'Fn::Join': [
                '',
                Match.arrayWith([
                  { Ref: 'AWS::AccountId' },
                  Match.stringLikeRegexp(':function:gong-scheduler$'),
                ]),
              ],
            },
          }),
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'gong-run-control',
        Environment: {
          Variables: Match.objectLike({
            [ENV.ecsCluster]: 'gong-fleet',
            [ENV.fleetServices]: Match.anyValue(),
          }),
        },
      });
    });

    it('the HTTP API requires a Cognito JWT on every route except health, login and the OpenAPI document', () => {
      const authorizer = logicalIdOf(template, 'AWS::ApiGatewayV2::Authorizer', '"AuthorizerType":"JWT"');
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalIdOf(template, 'AWS::Cognito::UserPoolClient', 'gong-app') }],
          Issuer: Match.anyValue(),
        },
      });
      const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(
        ([, r]) => r.Properties as { RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown },
      );
      const open = routes.filter((r) => r.AuthorizationType === 'NONE').map((r) => r.RouteKey);
      expect(open.sort()).toEqual([
        'GET /health',
        'GET /openapi.json',
        'OPTIONS /{proxy+}',
        'POST /auth/login',
      ]);
      const guarded = routes.filter((r) => r.AuthorizationType !== 'NONE');
      expect(guarded.length).toBeGreaterThanOrEqual(5);
      for (const route of guarded) {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: authorizer });
      }
    });
  });

  describe('auth, web, schedules', () => {
    it('Cognito: admin-created users, an immutable tenant attribute, one group per role', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'tenant', Mutable: false, AttributeDataType: 'String' }),
        ]),
      });
      // one public client: the API verifies ID tokens from the web (next-auth) and from /auth/login alike
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: 'gong-app',
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        CallbackURLs: [
          {
            'Fn::Join': [
              '',
              ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }, '/api/auth/callback/cognito'],
            ],
          },
        ],
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH']),
      });
      const groups = resourcesOfType(template, 'AWS::Cognito::UserPoolGroup').map(
        ([, g]) => (g.Properties as { GroupName: string }).GroupName,
      );
      expect(groups.sort()).toEqual(['admin', 'stress', 'tester', 'viewer']);
    });

    it('the web app runs on Fargate behind the NLB and CloudFront, its session secret from Secrets Manager', () => {
      template.hasResourceProperties('AWS::ECS::Service', { ServiceName: 'gong-web', DesiredCount: 1 });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'TCP' });
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        }),
      });
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: 'gong-web',
        ContainerDefinitions: [
          Match.objectLike({
            Secrets: [Match.objectLike({ Name: 'NEXTAUTH_SECRET' })],
            Environment: Match.arrayWith([
              Match.objectLike({ Name: 'NEXTAUTH_URL' }),
              Match.objectLike({ Name: ENV.apiUrl }),
              Match.objectLike({ Name: ENV.clientId }),
              Match.objectLike({ Name: ENV.cognitoIssuer }),
            ]),
          }),
        ],
      });
    });

    it('a schedule group and a role that only EventBridge Scheduler of this account may assume', () => {
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'gong-schedules' });
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: Match.objectLike({
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              }),
            }),
          ],
        },
      });
    });
  });
});

describe('context changes the shape', () => {
  it(
    'three slots on another base port and prefix give three services, listeners and queue pairs',
    () => {
      const { template } = aGongStack({
        config: { prefix: 'acme', slotCount: 3, fleetBasePort: 3000, fleetDesiredCount: 1 },
      });
      for (const slot of [0, 1, 2]) {
        template.hasResourceProperties('AWS::ECS::Service', {
          ServiceName: `acme-fleet-slot-${slot}`,
          DesiredCount: 1,
        });
        template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 3000 + slot });
        template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `acme-fleet-slot-${slot}` });
        template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `acme-fleet-slot-${slot}-dlq` });
      }
      template.resourceCountIs('AWS::SQS::Queue', 8);
      template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'acme-config' });
    },
    SYNTH_TIMEOUT,
  );

  it(
    'removal=destroy lets a throw-away stack delete its tables',
    () => {
      const { template } = aGongStack({ config: { removal: 'destroy' } });
      for (const [, table] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
        expect(table.DeletionPolicy).toBe('Delete');
      }
    },
    SYNTH_TIMEOUT,
  );
});
