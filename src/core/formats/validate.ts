import type { z } from 'zod';
import { RewardError } from '../errors';

/** `conversations[2].value` style path for a zod issue, so a message names the exact field. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** A format error that names the line and field, in the message and in `details`. */
export function formatError(line: number, field: string | undefined, reason: string): RewardError {
  const where = field ? `Line ${line}, field "${field}"` : `Line ${line}`;
  return new RewardError('format', `${where}: ${reason}`, field ? { line, field } : { line });
}

/**
 * Validates `value` with `schema`; the first issue becomes a line-numbered RewardError. `outer` is the
 * path of `value` inside the row when it is not the whole row.
 */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, line: number, outer?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const inner = issue ? issuePath(issue.path) : '';
  const field = [outer ?? '', inner].filter(Boolean).join(inner.startsWith('[') ? '' : '.');
  throw formatError(line, field || undefined, issue?.message ?? 'invalid row');
}

/** True for a plain JSON object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
