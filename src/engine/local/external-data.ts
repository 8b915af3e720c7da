/**
 * Weights kept beside an ONNX graph (`onnx/model.onnx_data`, `…_data_1`, …): protobuf caps one file at 2 GB, so
 * larger exports store their tensors in external data files, which ONNX Runtime must be handed with the graph.
 * Which files a model has is read as transformers.js reads it (`transformers.js_config.use_external_data_format`
 * in config.json); a model that does not say is checked for `<file>_data` beside the graph.
 */
import type { EngineRuntime, ExternalDataFile, FileFetchOptions } from '../runtime';
import type { ModelSource } from '../../core/types';
import type { ExternalDataSetting } from './model-config';

/** transformers.js caps the chunk count too (MAX_EXTERNAL_DATA_CHUNKS). */
const MAX_CHUNKS = 100;

/** Chunks declared for `file` (a path under the model, e.g. `onnx/model.onnx`); null when the config is silent. */
export function declaredChunks(setting: ExternalDataSetting, file: string): number | null {
  if (setting === undefined) return null;
  if (typeof setting === 'boolean') return setting ? 1 : 0;
  if (typeof setting === 'number') return setting;
  const name = file.split('/').pop() ?? file;
  const n = setting[file] ?? setting[name];
  return n === undefined ? 0 : n;
}

/** `model.onnx_data`, `model.onnx_data_1`, … (names relative to the graph's folder). */
export function chunkNames(file: string, chunks: number): string[] {
  const name = file.split('/').pop() ?? file;
  return Array.from({ length: chunks }, (_, i) => `${name}_data${i === 0 ? '' : `_${i}`}`);
}

/** Fetches the external data files of one graph (none for most models). */
export async function fetchExternalData(
  runtime: EngineRuntime,
  source: ModelSource,
  file: string,
  setting: ExternalDataSetting,
  options: FileFetchOptions = {},
): Promise<ExternalDataFile[]> {
  let chunks = declaredChunks(setting, file);
  // Embedded models are built by this project, which declares external data; other sources may not.
  if (chunks === null && source.type !== 'embedded') {
    const head = await runtime.peekFile(source, `${file}_data`, { signal: options.signal });
    chunks = head && head.length > 0 ? 1 : 0;
  }
  chunks = Math.min(chunks ?? 0, MAX_CHUNKS);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const files: ExternalDataFile[] = [];
  for (const path of chunkNames(file, chunks)) {
    const got = await runtime.fetchFile(source, dir + path, options);
    files.push({ path, data: got.bytes });
  }
  return files;
}
