/**
 * Issue 10, item 12: the prefix curve stayed on screen, as if current, after the example, the candidates or
 * the model changed. It is now marked outdated. Real engine (Node runtime, embedded model), real panel
 * (server-side rendered).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';
import { DEFAULT_EMBEDDED_MODEL } from '../../engine/defaults';

stubBrowserStorage();

const { useStore } = await import('../store/store');
const { curveKey } = await import('../store/scoring');
const { loadCurrentModel } = await import('../model/run-load');
const { engine } = await import('../engine-bridge');
const { conversationOf } = await import('../store/compare-slice');
const { EXAMPLES } = await import('../store/examples');
const { PrefixCurvePanel } = await import('./PrefixCurvePanel');

const html = () => {
  Object.assign(useStore.getInitialState(), useStore.getState());
  return renderToStaticMarkup(createElement(PrefixCurvePanel));
};

beforeAll(() => {
  useInThreadEngine();
});

async function computeCurveForFirstCandidate(): Promise<void> {
  const s = useStore.getState();
  const c = s.candidates[0]!;
  const data = await engine().prefixCurve(
    s.loaded!.handle,
    { conversation: conversationOf(s), response: c.text },
    { maxPoints: 8, truncate: true },
  );
  s.setCurve({ key: curveKey(s, c.id), name: 'A', data });
}

describe('prefix curve', () => {
  it('is current after computing, outdated after the example, a candidate or the model changes', async () => {
    await loadCurrentModel();
    expect(useStore.getState().loaded?.id).toBe(DEFAULT_EMBEDDED_MODEL);
    await computeCurveForFirstCandidate();
    expect(html()).toContain('data-testid="curve-summary"');
    expect(html()).not.toContain('Outdated');

    useStore.getState().loadExample(EXAMPLES[1]!);
    expect(html()).toContain('Outdated: the conversation, the candidates or the model changed');

    await computeCurveForFirstCandidate();
    expect(html()).not.toContain('Outdated');
    const first = useStore.getState().candidates[0]!;
    useStore.getState().setCandidateText(first.id, `${first.text} More.`);
    expect(html()).toContain('Outdated');

    await computeCurveForFirstCandidate();
    useStore.getState().setSettings({ embeddedName: 'tiny-llama-reward' });
    await loadCurrentModel();
    expect(useStore.getState().loaded?.id).toBe('tiny-llama-reward');
    expect(html()).toContain('Outdated');
  });
});
