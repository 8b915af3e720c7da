/**
 * Serves the embedded models in the Hugging Face Hub's URL layout, `/{org}/{name}/resolve/{rev}/{file}`,
 * so tests run the real remote-loading code (progress, cache) without the Hub. Loopback only. As the Hub does,
 * weight files (`*.onnx`, `*.onnx_data*`, `*.safetensors`) answer with a 302 to a storage URL of their own
 * (`/__lfs__/…`, the Hub's LFS CDN), and byte ranges (`Range: bytes=a-b`) answer 206 with that slice.
 * `tsx test/support/hub-mirror.ts --port 5174` runs it standalone (Playwright starts it that way).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/models-dir';

export const MIRROR_ORG = 'reward-playground';
const ROOT = EMBEDDED_MODELS_DIR;

export interface HubMirror {
  url: string;
  server: Server;
  /** Paths requested so far, for assertions on what was downloaded. */
  requests: string[];
  close(): Promise<void>;
}

export interface HubMirrorOptions {
  /** Answer a missing file with an HTML page and a 200, as Vite's dev server and SPA hosts do. */
  htmlFallback?: boolean;
}

export async function startHubMirror(
  port = 0,
  root = ROOT,
  options: HubMirrorOptions = {},
): Promise<HubMirror> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const headers = {
      'Access-Control-Allow-Origin': '*',
      // The app runs cross-origin isolated (COEP require-corp): cross-origin files must opt in.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const lfs = /^\/__lfs__\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
    const m = lfs
      ? ([path, lfs[1], lfs[2], 'main', lfs[3]] as const)
      : /^\/([^/]+)\/([^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...headers,
          'Access-Control-Allow-Headers': '*',
          'Access-Control-Expose-Headers': '*',
        })
        .end();
      return;
    }
    if (!m || m[1] !== MIRROR_ORG) {
      res.writeHead(404, headers).end('Repository not found');
      return;
    }
    const file = normalize(join(root, m[2] as string, m[4] as string));
    if (!file.startsWith(root + sep)) {
      res.writeHead(400, headers).end('bad path');
      return;
    }
    try {
      const info = await stat(file);
      if (!lfs && /\.(onnx|onnx_data(_\d+)?|safetensors)$/.test(file)) {
        res.writeHead(302, { ...headers, Location: `/__lfs__/${m[1]}/${m[2]}/${m[4]}` }).end();
        return;
      }
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(info.size - 1, range[2] ? Number(range[2]) : info.size - 1);
        if (start >= info.size || end < start) {
          res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}` }).end();
          return;
        }
        res.writeHead(206, {
          ...headers,
          'Content-Length': end - start + 1,
          'Content-Range': `bytes ${start}-${end}/${info.size}`,
          'Content-Type': 'application/octet-stream',
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file, { start, end }).pipe(res);
        return;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Length': info.size,
        'Content-Type': 'application/octet-stream',
        'Accept-Ranges': 'bytes',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      if (options.htmlFallback) {
        res
          .writeHead(200, { ...headers, 'Content-Type': 'text/html' })
          .end('<!doctype html><html><body><div id="root"></div></body></html>');
        return;
      }
      res.writeHead(404, headers).end('Entry not found');
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    server,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5174;
  startHubMirror(port).then((m) => console.log(`Hub mirror of ${ROOT} at ${m.url}`));
}
