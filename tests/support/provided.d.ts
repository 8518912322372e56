import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sqsEndpoint: string;
    /** e2e only (tests/support/stack-setup.ts) */
    apiUrl: string;
    webUrl: string;
    stackDir: string;
  }
}
