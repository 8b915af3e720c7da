/**
 * Gzip-compressed dataset files (`.jsonl.gz`, how most preference data ships), recognised by their magic
 * bytes rather than the name, and inflated with the platform's DecompressionStream (browsers and Node
 * alike), with a cap on the inflated size so a small "gzip bomb" cannot exhaust memory.
 */
import { RewardError } from '../errors';

/** Largest inflated file accepted (a JS string, and so a whole file's text, cannot be much larger). */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The file's bytes, inflated when they are gzip; `name` is for messages. */
export async function inflateIfGzip(
  bytes: Uint8Array,
  name: string,
  maxBytes = MAX_INFLATED_BYTES,
): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new RewardError(
          'input',
          `${name} inflates to more than ${Math.round(maxBytes / (1024 * 1024))} MiB; split it into smaller files.`,
        );
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof RewardError) throw e;
    throw new RewardError(
      'input',
      `${name} starts like a gzip file but cannot be inflated (${e instanceof Error ? e.message : String(e)}); it may be cut short.`,
    );
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
