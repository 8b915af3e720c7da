/**
 * Turns what the browser hands over for a folder (an <input webkitdirectory> file list, or the entries of a
 * drop) into an OpenedFolder, and says plainly when it is not a model folder the engine can run.
 */
import { dtypesInFileList } from '../../engine/local/dtypes';
import type { OpenedFolder } from '../store/model-slice';

/** Files with their path inside the picked or dropped folder, first segment included ("my-model/config.json"). */
export type PathedFile = { path: string; file: File };

/** From <input webkitdirectory>: each File carries its path in webkitRelativePath. */
export function filesFromInput(list: FileList): PathedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PathedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns the folder in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, path, out);
  }
}

/** From a drop: the dropped folder's entries, walked recursively. */
export async function filesFromDrop(items: DataTransferItemList): Promise<PathedFile[]> {
  const entries = Array.from(items)
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  const out: PathedFile[] = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

/**
 * The model folder among the files: the picked folder itself, or the one folder below it that has a
 * config.json (a parent with several models is refused by name). A string is the message to show.
 */
export function openedFolderOf(files: readonly PathedFile[]): OpenedFolder | string {
  if (files.length === 0) return 'The folder is empty.';
  const configs = files
    .filter((f) => f.path.split('/').pop() === 'config.json')
    .map((f) => f.path.split('/').slice(0, -1).join('/'))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const root = configs[0];
  if (root === undefined) {
    return 'This folder has no config.json. Open the folder that `reward-playground convert` wrote (config.json, tokenizer.json, onnx/model*.onnx).';
  }
  const sameDepth = configs.filter((c) => c.split('/').length === root.split('/').length);
  if (sameDepth.length > 1) {
    return `This folder holds several models (${sameDepth.map((c) => c.split('/').pop()).join(', ')}): open one of them.`;
  }
  const inside: Record<string, Blob> = {};
  const stamp: string[] = [];
  for (const { path, file } of files) {
    if (root && !path.startsWith(`${root}/`)) continue;
    const rel = root ? path.slice(root.length + 1) : path;
    inside[rel] = file;
    stamp.push(`${rel}:${file.size}:${file.lastModified}`);
  }
  const name = root.split('/').pop() || 'folder';
  if (!inside['tokenizer.json']) {
    return `${name} has no tokenizer.json: the engine needs the tokenizer files beside config.json.`;
  }
  if (dtypesInFileList(Object.keys(inside)).length === 0) {
    return (
      `${name} has no ONNX weights (onnx/model*.onnx): it looks like a PyTorch checkpoint. Convert it first: ` +
      `npx reward-playground convert ./${name} --out models/${name}, then open models/${name}.`
    );
  }
  return { name, fingerprint: `${name}-${fnv1a(stamp.sort().join('|'))}`, files: inside };
}

/** A short stable hash of the folder's names, sizes and dates (an identity, not a security check). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
