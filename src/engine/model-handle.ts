/**
 * A backend as callers hold it: the `Model` handle of the contract (contract.ts). Node's `loadModel` returns one
 * per load; the warnings are the backend's own live list, read where they are kept.
 */
import type { RewardBackend } from './backend';
import type { Model } from './contract';
import { prefixCurveOf } from './prefix-curve';

export function modelOf(backend: RewardBackend): Model {
  const model: Model = {
    info: backend.info,
    get warnings() {
      return backend.warnings ?? [];
    },
    score: (inputs, options) => backend.score(inputs, options),
    render: async (input) => (backend.info.capabilities.render ? backend.render(input) : null),
    dispose: () => backend.dispose(),
  };
  if (backend.info.capabilities.prefixCurve && backend.tokenizeResponse) {
    model.prefixCurve = (input, options = {}) =>
      prefixCurveOf(backend, input, options, (inputs, o) => backend.score(inputs, o));
  }
  return model;
}
