/** `npm run serve -- --model <name|dir> --port <n>`: the NIM-compatible reward server. */
import { Command } from 'commander';
import { isRewardError } from '../src/core/errors';
import { addServeOptions, type ServeFlags, startServe } from './serve';

const program = addServeOptions(new Command('serve').description('NIM-compatible reward server'));
program.parse();

startServe(program.opts<ServeFlags>()).then(
  ({ url, backend }) => {
    const what = backend ? `${backend.info.id} (${backend.info.backend}, ${backend.info.dtype})` : 'proxy';
    process.stderr.write(`reward server listening on ${url}: ${what}\n`);
  },
  (e: unknown) => {
    process.stderr.write(
      `serve: ${isRewardError(e) ? e.message : e instanceof Error ? e.stack : String(e)}\n`,
    );
    process.exit(1);
  },
);
