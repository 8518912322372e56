import { physicalName } from '@gong/core/infra/resources';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export interface GongNetworkProps {
  prefix: string;
  /** 0 = tasks run in public subnets with public IPs (cheapest); > 0 = private subnets behind NAT */
  natGateways: number;
}

/**
 * What the fleet and the web app share: the VPC, the ECS cluster, and one internet-facing Network
 * Load Balancer (one TCP listener per worker slot for the gateways, one for the web app).
 */
export class GongNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly cluster: ecs.Cluster;
  readonly loadBalancer: elbv2.NetworkLoadBalancer;
  readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  readonly taskSubnets: ec2.SubnetSelection;
  readonly assignPublicIp: boolean;

  constructor(scope: Construct, id: string, props: GongNetworkProps) {
    super(scope, id);
    const privateTasks = props.natGateways > 0;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        ...(privateTasks
          ? [{ name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }]
          : []),
      ],
    });
    this.taskSubnets = {
      subnetType: privateTasks ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC,
    };
    this.assignPublicIp = !privateTasks;
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: this.vpc,
      clusterName: physicalName(props.prefix, 'fleet'),
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.loadBalancerSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSg', {
      vpc: this.vpc,
      description: 'Gong NLB: SMPP slot ports for gateways, HTTP for the web app',
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'Nlb', {
      vpc: this.vpc,
      internetFacing: true,
      loadBalancerName: physicalName(props.prefix, 'nlb'),
      securityGroups: [this.loadBalancerSecurityGroup],
      crossZoneEnabled: true,
    });
  }

  /**
   * Lets `peer` reach `listenerPort` on the load balancer, and the load balancer reach `targetPort`
   * (default: the same) on the `targets` security group — and nothing else.
   */
  openPort(
    peer: ec2.IPeer,
    listenerPort: number,
    targets: ec2.ISecurityGroup,
    description: string,
    targetPort = listenerPort,
  ): void {
    this.loadBalancerSecurityGroup.addIngressRule(peer, ec2.Port.tcp(listenerPort), description);
    this.loadBalancerSecurityGroup.addEgressRule(targets, ec2.Port.tcp(targetPort), `to ${description}`);
    targets.addIngressRule(
      this.loadBalancerSecurityGroup,
      ec2.Port.tcp(targetPort),
      `from NLB: ${description}`,
    );
  }
}
