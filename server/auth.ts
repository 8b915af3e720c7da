/**
 * The server's API key (`serve --auth-key-env`): every /v1/* route and every scoring route needs
 * `Authorization: Bearer <key>`; /health, /info and /openapi.json stay open.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './dialects';
import { httpError } from './errors';
import { bearerToken, sameKey } from './keys';

/** The scoring routes besides /v1/*: they need the API key too when the server has one. */
const SCORING_ROUTES = new Set(['/predict', '/classify', '/score', '/get_reward']);

/** True when the request carries the server's key. */
export function hasKey(req: FastifyRequest, key: string | undefined): boolean {
  const given = bearerToken(req.headers.authorization);
  return key !== undefined && given !== undefined && sameKey(given, key);
}

export function registerApiKey(app: FastifyInstance, key: string): void {
  app.addHook('onRequest', async (req, reply) => {
    // The matched route, not the raw URL: the router decodes %76 to 'v', so '/%761/models' is /v1/models.
    const route = req.routeOptions.url ?? '';
    if (req.method === 'OPTIONS' || !(route.startsWith('/v1/') || SCORING_ROUTES.has(route))) return;
    const given = bearerToken(req.headers.authorization);
    if (!given) {
      return sendError(
        reply,
        httpError(
          401,
          'authentication_error',
          'missing_api_key',
          'Missing API key: send "Authorization: Bearer <key>".',
        ),
      );
    }
    if (!sameKey(given, key)) {
      return sendError(reply, httpError(401, 'authentication_error', 'invalid_api_key', 'Invalid API key.'));
    }
  });
}
