/**
 * ModelSpec → RewardBackend, for any runtime: local specs go to the encoder/decoder loader, remote
 * specs to the NIM / TEI / vLLM clients.
 */
import type { ModelSpec } from '../core/types';
import { loadLocalBackend } from './local/load';
import { createRemoteBackend } from './remote/index';
import type { EngineRuntime } from './runtime';
import type { LoadOptions } from './contract';
import type { RewardBackend } from './backend';

export async function loadBackendWith(
  runtime: EngineRuntime,
  spec: ModelSpec,
  options: LoadOptions = {},
): Promise<RewardBackend> {
  return spec.kind === 'remote'
    ? createRemoteBackend(spec, options)
    : loadLocalBackend(runtime, spec, options);
}
