/**
 * A scripted local HTTP server for testing remote clients against real sockets: each route answers with
 * a queue of steps (delay, status, body, headers, or a dropped connection). The last step of a route
 * repeats, so one step scripts a steady server. Listens on 127.0.0.1 on a free port.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultStep {
  status?: number;
  /** A string is sent as is (e.g. malformed JSON); anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the socket without answering. */
  drop?: boolean;
}

/** Computes the answer from the request (e.g. echo one prediction per input). */
export type FaultHandler = (request: RecordedRequest) => FaultStep;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
}

export interface FaultServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Scripts `route` ("POST /v1/chat/completions"); replaces any earlier script for it. */
  script(route: string, ...steps: (FaultStep | FaultHandler)[]): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const scripts = new Map<string, (FaultStep | FaultHandler)[]>();
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        // keep the raw text
      }
      const path = (req.url ?? '/').split('?')[0]!;
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
      requests.push(recorded);
      const queue = scripts.get(`${recorded.method} ${path}`);
      const next = queue && (queue.length > 1 ? queue.shift()! : queue[0]!);
      const step: FaultStep = !next
        ? { status: 404, body: { error: { message: `no script for ${recorded.method} ${path}` } } }
        : typeof next === 'function'
          ? next(recorded)
          : next;
      const answer = () => respond(res, step);
      if (step.delayMs) {
        const timer = setTimeout(answer, step.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else {
        answer();
      }
    });
  });

  function respond(res: ServerResponse, step: FaultStep) {
    if (res.destroyed) return;
    if (step.drop) {
      res.socket?.destroy();
      return;
    }
    const payload =
      typeof step.body === 'string' ? step.body : step.body === undefined ? '' : JSON.stringify(step.body);
    res.writeHead(step.status ?? 200, { 'Content-Type': 'application/json', ...step.headers });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(route, ...steps) {
      scripts.set(route, steps);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A loopback URL where nothing listens (a port that was just free), for connection-refused tests. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
