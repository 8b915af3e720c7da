/**
 * One model loaded on a RewardEngine, bound to its handle, in the one-model shape (RewardBackend) that Node
 * callers hold: the server, the CLI and the bench score through the engine contract without carrying handles.
 */
import type { LoadedModel, RewardEngine } from './contract';
import type { RewardBackend } from './types';

export function bindModel(engine: RewardEngine, model: LoadedModel): RewardBackend {
  const { handle, ...info } = model;
  // The engine puts a model's standing warnings on each result; they are kept here as the model's own.
  const warnings: string[] = [];
  return {
    info,
    warnings,
    async score(inputs, options) {
      const results = await engine.score(handle, inputs, options);
      for (const w of results.flatMap((r) => r.warnings ?? [])) if (!warnings.includes(w)) warnings.push(w);
      return results;
    },
    render: (input) => engine.render(handle, input),
    dispose: () => engine.unload(handle),
  };
}
