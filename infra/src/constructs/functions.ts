import { physicalName, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { GongEntries } from '../entries';
import { ENV } from '../runtime-env';
import type { GongAuth } from './auth';
import type { GongData } from './data';
import type { GongFleet } from './fleet';
import { GongFunction } from './gong-function';
import type { GongQueues } from './queues';
import type { GongSchedules } from './schedules';

/** Routes reachable without a token; everything else needs a Cognito JWT. */
export const PUBLIC_ROUTES = [
  { path: '/health', method: apigwv2.HttpMethod.GET },
  { path: '/auth/login', method: apigwv2.HttpMethod.POST },
  { path: '/openapi.json', method: apigwv2.HttpMethod.GET },
] as const;

const ANALYZER_TIMEOUT = Duration.seconds(30);

export interface GongFunctionsProps {
  prefix: string;
  entries: GongEntries;
  /** repository root holding the entries (tests use fixtures) */
  root?: string;
  environment: Record<string, string>;
  removalPolicy: RemovalPolicy;
  analyzerConcurrency: number;
  data: GongData;
  queues: GongQueues;
  auth: GongAuth;
  /** browser origin allowed by CORS (the web app) */
  webOrigin: string;
}

/**
 * The four Lambda functions and the HTTP API. Each function gets only its tables and queues:
 *  - api: config + metrics read/write (runs are started, stopped and finalized in-process), send
 *    fleet commands, manage users, invoke run control;
 *  - analyzer: consumes the results queue (partial batch responses), metrics + config read/write,
 *    send fleet commands (lifecycle events drive run control, which may send run.stop);
 *  - scheduler: config read/write, metrics read, send fleet commands (starts runs), invoke run control,
 *    scale the fleet (bindFleet: a started run's slots go up);
 *  - run control: config + metrics read/write, send fleet commands (and scale the fleet: bindFleet);
 *    invoked by the API, schedules and the timers (GongTimers).
 */
export class GongFunctions extends Construct {
  readonly api: lambda.Function;
  readonly analyzer: lambda.Function;
  readonly scheduler: lambda.Function;
  readonly runControl: lambda.Function;
  readonly httpApi: apigwv2.HttpApi;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: GongFunctionsProps) {
    super(scope, id);
    this.prefix = props.prefix;
    if (RESULTS_QUEUE.visibilityTimeoutSec < ANALYZER_TIMEOUT.toSeconds()) {
      throw new Error('the results queue visibility timeout must be at least the analyzer timeout');
    }
    const make = (cid: string, logical: string, entry: string, memorySize: number, timeout: Duration) =>
      new GongFunction(this, cid, {
        functionName: physicalName(props.prefix, logical),
        entry,
        root: props.root,
        memorySize,
        timeout,
        environment: { ...props.environment, [ENV.authMode]: 'cognito' },
        removalPolicy: props.removalPolicy,
        reservedConcurrentExecutions: logical === 'analyzer' ? props.analyzerConcurrency : undefined,
      }).fn;
    const { data, queues, auth } = props;

    this.runControl = make('RunControl', 'run-control', props.entries.runControl, 512, Duration.minutes(2));
    data.grantConfigReadWrite(this.runControl);
    data.grantMetricsReadWrite(this.runControl);
    // run.prepare/stop, and the timers' operators.sync to every slot
    queues.grantSendCommands(this.runControl);
    // housekeeping builds the API's dependencies (cognito mode checks these ids; no token is verified)
    this.runControl.addEnvironment(ENV.userPoolId, auth.userPool.userPoolId);
    this.runControl.addEnvironment(ENV.clientId, auth.appClient.userPoolClientId);

    this.api = make('Api', 'api', props.entries.api, 1024, Duration.seconds(29));
    data.grantConfigReadWrite(this.api);
    // stop/abort run in the API process and finalize there: the run summary is written to metrics
    data.grantMetricsReadWrite(this.api);
    queues.grantSendCommands(this.api);
    auth.grantManageUsers(this.api);
    this.runControl.grantInvoke(this.api);
    this.api.addEnvironment(ENV.jwtIssuer, auth.issuer);
    this.api.addEnvironment(ENV.userPoolId, auth.userPool.userPoolId);
    this.api.addEnvironment(ENV.clientId, auth.appClient.userPoolClientId);
    this.api.addEnvironment(ENV.webUrl, props.webOrigin);

    this.analyzer = make('Analyzer', 'analyzer', props.entries.analyzer, 1024, ANALYZER_TIMEOUT);
    this.analyzer.addEventSource(
      new SqsEventSource(queues.resultsQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    data.grantMetricsReadWrite(this.analyzer);
    // lifecycle events: run.done/error advance runs (runs, leases, sessions in config; the summary
    // in metrics), and a run that lost its stress lock gets run.stop on its slots' command queues
    data.grantConfigReadWrite(this.analyzer);
    queues.grantSendCommands(this.analyzer);

    this.scheduler = make('Scheduler', 'scheduler', props.entries.scheduler, 512, Duration.minutes(1));
    data.grantConfigReadWrite(this.scheduler);
    data.grantMetricsRead(this.scheduler);
    // a fired schedule starts its run (run.prepare to the slots), like the API's POST /runs
    queues.grantSendCommands(this.scheduler);
    this.runControl.grantInvoke(this.scheduler);

    for (const fn of [this.api, this.scheduler]) {
      fn.addEnvironment(ENV.runControlFunction, physicalName(props.prefix, 'run-control'));
    }
    this.httpApi = this.createHttpApi(props);
  }

  /** The API creates schedules and the scheduler re-schedules a busy retry, in the Gong group only. */
  bindSchedules(schedules: GongSchedules): void {
    // built from pseudo parameters and the name, not the ARN attribute: the scheduler must not depend on itself
    const targetArn = `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:${physicalName(this.prefix, 'scheduler')}`;
    for (const fn of [this.api, this.scheduler]) {
      schedules.grantManageSchedules(fn);
      fn.addEnvironment(ENV.scheduleGroup, schedules.group.scheduleGroupName);
      fn.addEnvironment(ENV.scheduleRoleArn, schedules.role.roleArn);
      fn.addEnvironment(ENV.scheduleTargetArn, targetArn);
    }
    // run control is driven by the API and, per tenant, by `runs.tick` schedules
    schedules.allowTarget(this.runControl);
  }

  /**
   * Run control scales the fleet services (desired count up before a run, down to `baseline` after,
   * from its periodic runs.tick-all).
   */
  bindFleet(fleet: GongFleet, clusterName: string, baseline: number): void {
    // the scheduler starts runs in-process (startRun scales the run's slots up before run.prepare)
    for (const fn of [this.runControl, this.scheduler]) {
      fleet.grantScale(fn);
      fn.addEnvironment(ENV.ecsCluster, clusterName);
      fn.addEnvironment(ENV.fleetServices, fleet.serviceNames.join(','));
      fn.addEnvironment(ENV.fleetBaseline, String(baseline));
    }
  }

  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  private createHttpApi(props: GongFunctionsProps): apigwv2.HttpApi {
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.auth.userPool, {
      authorizerName: 'cognito',
      userPoolClients: [props.auth.appClient],
    });
    const httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: physicalName(props.prefix, 'api'),
      defaultAuthorizer: authorizer,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: [apigwv2.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
        allowCredentials: true,
        maxAge: Duration.hours(1),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.api);
    for (const route of PUBLIC_ROUTES) {
      httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: new apigwv2.HttpNoneAuthorizer(),
      });
    }
    // browsers send CORS preflights without a token; they must not meet the authorizer
    httpApi.addRoutes({
      path: '/{proxy+}',
      methods: [apigwv2.HttpMethod.OPTIONS],
      integration,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    httpApi.addRoutes({
      path: '/{proxy+}',
      methods: [
        apigwv2.HttpMethod.GET,
        apigwv2.HttpMethod.POST,
        apigwv2.HttpMethod.PUT,
        apigwv2.HttpMethod.PATCH,
        apigwv2.HttpMethod.DELETE,
      ],
      integration,
    });
    return httpApi;
  }
}
