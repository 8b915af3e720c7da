/**
 * What a runtime says while it creates a session (the browser's first one compiles ONNX Runtime's WebAssembly,
 * seconds on a slow machine) reaches the loader's progress as a status line, for both model families, so the
 * model panel can say "Compiling the engine…" instead of a byte counter standing at 100 %.
 */
import { describe, expect, it } from 'vitest';
import { loadLocalBackend } from '../../src/engine/local/load';
import { nodeRuntime } from '../../src/engine/node';
import type { EngineRuntime } from '../../src/engine/runtime';
import type { LoadProgress } from '../../src/engine/contract';

/** Node's real runtime, whose session creation also reports a status line as the browser's does. */
const talkingRuntime: EngineRuntime = {
  ...nodeRuntime,
  ort: {
    ...nodeRuntime.ort,
    createSession: (model, device, plan, externalData, onStatus) => {
      onStatus?.('Compiling the engine (test)…');
      return nodeRuntime.ort.createSession(model, device, plan, externalData, onStatus);
    },
  },
};

describe('session status while loading', () => {
  for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
    it(`${name}: the runtime's status line reaches onProgress`, async () => {
      const events: LoadProgress[] = [];
      const backend = await loadLocalBackend(
        talkingRuntime,
        { kind: 'local', source: { type: 'embedded', name }, dtype: 'q8', device: 'cpu' },
        { onProgress: (p) => events.push(p) },
      );
      try {
        expect(events).toContainEqual({ kind: 'status', message: 'Compiling the engine (test)…' });
      } finally {
        await backend.dispose();
      }
    });
  }
});
