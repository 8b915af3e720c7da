/**
 * Which weight files a local model ships, and whether an answer is an ONNX file at all. A dtype the model
 * does not have is refused before anything is handed to ONNX Runtime: dev servers and SPA hosts answer a
 * missing file with their index.html, which ORT reports only as "protobuf parsing failed".
 */
import { RewardError } from '../../core/errors';
import { DTYPES, type Dtype } from '../../core/types';

/** transformers.js dtype name → file under onnx/ (docs/architecture.md, 'Dtypes and files'). */
export const DTYPE_FILES: Record<Dtype, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
  q4f16: 'model_q4f16.onnx',
  bnb4: 'model_bnb4.onnx',
};

export function onnxFileFor(dtype: Dtype): string {
  const file = DTYPE_FILES[dtype] as string | undefined;
  if (!file) throw new RewardError('model', `Unknown dtype "${String(dtype)}".`);
  return `onnx/${file}`;
}

/** The dtypes whose files appear in a model's file list (paths relative to the model's root). */
export function dtypesInFileList(files: readonly string[]): Dtype[] {
  const present = new Set(files.map((f) => f.replace(/^\.?\//, '')));
  return DTYPES.filter((d) => present.has(onnxFileFor(d)));
}

/**
 * An ONNX file is a protobuf ModelProto, whose first field written by every exporter is ir_version (field 1,
 * varint: tag byte 0x08). HTML, JSON and error text start with other bytes.
 */
export function looksLikeOnnx(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x08 && head[1] !== undefined && head[1] > 0 && head[1] < 0x80;
}

/** What the user sees when a dtype's file is missing (or answered with something that is not ONNX). */
export function fileNotFoundError(
  where: string,
  dtype: Dtype,
  available: readonly Dtype[] | null,
  hubId?: string,
): RewardError {
  const file = onnxFileFor(dtype);
  const has =
    available === null
      ? ''
      : available.length > 0
        ? ` This model ships: ${available.join(', ')}.`
        : hubId
          ? ` No ONNX weights were found for it at all: most reward models are published for PyTorch only. ${convertHint(hubId)}`
          : ' No ONNX weights were found for it at all.';
  return new RewardError(
    'model',
    `File not found: ${where} has no ${file}, so dtype ${dtype} cannot be loaded.${has}`,
    { field: file, status: 404 },
  );
}

/** The exact command that turns a Hub checkpoint into a folder this engine runs, and how to open it. */
export function convertHint(hubId: string): string {
  const name = hubId.split('/').pop() ?? hubId;
  return (
    `Convert it once: npx reward-playground convert ${hubId} --out models/${name} ` +
    `(then open models/${name} with Source: Folder, or pass --model models/${name} to the CLI and server).`
  );
}
