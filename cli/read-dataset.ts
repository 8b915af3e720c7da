/** Reads a JSONL file into records (every non-blank line kept, with its error when malformed). */
import { readFile } from 'node:fs/promises';
import { RewardError } from '../src/core/errors';
import { type Dataset, FORMAT_NAMES, type FormatName, parseDataset } from '../src/core/formats';

export type FormatChoice = FormatName | 'auto';
export const FORMAT_CHOICES: FormatChoice[] = ['auto', ...FORMAT_NAMES];

export async function readDataset(path: string, format: FormatChoice): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RewardError(
      'input',
      `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseDataset(text, { format });
}
