import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { createMetricsTable, dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { testAwsConfig } from '../../support/aws-env';
import { metricsStoreContract } from '../../unit/analysis/metrics-store-contract';

const config = testAwsConfig('metrics');
const client = dynamoClient(config);
let n = 0;

// every test gets a table of its own, so the contract's "fresh store" holds on DynamoDB too
metricsStoreContract('DynamoDB (DynamoDB Local)', async () => {
  const table = tableName({ ...config, prefix: `${config.prefix}-${++n}` }, METRICS_TABLE.name);
  await createMetricsTable(client, table);
  return dynamoMetricsStore(client, table);
});
