/**
 * Turns a one-file ONNX model's weights into external data that points back into the same bytes, without copying
 * them: the graph is rewritten with every large initializer's `raw_data` replaced by an `external_data` reference
 * (location, offset, length) into the original file, which is then handed to ONNX Runtime as that external file.
 *
 * Why: ONNX Runtime Web builds a session from one file by copying the whole file into WebAssembly memory and then
 * parsing it there, so while the session is built the browser holds the fetched bytes, their copy and the tensors
 * made from it (a 0.6B decoder's q8 file: 3.6x its size). External data is copied from JavaScript straight into
 * each tensor (2.3x): BENCHMARKS.md, "Real scale". Scores are unchanged: the same bytes reach the same tensors.
 *
 * Only the wire format is read (protobufjs's Reader and Writer), at three levels: ModelProto.graph (7) →
 * GraphProto.initializer (5) → TensorProto.raw_data (9); everything else is copied byte for byte.
 */
import protobuf from 'protobufjs/minimal.js';

/** The name the rewritten graph gives its external file (any relative name ONNX Runtime accepts). */
export const INLINE_WEIGHTS_PATH = 'model.onnx.weights';

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const DATA_LOCATION_EXTERNAL = 1;
const VARINT = 0;
const LENGTH_DELIMITED = 2;
/** Smaller tensors stay in the graph: moving them saves nothing worth a lookup. */
const MIN_MOVED_BYTES = 1024;

interface Field {
  field: number;
  /** The whole field, tag included, as it lies in the buffer. */
  raw: Uint8Array;
  /** For length-delimited fields: the payload. */
  payload?: Uint8Array;
  /** For varint fields: the value (enums and small integers; larger ones are not read here). */
  value?: number;
}

function fields(buf: Uint8Array): Field[] {
  const reader = protobuf.Reader.create(buf);
  const out: Field[] = [];
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const tag = reader.uint32();
    const wire = tag & 7;
    let payload: Uint8Array | undefined;
    let value: number | undefined;
    if (wire === VARINT) {
      value = reader.uint32();
    } else if (wire === LENGTH_DELIMITED) {
      const length = reader.uint32();
      if (reader.pos + length > reader.len) throw new Error('a field runs past the end of the file');
      payload = buf.subarray(reader.pos, reader.pos + length);
      reader.pos += length;
    } else {
      reader.skipType(wire);
    }
    out.push({ field: tag >>> 3, raw: buf.subarray(start, reader.pos), payload, value });
  }
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return protobuf.Writer.create()
    .uint32((field << 3) | LENGTH_DELIMITED)
    .bytes(payload)
    .finish();
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function entry(key: string, value: string): Uint8Array {
  const kv = protobuf.Writer.create()
    .uint32((1 << 3) | LENGTH_DELIMITED)
    .string(key);
  return lengthDelimited(
    TENSOR_EXTERNAL_DATA,
    kv
      .uint32((2 << 3) | LENGTH_DELIMITED)
      .string(value)
      .finish(),
  );
}

/** One initializer, its raw_data replaced by a reference to where those bytes lie in `model`. */
function externalTensor(tensor: Uint8Array, model: Uint8Array): Uint8Array | null {
  const parts = fields(tensor);
  const raws = parts.filter((f) => f.field === TENSOR_RAW_DATA);
  const raw = raws[0];
  // Twice is legal protobuf (the last wins) but leaves a stale copy beside the reference: left as it is.
  if (raws.length !== 1 || !raw?.payload || raw.payload.length < MIN_MOVED_BYTES) return null;
  // Already external, or references beside inline bytes: left as they are. An explicit DEFAULT location (the
  // `onnx` package writes one when it pulls external data back in) is dropped for ours.
  const location = parts.filter((f) => f.field === TENSOR_DATA_LOCATION);
  if (location.some((f) => f.value !== 0) || parts.some((f) => f.field === TENSOR_EXTERNAL_DATA)) return null;
  const offset = raw.payload.byteOffset - model.byteOffset;
  return concat([
    ...parts.filter((f) => f !== raw && !location.includes(f)).map((f) => f.raw),
    entry('location', INLINE_WEIGHTS_PATH),
    entry('offset', String(offset)),
    entry('length', String(raw.payload.length)),
    protobuf.Writer.create()
      .uint32((TENSOR_DATA_LOCATION << 3) | 0)
      .uint32(DATA_LOCATION_EXTERNAL)
      .finish(),
  ]);
}

/**
 * The graph of `model` with its large initializers as external data in `model` itself, and how many it moved; null
 * when there is nothing to move (weights already external, or none large) or the bytes are not a ModelProto.
 */
export function weightsAsExternalData(model: Uint8Array): { graph: Uint8Array; moved: number } | null {
  let moved = 0;
  try {
    const top = fields(model).map((f) => {
      if (f.field !== MODEL_GRAPH || !f.payload) return f.raw;
      const graph = fields(f.payload).map((g) => {
        if (g.field !== GRAPH_INITIALIZER || !g.payload) return g.raw;
        const tensor = externalTensor(g.payload, model);
        if (!tensor) return g.raw;
        moved++;
        return lengthDelimited(GRAPH_INITIALIZER, tensor);
      });
      return lengthDelimited(MODEL_GRAPH, concat(graph));
    });
    return moved > 0 ? { graph: concat(top), moved } : null;
  } catch {
    return null; // not a protobuf we can walk: ONNX Runtime gets the file as it is and says what is wrong
  }
}
