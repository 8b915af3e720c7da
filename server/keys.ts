/** API keys on the way in: the Bearer token of a request, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares keys in constant time (hashing first evens out the lengths). */
export function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
}
