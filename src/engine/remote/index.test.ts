import { describe, expect, it } from 'vitest';
import type { RemoteModelSpec } from '../../core/types';
import { createRemoteBackend } from './index';

describe('createRemoteBackend', () => {
  it('refuses an unknown engine by name', async () => {
    const spec = {
      kind: 'remote',
      engine: 'triton',
      baseUrl: 'http://127.0.0.1:1',
      model: 'm',
    } as unknown as RemoteModelSpec;
    await expect(createRemoteBackend(spec)).rejects.toMatchObject({
      code: 'model',
      message: expect.stringContaining('Unknown remote engine "triton"'),
    });
  });

  it('refuses a base URL without a scheme before sending anything', async () => {
    const spec: RemoteModelSpec = { kind: 'remote', engine: 'nim', baseUrl: '127.0.0.1:8000/v1', model: 'm' };
    await expect(createRemoteBackend(spec)).rejects.toMatchObject({ code: 'model' });
  });
});
