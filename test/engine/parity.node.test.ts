/**
 * The engine in Node reproduces each embedded model's reference.json: the same token ids as the Rust
 * tokenizer used in training, fp32 logits within 1e-4 of PyTorch, q8 within 1e-3 of onnxruntime; and
 * batched scores equal one-at-a-time scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dtype, ScoreInput } from '../../src/core/types';
import { loadModel } from '../../src/engine/node';
import type { Model } from '../../src/engine/contract';
import {
  EXPECTED_MODELS,
  SHIPPED_DTYPES,
  UNPACKS_Q8,
  embeddedModels,
  loadReference,
  type ReferenceCase,
} from './reference';

const TOLERANCE: Record<'fp32' | 'q8', number> = { fp32: 1e-4, q8: 1e-3 };

function inputOf(c: ReferenceCase): ScoreInput {
  return { conversation: c.conversation, response: c.response };
}

it('ships every embedded model', () => {
  expect(embeddedModels()).toEqual(expect.arrayContaining(EXPECTED_MODELS));
});

for (const name of EXPECTED_MODELS) {
  for (const dtype of SHIPPED_DTYPES[name]!) {
    describe(`${name} ${dtype} in Node`, () => {
      const reference = loadReference(name);
      let backend: Model;
      beforeAll(async () => {
        backend = await loadModel({
          kind: 'local',
          source: { type: 'embedded', name },
          dtype: dtype as Dtype,
          device: 'cpu',
        });
      });
      afterAll(() => backend?.dispose());

      it('has at least 10 reference cases, some truncated', () => {
        expect(reference.cases.length).toBeGreaterThanOrEqual(10);
        expect(reference.cases.some((c) => c.truncated)).toBe(true);
        expect(backend.info.family).toBe(reference.family);
        expect(backend.info.maxLength).toBe(reference.max_length);
        // So the parity checks below cover the session the engine really runs: q8 weights unpacked at load.
        expect(backend.info.weightsUnpacked).toBe(dtype === 'q8' && UNPACKS_Q8[name]);
      });

      it('tokenizes exactly as the reference', async () => {
        for (const c of reference.cases) {
          const rendered = await backend.render(inputOf(c));
          expect(rendered?.ids, c.name).toEqual(c.input_ids);
          expect(rendered?.truncated, c.name).toBe(c.truncated);
          // This template and tokenizer both add BOS (as Llama 3's do): the engine drops one and says so.
          if (reference.family === 'decoder') expect(rendered?.notes?.join(' '), c.name).toMatch(/BOS/);
          else expect(rendered?.notes, c.name).toBeUndefined();
        }
      });

      it(`reproduces the reference logits within ${TOLERANCE[dtype]}`, async () => {
        const results = await backend.score(reference.cases.map(inputOf));
        results.forEach((r, i) => {
          const c = reference.cases[i] as ReferenceCase;
          const expected = c[dtype].logits;
          expect(r.logits.length, c.name).toBe(expected.length);
          r.logits.forEach((v, k) =>
            expect(Math.abs(v - (expected[k] as number)), `${c.name}[${k}]`).toBeLessThan(TOLERANCE[dtype]),
          );
          expect(r.tokenCount, c.name).toBe(c.input_ids.length);
          expect(r.truncated, c.name).toBe(c.truncated);
        });
      });

      it('gives the same scores batched as one at a time', async () => {
        const inputs = reference.cases.map(inputOf);
        const batched = await backend.score(inputs);
        for (const [i, input] of inputs.entries()) {
          const [single] = await backend.score([input]);
          expect(Math.abs((single?.score ?? NaN) - (batched[i]?.score ?? NaN))).toBeLessThan(1e-5);
        }
      });
    });
  }
}
