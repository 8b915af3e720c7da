/**
 * What goes into an exported reward graph and what comes out, for graphs not built by this project: the inputs
 * it declares (only those are sent; position_ids are made when it wants them) and its logits, which an fp16
 * export returns as float16 (ONNX Runtime gives their raw 16-bit words, or a Float16Array where one exists).
 */
import { RewardError } from '../../core/errors';
import type { OrtSessionLike, OrtTensorLike } from '../runtime';

/** Inputs the backends know how to fill; any other graph input is refused at load, naming it. */
const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);

export function checkGraphInputs(session: OrtSessionLike): void {
  for (const name of ['input_ids', 'attention_mask']) {
    if (!session.inputNames.includes(name)) {
      throw new RewardError(
        'model',
        `The ONNX graph has no "${name}" input (inputs: ${session.inputNames.join(', ')}).`,
      );
    }
  }
  const unknown = session.inputNames.filter((n) => !KNOWN_INPUTS.has(n));
  if (unknown.length > 0) {
    throw new RewardError(
      'model',
      `The ONNX graph wants inputs this engine cannot fill: ${unknown.join(', ')}` +
        (unknown.some((n) => n.startsWith('past_key_values'))
          ? ' (a KV cache: export the classifier without past key values, e.g. with `reward-playground convert`).'
          : '.'),
    );
  }
}

/** 0…n−1 along each right-padded row (what the model computes itself when not given them). */
export function positionIds(rows: number, width: number): BigInt64Array {
  const out = new BigInt64Array(rows * width);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) out[r * width + c] = BigInt(c);
  return out;
}

/** IEEE 754 half → number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** The graph's `[batch, labels]` logits as float32, whatever float type the graph returns. */
export function readLogits(session: OrtSessionLike, out: Record<string, OrtTensorLike>): Float32Array {
  const logits = out.logits ?? out[session.outputNames[0] ?? 'logits'];
  if (!logits || logits.dims.length !== 2) {
    throw new RewardError(
      'model',
      `The ONNX graph returned no [batch, labels] logits (got ${logits?.dims.join('×') ?? 'none'}).`,
    );
  }
  const data = logits.data;
  if (data instanceof Float32Array) return data;
  if (logits.type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, halfToFloat);
  if (logits.type === 'float16' || data instanceof Float64Array) {
    // A Float16Array (where the platform has one) converts on read.
    return Float32Array.from(data as ArrayLike<number>);
  }
  throw new RewardError(
    'model',
    `The ONNX graph returned ${logits.type} logits; expected float32 or float16.`,
  );
}
