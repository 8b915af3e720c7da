/**
 * Shared by the server and CLI tests: the real embedded models (happy paths must run against them) and
 * a server listening on a free loopback port.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Dtype } from '../src/core/types';
import { EMBEDDED_MODELS_DIR, loadModel } from '../src/engine/node';
import type { Model } from '../src/engine/contract';
import { buildServer, type ServerOptions } from './app';

export const EMBEDDED = ['tiny-bert-reward', 'tiny-llama-reward'] as const;

/** Loads an embedded model, or fails with a message saying what is missing (never skips). */
export async function loadEmbedded(
  name: string,
  extra: { dtype?: Dtype; maxLength?: number } = {},
): Promise<Model> {
  const dir = join(EMBEDDED_MODELS_DIR, name);
  if (!existsSync(join(dir, 'config.json'))) {
    throw new Error(
      `Embedded model "${name}" is missing: ${dir}/config.json not found. Train and export it (npm run train) before running these tests.`,
    );
  }
  const spec = {
    kind: 'local' as const,
    source: { type: 'embedded' as const, name },
    dtype: extra.dtype ?? ('fp32' as Dtype),
    device: 'cpu' as const,
    ...(extra.maxLength ? { maxLength: extra.maxLength } : {}),
  };
  return loadModel(spec);
}

export interface TestServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  close: () => Promise<void>;
}

export async function startTestServer(options: ServerOptions): Promise<TestServer> {
  const app = await buildServer(options);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, origin: address, close: () => app.close() };
}

/** `content` split on `,` and `:` into a dict, exactly as NIM's documentation does. */
export function contentToDict(content: string): Record<string, number> {
  return Object.fromEntries(
    content.split(',').map((kv) => {
      const [k, v] = kv.split(':');
      return [k!, Number(v)];
    }),
  );
}

/** A GET with the path and Host header exactly as written (fetch would normalise them). */
export function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
