/**
 * `REWARD_PLAYGROUND_MODELS=DIR npm start`: the playground also offers every converted model folder in DIR
 * (each a subfolder with config.json, as `reward-playground convert --out DIR/<name>` writes it), served beside
 * the embedded ones at /models/<name>/… by the dev and preview servers. /models/index.json lists them all; the
 * model panel reads it (a build without this plugin's folder has no index, and the panel keeps its own list).
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export const MODELS_ENV = 'REWARD_PLAYGROUND_MODELS';

/** The model folders in `dir`: subfolders that hold a config.json. */
export function modelFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'config.json')))
    .map((e) => e.name)
    .sort();
}

type Next = () => void;

function middleware(dir: string, embedded: readonly string[]) {
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (url.pathname === '/models/index.json') {
      // Read again on every request: a model converted while the server runs shows up on reload.
      const extra = modelFolders(dir).filter((m) => !embedded.includes(m));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ embedded, folder: dir, fromFolder: extra }));
      return;
    }
    const m = /^\/models\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!m || embedded.includes(decodeURIComponent(m[1]!))) return next();
    const root = resolve(dir, decodeURIComponent(m[1]!));
    const file = resolve(root, decodeURIComponent(m[2]!));
    // Nothing outside the model's folder, whatever the path says (../, encoded or not).
    if (
      !root.startsWith(resolve(dir) + sep) ||
      !file.startsWith(root + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain');
      res.end(`Not found: ${url.pathname}`);
      return;
    }
    res.setHeader('content-length', String(statSync(file).size));
    res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}

export function modelsFolderPlugin(embeddedDir = 'public/models'): Plugin | null {
  const value = process.env[MODELS_ENV];
  if (!value) return null;
  const embedded = modelFolders(embeddedDir);
  const dir = resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `${MODELS_ENV}=${value}: ${dir} is not a folder. Point it at a folder of converted models.`,
    );
  }
  const found = modelFolders(dir);
  console.log(
    found.length
      ? `Models from ${dir}: ${found.join(', ')}`
      : `${MODELS_ENV}=${value}: no model folders (subfolders with config.json) in ${dir} yet.`,
  );
  return {
    name: 'reward-playground-models-folder',
    configureServer: (server) => void server.middlewares.use(middleware(dir, embedded)),
    configurePreviewServer: (server) => void server.middlewares.use(middleware(dir, embedded)),
  };
}
