import { CONFIG_TABLE, METRICS_TABLE, physicalName } from '@gong/core/infra/resources';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { GongConfig } from './config';
import { GongAuth } from './constructs/auth';
import { GongData } from './constructs/data';
import { GongFleet } from './constructs/fleet';
import { GongFunctions } from './constructs/functions';
import { repoImage } from './constructs/images';
import { GongNetwork } from './constructs/network';
import { GongQueues } from './constructs/queues';
import { GongSchedules } from './constructs/schedules';
import { GongTimers } from './constructs/timers';
import { GongWeb } from './constructs/web';
import { assertEntriesExist, ENTRIES, type GongEntries, REPO_ROOT } from './entries';
import { ENV } from './runtime-env';

export interface GongStackProps extends StackProps {
  config: GongConfig;
  /** source files to deploy; defaults to the real ones (tests pass fixtures) */
  entries?: GongEntries;
  /** the directory the entries are relative to; defaults to the repository root */
  root?: string;
}

/** Everything Gong needs in one account/region; wiring only — each concern lives in a construct. */
export class GongStack extends Stack {
  readonly data: GongData;
  readonly queues: GongQueues;
  readonly auth: GongAuth;
  readonly network: GongNetwork;
  readonly web: GongWeb;
  readonly functions: GongFunctions;
  readonly schedules: GongSchedules;
  readonly fleet: GongFleet;
  readonly timers: GongTimers;

  constructor(scope: Construct, id: string, props: GongStackProps) {
    super(scope, id, props);
    const { config } = props;
    const entries = props.entries ?? ENTRIES;
    const root = props.root ?? REPO_ROOT;
    assertEntriesExist(entries, root);
    const removalPolicy = config.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const { prefix } = config;
    const environment: Record<string, string> = {
      [ENV.prefix]: prefix,
      [ENV.slotCount]: String(config.slotCount),
      [ENV.fleetBasePort]: String(config.fleetBasePort),
      [ENV.configTable]: physicalName(prefix, CONFIG_TABLE.name),
      [ENV.metricsTable]: physicalName(prefix, METRICS_TABLE.name),
    };

    this.data = new GongData(this, 'Data', { prefix, removalPolicy });
    this.queues = new GongQueues(this, 'Queues', { prefix, slotCount: config.slotCount });
    this.auth = new GongAuth(this, 'Auth', { prefix, removalPolicy });
    this.network = new GongNetwork(this, 'Network', { prefix, natGateways: config.natGateways });
    this.web = new GongWeb(this, 'Web', { prefix, network: this.network, removalPolicy });
    this.auth.addAppClient(this.web.url);

    this.functions = new GongFunctions(this, 'Functions', {
      prefix,
      entries,
      root,
      environment,
      removalPolicy,
      analyzerConcurrency: config.analyzerConcurrency,
      data: this.data,
      queues: this.queues,
      auth: this.auth,
      webOrigin: this.web.url,
    });
    this.schedules = new GongSchedules(this, 'Schedules', {
      prefix,
      target: this.functions.scheduler,
      removalPolicy,
    });
    this.functions.bindSchedules(this.schedules);

    this.fleet = new GongFleet(this, 'Fleet', {
      prefix,
      slotCount: config.slotCount,
      fleetBasePort: config.fleetBasePort,
      gatewayCidr: config.gatewayCidr,
      desiredCount: config.fleetDesiredCount,
      network: this.network,
      data: this.data,
      queues: this.queues,
      image: repoImage(this, 'FleetImage', root, entries.fleetDockerfile),
      environment: { ...environment, AWS_REGION: this.region },
      removalPolicy,
    });
    this.functions.bindFleet(this.fleet, physicalName(prefix, 'fleet'), config.fleetBaseline);
    this.timers = new GongTimers(this, 'Timers', { prefix, runControl: this.functions.runControl });

    this.web.addService({
      image: repoImage(this, 'WebImage', root, entries.webDockerfile),
      auth: this.auth,
      apiUrl: this.functions.url,
      desiredCount: config.webDesiredCount,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'the web app (HTTPS, CloudFront)' });
    new CfnOutput(this, 'ApiUrl', { value: this.functions.url, description: 'the HTTP API (Cognito JWT)' });
    new CfnOutput(this, 'FleetEndpoint', {
      value: this.network.loadBalancer.loadBalancerDnsName,
      description: `gateways bind here: port ${config.fleetBasePort} + slot`,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'AppClientId', { value: this.auth.appClient.userPoolClientId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.queues.alarmTopic.topicArn });
  }
}
