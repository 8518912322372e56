import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Where the AWS clients point. Endpoints are optional: the SDK also honours AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS by itself, so LocalStack or real AWS need no code
 * change. The local cloud passes explicit endpoints for its emulators.
 */
export interface AwsConfig {
  region: string;
  dynamodbEndpoint?: string;
  sqsEndpoint?: string;
  /** prefix of physical table/queue names: `${prefix}-config`, `${prefix}-results` … */
  prefix: string;
}

/** The low-level client, for table management (CreateTable, DescribeTable, UpdateTimeToLive). */
export function dynamoBaseClient(config: AwsConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
    maxAttempts: 3,
  });
}

/** The AWS settings every Gong process reads from its environment (parsed by its env module). */
export interface AwsEnv {
  AWS_REGION: string;
  GONG_PREFIX: string;
  AWS_ENDPOINT_URL?: string;
  AWS_ENDPOINT_URL_DYNAMODB?: string;
  AWS_ENDPOINT_URL_SQS?: string;
}

/** Service-specific endpoints win over AWS_ENDPOINT_URL; none at all means real AWS. */
export function awsConfigFromEnv(e: AwsEnv): AwsConfig {
  const dynamodbEndpoint = e.AWS_ENDPOINT_URL_DYNAMODB ?? e.AWS_ENDPOINT_URL;
  const sqsEndpoint = e.AWS_ENDPOINT_URL_SQS ?? e.AWS_ENDPOINT_URL;
  return {
    region: e.AWS_REGION,
    prefix: e.GONG_PREFIX,
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    ...(sqsEndpoint ? { sqsEndpoint } : {}),
  };
}

export function dynamoClient(config: AwsConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamoBaseClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function sqsClient(config: AwsConfig): SQSClient {
  return new SQSClient({
    region: config.region,
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}),
    // fauxqs (and LocalStack) hand out queue URLs whose host is not the endpoint we talk to
    useQueueUrlAsEndpoint: false,
    maxAttempts: 3,
  });
}

export function tableName(config: AwsConfig, logical: string): string {
  return `${config.prefix}-${logical}`;
}
