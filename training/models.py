"""Two tiny reward models in plain PyTorch: a BERT cross-encoder and a Llama decoder with a reward head.

Both forward() signatures are exactly the ONNX graph inputs, so export is a plain trace of forward().
Field names follow Hugging Face's BertConfig / LlamaConfig so config.json can be written straight from them.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

# Large negative number for masked attention scores; finite so an all-masked row stays NaN-free.
MASK_VALUE = -1e9


@dataclass
class BertConfig:
    vocab_size: int = 8000
    hidden_size: int = 128
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 512
    hidden_act: str = "gelu"
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    max_position_embeddings: int = 256
    type_vocab_size: int = 2
    initializer_range: float = 0.02
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class LlamaConfig:
    vocab_size: int = 8000
    hidden_size: int = 128
    intermediate_size: int = 384
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    num_key_value_heads: int = 2
    hidden_act: str = "silu"
    rms_norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    max_position_embeddings: int = 256
    initializer_range: float = 0.02
    bos_token_id: int = 0
    eos_token_id: int = 0
    pad_token_id: int = 0
    num_labels: int = 2
    attention_bias: bool = False
    mlp_bias: bool = False
    tie_word_embeddings: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


def _init_weights(module: nn.Module, std: float) -> None:
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=std)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=std)


# ---------------------------------------------------------------- BERT


class BertLayer(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.heads = c.num_attention_heads
        self.qkv = nn.Linear(c.hidden_size, 3 * c.hidden_size)
        self.attn_out = nn.Linear(c.hidden_size, c.hidden_size)
        self.attn_norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.ffn_in = nn.Linear(c.hidden_size, c.intermediate_size)
        self.ffn_out = nn.Linear(c.intermediate_size, c.hidden_size)
        self.ffn_norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.attn_drop = nn.Dropout(c.attention_probs_dropout_prob)
        self.drop = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (self.attn_drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.attn_norm(x + self.drop(self.attn_out(ctx)))  # post-LN, as in BERT
        return self.ffn_norm(x + self.drop(self.ffn_out(F.gelu(self.ffn_in(x)))))


class BertReward(nn.Module):
    """BertForSequenceClassification-shaped: embeddings, post-LN encoder, tanh pooler on [CLS], linear head."""

    def __init__(self, c: BertConfig, num_labels: int = 1) -> None:
        super().__init__()
        self.config = c
        self.num_labels = num_labels
        self.word = nn.Embedding(c.vocab_size, c.hidden_size)
        self.position = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.emb_norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.emb_drop = nn.Dropout(c.hidden_dropout_prob)
        self.layers = nn.ModuleList(BertLayer(c) for _ in range(c.num_hidden_layers))
        self.pooler = nn.Linear(c.hidden_size, c.hidden_size)
        self.classifier = nn.Linear(c.hidden_size, num_labels)
        _init_weights(self, c.initializer_range)
        with torch.no_grad():
            # Sinusoidal start for the (trainable) position table: positions beyond the training length
            # then still carry sensible values instead of random noise.
            pos = torch.arange(c.max_position_embeddings, dtype=torch.float32)[:, None]
            div = torch.exp(torch.arange(0, c.hidden_size, 2, dtype=torch.float32) * (-math.log(10000.0) / c.hidden_size))
            self.position.weight[:, 0::2] = torch.sin(pos * div) * 0.1
            self.position.weight[:, 1::2] = torch.cos(pos * div) * 0.1

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(pos) + self.token_type(token_type_ids)
        x = self.emb_drop(self.emb_norm(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * MASK_VALUE
        for layer in self.layers:
            x = layer(x, bias)
        pooled = torch.tanh(self.pooler(x[:, 0]))
        return self.classifier(self.emb_drop(pooled))


# ---------------------------------------------------------------- Llama


class RMSNorm(nn.Module):
    def __init__(self, n: int, eps: float) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    a, b = x.chunk(2, dim=-1)
    return torch.cat((-b, a), dim=-1)


class LlamaLayer(nn.Module):
    def __init__(self, c: LlamaConfig) -> None:
        super().__init__()
        self.heads = c.num_attention_heads
        self.kv_heads = c.num_key_value_heads
        self.d = c.hidden_size // c.num_attention_heads
        h = c.hidden_size
        self.q_proj = nn.Linear(h, self.heads * self.d, bias=False)
        self.k_proj = nn.Linear(h, self.kv_heads * self.d, bias=False)
        self.v_proj = nn.Linear(h, self.kv_heads * self.d, bias=False)
        self.o_proj = nn.Linear(self.heads * self.d, h, bias=False)
        self.gate_proj = nn.Linear(h, c.intermediate_size, bias=False)
        self.up_proj = nn.Linear(h, c.intermediate_size, bias=False)
        self.down_proj = nn.Linear(c.intermediate_size, h, bias=False)
        self.input_layernorm = RMSNorm(h, c.rms_norm_eps)
        self.post_attention_layernorm = RMSNorm(h, c.rms_norm_eps)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        y = self.input_layernorm(x)
        q = self.q_proj(y).view(b, t, self.heads, self.d).transpose(1, 2)
        k = self.k_proj(y).view(b, t, self.kv_heads, self.d).transpose(1, 2)
        v = self.v_proj(y).view(b, t, self.kv_heads, self.d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = self.heads // self.kv_heads  # grouped-query attention: each kv head serves `rep` query heads
        # expand+reshape rather than repeat_interleave: the latter exports with the trace-time sequence length baked in.
        k = k[:, :, None].expand(b, self.kv_heads, rep, t, self.d).reshape(b, self.heads, t, self.d)
        v = v[:, :, None].expand(b, self.kv_heads, rep, t, self.d).reshape(b, self.heads, t, self.d)
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.d) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, self.heads * self.d)
        x = x + self.o_proj(ctx)
        y = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y))


class LlamaReward(nn.Module):
    """LlamaForSequenceClassification-shaped; logits taken at the last non-pad token (right padding)."""

    def __init__(self, c: LlamaConfig) -> None:
        super().__init__()
        self.config = c
        self.num_labels = c.num_labels
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList(LlamaLayer(c) for _ in range(c.num_hidden_layers))
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.score = nn.Linear(c.hidden_size, c.num_labels, bias=False)
        d = c.hidden_size // c.num_attention_heads
        inv_freq = 1.0 / (c.rope_theta ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        _init_weights(self, c.initializer_range)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device, dtype=torch.float32)
        freqs = pos[:, None] * self.inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos()[None, None], emb.sin()[None, None]
        # Causal + key padding mask, built from comparisons so the export has no data-dependent shapes.
        idx = torch.arange(t, device=input_ids.device)
        causal = (idx[None, :] <= idx[:, None])[None, None]
        keep = causal & (attention_mask[:, None, None, :] > 0)
        x = self.embed_tokens(input_ids)
        bias = (~keep).to(x.dtype) * MASK_VALUE
        for layer in self.layers:
            x = layer(x, cos, sin, bias)
        x = self.norm(x)
        last = attention_mask.sum(-1) - 1  # right padding: last real token
        pooled = x[torch.arange(x.shape[0], device=x.device), last]
        return self.score(pooled)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
