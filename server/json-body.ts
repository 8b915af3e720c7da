/**
 * Request-body JSON parsing that tells the client exactly what is wrong: invalid UTF-8, a JSON syntax
 * error with its position, or a prototype-pollution key (`__proto__`, `constructor.prototype`), which
 * is refused rather than silently stripped. The key scan is iterative, so deep nesting cannot overflow
 * the stack.
 */
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
