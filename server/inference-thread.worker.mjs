// Entry of the server's inference thread (inference-thread.ts): a worker thread does not inherit the main
// thread's tsx hooks, so it registers them itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./inference-thread-worker.ts');
