export interface StackPorts {
  web: number;
  api: number;
  dynamodb: number;
  sqs: number;
  simEsme: number;
  /** worker slot N listens on fleetBase + N */
  fleetBase: number;
}

export interface StackConfig {
  root: string;
  dataDir: string;
  ports: StackPorts;
  slotCount: number;
  prefix: string;
  region: string;
  /** start DynamoDB Local and fauxqs; when false, use the AWS_ENDPOINT_URL* of the environment */
  emulators: boolean;
  /** keep DynamoDB data under dataDir (npm start) or in memory (tests) */
  persist: boolean;
  webMode: 'dev' | 'prod' | 'off';
  quiet: boolean;
  /** extra environment for every child (tests tune the simulator or workers this way) */
  extraEnv?: NodeJS.ProcessEnv;
}
