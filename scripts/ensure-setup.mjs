#!/usr/bin/env node
// Makes a fresh clone runnable with one command: installs npm packages when node_modules is missing or
// stale, (with --browser) Debian's Chromium for the e2e tests, and (with --training) the pinned Python venv that
// the training smoke test runs in (training/python.mjs: ~3 GB from PyPI the first time). Idempotent; prints what it does.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, env = {}) => {
  console.log(`[setup] ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, ...env } });
};

const lock = 'package-lock.json';
const stamp = 'node_modules/.package-lock.json';
if (!existsSync(stamp) || statSync(lock).mtimeMs > statSync(stamp).mtimeMs) {
  // onnxruntime-node's postinstall would fetch CUDA parts; the CPU binding ships in the package.
  run('npm ci --no-audit --no-fund', { ONNXRUNTIME_NODE_INSTALL: 'skip' });
}

if (process.argv.includes('--browser') && !existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}apt-get install -y -qq chromium fonts-dejavu-core`);
}

if (process.argv.includes('--training')) {
  // Debian's python3 creates venvs only with python3-venv installed.
  const python = process.env.PYTHON ?? 'python3';
  if (spawnSync(python, ['-c', 'import ensurepip'], { stdio: 'ignore' }).status !== 0) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    run(`${sudo}apt-get update -qq`);
    run(`${sudo}apt-get install -y -qq python3-venv`);
  }
  run('node training/python.mjs --setup-only');
}
