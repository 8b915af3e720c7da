/**
 * Reads a dataset file for annotate/eval: JSONL or a JSON array, plain or gzip (`.jsonl.gz`), every row kept
 * with its error when it is malformed, too large, too deep or not UTF-8. A file that cannot be read gets a
 * message naming it and the reason in words.
 */
import { readFile } from 'node:fs/promises';
import { RewardError } from '../src/core/errors';
import { type Dataset, FORMAT_NAMES, type FormatName, readDatasetFile } from '../src/core/formats';

export type FormatChoice = FormatName | 'auto';
export const FORMAT_CHOICES: FormatChoice[] = ['auto', ...FORMAT_NAMES];

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** "Cannot read PATH: reason in words (CODE)" for a file-system error. */
export function cannotRead(path: string, e: unknown): RewardError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code && REASONS[code] ? `${REASONS[code]} (${code})` : (code ?? (e as Error).message);
  return new RewardError('input', `Cannot read ${path}: ${reason}.`);
}

export async function readInputBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
}

export async function readDataset(path: string, format: FormatChoice): Promise<Dataset> {
  return readDatasetFile(await readInputBytes(path), path, { format });
}
