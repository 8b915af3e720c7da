/**
 * Request-body JSON parsing that tells the client exactly what is wrong: invalid UTF-8, a JSON syntax
 * error with its position, a prototype-pollution key (`__proto__`, `constructor.prototype`), which
 * is refused rather than silently stripped, or a lone surrogate (`"\ud800"` is valid JSON but not text: the
 * tokenizers would see U+FFFD). Every route parses its body here, so all four APIs refuse the same bodies.
 * The scans are iterative, so deep nesting cannot overflow the stack.
 */
import type { FastifyInstance } from 'fastify';
import { RewardError } from '../src/core/errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function forbiddenKey(root: unknown): string | null {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      if (key === '__proto__') return '__proto__';
      if (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child) {
        return 'constructor.prototype';
      }
      stack.push(child);
    }
  }
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path (`messages.1.content`, `inputs.0.1`) of the first string or key with a lone surrogate, or null. */
function loneSurrogateAt(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return path || 'body';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], at(path, i)]);
      continue;
    }
    for (const [key, child] of Object.entries(v).reverse()) {
      if (LONE_SURROGATE.test(key)) return `${at(path, key.replace(LONE_SURROGATE, '?'))} (the key)`;
      stack.push([child, at(path, key)]);
    }
  }
  return null;
}

export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new RewardError('input', 'Request body is not valid UTF-8.', {
      field: 'body',
      openaiCode: 'invalid_encoding',
    });
  }
  if (text.trim() === '')
    throw new RewardError('input', 'Request body is empty; send a JSON object.', {
      field: 'body',
      openaiCode: 'invalid_json',
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RewardError('input', `Request body is not valid JSON: ${(e as Error).message}`, {
      field: 'body',
      openaiCode: 'invalid_json',
    });
  }
  const bad = forbiddenKey(value);
  if (bad) {
    throw new RewardError(
      'input',
      `Request body contains the forbidden key "${bad}" (prototype pollution).`,
      { field: 'body', openaiCode: 'forbidden_key' },
    );
  }
  const lone = loneSurrogateAt(value);
  if (lone) {
    throw new RewardError('input', `${lone} contains ill-formed Unicode (a lone surrogate)`, {
      field: lone,
      openaiCode: 'invalid_encoding',
    });
  }
  return value;
}

/** How deeply a parsed JSON value nests (iteratively, so a 10,000-deep value cannot overflow the stack). */
export function jsonDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Only JSON bodies, parsed here: anything else is 415 (Fastify would otherwise also accept text/plain). */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
