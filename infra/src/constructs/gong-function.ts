import path from 'node:path';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../entries';

export interface GongFunctionProps {
  /** physical function name */
  functionName: string;
  /** entry file, relative to the repository root; must `export const handler` */
  entry: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  removalPolicy: RemovalPolicy;
  reservedConcurrentExecutions?: number;
  /** repository root (tests point it at fixtures) */
  root?: string;
}

// ESM bundles still meet CommonJS dependencies that call require()
const REQUIRE_SHIM =
  "import { createRequire as __gongCreateRequire } from 'node:module'; const require = __gongCreateRequire(import.meta.url);";

/**
 * A Gong Lambda: Node 22 on arm64, bundled as one ESM file by the local esbuild (never Docker),
 * AWS SDK bundled in (the version the tests ran against), source maps on, own log group.
 */
export class GongFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: GongFunctionProps) {
    super(scope, id);
    const root = props.root ?? REPO_ROOT;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    this.fn = new nodejs.NodejsFunction(this, 'Fn', {
      functionName: props.functionName,
      entry: path.join(root, props.entry),
      handler: 'handler',
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup,
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        externalModules: [],
        banner: REQUIRE_SHIM,
      },
    });
  }
}
