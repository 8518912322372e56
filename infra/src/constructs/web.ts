import { physicalName } from '@gong/core/infra/resources';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { DockerImageAsset } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../runtime-env';
import type { GongAuth } from './auth';
import type { GongNetwork } from './network';

export const WEB_PORT = 3000;
export const WEB_LISTENER_PORT = 80;
export const WEB_CONTAINER = 'web';

export interface GongWebProps {
  prefix: string;
  network: GongNetwork;
  removalPolicy: RemovalPolicy;
}

export interface WebServiceProps {
  /** built from web/Dockerfile (`next build`, then `next start`) */
  image: DockerImageAsset;
  auth: GongAuth;
  apiUrl: string;
  desiredCount: number;
}

/**
 * The Next.js app as a Fargate service behind the shared NLB (TCP 80 → 3000), fronted by CloudFront
 * for HTTPS on `https://<id>.cloudfront.net` (Cognito requires HTTPS callback URLs) with no domain
 * or certificate to manage. Two phases: the URL exists first (Cognito and CORS need it), the service
 * is added once the API URL is known.
 */
export class GongWeb extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly targetGroup: elbv2.NetworkTargetGroup;
  readonly securityGroup: ec2.SecurityGroup;
  service?: ecs.FargateService;
  private readonly props: GongWebProps;

  constructor(scope: Construct, id: string, props: GongWebProps) {
    super(scope, id);
    this.props = props;
    const { network } = props;
    this.securityGroup = new ec2.SecurityGroup(this, 'WebSg', {
      vpc: network.vpc,
      description: 'Gong web: HTTP from the NLB only',
    });
    network.openPort(ec2.Peer.anyIpv4(), WEB_LISTENER_PORT, this.securityGroup, 'web app', WEB_PORT);
    this.targetGroup = new elbv2.NetworkTargetGroup(this, 'Targets', {
      vpc: network.vpc,
      port: WEB_PORT,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.IP,
      preserveClientIp: false,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        protocol: elbv2.Protocol.HTTP,
        path: '/',
        healthyHttpCodes: '200-399',
        interval: Duration.seconds(15),
      },
    });
    network.loadBalancer.addListener('Web', {
      port: WEB_LISTENER_PORT,
      protocol: elbv2.Protocol.TCP,
      defaultTargetGroups: [this.targetGroup],
    });
    const origin = new origins.HttpOrigin(network.loadBalancer.loadBalancerDnsName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
      httpPort: WEB_LISTENER_PORT,
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: `${props.prefix} web app`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      additionalBehaviors: {
        '/_next/static/*': {
          origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        },
      },
    });
  }

  /** The public HTTPS origin of the web app. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  addService(props: WebServiceProps): ecs.FargateService {
    if (this.service) throw new Error('the web service exists already');
    const { network, prefix } = this.props;
    const appClient = props.auth.appClient;
    const nextAuthSecret = new secretsmanager.Secret(this, 'NextAuthSecret', {
      description: 'next-auth session encryption secret',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: physicalName(prefix, 'web'),
      cpu: 512,
      memoryLimitMiB: 1024,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer(WEB_CONTAINER, {
      image: ecs.ContainerImage.fromDockerImageAsset(props.image),
      portMappings: [{ containerPort: WEB_PORT, protocol: ecs.Protocol.TCP }],
      environment: {
        NODE_ENV: 'production',
        PORT: String(WEB_PORT),
        HOSTNAME: '0.0.0.0',
        NEXTAUTH_URL: this.url,
        [ENV.webUrl]: this.url,
        [ENV.apiUrl]: props.apiUrl,
        GONG_WEB_PORT: String(WEB_PORT),
        // a public client: next-auth uses PKCE and no client secret
        [ENV.clientId]: appClient.userPoolClientId,
        [ENV.cognitoIssuer]: props.auth.issuer,
      },
      secrets: {
        NEXTAUTH_SECRET: ecs.Secret.fromSecretsManager(nextAuthSecret),
      },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'web',
        logGroup: new logs.LogGroup(this, 'Logs', {
          logGroupName: `/${prefix}/web`,
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: this.props.removalPolicy,
        }),
      }),
      stopTimeout: Duration.seconds(30),
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: network.cluster,
      serviceName: physicalName(prefix, 'web'),
      taskDefinition,
      desiredCount: props.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: network.assignPublicIp,
      vpcSubnets: network.taskSubnets,
      securityGroups: [this.securityGroup],
      healthCheckGracePeriod: Duration.seconds(90),
    });
    this.service.attachToNetworkTargetGroup(this.targetGroup);
    return this.service;
  }
}
