/**
 * Whether ONNX Runtime should dequantize int8 weights once at load instead of on every run.
 *
 * Weight-only int8 files (ours, and most transformers.js q8 exports) feed every MatMul through a
 * DequantizeLinear of a constant. By default ORT's constant folding skips DequantizeLinear to keep QDQ
 * patterns for its int8 kernels; with `session.disable_quant_qdq` it folds them, so each weight is
 * unpacked once ((q − zero point) × scale, as at run time) and then prepacked like an fp32 weight.
 * Scores stay within float rounding (2e-7 on reference.json) and independent of the batch; runs get
 * faster (see BENCHMARKS.md). The price is fp32-sized weights in memory, so it is done only on the
 * CPU/WASM (GPU memory is scarcer and GPU dequantization cheap) and only while that stays small.
 */
import type { Dtype } from '../../core/types';
import type { EngineRuntime, ExecutionDevice, SessionPlan } from '../runtime';
import type { ModelMeta } from './model-config';
import { isQuantized } from './tokenizer-helpers';

/**
 * Default for `EngineRuntime.unpackLimitBytes`: fp32 weights above this stay packed (the WASM heap is 4 GiB at
 * most and shares it with everything else). 0 turns unpacking off.
 */
export const DEFAULT_UNPACK_LIMIT_BYTES = 1024 ** 3;

export function shouldFoldWeights(
  quantized: boolean,
  device: ExecutionDevice,
  approxParameters: number | null,
  limitBytes: number,
): boolean {
  if (!quantized || device === 'webgpu' || approxParameters === null) return false;
  return approxParameters * 4 <= limitBytes;
}

function includesAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  for (
    let i = bytes.indexOf(first);
    i >= 0 && i + text.length <= bytes.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let k = 1;
    while (k < text.length && bytes[i + k] === text.charCodeAt(k)) k++;
    if (k === text.length) return true;
  }
  return false;
}

/**
 * Whether a quantized file stores its weights as int8 constants behind DequantizeLinear (what unpacking
 * folds). Files whose MatMuls are `MatMulNBits` (onnxruntime's block-quantized kernels, e.g. minilm-reward's
 * q8 and every q4) read the packed blocks directly: there is nothing to unpack. Op types are plain strings in
 * the protobuf, so a byte search answers without parsing the graph.
 */
export function hasFoldableWeights(onnxBytes: Uint8Array): boolean {
  return includesAscii(onnxBytes, 'DequantizeLinear') && !includesAscii(onnxBytes, 'MatMulNBits');
}

/** The session plan both local backends use for one model file. */
export function sessionPlanFor(
  runtime: EngineRuntime,
  dtype: Dtype,
  device: ExecutionDevice,
  meta: ModelMeta,
  onnxBytes: Uint8Array,
): SessionPlan {
  const quantized = isQuantized(dtype);
  return {
    quantized,
    halfPrecision: dtype === 'fp16',
    foldWeights:
      shouldFoldWeights(quantized, device, meta.approxParameters, runtime.unpackLimitBytes) &&
      hasFoldableWeights(onnxBytes),
  };
}
