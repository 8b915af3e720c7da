#!/usr/bin/env bash
# WebGPU vs WASM on a machine with an NVIDIA GPU, in under 8 minutes (bench/gpu.bench.ts does the measuring).
#   bash bench/gpu.sh [OUT_DIR]        (default: $OUT, else bench/out/gpu; writes gpu.json and gpu.md there)
# Installs what is missing: Debian's Chromium and the Vulkan loader (apt-get), the npm packages (npm ci). A machine
# without a GPU runs the same script on SwiftShader, which checks the script and measures nothing about GPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_DIR="${1:-${OUT:-bench/out/gpu}}"
mkdir -p "$OUT_DIR"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libvulkan.so.1 || need_apt+=(libvulkan1)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[gpu.sh] apt-get install ${need_apt[*]}"
  sudo_ apt-get update -qq && sudo_ apt-get install -y -qq "${need_apt[@]}"
fi
if [ ! -f node_modules/.package-lock.json ]; then
  echo "[gpu.sh] npm ci"
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
fi

# What the machine offers, for the record beside the figures.
{
  echo "date: $(date -u +%FT%TZ)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: not found"
  ls /usr/share/vulkan/icd.d/ /etc/vulkan/icd.d/ 2>/dev/null || echo "no Vulkan ICD files"
  "${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || true
} | tee "$OUT_DIR/machine.txt"

timeout 450 npx tsx bench/gpu.bench.ts --out "$OUT_DIR"
