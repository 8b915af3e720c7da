import { pieces, type Attribution, type TextUnit } from '../../core/explain';
import { fmtScore } from '../components/format';
import { attributionColor, legendGradient, signed } from './explain-colors';

/** One attribution as words: for the tooltip and for screen readers. */
export function describeAttribution(a: Attribution): string {
  return `${a.label}: ${signed(fmtScore(a.attribution), a.attribution)} (score without it ${fmtScore(a.without)})`;
}

/**
 * A text painted unit by unit; each unit's value is in its tooltip and, for screen readers, in hidden text
 * right after it.
 */
export function AttributionText({
  text,
  units,
  attributions,
  max,
  label,
}: {
  text: string;
  units: readonly TextUnit[];
  attributions: readonly Attribution[];
  max: number;
  label: string;
}) {
  return (
    <div className="attr-text" role="group" aria-label={label}>
      {pieces(text, units).map((p, i) => {
        if (p.unit === null) return <span key={i}>{p.text}</span>;
        const a = attributions[p.unit]!;
        return (
          <span
            key={i}
            className="attr-unit"
            data-attribution={a.attribution}
            style={{ backgroundColor: attributionColor(a.attribution, max) }}
            title={describeAttribution(a)}
          >
            {p.text}
            <span className="visually-hidden"> [{signed(fmtScore(a.attribution), a.attribution)}]</span>
          </span>
        );
      })}
    </div>
  );
}

/** The scale: orange where the reward rises without the unit, blue where the unit raised it. */
export function AttributionLegend({ max }: { max: number }) {
  return (
    <div className="attr-legend" aria-label={`Colour scale from −${fmtScore(max)} to +${fmtScore(max)}`}>
      <span>−{fmtScore(max)} (reward rises without it)</span>
      <span className="attr-legend-bar" style={{ background: legendGradient() }} aria-hidden="true" />
      <span>+{fmtScore(max)} (it raised the reward)</span>
    </div>
  );
}
