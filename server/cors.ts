/**
 * Which browser pages may call the server (docs/architecture.md, 'Reward server'). `loopback`, the default of
 * `serve`, allows any page served from this machine — `http(s)://localhost`, `127.0.0.1` or `[::1]` on any
 * port — so the playground reaches `npm run serve` whatever port either runs on; other origins are listed
 * (`--cors`), and a refused one is reported once to `onRefused` (serve prints the flag that would allow it).
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** The `--cors` keyword for any loopback origin. */
export const LOOPBACK = 'loopback';
const LOOPBACK_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/** Allowed browser origins: true/'*' for any, a list (origins and `loopback`), or false/undefined for none. */
export type CorsOption = boolean | string[];

export function originAllowed(origin: string, option: CorsOption | undefined): boolean {
  if (option === true) return true;
  if (!Array.isArray(option)) return false;
  return option.some((o) => o === '*' || o === origin || (o === LOOPBACK && LOOPBACK_ORIGIN.test(origin)));
}

export async function registerCors(
  app: FastifyInstance,
  option: CorsOption | undefined,
  onRefused?: (origin: string) => void,
): Promise<void> {
  const any = option === true || (Array.isArray(option) && option.includes('*'));
  if (onRefused && !any) {
    const told = new Set<string>();
    app.addHook('onRequest', async (req) => {
      const origin = req.headers.origin;
      if (!origin || originAllowed(origin, option) || told.has(origin) || told.size >= 100) return;
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        return;
      }
      if (host === req.headers.host) return; // same origin: CORS does not apply
      told.add(origin);
      onRefused(origin);
    });
  }
  if (!option || (Array.isArray(option) && option.length === 0)) return;
  await app.register(cors, {
    origin: any ? '*' : (origin, cb) => cb(null, origin !== undefined && originAllowed(origin, option)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type'],
  });
}
