/**
 * WebGPU vs WASM in Chromium for the real encoder and a decoder, bare sessions at 8 × 256 tokens (bench/gpu.sh
 * runs this on a machine with an NVIDIA GPU). Goal there: WebGPU ≥ 5× WASM. Where the only adapter is SwiftShader
 * (WebGPU emulated on the CPU, as on this project's CI machine) the same run is a check that the script works, at
 * 8 × 32 tokens, and its figures say so.
 *   npx tsx bench/gpu.bench.ts --out DIR     (writes DIR/gpu.json and DIR/gpu.md)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { withBrowserBench } from './chromium';

const PORT = Number(process.env.BENCH_PORT ?? 5196);
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** Chromium on Linux reaches a real GPU for WebGPU through Vulkan (the NVIDIA driver's ICD). */
const GPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--use-angle=vulkan',
  '--use-vulkan=native',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
];

interface ModelFile {
  model: string;
  dtype: string;
  url: string;
}

/** What this checkout has: the shipped default encoder, its other dtypes when built, and a decoder. */
function modelFiles(): ModelFile[] {
  const files: ModelFile[] = [
    {
      model: 'minilm-reward (encoder)',
      dtype: 'q8',
      url: '/public/models/minilm-reward/onnx/model_quantized.onnx',
    },
  ];
  for (const [dtype, file] of [
    ['fp32', 'model.onnx'],
    ['fp16', 'model_fp16.onnx'],
  ] as const)
    if (existsSync(`bench/out/minilm-dtypes/onnx/${file}`))
      files.push({
        model: 'minilm encoder (bench_dtypes.py)',
        dtype,
        url: `/bench/out/minilm-dtypes/onnx/${file}`,
      });
  const qwen = 'bench/out/real-scale/onnx/qwen3-0.6b/onnx/model_quantized.onnx';
  files.push(
    existsSync(qwen)
      ? { model: 'Qwen3-0.6B-shaped decoder', dtype: 'q8', url: `/${qwen}` }
      : {
          model: 'tiny-llama-reward (decoder fixture)',
          dtype: 'q8',
          url: '/public/models/tiny-llama-reward/onnx/model_quantized.onnx',
        },
  );
  return files;
}

function outDir(): string {
  const i = process.argv.indexOf('--out');
  return resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : (process.env.OUT ?? 'bench/out/gpu'));
}

async function main() {
  const out = outDir();
  mkdirSync(out, { recursive: true });
  const rows: Record<string, unknown>[] = [];
  type Adapter = { description: string; fallback: boolean; f16: boolean };
  const adapter = await withBrowserBench(
    PORT,
    async (browser): Promise<Adapter | null> => {
      const page = await browser.newPage();
      await page.goto(`${ORIGIN}/e2e/harness/ort-raw.html`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const adapter = await page.evaluate(async () => {
        const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
        const a = (await gpu?.requestAdapter()) as {
          info?: {
            vendor?: string;
            architecture?: string;
            description?: string;
            isFallbackAdapter?: boolean;
          };
          features?: { has(f: string): boolean };
        } | null;
        if (!a) return null;
        const i = a.info ?? {};
        return {
          description:
            [i.vendor, i.architecture, i.description].filter(Boolean).join(' ') || 'unknown adapter',
          fallback: Boolean(i.isFallbackAdapter) || /swiftshader/i.test(`${i.vendor} ${i.description}`),
          f16: a.features?.has('shader-f16') ?? false,
        };
      });
      await page.close();
      console.log(`WebGPU adapter: ${adapter ? JSON.stringify(adapter) : 'none'}`);
      const tokens = adapter && !adapter.fallback ? 256 : 32;
      const runs = adapter && !adapter.fallback ? 10 : 2;
      for (const f of modelFiles()) {
        const times: Record<string, number | string> = {};
        for (const [label, build, device] of [
          ['wasm', 'plain', 'wasm'],
          ['webgpu', 'asyncify', 'webgpu'],
        ] as const) {
          if (device === 'webgpu' && !adapter) {
            times[label] = 'no WebGPU adapter';
            continue;
          }
          console.log(`${f.model} ${f.dtype} on ${label}…`);
          const p = await browser.newPage();
          await p.goto(`${ORIGIN}/e2e/harness/ort-raw.html`);
          await p.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
          const r = await p.evaluate(
            ({ build, device, url, tokens, runs }) =>
              window.rawSessionTimes(build, 1, [
                {
                  modelUrl: url,
                  batch: 8,
                  length: tokens,
                  runs,
                  warmup: 2,
                  device,
                  sessionOptions: { graphOptimizationLevel: 'basic' },
                },
              ]),
            { build, device, url: f.url, tokens, runs },
          );
          await p.close();
          const t = [...(r.times[0] ?? [])].sort((a, b) => a - b);
          times[label] = t.length
            ? Math.round(t[Math.floor(t.length / 2)]! * 10) / 10
            : `error: ${r.errors[0]}`;
        }
        const w = times.wasm;
        const g = times.webgpu;
        rows.push({
          model: f.model,
          dtype: f.dtype,
          shape: `8×${tokens}`,
          wasm_1t_ms: w,
          webgpu_ms: g,
          webgpu_vs_wasm_x:
            typeof w === 'number' && typeof g === 'number' ? Math.round((w / g) * 100) / 100 : null,
        });
        console.log(rows[rows.length - 1]);
      }
      return adapter;
    },
    { args: GPU_ARGS },
  );
  const real = adapter !== null && !adapter.fallback;
  const best = Math.max(
    ...rows.map((r) => (typeof r.webgpu_vs_wasm_x === 'number' ? r.webgpu_vs_wasm_x : 0)),
  );
  const result = {
    date: new Date().toISOString(),
    command: 'bash bench/gpu.sh',
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    adapter: adapter ?? 'none',
    goal: 'WebGPU ≥ 5× WASM (one thread) at 8 × 256 tokens',
    verdict: real
      ? best >= 5
        ? `met on at least one model (best ${best}×)`
        : `not met (best ${best}×)`
      : 'not measurable here: the only WebGPU adapter is a software one (SwiftShader); this run checks the script',
    rows,
  };
  writeFileSync(join(out, 'gpu.json'), `${JSON.stringify(result, null, 2)}\n`);
  const keys = Object.keys(rows[0] ?? {});
  const md = [
    `# WebGPU vs WASM — ${result.date}`,
    '',
    `${result.machine}; adapter: ${adapter ? `${adapter.description}${adapter.fallback ? ' (software)' : ''}, shader-f16 ${adapter.f16 ? 'yes' : 'no'}` : 'none'}.`,
    `Goal: ${result.goal}: ${result.verdict}.`,
    '',
    `| ${keys.join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${keys.map((k) => String(r[k] ?? '—')).join(' | ')} |`),
    '',
  ].join('\n');
  writeFileSync(join(out, 'gpu.md'), md);
  console.log(md);
  console.log(`Wrote ${join(out, 'gpu.json')} and ${join(out, 'gpu.md')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
