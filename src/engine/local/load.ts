/**
 * Loads a local model: reads config.json to pick the family, then tries each device of the runtime's
 * plan (WebGPU first when asked or probed), running one tiny input so a device that fails at first run
 * is caught here. A failed device falls back to the next and the reason is kept for the user.
 */
import { isRewardError } from '../../core/errors';
import { DTYPES, type Dtype, type LocalModelSpec, type ModelSource } from '../../core/types';
import type { EngineRuntime } from '../runtime';
import type { LoadOptions } from '../contract';
import { DecoderBackend } from './decoder';
import { fileNotFoundError, looksLikeOnnx, onnxFileFor } from './dtypes';
import { EncoderBackend } from './encoder';
import { modelLoadError } from './errors';
import { parseModelConfig } from './model-config';

const WARM_UP = {
  conversation: { turns: [{ role: 'user' as const, content: 'Hello?' }] },
  response: 'Hello!',
};

/** The dtypes whose ONNX file the source really has (an HTML page in a file's place does not count). */
export async function availableDtypes(
  runtime: EngineRuntime,
  source: ModelSource,
  signal?: AbortSignal,
): Promise<Dtype[]> {
  const heads = await Promise.all(
    DTYPES.map((d) => runtime.peekFile(source, onnxFileFor(d), { signal }).catch(() => null)),
  );
  return DTYPES.filter((_, i) => {
    const head = heads[i];
    return head != null && looksLikeOnnx(head);
  });
}

export async function loadLocalBackend(
  runtime: EngineRuntime,
  spec: LocalModelSpec,
  options: LoadOptions = {},
): Promise<EncoderBackend | DecoderBackend> {
  const where = runtime.describe(spec.source);
  let meta;
  try {
    const config = await runtime.fetchFile(spec.source, 'config.json', { signal: options.signal });
    meta = parseModelConfig(JSON.parse(new TextDecoder().decode(config.bytes)), where, spec.family);
  } catch (e) {
    throw modelLoadError('config.json', where, e);
  }
  // Nothing reaches ONNX Runtime unless the dtype's file is there and is ONNX.
  const head = await runtime.peekFile(spec.source, onnxFileFor(spec.dtype), { signal: options.signal });
  if (!head || !looksLikeOnnx(head)) {
    const available = await availableDtypes(runtime, spec.source, options.signal).catch(() => null);
    const hubId = spec.source.type === 'hub' || spec.source.type === 'url' ? spec.source.id : undefined;
    throw fileNotFoundError(where, spec.dtype, available, hubId);
  }
  // Half-precision weights need shader-f16 on WebGPU (device-plan.ts).
  const plan = await runtime.devicePlan(spec.device, {
    halfPrecision: spec.dtype === 'fp16' || spec.dtype === 'q4f16',
  });
  const failures: string[] = plan.note ? [plan.note] : [];
  for (const device of plan.devices) {
    options.onProgress?.({
      kind: 'status',
      message: `Loading ${where} (${meta.family}, ${spec.dtype}) on ${device}…`,
    });
    let backend: EncoderBackend | DecoderBackend | undefined;
    try {
      backend =
        meta.family === 'encoder'
          ? await EncoderBackend.load(runtime, spec, meta, device, options)
          : await DecoderBackend.load(runtime, spec, meta, device, options);
      await backend.score([WARM_UP], { signal: options.signal });
      if (failures.length > 0) backend.info.fallbackReason = `${failures.join('; ')}. Running on ${device}.`;
      return backend;
    } catch (e) {
      await backend?.dispose().catch(() => undefined);
      if (isRewardError(e) && (e.code === 'cancelled' || e.code === 'input')) throw e;
      if (device === plan.devices[plan.devices.length - 1])
        throw modelLoadError(`${meta.family} model`, where, e);
      failures.push(`${device} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw modelLoadError('model', where, new Error('no device to run on'));
}
