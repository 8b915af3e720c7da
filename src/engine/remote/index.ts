/**
 * The remote engines behind one factory: picks the client for `spec.engine`.
 */
import { RewardError } from '../../core/errors';
import type { RemoteModelSpec } from '../../core/types';
import type { LoadOptions } from '../contract';
import { createNimBackend } from './nim';
import { createTeiBackend } from './tei';
import type { RemoteBackend, RemoteClientOptions } from './types';
import { createVllmBackend } from './vllm';

export type { RemoteBackend, RemoteClientOptions } from './types';
export type { HttpTuning } from './http';
export { createNimBackend, createTeiBackend, createVllmBackend };

export function createRemoteBackend(
  spec: RemoteModelSpec,
  options?: LoadOptions,
  client?: RemoteClientOptions,
): Promise<RemoteBackend> {
  switch (spec.engine) {
    case 'nim':
      return createNimBackend(spec, options, client);
    case 'tei':
      return createTeiBackend(spec, options, client);
    case 'vllm':
      return createVllmBackend(spec, options, client);
    default: {
      const engine: never = spec.engine;
      return Promise.reject(
        new RewardError('model', `Unknown remote engine "${String(engine)}" — use nim, tei or vllm.`, {
          field: 'engine',
        }),
      );
    }
  }
}
