import { describe, expect, it } from 'vitest';
import { chunkNames, declaredChunks } from './external-data';

describe('external data files, as transformers.js names them', () => {
  it('reads use_external_data_format as a flag, a count or a per-file record', () => {
    expect(declaredChunks(undefined, 'onnx/model.onnx')).toBeNull();
    expect(declaredChunks(true, 'onnx/model.onnx')).toBe(1);
    expect(declaredChunks(false, 'onnx/model.onnx')).toBe(0);
    expect(declaredChunks(3, 'onnx/model_q4.onnx')).toBe(3);
    const record = { 'model.onnx': 2 };
    expect(declaredChunks(record, 'onnx/model.onnx')).toBe(2);
    // A file the record does not name has none.
    expect(declaredChunks(record, 'onnx/model_q4.onnx')).toBe(0);
  });

  it('numbers the chunks after the first', () => {
    expect(chunkNames('onnx/model.onnx', 3)).toEqual([
      'model.onnx_data',
      'model.onnx_data_1',
      'model.onnx_data_2',
    ]);
    expect(chunkNames('onnx/model.onnx', 0)).toEqual([]);
  });
});
