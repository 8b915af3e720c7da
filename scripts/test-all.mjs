#!/usr/bin/env node
// Runs the unit/integration suite (vitest) and the e2e suite (Playwright), both even if the first fails,
// then prints one closing line counting every test: "Tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

mkdirSync('test-results', { recursive: true });
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const e2eStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json',
});

const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null);
const unit = read('test-results/unit.json');
const e2e = read('test-results/e2e.json');
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
// The failures again, last, so a log that keeps only its tail still names them.
const failures = [
  ...(unit?.testResults ?? []).flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => ({
        where: file.name.replace(`${process.cwd()}/`, ''),
        title: t.fullName ?? t.title,
        message: t.failureMessages?.[0],
      })),
  ),
  ...e2eFailures(e2e?.suites ?? []),
];
for (const f of failures) {
  console.log(`\nFAILED ${f.where} › ${f.title}`);
  if (f.message) console.log(firstLines(f.message, 12));
}
console.log(
  `\nunit: ${unit?.numPassedTests ?? 0} passed, ${unit?.numFailedTests ?? '?'} failed; e2e: ${e2e?.stats?.expected ?? 0} passed, ${e2e?.stats?.unexpected ?? '?'} failed`,
);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 || !unit || !e2e ? 1 : 0);

function firstLines(text, n) {
  // Playwright's messages carry ANSI colours; the log reader wants plain text.
  const lines = stripVTControlCharacters(text)
    .split('\n')
    .filter((l) => !l.includes('node_modules'));
  return (
    lines
      .slice(0, n)
      .map((l) => `    ${l}`)
      .join('\n') + (lines.length > n ? '\n    …' : '')
  );
}

/** Failed or flaky Playwright tests, with where they are and the first error's message. */
function e2eFailures(suites) {
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const error = test.results?.find((r) => r.error)?.error;
          out.push({
            where: `e2e/${spec.file}:${spec.line}`,
            title:
              [...titles, spec.title].join(' › ') +
              (test.status === 'flaky' ? ' (flaky: failed, then passed on retry)' : ''),
            message: error?.message ?? error?.stack,
          });
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const s of suites) walk(s, []);
  return out;
}
