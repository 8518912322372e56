import { CONFIG_TABLE, METRICS_TABLE, physicalName, type TableDef } from '@gong/core/infra/resources';
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface GongDataProps {
  prefix: string;
  removalPolicy: RemovalPolicy;
}

const WORKER_STATUS_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'];

/**
 * The config (single-table) and metrics tables, built from the shared definitions in
 * core/src/infra/resources.ts: on demand, point-in-time recovery, TTL, AWS-managed KMS encryption.
 */
export class GongData extends Construct {
  readonly configTable: dynamodb.Table;
  readonly metricsTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: GongDataProps) {
    super(scope, id);
    this.configTable = tableFromDef(this, 'Config', props, CONFIG_TABLE);
    this.metricsTable = tableFromDef(this, 'Metrics', props, METRICS_TABLE);
  }

  grantConfigReadWrite(grantee: iam.IGrantable): void {
    this.configTable.grantReadWriteData(grantee);
  }

  grantConfigRead(grantee: iam.IGrantable): void {
    this.configTable.grantReadData(grantee);
  }

  grantMetricsReadWrite(grantee: iam.IGrantable): void {
    this.metricsTable.grantReadWriteData(grantee);
  }

  grantMetricsRead(grantee: iam.IGrantable): void {
    this.metricsTable.grantReadData(grantee);
  }

  /** A fleet worker writes (and re-reads) its own status item; it never queries or deletes. */
  grantWorkerStatus(grantee: iam.IGrantable): void {
    this.configTable.grant(grantee, ...WORKER_STATUS_ACTIONS);
  }
}

function tableFromDef(scope: Construct, id: string, props: GongDataProps, def: TableDef): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    tableName: physicalName(props.prefix, def.name),
    partitionKey: { name: def.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: def.sortKey, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    removalPolicy: props.removalPolicy,
  });
  for (const index of def.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}
