/**
 * `annotate --activated`: a backend whose results carry activated values instead of raw rewards
 * (src/core/activation.ts: the model's own activation, else sigmoid for one output, softmax over several).
 * The kind is chosen at each call, since remote engines learn their labels from their first reply.
 */
import { activateResult, activationFor } from '../src/core/activation';
import type { Model } from '../src/engine/contract';

export function activatedBackend(backend: Model): Model {
  return {
    get info() {
      return backend.info;
    },
    get warnings() {
      return backend.warnings;
    },
    async score(inputs, options) {
      const results = await backend.score(inputs, options);
      const { labels, activation, defaultWeights } = backend.info;
      const kind = activationFor(labels.length, activation);
      return results.map((r) => activateResult(labels, r, kind, options?.weights ?? defaultWeights));
    },
    render: (input) => backend.render(input),
    dispose: () => backend.dispose(),
  };
}
