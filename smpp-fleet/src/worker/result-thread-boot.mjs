// Entry of the results worker thread: worker threads do not inherit tsx's loader hooks, so the
// thread registers them before loading its TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./result-thread-main.ts');
