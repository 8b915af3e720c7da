/**
 * The models-folder middleware (`REWARD_PLAYGROUND_MODELS=DIR npm start`, issue 28 item 7): only regular files
 * whose real path is inside the model's folder, 400 for a malformed escape, no absolute path in any answer.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../../server/test-support';
import { modelsFolderMiddleware } from '../../scripts/models-folder-plugin';

describe('models folder middleware', () => {
  let root: string;
  let dir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rp-models-folder-'));
    dir = join(root, 'models');
    mkdirSync(join(dir, 'my-model', 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'my-model', 'config.json'), '{"model_type": "bert"}');
    writeFileSync(join(dir, 'my-model', 'onnx', 'model.onnx'), 'weights');
    mkdirSync(join(root, 'private'));
    writeFileSync(join(root, 'private', 'secret.txt'), 'SECRET');
    writeFileSync(join(dir, 'top-level.txt'), 'not in a model');
    // A hidden folder (a conversion's staging folder, .git) is not a model, even with a config.json.
    mkdirSync(join(dir, '.staging'));
    writeFileSync(join(dir, '.staging', 'config.json'), '{"model_type": "bert"}');
    symlinkSync(join(root, 'private'), join(dir, 'my-model', 'linkdir'));
    symlinkSync(join(root, 'private', 'secret.txt'), join(dir, 'my-model', 'secret-link.json'));
    symlinkSync(join(root, 'private'), join(dir, 'linked-model'));
    // A link that stays inside the model's folder is fine.
    symlinkSync(join(dir, 'my-model', 'config.json'), join(dir, 'my-model', 'alias.json'));
    const mw = modelsFolderMiddleware(dir, ['tiny-bert-reward']);
    server = createServer((req, res) =>
      mw(req, res, () => {
        res.statusCode = 418;
        res.end('next');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a model’s regular files, and a link that stays inside its folder', async () => {
    expect(await rawGet(origin, '/models/my-model/config.json')).toEqual({
      status: 200,
      body: '{"model_type": "bert"}',
    });
    expect((await rawGet(origin, '/models/my-model/onnx/model.onnx')).body).toBe('weights');
    expect((await rawGet(origin, '/models/my-model/alias.json')).status).toBe(200);
  });

  it.each([
    '/models/my-model/linkdir/secret.txt',
    '/models/my-model/secret-link.json',
    '/models/linked-model/secret.txt',
    '/models/my-model/..%2f..%2fprivate%2fsecret.txt',
    '/models/my-model/..%2ftop-level.txt',
    '/models/my-model/onnx',
    '/models/my-model/missing.json',
  ])('answers 404 for %s, naming no folder on disk', async (path) => {
    const r = await rawGet(origin, path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('SECRET');
    expect(r.body).not.toContain(root);
  });

  it('answers 400 for a malformed escape, with no stack trace or path', async () => {
    for (const path of ['/models/my-model/%E0%A4%A', '/models/%E0%A4%A/config.json']) {
      const r = await rawGet(origin, path);
      expect(r).toEqual({ status: 400, body: 'Bad request: malformed percent-encoding in the path.' });
    }
  });

  it('index.json lists folder names only, never an absolute path', async () => {
    const r = await rawGet(origin, '/models/index.json');
    expect(JSON.parse(r.body)).toEqual({ embedded: ['tiny-bert-reward'], fromFolder: ['my-model'] });
    expect(r.body).not.toContain(root);
  });

  it('neither lists nor serves a hidden folder', async () => {
    expect((await rawGet(origin, '/models/.staging/config.json')).status).toBe(404);
    expect(JSON.parse((await rawGet(origin, '/models/index.json')).body).fromFolder).not.toContain(
      '.staging',
    );
  });
});
