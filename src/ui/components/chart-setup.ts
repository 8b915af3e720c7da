import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  ScatterController,
  LineController,
  Tooltip,
} from 'chart.js';

// Register only what the two charts (prefix curve, length-vs-score scatter) use, keeping the bundle small.
Chart.register(
  LinearScale,
  PointElement,
  LineElement,
  LineController,
  ScatterController,
  Tooltip,
  Legend,
  Filler,
);

/** Chart colours follow the page theme (CSS custom properties), read once per render. */
export function chartColors(): {
  fg: string;
  grid: string;
  accent: string;
  accent2: string;
  ok: string;
  error: string;
} {
  // No DOM (server-side rendering in tests): the fallbacks.
  const css = typeof getComputedStyle === 'function' ? getComputedStyle(document.documentElement) : null;
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg-muted', '#555'),
    grid: v('--border', '#ddd'),
    accent: v('--accent', '#2b59c3'),
    accent2: v('--accent-2', '#c3512b'),
    ok: v('--ok', '#1a7f37'),
    error: v('--error', '#cf222e'),
  };
}

/** A linear axis with a title, styled in the page theme: what both charts put on x and y. */
export function themedAxis(title: string, c: ReturnType<typeof chartColors>) {
  return {
    title: { display: true, text: title, color: c.fg },
    grid: { color: c.grid },
    ticks: { color: c.fg },
  };
}
