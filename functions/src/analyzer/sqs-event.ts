/** The parts of a Lambda SQS event the analyzer reads (same shape locally and on AWS). */
export interface SqsRecord {
  messageId: string;
  receiptHandle?: string;
  body: string;
  attributes?: { ApproximateReceiveCount?: string; [key: string]: string | undefined };
  eventSourceARN?: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** Partial batch response: the listed messages return to the queue (and reach the DLQ eventually). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}
