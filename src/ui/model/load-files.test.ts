import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../core/types';
import { filesSummary, filesTotals } from './load-files';

const files = {
  'tokenizer.json': { loaded: 711_396, total: 711_396 },
  'tokenizer_config.json': { loaded: 593, total: 593 },
  'onnx/model_quantized.onnx': { loaded: 1_000_000, total: 24_303_452 },
};

describe('the files a load read', () => {
  it('sums each file once and counts the finished ones', () => {
    expect(filesTotals(files)).toEqual({
      count: 3,
      done: 2,
      loadedBytes: 1_711_989,
      totalBytes: 25_015_441,
    });
    expect(filesTotals(undefined)).toEqual({ count: 0, done: 0, loadedBytes: 0, totalBytes: 0 });
  });

  it('says "read … from disk" for a folder opened from disk, "downloaded" for anything fetched', () => {
    const folder: ModelSpec = {
      kind: 'local',
      source: { type: 'files', name: 'my-model', fingerprint: 'x', files: {} },
      dtype: 'q8',
      device: 'wasm',
    };
    const hub: ModelSpec = {
      kind: 'local',
      source: { type: 'hub', id: 'org/m', host: 'https://huggingface.co' },
      dtype: 'q8',
      device: 'wasm',
    };
    expect(filesSummary(files, folder)).toBe('read 3 files from disk, 23.9 MiB');
    expect(filesSummary(files, hub)).toBe('downloaded 3 files, 23.9 MiB');
    expect(filesSummary({ 'onnx/model.onnx': { loaded: 10, total: 10 } }, null)).toBe(
      'downloaded 1 file, 10 B',
    );
  });
});
