import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RewardError } from './errors';
import { decodeShare, encodeShare, type SharedComparison } from './share';

const comparison: SharedComparison = {
  conversation: { system: 'Be brief', turns: [{ role: 'user', content: 'Wie spät ist es? 😀' }] },
  candidates: [
    { id: 'a', text: 'Noon.' },
    { id: 'b', text: 'It is 12:00 — lunch time.' },
  ],
  model: { kind: 'local', source: { type: 'embedded', name: 'tiny-bert' }, dtype: 'q8', device: 'auto' },
  weights: { helpfulness: 0.3 },
};

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

describe('share links', () => {
  it('round-trips a comparison through a URL-safe string', () => {
    const s = encodeShare(comparison);
    expect(s).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShare(s)).toEqual(comparison);
  });

  it('carries a Hub model with its host; a link from before hosts were shared means the Hub itself', () => {
    const mirror = {
      ...comparison,
      model: {
        kind: 'local' as const,
        source: { type: 'hub' as const, id: 'org/m', host: 'http://127.0.0.1:5174/' },
        dtype: 'q8' as const,
        device: 'auto' as const,
      },
    };
    expect(decodeShare(encodeShare(mirror))).toEqual(mirror);
    const old = `v1.${b64url(JSON.stringify({ ...mirror, model: { ...mirror.model, source: { type: 'hub', id: 'org/m' } } }))}`;
    expect(decodeShare(old).model).toMatchObject({ source: { host: 'https://huggingface.co/' } });
  });

  it('never carries an API key', () => {
    const s = encodeShare({
      ...comparison,
      model: {
        kind: 'remote',
        engine: 'nim',
        baseUrl: 'https://integrate.api.nvidia.com/v1',
        model: 'nvidia/nemotron-4-340b-reward',
        apiKey: 'nvapi-SECRET',
      } as SharedComparison['model'],
    });
    expect(Buffer.from(s.slice(3), 'base64url').toString('utf8')).not.toContain('SECRET');
    expect(decodeShare(s).model).toEqual({
      kind: 'remote',
      engine: 'nim',
      baseUrl: 'https://integrate.api.nvidia.com/v1',
      model: 'nvidia/nemotron-4-340b-reward',
    });
    // A crafted link with a key: the key is dropped on decode.
    const crafted = `v1.${b64url(JSON.stringify({ ...comparison, model: { kind: 'remote', engine: 'tei', baseUrl: 'http://x', model: 'm', apiKey: 'k' } }))}`;
    expect(decodeShare(crafted).model).not.toHaveProperty('apiKey');
  });

  it('explains damaged links', () => {
    const bad = (s: string, msg: RegExp) => {
      try {
        decodeShare(s);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RewardError);
        expect((e as RewardError).code).toBe('format');
        expect((e as RewardError).message).toMatch(msg);
      }
    };
    bad('hello', /does not start with "v1\."/);
    bad('v1.abc$', /not base64url/);
    bad(`v1.${b64url('{"conversation":')}`, /not valid JSON/);
    bad(`v1.${Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')}`, /UTF-8/);
    bad(
      `v1.${b64url(JSON.stringify({ ...comparison, candidates: [{ id: 1, text: 'x' }] }))}`,
      /field "candidates\[0\]\.id"/,
    );
    bad(
      `v1.${b64url(JSON.stringify({ ...comparison, candidates: Array(17).fill({ id: 'a', text: '' }) }))}`,
      /at most 16/,
    );
  });

  it('refuses to encode an invalid comparison', () => {
    expect(() => encodeShare({ ...comparison, candidates: Array(20).fill({ id: 'a', text: 'x' }) })).toThrow(
      RewardError,
    );
  });

  // Fuzzing: 3,000 runs in all; the decoder returns or throws RewardError('format'), nothing else.
  const onlyFormatErrors = (s: string) => {
    try {
      decodeShare(s);
    } catch (e) {
      if (!(e instanceof RewardError)) throw e;
      expect(e.code).toBe('format');
    }
  };

  it('fuzz: arbitrary strings and prefixed random base64url (1,500 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => `v1.${s}`),
          fc.uint8Array({ maxLength: 200 }).map((b) => `v1.${Buffer.from(b).toString('base64url')}`),
        ),
        onlyFormatErrors,
      ),
      { numRuns: 1500 },
    );
  });

  it('fuzz: random JSON and mutated valid payloads (1,500 runs)', () => {
    const valid = JSON.stringify(comparison);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => `v1.${b64url(JSON.stringify(v) ?? '')}`),
          fc.tuple(fc.nat(), fc.nat(20), fc.string({ maxLength: 10 })).map(([i, cut, ins]) => {
            const at = i % valid.length;
            return `v1.${b64url(valid.slice(0, at) + ins + valid.slice(at + cut))}`;
          }),
          fc.tuple(fc.nat(), fc.constantFrom('-', '_', 'A', '=', '.')).map(([i, ch]) => {
            const s = encodeShare(comparison);
            const at = i % s.length;
            return s.slice(0, at) + ch + s.slice(at + 1);
          }),
        ),
        onlyFormatErrors,
      ),
      { numRuns: 1500 },
    );
  });

  it('carries the Models view lineup, never an API key, and refuses more than 4 models', () => {
    const local = {
      kind: 'local' as const,
      source: { type: 'embedded' as const, name: 'tiny-bert-reward' },
      dtype: 'fp32' as const,
      device: 'wasm' as const,
    };
    const remote = {
      kind: 'remote' as const,
      engine: 'nim' as const,
      baseUrl: 'https://example.test/v1',
      model: 'm',
      apiKey: 'nvapi-secret',
    };
    const base = {
      conversation: { turns: [{ role: 'user' as const, content: 'Hi?' }] },
      candidates: [{ id: 'a', text: 'Hello' }],
    };
    const encoded = encodeShare({ ...base, lineup: [local, remote] });
    const payload = Buffer.from(encoded.slice(3).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
      'utf8',
    );
    expect(payload).toContain('tiny-bert-reward');
    expect(payload).not.toContain('nvapi-secret');
    const back = decodeShare(encoded);
    expect(back.lineup).toEqual([
      local,
      { kind: 'remote', engine: 'nim', baseUrl: 'https://example.test/v1', model: 'm' },
    ]);
    expect(() => encodeShare({ ...base, lineup: [local, local, local, local, local] })).toThrow(
      /at most 4 models/,
    );
  });
});
