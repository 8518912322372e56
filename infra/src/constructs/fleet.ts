import { physicalName } from '@gong/core/infra/resources';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { DockerImageAsset } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '../runtime-env';
import type { GongData } from './data';
import type { GongNetwork } from './network';
import type { GongQueues } from './queues';

/** Fargate's maximum: SIGTERM, then this long to finish in-flight exchanges and flush results. */
export const FLEET_STOP_TIMEOUT = Duration.seconds(120);
export const WORKER_CONTAINER = 'worker';

export interface GongFleetProps {
  prefix: string;
  slotCount: number;
  fleetBasePort: number;
  /** CIDR allowed to open SMPP connections to the slot ports */
  gatewayCidr: string;
  /** desired tasks per slot at deploy time; undefined = leave whatever run control set */
  desiredCount?: number;
  network: GongNetwork;
  data: GongData;
  queues: GongQueues;
  /** built from smpp-fleet/Dockerfile (at deploy time; synth needs no Docker) */
  image: DockerImageAsset;
  /** variables every Gong process gets (prefix, slot count, table names…) */
  environment: Record<string, string>;
  removalPolicy: RemovalPolicy;
}

export interface FleetSlot {
  slot: number;
  port: number;
  service: ecs.FargateService;
  listener: elbv2.NetworkListener;
  taskDefinition: ecs.FargateTaskDefinition;
}

/**
 * The SMPP worker fleet: one Fargate service per slot (exactly one task: a slot owns its command
 * queue and its port), each behind its own NLB TCP listener on port `fleetBasePort + slot`.
 */
export class GongFleet extends Construct {
  readonly slots: FleetSlot[] = [];
  readonly securityGroup: ec2.SecurityGroup;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: GongFleetProps) {
    super(scope, id);
    const { network } = props;
    this.securityGroup = new ec2.SecurityGroup(this, 'WorkerSg', {
      vpc: network.vpc,
      description: 'Gong fleet workers: slot ports from the NLB only; outbound for AWS APIs and ESME mode',
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/${props.prefix}/fleet`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    const image = ecs.ContainerImage.fromDockerImageAsset(props.image);
    const gatewayPeer = ec2.Peer.ipv4(props.gatewayCidr);
    for (let slot = 0; slot < props.slotCount; slot++) {
      this.slots.push(this.addSlot(props, slot, image, gatewayPeer));
    }
  }

  get serviceNames(): string[] {
    return this.slots.map((s) => s.service.serviceName);
  }

  /** Run control: set the desired count of the fleet services (up before a run, down after). */
  grantScale(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['ecs:UpdateService', 'ecs:DescribeServices'],
      resourceArns: this.slots.map((s) => s.service.serviceArn),
    });
  }

  private addSlot(
    props: GongFleetProps,
    slot: number,
    image: ecs.ContainerImage,
    gatewayPeer: ec2.IPeer,
  ): FleetSlot {
    const port = props.fleetBasePort + slot;
    const name = physicalName(props.prefix, `fleet-slot-${slot}`);
    const taskDefinition = new ecs.FargateTaskDefinition(this, `Slot${slot}Task`, {
      family: name,
      cpu: 1024,
      memoryLimitMiB: 2048,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer(WORKER_CONTAINER, {
      image,
      command: ['--slot', String(slot)],
      environment: { ...props.environment, [ENV.slot]: String(slot) },
      portMappings: [{ containerPort: port, protocol: ecs.Protocol.TCP, name: 'smpp' }],
      stopTimeout: FLEET_STOP_TIMEOUT,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: `slot-${slot}` }),
      healthCheck: {
        // the SMPP port accepts TCP: that is what a gateway needs from a worker
        command: ['CMD', 'node', '-e', tcpProbe(port)],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });
    props.queues.grantConsumeCommands(taskDefinition.taskRole, slot);
    props.queues.grantSendResults(taskDefinition.taskRole);
    props.data.grantWorkerStatus(taskDefinition.taskRole);

    const service = new ecs.FargateService(this, `Slot${slot}Service`, {
      cluster: props.network.cluster,
      serviceName: name,
      taskDefinition,
      desiredCount: props.desiredCount,
      // one task per slot: stop the old before starting the new, never two consumers on one slot
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: props.network.assignPublicIp,
      vpcSubnets: props.network.taskSubnets,
      securityGroups: [this.securityGroup],
      healthCheckGracePeriod: Duration.seconds(60),
    });
    props.network.openPort(gatewayPeer, port, this.securityGroup, `SMPP slot ${slot}`);
    const listener = props.network.loadBalancer.addListener(`Slot${slot}`, {
      port,
      protocol: elbv2.Protocol.TCP,
    });
    const targetGroup = listener.addTargets(`Slot${slot}Workers`, {
      port,
      // the NLB's security group is what the worker security group trusts (see GongNetwork.openPort)
      preserveClientIp: false,
      protocol: elbv2.Protocol.TCP,
      targets: [service.loadBalancerTarget({ containerName: WORKER_CONTAINER, containerPort: port })],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        protocol: elbv2.Protocol.TCP,
        interval: Duration.seconds(10),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
    });
    // on scale-in / redeploy, close the gateway's SMPP session so it rebinds to the new task
    targetGroup.setAttribute('deregistration_delay.connection_termination.enabled', 'true');
    return { slot, port, service, listener, taskDefinition };
  }
}

function tcpProbe(port: number): string {
  return (
    `const s=require('node:net').connect(${port},'127.0.0.1');` +
    `s.on('connect',()=>{s.destroy();process.exit(0)});s.on('error',()=>process.exit(1));` +
    `setTimeout(()=>process.exit(1),4000)`
  );
}
