/**
 * First-run polish (issue 10, item 11): `npm start` (the production build) prints no `spawn xdg-open ENOENT` on a machine without a
 * desktop, `npm ci` has no EBADENGINE warning on the Node version the README states, and the e2e suite picks
 * free ports, so `npm test` runs while `npm start` holds 5173.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** npm's own range logic (semver ships with the toolchain; typed here for the two calls used). */
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};

function listen(port: number): Promise<Server | undefined> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(undefined)); // already taken: just as good for this test
    s.listen(port, '127.0.0.1', () => ok(s));
  });
}

async function freePort(): Promise<number> {
  const s = (await listen(0))!;
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

describe('npm start', () => {
  it('builds and serves the production build without trying to open a browser (no xdg-open on this PATH)', async () => {
    // The build-and-serve half of the start script (the set-up half may run npm ci), into a folder of its own and
    // on a free port; `exec` so that killing the child stops vite itself instead of orphaning it.
    const [build, serve] = pkg.scripts
      .start!.split('&&')
      .slice(1)
      .map((c) => c.trim());
    expect(build).toMatch(/^vite build\b/);
    expect(serve).toMatch(/^vite preview\b/);
    const out = mkdtempSync(join(tmpdir(), 'rp-start-dist-'));
    const bin = mkdtempSync(join(tmpdir(), 'rp-no-xdg-open-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const port = await freePort();
    const command = `${build} --outDir ${out} --emptyOutDir && exec ${serve!.replace(/--port \d+/, '')} --outDir ${out} --port ${port}`;
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: root,
      // CI may force colours; colour codes split "127.0.0.1:" from the port, so ask for none and strip any left.
      env: {
        ...process.env,
        PATH: `${join(root, 'node_modules/.bin')}:${bin}`,
        BROWSER: '',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let raw = '';
    child.stdout.on('data', (d: Buffer) => (raw += d.toString()));
    child.stderr.on('data', (d: Buffer) => (raw += d.toString()));
    // eslint-disable-next-line no-control-regex
    const text = () => raw.replace(/\u001b\[[0-9;]*m/g, '');
    try {
      const deadline = Date.now() + 150_000;
      while (!text().includes(`:${port}/`) && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      expect(text()).toContain(`http://127.0.0.1:${port}/`);
      // The production build's page, with the headers multi-threaded WASM needs.
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\//);
      expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      // A browser launch happens right after "ready"; give it time to fail.
      await new Promise((r) => setTimeout(r, 1500));
      expect(text()).not.toMatch(/xdg-open|ENOENT|Error/);
    } finally {
      child.kill('SIGTERM');
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the stated Node version', () => {
  it('README, package.json engines and every locked package agree (no EBADENGINE on npm ci)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const stated = /Node\.js ≥ (\d+\.\d+)/.exec(readme)?.[1];
    expect(stated).toBeDefined();
    expect(pkg.engines.node).toBe(`>=${stated}`);
    const min = semver.minVersion(pkg.engines.node)!.version;
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => {
        const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
        return name !== '' && range !== undefined && !semver.satisfies(min, range);
      })
      .map(([name, p]) => `${name}@${p.version} (node ${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});

describe('the e2e suite', () => {
  it('picks free ports instead of 5173/5174, so it runs while npm start holds them', async () => {
    const held = await Promise.all([listen(5173), listen(5174)]);
    try {
      const { default: config } = (await import('../../playwright.config')) as {
        default: { use?: { baseURL?: string }; webServer?: { command: string; url?: string }[] };
      };
      const app = new URL(config.use!.baseURL!).port;
      expect(['5173', '5174']).not.toContain(app);
      const [preview, mirror] = config.webServer!;
      expect(preview!.command).toContain(`--port ${app}`);
      expect(new URL(preview!.url!).port).toBe(app);
      const mirrorPort = new URL(mirror!.url!).port;
      expect(['5173', '5174', app]).not.toContain(mirrorPort);
      expect(mirror!.command).toContain(`--port ${mirrorPort}`);
      // Specs take the mirror's address from the config, never a fixed port.
      const specs = readdirSync(join(root, 'e2e'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .filter((f) => /127\.0\.0\.1:517\d|localhost:517\d/.test(readFileSync(join(root, 'e2e', f), 'utf8')));
      expect(specs).toEqual([]);
    } finally {
      await Promise.all(held.map((s) => s && new Promise((ok) => s.close(ok))));
    }
  });
});
