/**
 * `REWARD_PLAYGROUND_MODELS=DIR npm start`: the playground also offers every converted model folder in DIR
 * (each a subfolder with config.json, as `reward-playground convert --out DIR/<name>` writes it), served beside
 * the embedded ones at /models/<name>/… by the dev and preview servers. /models/index.json lists them all; the
 * model panel reads it (a build without this plugin's folder has no index, and the panel keeps its own list).
 */
import { createReadStream, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export const MODELS_ENV = 'REWARD_PLAYGROUND_MODELS';

/**
 * The model folders in `dir`: subfolders that hold a config.json. Hidden ones (`.git`, a conversion's staging
 * folder) are not models the user named, so they are neither listed nor served.
 */
export function modelFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(dir, e.name, 'config.json')))
    .map((e) => e.name)
    .sort();
}

type Next = () => void;

function answer(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text);
}

/** Percent-decoding that answers null (→ 400) for a malformed escape such as `%E0%A4%A`. */
function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * The real path of `name/rest` inside `dir`, or null: it must resolve (symlinks followed) to a regular file
 * whose real path is inside the real folder, so neither `../` nor a symlink can reach anything outside it.
 */
function fileInside(dir: string, name: string, rest: string): string | null {
  let base: string;
  let real: string;
  try {
    base = realpathSync(dir);
    real = realpathSync(resolve(base, name, rest));
  } catch {
    return null;
  }
  if (!real.startsWith(base + sep)) return null;
  // Inside the model's own subfolder, not a sibling model or the folder's top level.
  const top = real.slice(base.length + 1).split(sep)[0];
  if (top !== name || real === join(base, name)) return null;
  return statSync(real).isFile() ? real : null;
}

/** The dev/preview middleware; exported for its test (test/scripts/models-folder.test.ts). */
export function modelsFolderMiddleware(dir: string, embedded: readonly string[]) {
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (url.pathname === '/models/index.json') {
      // Read again on every request: a model converted while the server runs shows up on reload. Folder
      // names only: where the folder is on disk is the operator's business, not the page's.
      const extra = modelFolders(dir).filter((m) => !embedded.includes(m));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ embedded, fromFolder: extra }));
      return;
    }
    const m = /^\/models\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!m) return next();
    const name = decode(m[1]!);
    const rest = decode(m[2]!);
    if (name === null || rest === null)
      return answer(res, 400, 'Bad request: malformed percent-encoding in the path.');
    if (embedded.includes(name)) return next();
    const file = name.startsWith('.') ? null : fileInside(dir, name, rest);
    if (!file) return answer(res, 404, `Not found: /models/${m[1]}/${m[2]}`);
    res.setHeader('content-length', String(statSync(file).size));
    res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
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
    configureServer: (server) => void server.middlewares.use(modelsFolderMiddleware(dir, embedded)),
    configurePreviewServer: (server) => void server.middlewares.use(modelsFolderMiddleware(dir, embedded)),
  };
}
