/**
 * The safety rules for annotate's output file. Nothing is written to OUT, and nothing in it is cut, until
 * it is proven to be this command's own output for this input:
 * - files are compared by device + inode, so a symlink or hard link to the input (or to the marker) is
 *   caught where a path comparison is not;
 * - every output row carries its input line number (`input_line`), and a resume marker (`OUT.resume.json`)
 *   ties OUT to the input's bytes (sha256) and to OUT's own inode;
 * - a new OUT (fresh or --overwrite) is created under a temporary name and renamed into place, so an
 *   existing OUT, or a file it links to, is never truncated or written through;
 * - path problems (missing folder, a directory, no write permission) are found before the model loads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { access, lstat, open, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RewardError } from '../src/core/errors';
import type { DatasetRecord } from '../src/core/formats';
import { cannotRead } from './read-dataset';

// The input_line field is shared with the Batch view's export (core/formats/writer.ts).
import { LINE_FIELD } from '../src/core/formats';
export { LINE_FIELD, lineFieldClashes, withInputLine } from '../src/core/formats';

export interface ResumeMarker {
  version: 1;
  /** What wrote the file (so an unrelated JSON file is never taken for a marker). */
  tool: 'reward-playground annotate';
  input: { path: string; sha256: string; rows: number };
  output: { dev: string; ino: string };
  format: string;
  /** The model the rows were scored with; a resume with another model is refused. */
  model?: string;
}

export const markerPath = (output: string) => `${output}.resume.json`;

type Stats = BigIntStats;
const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;
const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch (e) {
    if (errno(e) === 'ENOENT') {
      // A dangling symlink: writing there would create the link's target somewhere else.
      const l = await lstat(path).catch(() => undefined);
      if (l?.isSymbolicLink()) throw new RewardError('input', `${path} is a broken symbolic link.`);
      return undefined;
    }
    throw new RewardError('input', `Cannot read ${path}: ${errno(e) ?? (e as Error).message}`);
  }
}

/** Checks OUT's folder and OUT itself; runs before the input is read and before the model loads. */
export async function checkOutputPath(input: string, output: string): Promise<void> {
  const dir = dirname(resolve(output));
  const dirStat = await statOrUndefined(dir);
  if (!dirStat) throw new RewardError('input', `Cannot write ${output}: the folder ${dir} does not exist.`);
  if (!dirStat.isDirectory())
    throw new RewardError('input', `Cannot write ${output}: ${dir} is not a folder.`);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new RewardError('input', `Cannot write ${output}: no permission to create files in ${dir}.`);
  }
  const out = await statOrUndefined(output);
  if (out?.isDirectory())
    throw new RewardError(
      'input',
      `${output} is a folder: pass a file path with -o, e.g. ${join(output, 'out.jsonl')}`,
    );
  if (out && !out.isFile()) throw new RewardError('input', `${output} is not a regular file.`);
  const inp = await statOrUndefined(input);
  if (!inp) throw cannotRead(input, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  for (const [path, s] of [
    [output, out],
    [markerPath(output), await statOrUndefined(markerPath(output))],
  ] as const) {
    if (s && sameFile(s, inp)) {
      throw new RewardError(
        'input',
        `${path} is the input file ${input} (the same file through a link or another path): choose another output file.`,
      );
    }
  }
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readMarker(output: string): Promise<ResumeMarker | undefined> {
  const path = markerPath(output);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw new RewardError('input', `Cannot read ${path}: ${errno(e) ?? (e as Error).message}`);
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    m = undefined;
  }
  const marker = m as Partial<ResumeMarker> | undefined;
  if (
    marker?.tool !== 'reward-playground annotate' ||
    marker.version !== 1 ||
    !marker.input ||
    !marker.output
  ) {
    throw new RewardError(
      'input',
      `${path} exists but is not a resume marker written by annotate; move it away or choose another output file.`,
    );
  }
  return marker as ResumeMarker;
}

