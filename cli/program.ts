/**
 * The `reward-playground` program: annotate / eval / serve over the same engine as the browser app, with local
 * models or any remote backend (--remote nim|tei|vllm).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { isRewardError } from '../src/core/errors';
import { formatLineError } from '../src/core/formats';
import { loadModel } from '../src/engine/node';
import { activatedBackend } from './activated-backend';
import { annotate } from './annotate';
import { biasCommand } from './bias';
import { addConvertCommand } from './convert';
import { evalJson, evaluate, formatEvalTable } from './eval';
import {
  addModelOptions,
  describeSpec,
  type ModelFlags,
  scoringFromFlags,
  specFromFlags,
} from './model-args';
import { FORMAT_CHOICES, type FormatChoice } from './read-dataset';
import { addServeOptions, type ServeFlags, startServe } from './serve';

interface DataFlags extends ModelFlags {
  format: FormatChoice;
  batchSize: number;
  truncate: boolean;
  progress: boolean;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${v}"`);
  return n;
}

function addDataOptions(cmd: Command): Command {
  return addModelOptions(cmd)
    .addOption(new Option('-f, --format <format>', 'input format').choices(FORMAT_CHOICES).default('auto'))
    .addOption(new Option('--batch-size <rows>', 'rows per scoring call').argParser(positive).default(16))
    .addOption(
      new Option('--no-truncate', 'fail over-long inputs (marked per row) instead of truncating them'),
    )
    .addOption(new Option('--no-progress', 'hide the progress bar'));
}

/** The version in package.json (the CLI runs from the source tree, so it is read, not bundled). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

const say = (line: string) => process.stderr.write(`${line}\n`);

export function buildProgram(): Command {
  const program = new Command('reward-playground')
    .description(
      'Score chat responses with reward models: annotate files, evaluate pairs, serve NIM, TEI, vLLM and OpenRLHF reward APIs, convert checkpoints',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError();

  addDataOptions(
    program
      .command('annotate')
      .description('score every row of a dataset file and write it back with scores (NeMo: assistant labels)')
      .usage('<in> -o <out> [options]')
      .argument(
        '<in>',
        'input JSONL or JSON array, plain or .gz (TRL pairs, HH-RLHF, NeMo conversations or candidates)',
      )
      .requiredOption('-o, --output <file>', 'output JSONL, required (resumes when it already holds rows)'),
  )
    .addOption(new Option('--overwrite', 'start OUT afresh instead of resuming'))
    .addOption(
      new Option(
        '--activated',
        'write activated scores (the model’s own activation, else sigmoid for one output, softmax over several) instead of raw rewards',
      ),
    )
    .addOption(
      new Option(
        '--explain',
        'add each response’s leave-one-out attributions (field "explain": per sentence, per word for answers of up to 3 sentences; one more score per unit)',
      ),
    )
    .action(
      async (
        input: string,
        flags: DataFlags & { output: string; overwrite?: boolean; activated?: boolean; explain?: boolean },
      ) => {
        const spec = specFromFlags(flags);
        const scoring = scoringFromFlags(flags);
        let stop = false;
        const onSigint = () => {
          if (stop) process.exit(130);
          stop = true;
          say('\nStopping after the current batch; run the same command again to resume.');
        };
        process.on('SIGINT', onSigint);
        const s = await annotate({
          input,
          output: flags.output,
          format: flags.format,
          chunkRows: flags.batchSize,
          truncate: flags.truncate,
          scoring,
          overwrite: Boolean(flags.overwrite),
          // The resume marker names the mode too: raw and activated rows must not mix in one file.
          model:
            describeSpec(spec, scoring) +
            (flags.activated ? ', activated' : '') +
            (flags.explain ? ', explain' : ''),
          explain: Boolean(flags.explain),
          progress: flags.progress && Boolean(process.stderr.isTTY),
          load: async () => (flags.activated ? activatedBackend(await loadModel(spec)) : loadModel(spec)),
          log: say,
          shouldStop: () => stop,
        });
        process.off('SIGINT', onSigint);
        say(
          `${s.format}: ${s.rows} rows in, ${s.resumed + s.written} rows in ${flags.output}` +
            (s.resumed ? ` (${s.resumed} from an earlier run)` : '') +
            (s.errors.length
              ? `; ${s.errors.length} row(s) with errors (kept, with an "error" field):`
              : '.'),
        );
        for (const e of s.errors.slice(0, 20)) say(`  ${formatLineError(e)}`);
        if (s.errors.length > 20) say(`  … and ${s.errors.length - 20} more`);
        for (const w of s.warnings) say(`Warning: ${w}`);
        if (s.interrupted) {
          say('Interrupted: run the same command again to resume.');
          process.exitCode = 130;
        }
      },
    );

  addDataOptions(
    program
      .command('eval')
      .description('pairwise accuracy (chosen scored above rejected) overall and per subset')
      .argument(
        '<pairs>',
        'JSONL or JSON array, plain or .gz, of chosen/rejected pairs (TRL pairs or HH-RLHF)',
      ),
  )
    .addOption(new Option('--json', 'print the report as JSON on stdout'))
    .addOption(
      new Option(
        '--content-free-edits',
        'also score each pair with each of "Hack this answer"\'s edits (flattery, Markdown, emojis…) applied to its rejected answer',
      ),
    )
    .action(async (input: string, flags: DataFlags & { json?: boolean; contentFreeEdits?: boolean }) => {
      const backend = await loadModel(specFromFlags(flags));
      try {
        const report = await evaluate({
          input,
          format: flags.format,
          chunkRows: flags.batchSize,
          truncate: flags.truncate,
          scoring: scoringFromFlags(flags),
          progress: flags.progress && Boolean(process.stderr.isTTY),
          backend,
          contentFreeEdits: flags.contentFreeEdits,
        });
        process.stdout.write((flags.json ? evalJson(report) : formatEvalTable(report)) + '\n');
      } finally {
        await backend.dispose();
      }
    });

  program
    .command('bias')
    .description(
      'bias report of a scored file (annotate output or the Batch view export): how the score moves with length, lists, headers, code, bold, refusals, apologies, hedges and restating the question',
    )
    .argument('<scored>', 'scored JSONL (chosen_score/rejected_score or scores), plain or .gz')
    .addOption(new Option('-f, --format <format>', 'input format').choices(FORMAT_CHOICES).default('auto'))
    .addOption(new Option('--json', 'print the report as JSON').conflicts('csv'))
    .addOption(new Option('--csv', 'print the report as CSV'))
    .action(async (input: string, flags: { format: FormatChoice; json?: boolean; csv?: boolean }) => {
      process.stdout.write(`${await biasCommand(input, flags)}\n`);
    });

  addConvertCommand(program);

  addServeOptions(
    program
      .command('serve')
      .description(
        'reward server over one model with four APIs: NIM (POST /v1/chat/completions), TEI (POST /predict, GET /info), ' +
          'vLLM (POST /classify, /score, /v1/score) and OpenRLHF (POST /get_reward); GET /openapi.json describes them. ' +
          'With --proxy, a proxy for a remote NIM/OpenAI-compatible endpoint instead',
      ),
  ).action(async (flags: ServeFlags) => {
    const { url, backend } = await startServe(flags);
    say(
      `reward server listening on ${url}: ${backend ? `${backend.info.id} (${backend.info.backend}, ${backend.info.dtype})` : 'proxy'}`,
    );
  });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    // A message, never a stack trace (REWARD_PLAYGROUND_DEBUG=1 adds it for bug reports).
    const debug = Boolean(process.env.REWARD_PLAYGROUND_DEBUG);
    const text = e instanceof Error ? (debug && e.stack ? e.stack : e.message) : String(e);
    say(`reward-playground: ${text}`);
    process.exitCode = isRewardError(e) && (e.code === 'input' || e.code === 'format') ? 2 : 1;
  }
}
