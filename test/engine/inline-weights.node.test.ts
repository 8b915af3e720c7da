/**
 * local/inline-weights.ts: a one-file graph rewritten to read its large initializers from its own bytes as external
 * data (what the browser hands ONNX Runtime Web, so a session is built without a second copy of the file) is a
 * small graph that gives exactly the scores of the file it came from, for every shipped model and dtype.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { INLINE_WEIGHTS_PATH, weightsAsExternalData } from '../../src/engine/local/inline-weights';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/models-dir';

const files = readdirSync(EMBEDDED_MODELS_DIR).flatMap((model) => {
  const dir = join(EMBEDDED_MODELS_DIR, model, 'onnx');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.onnx'))
        .map((f) => join(model, 'onnx', f))
    : [];
});

/** A 2 × 7 batch with one padded row; token_type_ids only where the graph asks for them. */
function feeds(session: ort.InferenceSession): Record<string, ort.Tensor> {
  const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [2, 7]);
  const out: Record<string, ort.Tensor> = {
    input_ids: int64([1, 17, 42, 99, 7, 2, 3, 1, 23, 5, 2, 0, 0, 0]),
    attention_mask: int64([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]),
  };
  if (session.inputNames.includes('token_type_ids')) out.token_type_ids = int64(Array(14).fill(0));
  if (session.inputNames.includes('position_ids'))
    out.position_ids = int64([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6]);
  return out;
}

async function logits(model: Uint8Array, external?: ort.InferenceSession.SessionOptions['externalData']) {
  const session = await ort.InferenceSession.create(model, external ? { externalData: external } : {});
  try {
    const out = await session.run(feeds(session));
    return Array.from(out[session.outputNames[0]!]!.data as Float32Array);
  } finally {
    await session.release();
  }
}

describe('weightsAsExternalData', () => {
  it('finds the shipped graphs', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s: a small graph over the same bytes, with the same scores', async (file) => {
    const bytes = new Uint8Array(readFileSync(join(EMBEDDED_MODELS_DIR, file)));
    const split = weightsAsExternalData(bytes);
    expect(split).not.toBeNull();
    expect(split!.moved).toBeGreaterThan(0);
    expect(split!.graph.length).toBeLessThan(bytes.length / 10);
    const want = await logits(bytes);
    expect(await logits(split!.graph, [{ path: INLINE_WEIGHTS_PATH, data: bytes }])).toEqual(want);
  });

  it('leaves alone what it cannot or need not rewrite', () => {
    expect(weightsAsExternalData(new TextEncoder().encode('<!doctype html><p>not found</p>'))).toBeNull();
    expect(weightsAsExternalData(new Uint8Array(0))).toBeNull();
    // A graph whose initializers are already external has nothing left to move.
    const bytes = new Uint8Array(readFileSync(join(EMBEDDED_MODELS_DIR, files[0]!)));
    expect(weightsAsExternalData(weightsAsExternalData(bytes)!.graph)).toBeNull();
  });
});
