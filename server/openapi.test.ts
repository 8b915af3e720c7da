/**
 * /openapi.json (issue 15, item 3): it documents every route the server answers, and each route's examples
 * and real replies validate against the JSON Schemas it publishes. The schemas are read back from the served
 * JSON with zod's JSON Schema import, so what is checked is the published document, not our zod objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded, startTestServer, type TestServer } from './test-support';

interface Media {
  schema: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, { summary: string; value: unknown }>;
}
interface Operation {
  summary: string;
  description?: string;
  requestBody?: { content: { 'application/json': Media } };
  responses: Record<string, { description: string; content: { 'application/json': Media } }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

const fromSchema = (schema: Record<string, unknown>) =>
  z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

/** The routes Fastify serves, from its route tree, without the HEAD twins and the CORS preflight catch-all. */
function servedRoutes(server: TestServer): string[] {
  const routes: string[] = [];
  for (const m of server.app.printRoutes({ commonPrefix: false }).matchAll(/(\/\S*) \(([^)]+)\)/g)) {
    for (const method of m[2]!.split(', '))
      if (method !== 'HEAD') routes.push(`${method.toLowerCase()} ${m[1]}`);
  }
  return routes.sort();
}

describe.each(EMBEDDED)('/openapi.json served with %s', (name) => {
  let backend: Model;
  let server: TestServer;
  let doc: Doc;

  beforeAll(async () => {
    backend = await loadEmbedded(name);
    server = await startTestServer({ backend, modelId: name });
    const res = await fetch(`${server.origin}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );

  it('is OpenAPI 3.1 and documents exactly the routes the server answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = operations()
      .map((o) => `${o.method} ${o.path}`)
      .sort();
    expect(documented).toEqual(servedRoutes(server).filter((r) => !r.startsWith('options ')));
    expect(documented).toEqual(
      expect.arrayContaining([
        'post /predict',
        'get /info',
        'post /classify',
        'post /get_reward',
        'get /openapi.json',
      ]),
    );
  });

  it('every request example validates against its route’s schema, and the route answers it with a valid 200', async () => {
    let sent = 0;
    for (const { path, method, op } of operations()) {
      const reply = fromSchema(op.responses['200']!.content['application/json'].schema);
      expect(
        reply.safeParse(op.responses['200']!.content['application/json'].example).success,
        `${path} example reply`,
      ).toBe(true);
      if (method === 'get') {
        const body = (await (await fetch(`${server.origin}${path}`)).json()) as unknown;
        expect(reply.safeParse(body).error, `GET ${path}`).toBeUndefined();
        continue;
      }
      const media = op.requestBody!.content['application/json'];
      const request = fromSchema(media.schema);
      const examples = Object.entries(media.examples ?? {});
      if (examples.length === 0) {
        // Only /score for a multi-output model, which vLLM refuses too.
        expect(op.description, `${path} has no examples`).toMatch(/answers 400/);
        continue;
      }
      for (const [exampleName, { value }] of examples) {
        expect(request.safeParse(value).error, `${path} example ${exampleName}`).toBeUndefined();
        const res = await fetch(`${server.origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(value),
        });
        const body = (await res.json()) as unknown;
        expect(res.status, `${path} ${exampleName}: ${JSON.stringify(body)}`).toBe(200);
        expect(reply.safeParse(body).error, `${path} ${exampleName} reply`).toBeUndefined();
        sent++;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(5);
  });

  it('the schemas refuse what the routes refuse, and errors match the documented error bodies', async () => {
    for (const { path, method, op } of operations()) {
      if (method !== 'post') continue;
      const request = fromSchema(op.requestBody!.content['application/json'].schema);
      expect(request.safeParse(42).success, path).toBe(false);
      const res = await fetch(`${server.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '42',
      });
      const documented = op.responses[String(res.status)];
      expect(documented, `${path} answered ${res.status}, which it does not document`).toBeDefined();
      const error = fromSchema(documented!.content['application/json'].schema);
      expect(error.safeParse(await res.json()).error, `${path} error body`).toBeUndefined();
    }
  });
});
