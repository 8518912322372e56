import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import { handler as analyzer } from '@gong/functions/analyzer/handler';
import { env } from '../env';
import { SqsEventSource, type SqsHandler } from './sqs-event-source';

/**
 * Child process of the local cloud: the event-driven Lambdas. The analyzer is invoked by an SQS
 * event source on the results queue, exactly as Lambda would.
 */
const aws = {
  region: env.AWS_REGION,
  prefix: env.GONG_PREFIX,
  dynamodbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL,
  sqsEndpoint: env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL,
};
const log = (line: string) => console.log(line);
const source = new SqsEventSource(new SqsQueue(aws), analyzer as unknown as SqsHandler, {
  queue: RESULTS_QUEUE.name,
  queueArn: `arn:aws:sqs:${aws.region}:000000000000:${aws.prefix}-${RESULTS_QUEUE.name}`,
  region: aws.region,
  batchSize: 10,
  functionName: 'gong-analyzer',
  log,
});
source.start();
console.log(`analyzer polling ${aws.prefix}-${RESULTS_QUEUE.name}`);

const stop = () => {
  source.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
