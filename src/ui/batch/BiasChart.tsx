import { Scatter } from 'react-chartjs-2';
import type { BiasEffect, ModelBiasReport } from '../../core/bias';
import { chartColors, themedAxis } from '../components/chart-setup';
import { fmtScore } from '../components/format';

/**
 * A forest plot of one kind of effect (correlations, or differences of mean score): a row per feature, a dot
 * at the estimate and a bar over its 95 % interval, one colour per model (offset so two models sit side by
 * side), and a dashed line at 0 (no effect). The table beside it carries the same numbers for screen readers.
 */
export function BiasChart(props: {
  reports: readonly ModelBiasReport[];
  kind: BiasEffect['kind'];
  title: string;
}) {
  const { reports, kind, title } = props;
  const c = chartColors();
  const colors = [c.accent, c.accent2];
  const features = reports[0]!.report.effects.filter((e) => e.kind === kind).map((e) => e.label);
  const offset = (m: number) => (reports.length === 1 ? 0 : m === 0 ? -0.15 : 0.15);
  const effectsOf = (r: ModelBiasReport) => r.report.effects.filter((e) => e.kind === kind);

  const estimates = reports.map((r, m) => ({
    label: r.model,
    data: effectsOf(r).flatMap((e, i) =>
      Number.isFinite(e.estimate) ? [{ x: e.estimate, y: i + offset(m) }] : [],
    ),
    backgroundColor: colors[m % 2],
    borderColor: colors[m % 2],
    pointStyle: m === 0 ? ('circle' as const) : ('rectRot' as const),
    pointRadius: 5,
  }));
  // Every interval of a model as one line broken by NaN points (Chart.js starts a new segment after a gap).
  const intervals = reports.map((r, m) => ({
    label: `${r.model} 95% interval`,
    data: effectsOf(r).flatMap((e, i) =>
      Number.isFinite(e.low) && Number.isFinite(e.high)
        ? [
            { x: e.low, y: i + offset(m) },
            { x: e.high, y: i + offset(m) },
            { x: NaN, y: NaN },
          ]
        : [],
    ),
    borderColor: colors[m % 2],
    borderWidth: 2,
    showLine: true,
    spanGaps: false,
    pointRadius: 0,
  }));
  const zero = {
    label: 'no effect',
    data: [
      { x: 0, y: -0.5 },
      { x: 0, y: features.length - 0.5 },
    ],
    borderColor: c.grid,
    borderDash: [4, 4],
    showLine: true,
    pointRadius: 0,
  };
  const describe = (e: BiasEffect) =>
    Number.isFinite(e.estimate)
      ? `${e.label} ${fmtScore(e.estimate)} [${fmtScore(e.low)}, ${fmtScore(e.high)}], n = ${e.n}`
      : `${e.label}: no estimate (n = ${e.n})`;

  return (
    <div className="chart-box bias-chart" style={{ height: `${60 + features.length * 34}px` }}>
      <Scatter
        role="img"
        aria-label={`${title}: ${reports.map((r) => `${r.model}: ${effectsOf(r).map(describe).join('; ')}`).join(' — ')}`}
        data={{ datasets: [zero, ...intervals, ...estimates] }}
        options={{
          animation: false,
          maintainAspectRatio: false,
          plugins: {
            legend: {
              display: reports.length > 1,
              labels: {
                color: c.fg,
                usePointStyle: true,
                filter: (item) => reports.some((r) => r.model === item.text),
              },
            },
            tooltip: {
              filter: (item) => item.datasetIndex > reports.length, // the estimate dots only
              callbacks: {
                label: (item) => {
                  const m = item.datasetIndex - 1 - reports.length;
                  const r = reports[m]!;
                  const e = effectsOf(r).filter((x) => Number.isFinite(x.estimate))[item.dataIndex];
                  return e ? `${r.model}: ${describe(e)}` : '';
                },
              },
            },
          },
          scales: {
            x: themedAxis(kind === 'correlation' ? 'Spearman ρ with score' : 'score with − without', c),
            y: {
              min: -0.5,
              max: features.length - 0.5,
              reverse: true,
              grid: { display: false },
              ticks: { color: c.fg, autoSkip: false, callback: (v) => features[Number(v)] ?? '' },
              afterBuildTicks: (axis) => {
                axis.ticks = features.map((_, i) => ({ value: i }));
              },
            },
          },
        }}
      />
    </div>
  );
}
