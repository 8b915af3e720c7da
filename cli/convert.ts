/**
 * `reward-playground convert`: a Hugging Face `*ForSequenceClassification` checkpoint → a model folder this engine
 * loads. The work is Python (transformers, torch.onnx, onnxruntime's quantizers: training/convert.py) in the
 * project's pinned venv, which training/python.mjs sets up on first use; this command only passes the arguments on.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, Option } from 'commander';
import { RewardError } from '../src/core/errors';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CONVERT_DTYPES = ['fp32', 'fp16', 'q8', 'q4'] as const;

export interface ConvertFlags {
  out: string;
  dtype: string;
  overwrite?: boolean;
  allowMissing?: boolean;
}

/** The dtype list, checked here so a typo fails before the Python environment starts. */
export function parseConvertDtypes(text: string): string[] {
  const got = text
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = got.filter((d) => !(CONVERT_DTYPES as readonly string[]).includes(d));
  if (got.length === 0 || bad.length > 0) {
    throw new RewardError(
      'input',
      `--dtype "${text}": expected a comma-separated list of ${CONVERT_DTYPES.join(', ')}`,
    );
  }
  return got;
}

/** Arguments for training/convert.py; paths are made absolute (the script runs from the repository root). */
export function convertArgs(source: string, flags: ConvertFlags, cwd = process.cwd()): string[] {
  const local = resolve(cwd, source);
  return [
    existsSync(local) ? local : source,
    '--out',
    resolve(cwd, flags.out),
    '--dtype',
    parseConvertDtypes(flags.dtype).join(','),
    ...(flags.overwrite ? ['--overwrite'] : []),
    ...(flags.allowMissing ? ['--allow-missing'] : []),
  ];
}

/** Runs the converter with the terminal attached; resolves to its exit status (2: refused, 1: failed). */
export function runConvert(args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(REPO, 'training/python.mjs'), 'convert.py', ...args], {
      cwd: REPO,
      stdio: 'inherit',
    });
    child.on('error', (e) => fail(new RewardError('model', `could not start the converter: ${e.message}`)));
    child.on('exit', (code, signal) => done(code ?? (signal ? 130 : 1)));
  });
}

export function addConvertCommand(program: Command): Command {
  return program
    .command('convert')
    .description(
      'convert a Hugging Face *ForSequenceClassification checkpoint (Hub id or local folder) into an ONNX model ' +
        'folder for the playground, with a PyTorch parity report',
    )
    .argument('<source>', 'Hub id (owner/name; needs the Hub) or a local checkpoint folder (works offline)')
    .requiredOption(
      '-o, --out <dir>',
      'folder to write (refused when it exists and is not empty, unless --overwrite; never through a link)',
    )
    .addOption(
      new Option('--dtype <list>', `comma-separated files to build: ${CONVERT_DTYPES.join(', ')}`).default(
        CONVERT_DTYPES.join(','),
      ),
    )
    .addOption(new Option('--overwrite', 'replace --out when it is a folder convert wrote (no other folder)'))
    .addOption(
      new Option(
        '--allow-missing',
        'convert even when the weights lack tensors the model needs (they are random; the card lists them)',
      ),
    )
    .action(async (source: string, flags: ConvertFlags) => {
      const status = await runConvert(convertArgs(source, flags));
      if (status !== 0) process.exitCode = status;
    });
}