/** Writes the marker through a temporary file and a rename (never through a link). */
export async function writeMarker(output: string, marker: Omit<ResumeMarker, 'output'>): Promise<void> {
  const s = await stat(output, { bigint: true });
  const full: ResumeMarker = { ...marker, output: { dev: String(s.dev), ino: String(s.ino) } };
  const path = markerPath(output);
  const tmp = tempName(path);
  await writeFile(tmp, JSON.stringify(full, null, 2) + '\n', { flag: 'wx' });
  await rename(tmp, path);
}

const tempName = (path: string) =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

export type OutputPlan =
  /** OUT does not exist, or is replaced (--overwrite, or an empty file no run has claimed). */
  | { kind: 'new' }
  /** OUT is this command's earlier output: `done` rows are kept, `cut` bytes of a half-written line go. */
  | { kind: 'resume'; done: number; keepBytes: number; cut: boolean };

const refuse = (output: string, why: string) =>
  new RewardError(
    'input',
    `${output} ${why}: annotate will not modify it. Pass --overwrite to replace it (the old file is replaced only once the model has loaded), or choose another output file.`,
  );

/**
 * Decides, without touching OUT, whether the run starts a new OUT or resumes it. A resume needs a marker
 * for this input's bytes and for OUT's inode, and every complete line of OUT a JSON row whose `input_line`
 * is the input's row at that position.
 */
export async function planOutput(o: {
  output: string;
  overwrite: boolean;
  inputSha256: string;
  records: readonly DatasetRecord[];
  model?: string;
}): Promise<OutputPlan> {
  const out = await statOrUndefined(o.output);
  const marker = await readMarker(o.output);
  if (!out || o.overwrite) return { kind: 'new' };
  if (!marker) {
    if (out.size === 0n) return { kind: 'new' };
    throw refuse(
      o.output,
      `already exists and has no resume marker (${markerPath(o.output)}), so it is not this command's output`,
    );
  }
  if (String(out.dev) !== marker.output.dev || String(out.ino) !== marker.output.ino)
    throw refuse(
      o.output,
      `was replaced or copied since annotate wrote it (its resume marker names another file)`,
    );
  if (marker.input.sha256 !== o.inputSha256)
    throw refuse(
      o.output,
      `was written for another input (${marker.input.path}, or this input has changed since)`,
    );
  if (o.model && marker.model && marker.model !== o.model)
    throw refuse(
      o.output,
      `was scored with ${marker.model}, not ${o.model}; resuming would mix two models' scores`,
    );
  const bytes = await readFile(o.output);
  const text = bytes.toString('utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').slice(0, -1);
  if (lines.length > o.records.length)
    throw refuse(o.output, `has ${lines.length} rows but the input has ${o.records.length}`);
  lines.forEach((l, i) => {
    let row: unknown;
    try {
      row = JSON.parse(l);
    } catch {
      throw refuse(o.output, `line ${i + 1} is not JSON`);
    }
    const want = o.records[i]!.line;
    const got = (row as Record<string, unknown> | null)?.[LINE_FIELD];
    if (got !== want)
      throw refuse(
        o.output,
        `line ${i + 1} is not the scored input line ${want} (its "${LINE_FIELD}" is ${JSON.stringify(got)})`,
      );
  });
  return {
    kind: 'resume',
    done: lines.length,
    keepBytes: Buffer.byteLength(text.slice(0, end)),
    cut: end < text.length,
  };
}

/**
 * Makes OUT ready to append to. A new OUT is created empty under a temporary name and renamed into place
 * (an existing file, or whatever it links to, is left as it was), then the marker is written; a resumed OUT
 * loses only its half-written last line.
 */
export async function prepareOutput(
  output: string,
  plan: OutputPlan,
  marker: Omit<ResumeMarker, 'output'>,
): Promise<void> {
  if (plan.kind === 'resume') {
    if (plan.cut) await truncate(output, plan.keepBytes);
    return;
  }
  const tmp = tempName(output);
  const f = await open(tmp, 'wx');
  await f.close();
  try {
    await rename(tmp, output);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new RewardError('input', `Cannot create ${output}: ${errno(e) ?? (e as Error).message}`);
  }
  await writeMarker(output, marker);
}
