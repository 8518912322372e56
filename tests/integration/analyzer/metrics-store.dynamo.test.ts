import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { testAwsConfig } from '../../support/aws-env';
import { metricsStoreContract } from '../../unit/analysis/metrics-store-contract';

const config = testAwsConfig('metrics');
const client = dynamoClient(config);
let n = 0;

// every test gets a table of its own, so the contract's "fresh store" holds on DynamoDB too
metricsStoreContract('DynamoDB (DynamoDB Local)', async () => {
  const own = { ...config, prefix: `${config.prefix}-${++n}` };
  await ensureTables(own, { tables: [METRICS_TABLE] });
  return dynamoMetricsStore(client, tableName(own, METRICS_TABLE.name));
});
