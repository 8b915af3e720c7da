import { describe, expect, it } from 'vitest';
import { parseModelConfig } from './model-config';

describe('parseModelConfig', () => {
  it('reads a decoder reward head with named outputs and defaults', () => {
    const meta = parseModelConfig(
      {
        model_type: 'llama',
        architectures: ['LlamaForSequenceClassification'],
        id2label: { '0': 'reward', '1': 'overall' },
        max_position_embeddings: 256,
        pad_token_id: 3,
        reward_playground: { default_weights: { reward: 1, overall: 0 } },
      },
      'm',
    );
    expect(meta).toMatchObject({
      family: 'decoder',
      labels: ['reward', 'overall'],
      maxLength: 256,
      padTokenId: 3,
    });
  });

  it('names a single HF-default output "reward" and trims RoBERTa position offsets', () => {
    const meta = parseModelConfig(
      { model_type: 'roberta', id2label: { '0': 'LABEL_0' }, max_position_embeddings: 514 },
      'm',
    );
    expect(meta).toMatchObject({ family: 'encoder', labels: ['reward'], maxLength: 512, alpha: 1 });
  });

  it('reads the activation a config names, and none for regression heads', () => {
    const base = { model_type: 'bert', id2label: { '0': 'reward' } };
    const act = (extra: object) => parseModelConfig({ ...base, ...extra }, 'm').activation;
    expect(act({ sentence_transformers: { activation_fn: 'torch.nn.modules.activation.Sigmoid' } })).toBe(
      'sigmoid',
    );
    expect(act({ sentence_transformers: { activation_fn: 'torch.nn.modules.linear.Identity' } })).toBe(
      'identity',
    );
    expect(act({ problem_type: 'multi_label_classification' })).toBe('sigmoid');
    expect(act({ problem_type: 'single_label_classification' })).toBe('softmax');
    expect(
      act({ reward_playground: { activation: 'tanh' }, problem_type: 'multi_label_classification' }),
    ).toBe('tanh');
    expect(act({ problem_type: 'regression' })).toBeUndefined();
    expect(act({})).toBeUndefined();
    // As transformers saves a config whose problem type was never set (most published checkpoints).
    expect(act({ problem_type: null })).toBeUndefined();
    expect(act({ sentence_transformers: { activation_fn: null } })).toBeUndefined();
    expect(() => parseModelConfig({ ...base, reward_playground: { activation: 'relu' } }, 'm')).toThrow(
      /reward_playground\.activation/,
    );
  });

  it('knows the encoder families a converted folder may hold', () => {
    for (const model_type of [
      'xlm-roberta',
      'camembert',
      'albert',
      'mpnet',
      'deberta-v2',
      'distilbert',
      'electra',
    ]) {
      expect(parseModelConfig({ model_type }, 'm').family, model_type).toBe('encoder');
    }
    // MPNet and CamemBERT number positions after the padding index, as RoBERTa does.
    expect(parseModelConfig({ model_type: 'mpnet', max_position_embeddings: 514 }, 'm').maxLength).toBe(512);
    expect(parseModelConfig({ model_type: 'albert', max_position_embeddings: 512 }, 'm').maxLength).toBe(512);
    for (const model_type of ['gemma2', 'mistral', 'qwen2', 'qwen3']) {
      const arch = `${model_type}ForSequenceClassification`;
      expect(parseModelConfig({ model_type, architectures: [arch] }, 'm').family, model_type).toBe('decoder');
    }
  });

  it('caps a decoder at 4096 tokens unless the converter or the config says less', () => {
    const qwen3 = { model_type: 'qwen3', architectures: ['Qwen3ForSequenceClassification'] };
    expect(parseModelConfig({ ...qwen3, max_position_embeddings: 40960 }, 'm').maxLength).toBe(4096);
    expect(parseModelConfig({ ...qwen3, max_position_embeddings: 2048 }, 'm').maxLength).toBe(2048);
    expect(parseModelConfig(qwen3, 'm').maxLength).toBe(4096);
    expect(
      parseModelConfig(
        { ...qwen3, max_position_embeddings: 40960, reward_playground: { max_length: 8192 } },
        'm',
      ).maxLength,
    ).toBe(8192);
  });

  it('reads the family, token types and external data a converted config declares', () => {
    const meta = parseModelConfig(
      {
        model_type: 'roberta',
        type_vocab_size: 1,
        reward_playground: { family: 'encoder' },
        'transformers.js_config': { use_external_data_format: { 'model.onnx': 1 } },
      },
      'm',
    );
    expect(meta).toMatchObject({
      family: 'encoder',
      typeVocabSize: 1,
      externalData: { 'model.onnx': 1 },
      weightOnlyQuantization: false,
    });
    const converted = { model_type: 'bert', reward_playground: { weight_only_quantization: true } };
    expect(parseModelConfig(converted, 'm').weightOnlyQuantization).toBe(true);
  });

  it('says why a config is not a reward model', () => {
    expect(() =>
      parseModelConfig({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] }, 'gpt2'),
    ).toThrow(/gpt2: model_type "gpt2" \(GPT2LMHeadModel\) is not a sequence-classification reward model/);
    expect(() => parseModelConfig({ architectures: [] }, 'x')).toThrow(
      /x: config.json is not a usable model config \(model_type/,
    );
  });
});
