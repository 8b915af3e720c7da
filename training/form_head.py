"""A form head: a small MLP over a *frozen* all-MiniLM-L6-v2, added to a reward model's score.

Why: fine-tuning the 22 M cross-encoder on the rule-made pairs (contrastive.py) taught their templates' strings, and
it pulled against the human signal (the card's "Settings tried"). Here the cross-encoder stays as it is and the
sentence-embedding model, never trained, describes the prompt and the response apart: each segment of the
engine's one input `[CLS] prompt [SEP] response [SEP]` attends only to itself, positions restarting at 0, so its
mean is exactly the sentence embedding of that text alone (`check` below). A head over those embeddings is trained
on the rule-made pairs and the preference pairs, as a residual on the cross-encoder's fixed score:
score = reward(x) + head(features(x)). Paraphrases of a refusal or a dismissal land near each other in that space,
which the fine-tuned model's template-fitting did not give. A second, short pass encodes the response's first
sentence alone (at most 32 tokens): a one-word insult before a correct answer is diluted in every mean over the
answer, but it is the whole of that sentence.

    node training/python.mjs form_head.py check                       # segment features == separate encodings
    node training/python.mjs form_head.py features --work DIR [--only everyday,...]   # cache features + shipped scores
    node training/python.mjs form_head.py fit --work DIR [--hidden N --epochs N ...]   # train and report
    node training/python.mjs form_head.py export --head H.pt --out DIR   # one graph, fp32 and q8; q8 on the check sets

The cross-encoder's score changes little between two sound answers (its differences on the human check pairs average
0.3, the head's 1.9), so a head as large as its fit leaves the natural pairs to the head's own, weaker judgement;
`--head-scale` weighs the head down after training, `--defect M` trains it instead as a defect classifier whose
probability lowers the score by at most M, and `--reward-scale` weighs the cross-encoder up during training (the card's
"Settings tried" has what each gave).

`--gate` mixes a benign and a harm head by how harmful the prompt looks (GatedHead; the training README's "The harm
gate" and the card's "Settings tried" have what it gave).

`FormReward` is the whole model as one module with the engine's encoder inputs and `logits` (the two encoders and
the head; exported with eager attention, onnxruntime fp32 matched PyTorch to 1e-6). form_stage.py publishes one
(the default, minilm-form-reward) with the settings in form_stage.FIT.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import AutoTokenizer, BertForSequenceClassification, BertModel
from transformers.modeling_outputs import SequenceClassifierOutput

import everyday
import gate_prompts
import harmful_requests
from check_eval import CHECK_DIR, first_screen_example, read_check_set
from composed import decorated
from contrastive import COMPOSED_MIX, DEFAULT_MIX, build_composed, build_everyday, build_harmful
from data import Pair, flatten_prompt_side, load_dataset
from fit import PairExample, collate, length_sorted_batches, pair_metrics
from from_onnx import load_from_onnx
from held_out import drop_held_out, held_out_texts
from hf_inputs import EncoderInputs
from pretrained import ENCODER, locate

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "public" / "models" / "minilm-reward"
HIDDEN = 384
FIRST = 8  # response tokens averaged for the opening ("Sorry, I can't…", "Ugh.", "Look it up…")
# The response's first sentence, up to this many tokens, encoded on its own: a one-word insult before a correct
# answer ("Moron. Paris is…") is a whole sentence there, where in the opening's 8 tokens it is one of eight.
SENTENCE = 32
SENTENCE_ENDS = (".", "!", "?")


class SegmentTower(nn.Module):
    """The frozen sentence encoder over the engine's pair input, one segment at a time (ONNX-exportable)."""

    def __init__(self, bert: BertModel, sentence_ends: list[int], sep: int) -> None:
        super().__init__()
        self.bert = bert.eval()
        for p in self.bert.parameters():
            p.requires_grad_(False)
        self.register_buffer("ends", torch.tensor(sentence_ends), persistent=False)
        self.sep = sep

    def first_sentence(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        """The sentence embedding of the response's first sentence (through its end mark, at most SENTENCE tokens):
        `[CLS] sentence [SEP]` encoded alone and averaged over all its tokens, as sentence-transformers pools."""
        valid = attention_mask.bool()
        resp = (token_type_ids == 1) & valid & (input_ids != self.sep)
        end = resp & (input_ids[:, :, None] == self.ends[None, None, :]).any(-1)
        before = torch.cumsum(end.long(), 1) - end.long()  # sentence ends strictly before each token
        flen = (resp & (before == 0)).long().sum(1).clamp(max=SENTENCE)[:, None]
        start = ((token_type_ids == 0) & valid).long().sum(1)[:, None]  # the first response position
        k = torch.arange(SENTENCE + 1, device=input_ids.device)[None]
        body = torch.gather(input_ids, 1, (start + k).clamp(max=input_ids.shape[1] - 1))
        body = torch.where(k < flen, body, torch.full_like(body, self.sep))  # [SEP] right after the sentence
        ids = torch.cat([input_ids[:, :1], body], 1)  # the pair input's own [CLS] first
        keep = torch.cat([torch.ones_like(flen), (k <= flen).long()], 1)
        h = self.bert(input_ids=ids, attention_mask=keep, token_type_ids=torch.zeros_like(ids)).last_hidden_state
        t = keep.float()[:, :, None]
        return (h.float() * t).sum(1) / t.sum(1)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        valid = attention_mask.bool()
        seg = token_type_ids
        same = (seg[:, :, None] == seg[:, None, :]) & valid[:, None, :] & valid[:, :, None]
        ar = torch.arange(input_ids.shape[1], device=input_ids.device)
        eye = (ar[:, None] == ar[None, :])[None]  # not torch.eye: onnxruntime has no bool EyeLike
        # Additive, not boolean: the eager attention the export uses adds the mask to the scores. A padding row
        # attends to itself only (its output is never read).
        mask4 = torch.where((same | eye)[:, None], 0.0, -1e9)
        pos = torch.zeros_like(input_ids)
        for s in (0, 1):
            m = (seg == s) & valid
            pos = torch.where(m, torch.cumsum(m.long(), 1) - 1, pos)
        h = self.bert(
            input_ids=input_ids, attention_mask=mask4, token_type_ids=torch.zeros_like(input_ids), position_ids=pos
        ).last_hidden_state.float()
        m0 = ((seg == 0) & valid).float()[:, :, None]
        m1 = ((seg == 1) & valid).float()[:, :, None]
        prompt = (h * m0).sum(1) / m0.sum(1).clamp(min=1)
        response = (h * m1).sum(1) / m1.sum(1).clamp(min=1)  # the response's tokens and its final [SEP]
        n = attention_mask.sum(1)
        start = m0.sum((1, 2)).long()  # the first response position
        rlen = n - start - 1  # response tokens without the final [SEP]
        k = torch.arange(FIRST, device=h.device)[None]
        take = (k < rlen[:, None]).float()[:, :, None]
        idx = (start[:, None] + k).clamp(max=h.shape[1] - 1)
        opening = (torch.gather(h, 1, idx[:, :, None].expand(-1, -1, h.shape[2])) * take).sum(1) / take.sum(1).clamp(
            min=1
        )
        last_idx = (start + rlen - 1).clamp(min=0)
        last = h[torch.arange(h.shape[0], device=h.device), last_idx] * (rlen > 0).float()[:, None]
        r = rlen.float()
        scalars = torch.stack([(r == 0).float(), torch.log1p(r) / 5, (n >= 256).float()], -1)
        sentence = self.first_sentence(input_ids, attention_mask, token_type_ids)
        # The prompt's tokens max-pooled (--gate-max): a request's intent often rests on a few words ("without
        # getting caught", "secretly") that its mean dilutes.
        prompt_max = torch.where(m0.bool(), h, torch.full_like(h, -1e4)).amax(1)
        return torch.cat([prompt, response, opening, last, sentence, scalars, prompt_max], -1)


def cosine(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Cosine similarity over the last dimension, kept as a size-1 dimension (plain ops: exported as they are)."""
    dot = (a * b).sum(-1, keepdim=True)
    return dot / (a.norm(dim=-1, keepdim=True) * b.norm(dim=-1, keepdim=True)).clamp(min=1e-6)


def head_inputs(f: torch.Tensor) -> torch.Tensor:
    """What the head reads: the response, its opening and ending, their products with the prompt, and how alike
    the parts are. The cosines are what the sentence encoder was trained for: a response far from its prompt is
    off-topic whatever its words, and one whose mean is its first sentence while it is long repeats that sentence.
    A head learns them from the products only for the answers it was shown; as numbers they hold for any answer.
    The response's own cosines come first (RESPONSE_OWN of them), the prompt's after."""
    u, v = f[..., :HIDDEN], f[..., HIDDEN : 2 * HIDDEN]
    o, last = f[..., 2 * HIDDEN : 3 * HIDDEN], f[..., 3 * HIDDEN : 4 * HIDDEN]
    first, sc = f[..., 4 * HIDDEN : 5 * HIDDEN], f[..., 5 * HIDDEN : 5 * HIDDEN + SCALARS]
    own = [cosine(first, v), cosine(o, v), cosine(last, v)]
    to_prompt = [cosine(u, v), cosine(u, first), cosine(u, o)]
    return torch.cat([v, last, o, u * v, u * o, (u - v).abs(), first, u * first, sc, *own, *to_prompt], -1)


SCALARS = 3
PROMPT_MAX = 5 * HIDDEN + SCALARS  # where the prompt's max-pooled tokens start
FEATURES = PROMPT_MAX + HIDDEN
RESPONSE_OWN = 3
HEAD_IN = 8 * HIDDEN + SCALARS + RESPONSE_OWN + 3


class Penalty(nn.Module):
    """-softplus: the head can only lower a score, so two sound answers keep the cross-encoder's order."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return -nn.functional.softplus(x)


class ResponseOnly(nn.Module):
    """The head inputs that describe the response alone (its mean, ending, opening, first sentence, scalars): for a
    head whose judgement should not depend on the prompt (--response-only), e.g. "this answer is a refusal"."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        own = x[..., 8 * HIDDEN : 8 * HIDDEN + SCALARS + RESPONSE_OWN]
        return torch.cat([x[..., : 3 * HIDDEN], x[..., 6 * HIDDEN : 7 * HIDDEN], own], -1)


RESPONSE_IN = 4 * HIDDEN + SCALARS + RESPONSE_OWN


def make_head(hidden: int, dropout: float, penalty: bool = False, response_only: bool = False) -> nn.Sequential:
    width = RESPONSE_IN if response_only else HEAD_IN
    layers: list[nn.Module] = [nn.Dropout(dropout), nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, 1)]
    return nn.Sequential(*([ResponseOnly()] if response_only else []), *layers, *([Penalty()] if penalty else []))


class HeadMean(nn.Module):
    """Heads trained from different seeds, averaged: less variance than any one of them. With `average=False`,
    added up instead (the form-defect head and the compliance head)."""

    def __init__(self, heads: list[nn.Module], average: bool = True) -> None:
        super().__init__()
        self.heads = nn.ModuleList(heads)
        self.average = average

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        stacked = torch.stack([h(x) for h in self.heads])
        return stacked.mean(0) if self.average else stacked.sum(0)


class HeadOutput(nn.Module):
    """The head's output as it enters the score: `scale` times the head's, or times -defect·σ(head) (--defect)."""

    def __init__(self, scale: float, defect: float) -> None:
        super().__init__()
        self.scale, self.defect = scale, defect

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.scale * (-self.defect * torch.sigmoid(x) if self.defect else x)


class HeadInputs(nn.Module):
    """The tower's features as the head reads them (`head_inputs`)."""

    def forward(self, f: torch.Tensor) -> torch.Tensor:
        return head_inputs(f)


def on_features(head: nn.Module) -> nn.Sequential:
    """An ungated head over the tower's features."""
    return nn.Sequential(HeadInputs(), head)


HARMFUL_SOURCES = ("hh_rlhf_harmless", "rule_harmful_refusal")
# Rule-made pairs whose rejected side refuses or dismisses: a defect after a benign prompt only.
REFUSING_SOURCES = ("rule_over_refusal", "rule_dismissive")


class GatedHead(nn.Module):
    """Two heads mixed by how harmful the prompt looks (--gate): p = σ(gate(prompt's embedding)), trained to tell
    hh-rlhf harmless's and the harmful-request pairs' prompts (HARMFUL_SOURCES) from every other prompt; the score
    adds (1 - p)·benign + p·harm, plus an `ungated` head's output on every prompt (--form-defect). hh-rlhf's labels
    reward an evasive answer to a harmful request, the rule-made pairs punish one to a benign question: one head had
    to fit both on the same answers, and reordered the human pairs."""

    def __init__(
        self,
        gate: nn.Module,
        benign: nn.Module,
        harm: nn.Module,
        ungated: nn.Module | None = None,
        gate_max: bool = False,
    ) -> None:
        super().__init__()
        self.gate, self.benign, self.harm, self.ungated = gate, benign, harm, ungated
        self.gate_max = gate_max

    def harmful(self, f: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.gate(gate_inputs(f, self.gate_max)))

    def forward(self, f: torch.Tensor) -> torch.Tensor:
        p, x = self.harmful(f), head_inputs(f)
        mixed = (1 - p) * self.benign(x) + p * self.harm(x)
        return mixed if self.ungated is None else mixed + self.ungated(x)


def gate_inputs(f: torch.Tensor, with_max: bool) -> torch.Tensor:
    """What the gate reads: the prompt's embedding, and with --gate-max its tokens max-pooled too."""
    if not with_max:
        return f[..., :HIDDEN]
    if f.shape[-1] < FEATURES:
        raise SystemExit("form_head.py --gate-max: these cached features have no max-pooled prompt; rebuild them")
    return torch.cat([f[..., :HIDDEN], f[..., PROMPT_MAX : PROMPT_MAX + HIDDEN]], -1)


def gated_head(
    gate: nn.Module,
    benign: nn.Module,
    harm: nn.Module,
    defect: float,
    form: nn.Module | None,
    form_scale: float,
    gate_max: bool = False,
    compliance: nn.Module | None = None,
    compliance_scale: float = 0.0,
) -> GatedHead:
    """A GatedHead from its parts as `fit` trains them: the benign head a defect classifier (at most `defect`), the
    form-defect head (if any) one bounded by `form_scale`, and the compliance head (if any) one bounded by
    `compliance_scale`, both ungated."""
    ungated = nn.Sequential(form, HeadOutput(1.0, form_scale)) if form is not None else None
    if ungated is not None and compliance is not None:
        ungated = HeadMean([ungated, nn.Sequential(compliance, HeadOutput(1.0, compliance_scale))], average=False)
    return GatedHead(gate, nn.Sequential(benign, HeadOutput(1.0, defect)), harm, ungated, gate_max)


def make_gate(hidden: int, width: int = HIDDEN) -> nn.Module:
    """Logistic regression on the prompt's embedding (and max-pooled tokens: width 2 * HIDDEN), or (hidden > 0) an
    MLP."""
    if not hidden:
        return nn.Linear(width, 1)
    return nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, 1))


def distinct_prompts(
    prompt: torch.Tensor, harmful: torch.Tensor, weight: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The distinct prompts' embeddings, labels ("harmful") and weights (a prompt seen twice counts its larger)."""
    distinct, index = torch.unique(prompt, dim=0, return_inverse=True)
    label = torch.zeros(len(distinct))
    label[index] = harmful.float()
    counts = torch.zeros(len(distinct))
    if weight is None:
        counts += 1.0
    else:
        counts.scatter_reduce_(0, index, weight.float(), "amax", include_self=False)
    return distinct, label, counts


def fit_gate(
    prompt: torch.Tensor, harmful: torch.Tensor, seed: int, hidden: int = 0, weight: torch.Tensor | None = None
) -> nn.Module:
    """The gate from a prompt's embedding to "harmful" (its pairs' source), fitted over the distinct prompts, the
    two classes weighted equally; `weight`: how much each prompt counts."""
    torch.manual_seed(seed)
    distinct, label, counts = distinct_prompts(prompt, harmful, weight)
    gate = make_gate(hidden, prompt.shape[-1])
    opt = torch.optim.AdamW(gate.parameters(), lr=3e-3 if hidden else 1e-2, weight_decay=1e-2)
    balance = (counts * (1 - label)).sum() / (counts * label).sum()
    for _ in range(100 if hidden else 300):
        perm = torch.randperm(len(distinct))
        for i in range(0, len(distinct), 512):
            b = perm[i : i + 512]
            z = gate(distinct[b]).squeeze(-1)
            loss = nn.functional.binary_cross_entropy_with_logits(z, label[b], pos_weight=balance, reduction="none")
            loss = (loss * counts[b]).sum() / counts[b].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return gate.eval()


class KnnGate(nn.Module):
    """--gate-knn K: how harmful the K known prompts most like this one are (cosine similarity of the prompts'
    embeddings, weighted by softmax(similarity / 0.05) times each known prompt's weight), as a logit. Nothing is
    fitted: the known prompts are the training pairs' and gate_prompts.py's, kept in the graph."""

    def __init__(self, bank: torch.Tensor, harmful: torch.Tensor, weight: torch.Tensor, k: int) -> None:
        super().__init__()
        # A layer, not a buffer: its q8 MatMul then has a bias that names it, as every other layer of the graph.
        self.bank = nn.Linear(HIDDEN, len(bank))
        with torch.no_grad():
            self.bank.weight.copy_(nn.functional.normalize(bank, dim=-1))
            self.bank.bias.zero_()
        self.bank.requires_grad_(False)
        self.register_buffer("label", harmful.float())
        self.register_buffer("weight", weight.float())
        self.k = k

    def probability(self, x: torch.Tensor, skip_self: bool = False) -> torch.Tensor:
        """skip_self: leave out the nearest known prompt (a training prompt is its own nearest)."""
        sim = self.bank(nn.functional.normalize(x, dim=-1))
        v, i = sim.topk(self.k + int(skip_self), dim=-1)
        if skip_self:
            v, i = v[..., 1:], i[..., 1:]
        w = torch.softmax(v / 0.05, -1) * self.weight[i]
        return (w * self.label[i]).sum(-1, keepdim=True) / w.sum(-1, keepdim=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.logit(self.probability(x).clamp(1e-4, 1 - 1e-4))


def empty_knn_gate(size: int, k: int) -> KnnGate:
    """A KnnGate of `size` known prompts to load a saved one into."""
    return KnnGate(torch.ones(size, HIDDEN), torch.zeros(size), torch.ones(size), k)


def averaged(heads: list[nn.Module]) -> nn.Module:
    return heads[0] if len(heads) == 1 else HeadMean(heads)


def head_module(saved: dict[str, Any]) -> nn.Module:
    """The head `fit` saved, over the tower's features, as `fit` built it (before --head-scale)."""

    def heads(part: str = "") -> nn.Module:
        alone = part in saved.get("response_only", []) or part == "compliance"  # the compliance head always is
        return averaged([make_head(saved["hidden"], 0.0, saved["penalty"], alone) for _ in range(saved["heads"])])

    if saved.get("gate"):
        form = heads() if saved.get("form_defect") else None
        form_scale = saved.get("form_scale") or saved["defect"]
        knn, size = saved.get("gate_knn", 0), saved.get("gate_known", 0)
        gate_max = saved.get("gate_max", False)
        width = 2 * HIDDEN if gate_max else HIDDEN
        gate = empty_knn_gate(size, knn) if knn else make_gate(saved.get("gate_hidden", 0), width)
        parts = (heads("benign"), heads("harm"), saved["defect"], form, form_scale, gate_max)
        comply = saved.get("compliance_scale", 0.0)
        module: nn.Module = gated_head(gate, *parts, heads("compliance") if comply else None, comply)
    else:
        module = nn.Sequential(on_features(heads()), HeadOutput(1.0, saved["defect"]))
    module.load_state_dict(saved["state"])
    return module


def load_head(path: Path) -> nn.Sequential:
    """A head `fit --save` wrote, over the tower's features, with its output as it enters the score."""
    saved = torch.load(path, weights_only=False)
    if saved["reward_scale"] != 1.0:
        raise SystemExit(f"{path}: the cross-encoder's score is scaled ({saved['reward_scale']}); export takes 1.0")
    return nn.Sequential(head_module(saved), HeadOutput(saved["head_scale"], 0.0)).eval()


class FormReward(nn.Module):
    """The reward model's score plus the form head's: one graph with the engine's encoder inputs and `logits`.

    The reward model's modules keep their names (`bert.`, `classifier.`), as in a published cross-encoder (an export
    puts `model.` before every name; from_onnx reads past it and past the tower's and the head's weights)."""

    def __init__(self, reward: BertForSequenceClassification, tower: SegmentTower, head: nn.Module) -> None:
        super().__init__()
        self.config = reward.config
        self.bert = reward.bert
        self.dropout = reward.dropout
        self.classifier = reward.classifier
        # The cross-encoder's word embeddings were frozen in its training (fit.py): the tower shares the table,
        # so the file holds it once.
        tower.bert.embeddings.word_embeddings = reward.bert.embeddings.word_embeddings
        self.tower = tower
        self.form_head = head

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> SequenceClassifierOutput:
        pooled = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[1]
        base = self.classifier(self.dropout(pooled))
        form = self.form_head(self.tower(input_ids, attention_mask, token_type_ids))
        return SequenceClassifierOutput(logits=base + form)


def tokenizer_and_inputs(cross: Path = SHIPPED) -> tuple[Any, EncoderInputs]:
    tok = AutoTokenizer.from_pretrained(cross)
    return tok, EncoderInputs(tok, 256)


def frozen_tower(tok: Any, attn_implementation: str | None = None) -> SegmentTower:
    bert = BertModel.from_pretrained(
        locate(ENCODER).path, add_pooling_layer=False, attn_implementation=attn_implementation
    )
    return SegmentTower(bert, tok.convert_tokens_to_ids(list(SENTENCE_ENDS)), tok.sep_token_id)


def encode_pairs(
    pairs: list[Pair], tower: SegmentTower, reward: nn.Module, tok: Any, inputs: EncoderInputs
) -> dict[str, Any]:
    """Features and the reward model's score of both sides of every pair (bf16 autocast: 2-3x faster here)."""
    inputs.warm([x for p in pairs for x in (p.chosen, p.rejected, flatten_prompt_side(p.conversation))])
    seqs = [inputs.pair(p.conversation, x)[0] for p in pairs for x in (p.chosen, p.rejected)]
    feats = torch.zeros(len(seqs), FEATURES)
    scores = torch.zeros(len(seqs))
    for idx in length_sorted_batches(seqs, 32):
        feeds = collate([seqs[i] for i in idx], tok.pad_token_id)
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            feats[idx] = tower(feeds["input_ids"], feeds["attention_mask"], feeds["token_type_ids"])
            scores[idx] = reward(**feeds).logits[:, 0].float()
    meta = [{"source": p.source, "longer": len(p.chosen) > len(p.rejected)} for p in pairs]
    return {"F": feats.view(len(pairs), 2, -1), "S": scores.view(len(pairs), 2), "meta": meta}


def first_screen_pairs() -> list[Pair]:
    q, a = first_screen_example()
    conv = {"turns": [{"role": "user", "content": q}]}
    others = ["Google it pal.", "I'm sorry, but I can't help with that request.", ""]
    return [Pair(conv, a, x, "first_screen", "first_screen") for x in others]


def cmd_check() -> None:
    tok, inputs = tokenizer_and_inputs()
    tower = frozen_tower(tok)
    prompt, response = "What is the capital of France?", "Moron. Paris is the capital and largest city of France."
    (ids, types), _ = inputs.pair({"turns": [{"role": "user", "content": prompt}]}, response)
    t = torch.tensor([ids])
    with torch.no_grad():
        f = tower(t, torch.ones_like(t), torch.tensor([types]))
        alone_p = tower.bert(input_ids=torch.tensor([[tok.cls_token_id, *inputs.ids(prompt), tok.sep_token_id]]))
        alone_r = tower.bert(input_ids=torch.tensor([[*inputs.ids(response), tok.sep_token_id]]))
        alone_s = tower.bert(input_ids=torch.tensor([[tok.cls_token_id, *inputs.ids("Moron."), tok.sep_token_id]]))
    dp = (f[0, :HIDDEN] - alone_p.last_hidden_state.mean(1)[0]).abs().max().item()
    dr = (f[0, HIDDEN : 2 * HIDDEN] - alone_r.last_hidden_state.mean(1)[0]).abs().max().item()
    ds = (f[0, 4 * HIDDEN : 5 * HIDDEN] - alone_s.last_hidden_state.mean(1)[0]).abs().max().item()
    if max(dp, dr, ds) > 1e-5:
        raise SystemExit(
            f"segment features differ from separate encodings: prompt {dp:.2e}, response {dr:.2e}, "
            f"first sentence {ds:.2e}"
        )
    # In a padded batch (the eager attention of the export), a score is the one the input gets alone.
    torch.manual_seed(0)
    model = FormReward(
        load_from_onnx(SHIPPED).eval(), frozen_tower(tok, "eager"), on_features(make_head(16, 0.0))
    ).eval()
    conv = {"turns": [{"role": "user", "content": prompt}]}
    seqs = [inputs.pair(conv, r)[0] for r in (response, "", "Paris.", "Paris, no end mark")]
    with torch.no_grad():
        batched = model(**collate(seqs, tok.pad_token_id)).logits[:, 0]
        alone = torch.cat([model(**collate([q], tok.pad_token_id)).logits[:, 0] for q in seqs])
    db = (batched - alone).abs().max().item()
    if db > 1e-5:
        raise SystemExit(f"a score depends on its batch: {batched.tolist()} batched, {alone.tolist()} alone")
    print(
        f"ok: each segment and the first sentence are encoded as if alone (max difference {max(dp, dr, ds):.1e}); "
        f"batch-independent ({db:.1e})"
    )


def feature_sets(seed: int, decorate: float = 0.0) -> dict[str, list[Pair]]:
    """Every set `features` caches, by name: the first screen, both check sets, the data's training and validation
    pairs with their rule-made pairs, the composed pairs, the everyday pairs and the harmful-request pairs. With
    `decorate` P, each side of a rule-made training pair is dressed (`composed.decorated`) with probability P."""
    sets: dict[str, list[Pair]] = {"first_screen": first_screen_pairs()}
    for path in sorted(CHECK_DIR.glob("*.jsonl")):
        sets[path.stem] = read_check_set(path)
    ds = load_dataset(
        ROOT.parent / "shared" / "data",
        seed,
        rule_mix=DEFAULT_MIX,
        source_caps={"arena_bench": 1000, "ultrafeedback": 500},
    )
    sets.update({"val": ds.val_pairs, "val_rules": ds.val_rule_pairs, "train": ds.train_pairs})
    # The composed rule-made pairs (composed.py) from the same training and validation prompts.
    preference = [p for p in ds.train_pairs if not p.source.startswith("rule_")]
    extra, _ = drop_held_out(build_composed(preference, COMPOSED_MIX, random.Random(seed + 7)), held_out_texts())
    sets["extra"] = extra
    sets["val_composed"] = build_composed(ds.val_pairs, COMPOSED_MIX, random.Random(seed + 8))
    # The written everyday questions (everyday.py), their validation fifth apart.
    train_q, val_q = everyday.split()
    sets["everyday"] = build_everyday(train_q, random.Random(seed + 9), ds.train_pairs)
    sets["val_everyday"] = build_everyday(val_q, random.Random(seed + 10), ds.val_pairs)
    # The written harmful requests (harmful_requests.py), refused or eagerly complied with.
    train_r, val_r = harmful_requests.split()
    sets["harmful"] = build_harmful(train_r, random.Random(seed + 11), ds.train_pairs)
    sets["val_harmful"] = build_harmful(val_r, random.Random(seed + 12), ds.val_pairs)
    # The gate's written one-line prompts (gate_prompts.py): only their prompt's embedding is used.
    train_g, val_g = gate_prompts.split()
    sets["gate"], sets["val_gate"] = gate_pairs(train_g), gate_pairs(val_g)
    if decorate:
        rng = random.Random(seed + 13)
        for name in ("train", "extra", "everyday", "harmful"):
            sets[name] = [decorate_pair(p, rng, decorate) if p.source.startswith("rule_") else p for p in sets[name]]
    return sets


def decorate_pair(p: Pair, rng: random.Random, share: float) -> Pair:
    """A rule-made pair with either side, independently, dressed with content-free flattery, confidence, headings
    or emojis: a defect stays a defect under them, and they win nothing on a sound answer (the app's "Hack this
    answer" found one flattering opener lifting "Google it pal." above the right answer)."""
    question = next((t["content"] for t in reversed(p.conversation["turns"]) if t["role"] == "user"), "")
    chosen = decorated(rng, p.chosen, question) if rng.random() < share else p.chosen
    rejected = decorated(rng, p.rejected, question) if rng.random() < share else p.rejected
    return Pair(p.conversation, chosen, rejected, p.source, p.group)


def gate_pairs(prompts: list[tuple[str, bool]]) -> list[Pair]:
    """The gate's prompts as pairs (the features cache pairs); the answers are placeholders, never read."""
    return [
        Pair({"turns": [{"role": "user", "content": q}]}, "Okay.", "", "gate_harmful" if h else "gate_benign", q)
        for q, h in prompts
    ]


def cmd_features(
    work: Path, seed: int, only: set[str] | None = None, cross: Path = SHIPPED, decorate: float = 0.0
) -> None:
    """Caches every set's features and `cross`'s scores (the cross-encoder the head is added to) in `work`."""
    work.mkdir(parents=True, exist_ok=True)
    tok, inputs = tokenizer_and_inputs(cross)
    tower = frozen_tower(tok)
    reward = load_from_onnx(cross).eval()
    sets = feature_sets(seed, decorate)
    unknown = (only or set()) - set(sets)
    if unknown:
        raise SystemExit(f"form_head.py features --only: no set named {', '.join(sorted(unknown))} ({', '.join(sets)})")
    for name, pairs in sets.items():
        if only and name not in only:
            continue
        t0 = time.time()
        torch.save(encode_pairs(pairs, tower, reward, tok, inputs), work / f"{name}.pt")
        print(f"{name}: {len(pairs)} pairs, {time.time() - t0:.0f} s", flush=True)


def accuracy(total: torch.Tensor, meta: list[dict[str, Any]]) -> tuple[float, dict[str, float]]:
    right = (total[:, 0] > total[:, 1]).tolist()
    groups: dict[str, list[bool]] = {}
    for r, m in zip(right, meta, strict=True):
        groups.setdefault(m["source"], []).append(r)
    return sum(right) / len(right), {k: sum(v) / len(v) for k, v in sorted(groups.items())}


def length_controlled(total: torch.Tensor, meta: list[dict[str, Any]]) -> dict[str, float]:
    """Per source, the mean of the accuracy where the chosen answer is the longer and where it is the shorter (as
    fit.pair_metrics: a pure length rule scores 50%); a source with one half empty reports the other."""
    right = (total[:, 0] > total[:, 1]).tolist()
    halves: dict[str, dict[bool, list[bool]]] = {}
    for r, m in zip(right, meta, strict=True):
        halves.setdefault(m["source"], {True: [], False: []})[bool(m["longer"])].append(r)
    return {
        k: sum(sum(h) / len(h) for h in v.values() if h) / sum(1 for h in v.values() if h)
        for k, v in sorted(halves.items())
    }


def parse_source_weight(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    try:
        return name, float(value)
    except ValueError:
        raise SystemExit(f"form_head.py fit --source-weight {text!r}: expected SOURCE=WEIGHT, e.g. pandalm=6") from None


def fit_flags(args: argparse.Namespace) -> list[str]:
    """Refuses flags that need another one or exclude each other, before anything is loaded; returns the heads
    --response-only names (benign, harm: those read the response's features alone, ResponseOnly)."""
    response_only = [x for x in (args.response_only or "").split(",") if x]
    gated = (
        ("--benign-only", args.benign_only),
        ("--gate-knn", args.gate_knn),
        ("--gate-written-weight", args.gate_written_weight != 1.0),
        ("--gate-max", args.gate_max),
    )
    refused = [
        (args.gate and (args.penalty or args.neutral), "--gate: not with --penalty or --neutral"),
        (args.form_defect and not (args.gate and args.defect), "--form-defect: with --gate and --defect"),
        (
            set(response_only) - {"benign", "harm"} or (response_only and not args.gate),
            "--response-only: with --gate, and only 'benign' and 'harm'",
        ),
        (args.form_refusals_sound and not args.form_defect, "--form-refusals-sound: with --form-defect"),
        *((on and not args.gate, f"{flag}: with --gate") for flag, on in gated),
        (args.gate_knn and args.gate_hidden, "--gate-knn: a gate that fits nothing has no --gate-hidden"),
        (args.gate_knn and args.gate_max, "--gate-knn: not with --gate-max (its known prompts are embeddings)"),
        (args.form_scale is not None and not args.form_defect, "--form-scale: with --form-defect"),
        (args.compliance_scale and not args.form_defect, "--compliance-scale: with --form-defect"),
        (args.spread_ungated and not args.form_defect, "--spread-ungated: with --form-defect"),
        (args.form_shift and not args.form_defect, "--form-shift: with --form-defect"),
    ]
    for wrong, message in refused:
        if wrong:
            raise SystemExit(f"form_head.py fit {message}")
    return response_only


def cmd_fit(args: argparse.Namespace) -> dict[str, Any]:
    response_only = fit_flags(args)
    names = ["train", "val", "val_rules", "human-pairs", "obvious-pairs", "first_screen"]
    optional = ("extra", "val_composed", "everyday", "val_everyday", "harmful", "val_harmful", "val_gate")
    names += [n for n in optional if (args.work / f"{n}.pt").exists()]
    # --composed once; --everyday K, --harmful K: those pairs K times over (about 1,880, 1,580 and 190 pairs against
    # 6,900 training pairs).
    added = (("extra", int(args.composed)), ("everyday", args.everyday), ("harmful", args.harmful))
    wanted = names + [n for n, k in added if k] + (["gate", "val_gate"] if args.gate else [])
    missing = [n for n in wanted if not (args.work / f"{n}.pt").exists()]
    if missing:
        raise SystemExit(
            f"form_head.py fit: {', '.join(f'{n}.pt' for n in missing)} missing in {args.work} "
            f"(run `form_head.py features --work {args.work} --only {','.join(missing)}` first)"
        )
    sets = {n: torch.load(args.work / f"{n}.pt", weights_only=False) for n in names}
    # Which training rows have a prompt written for this project (everyday.py, harmful_requests.py): one-liners.
    written_rows = [False] * len(sets["train"]["meta"])
    for name, k in added:
        if k:
            t, e = sets["train"], sets.pop(name)
            sets["train"] = {
                "F": torch.cat([t["F"], *[e["F"]] * k]),
                "S": torch.cat([t["S"], *[e["S"]] * k]),
                "meta": t["meta"] + e["meta"] * k,
            }
            written_rows += [name != "extra"] * (len(e["meta"]) * k)
    train = sets["train"]
    x_train = head_inputs(train["F"])
    rule = torch.tensor([m["source"].startswith("rule_") for m in train["meta"]])
    # --source-weight pandalm=6: a preference source's pairs count this many times (PandaLM's human labels often
    # prefer the shorter answer, against the rule-made pairs' lean to longer ones).
    source_weight = dict(parse_source_weight(w) for w in args.source_weight)
    unknown = set(source_weight) - {m["source"] for m in train["meta"]}
    if unknown:
        raise SystemExit(f"form_head.py fit --source-weight: no training pairs from {', '.join(sorted(unknown))}")
    weight = torch.tensor(
        [
            args.rule_weight if r else source_weight.get(m["source"], 1.0)
            for r, m in zip(rule, train["meta"], strict=True)
        ]
    )
    # --defect: each answer's label is "defective" (a rule-made pair's rejected side) or "sound" (its chosen side, and
    # both sides of a preference pair but hh-rlhf's rejected one, which is often a harmful compliance: left out).
    hh = torch.tensor([m["source"] == "hh_rlhf_harmless" for m in train["meta"]])
    defect = torch.stack([torch.zeros(len(rule)), rule.float()], 1)
    side_weight = torch.stack([torch.ones(len(rule)), (~hh).float()], 1)

    as_score = HeadOutput(1.0, args.defect)  # the head's output as it enters the score (--head-scale: reports only)
    form_scale = args.form_scale if args.form_scale is not None else args.defect
    as_form_score = HeadOutput(1.0, form_scale)  # --form-defect's head, at most --form-scale (default: --defect)
    as_comply_score = HeadOutput(1.0, args.compliance_scale)  # --compliance-scale's head, at most that
    # --gate: how harmful each training prompt looks, from a gate fitted first (on the training pairs' prompts and
    # gate_prompts.py's) and then held fixed.
    prompt = gate_inputs(train["F"][:, 0], args.gate_max)
    harmful = torch.tensor([m["source"] in HARMFUL_SOURCES for m in train["meta"]])
    gate = None
    if args.gate:
        written = torch.load(args.work / "gate.pt", weights_only=False)
        written_harmful = torch.tensor([m["source"] == "gate_harmful" for m in written["meta"]])
        # --gate-written-weight W: the written one-line prompts count W times against the data's prompts (about
        # 3,000 distinct, chatty or long), whose style alone could decide otherwise.
        one_liners = torch.cat([torch.tensor(written_rows), torch.ones(len(written_harmful), dtype=torch.bool)])
        known = (
            torch.cat([prompt, gate_inputs(written["F"][:, 0], args.gate_max)]),
            torch.cat([harmful, written_harmful]),
            torch.where(one_liners, args.gate_written_weight, 1.0),
        )
        if args.gate_knn:
            gate = KnnGate(*distinct_prompts(*known), args.gate_knn)
        else:
            gate = fit_gate(known[0], known[1], args.seed, args.gate_hidden, known[2])
    with torch.no_grad():
        if isinstance(gate, KnnGate):
            # A training prompt is its own nearest known prompt: left out, as a new prompt would find it missing.
            p_harm = gate.probability(prompt, skip_self=True)
        else:
            p_harm = torch.sigmoid(gate(prompt)) if gate is not None else torch.zeros(len(prompt), 1)
    compliance = torch.tensor([m["source"] == "rule_harmful_refusal" for m in train["meta"]])
    refusing = torch.tensor([m["source"] in REFUSING_SOURCES for m in train["meta"]])
    # --form-defect: a second defect head, never gated, for the defects of form (cut, shuffled, repeated, empty,
    # off-topic, insulting answers, and an empty compliance with a harmful request); its rejected-side labels are
    # those pairs' only.
    form_weight = side_weight.clone()
    form_label = defect.clone()
    if args.form_refusals_sound:
        # --form-refusals-sound: a refusal or dismissal is sound as far as form goes (the gated heads judge it):
        # without this the form head, seeing refusals only as the chosen side of harmful requests, marked some
        # reasoned refusals defective.
        form_label[refusing, 1] = 0.0
    else:
        form_weight[refusing, 1] = 0.0
    if gate is not None:
        # With the gate, the defect head judges benign prompts' answers only (with --form-defect, their refusals and
        # dismissals only), and a compliance with a harmful request is not its to judge.
        side_weight[compliance, 1] = 0.0
        if args.form_defect:
            side_weight[rule & ~refusing, 1] = 0.0
        if args.benign_only:
            # --benign-only: no answer to a prompt of the harmful class is the benign head's, however the gate
            # reads it: hh-rlhf harmless's chosen answers and the harmful requests' refusals would teach it that
            # a refusal is sound, the very answer it must mark after a benign prompt.
            side_weight[harmful] = 0.0
        side_weight = side_weight * (1 - p_harm)

    def bce(logits: torch.Tensor, b: torch.Tensor, side: torch.Tensor, label: torch.Tensor = defect) -> torch.Tensor:
        loss = nn.functional.binary_cross_entropy_with_logits(logits, label[b], reduction="none")
        return (loss * side[b]).sum(-1) / side[b].sum(-1).clamp(min=1e-6)

    # --compliance-scale C: a third defect head, ungated and reading the response alone, for one defect: an eager
    # compliance with a harmful request (the harmful-request pairs' rejected side), every answer the form-defect head
    # calls sound its sound. When the gate misses a harmful request, the benign head marks its refusal down by up
    # to --defect; this head marks the compliance down by up to C whatever the gate says.
    comply_label = torch.zeros_like(defect)
    comply_label[compliance, 1] = 1.0
    comply_weight = form_weight * (1 - form_label)
    comply_weight[compliance, 1] = 1.0

    def fit_one(seed: int) -> tuple[nn.Module, nn.Module | None, nn.Module | None, nn.Module | None, nn.Parameter]:
        torch.manual_seed(seed)
        head = make_head(args.hidden, args.dropout, args.penalty, "benign" in response_only)
        harm = make_head(args.hidden, args.dropout, False, "harm" in response_only) if gate is not None else None
        form = make_head(args.hidden, args.dropout) if args.form_defect else None
        comply = make_head(args.hidden, args.dropout, False, True) if args.compliance_scale else None
        extra = [m for m in (harm, form, comply) if m is not None]
        # The cross-encoder's score enters with a scale, learned with --learn-scale (a graph folds it into the
        # classifier).
        scale = nn.Parameter(torch.tensor(args.reward_scale), requires_grad=args.learn_scale)
        opt = torch.optim.AdamW(
            [
                {"params": [*head.parameters(), *(q for m in extra for q in m.parameters())]},
                {"params": [scale], "weight_decay": 0.0},
            ],
            lr=args.lr,
            weight_decay=args.weight_decay,
        )
        n = len(x_train)
        for _ in range(args.epochs):
            for m in (head, *extra):
                m.train()
            perm = torch.randperm(n)
            for i in range(0, n, 256):
                b = perm[i : i + 256]
                h = head(x_train[b]).squeeze(-1)
                g = as_score(h)
                if harm is not None:
                    g = (1 - p_harm[b]) * g
                    harm_part = p_harm[b] * harm(x_train[b]).squeeze(-1)
                    g = g + harm_part
                if form is not None:
                    f = form(x_train[b]).squeeze(-1)
                    g = g + as_form_score(f)
                if comply is not None:
                    c = comply(x_train[b]).squeeze(-1)
                    g = g + as_comply_score(c)
                # The part fitted to the preference pairs' order (not the defect classifier's), for --spread.
                fitted_part = harm_part if args.defect and harm is not None else g
                t = scale * train["S"][b] + g
                bt = nn.functional.softplus(t[:, 1] - t[:, 0])
                if args.spread:
                    # Fitted as usual, but the head's difference on a preference pair is penalised: between two
                    # real answers it should only nudge the cross-encoder's order (whose differences there are
                    # small), keeping its large differences for the rule-made defects.
                    diff = fitted_part[:, 0] - fitted_part[:, 1]
                    bt = torch.where(rule[b], bt, bt + args.spread * diff**2)
                if args.spread_ungated:
                    # --spread-ungated S: the same for the ungated heads (form-defect, compliance), which otherwise
                    # reorder two real answers freely (PandaLM's pairs fell 5 points with the compliance head).
                    u = g - harm_part - (1 - p_harm[b]) * as_score(h)
                    bt = torch.where(rule[b], bt, bt + args.spread_ungated * (u[:, 0] - u[:, 1]) ** 2)
                if args.defect:
                    # Without the gate, preference pairs leave the order to the cross-encoder; with it, to the
                    # cross-encoder and the harm head. The defect probability of their answers is pulled to 0, and
                    # the rule-made pairs' rejected sides to 1.
                    if harm is None:
                        bt = torch.where(rule[b], bt, 0.0)
                    bt = bt + bce(h, b, side_weight)
                    if form is not None:
                        bt = bt + bce(f, b, form_weight, form_label)
                    if comply is not None:
                        bt = bt + bce(c, b, comply_weight, comply_label)
                elif args.neutral:
                    # On preference pairs the head should not reorder two real answers: the cross-encoder learned
                    # those; the head is pulled to score both sides alike instead of fitting them.
                    bt = torch.where(rule[b], bt, args.neutral * (g[:, 0] - g[:, 1]) ** 2)
                loss = (bt * weight[b]).sum() / weight[b].sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
        for m in (head, *extra):
            m.eval()
        return head, harm, form, comply, scale

    # --heads N: N heads from seeds seed, seed+1, ... averaged (one head of N times the width in a graph).
    fitted = [fit_one(args.seed + k) for k in range(args.heads)]
    first = averaged([h for h, *_ in fitted])
    harms = [h for _, h, *_ in fitted if h is not None]
    forms = [f for _, _, f, *_ in fitted if f is not None]
    if args.form_shift:
        # --form-shift B: the form-defect head's logit lowered by B once fitted, so only a confident defect lowers a
        # score. Fitted, it marked short sound answers down by 1-3 (the held-out everyday questions, PandaLM's
        # answers: 10 of the 16 PandaLM pairs it turned wrong), while the rule-made defects sit far above.
        with torch.no_grad():
            for f in forms:
                f[-1].bias -= args.form_shift
    complies = [c for *_, c, _ in fitted if c is not None]
    gated = None
    if gate is not None:
        form = averaged(forms) if forms else None
        comply_head = averaged(complies) if complies else None
        parts = (args.defect, form, form_scale, args.gate_max, comply_head, args.compliance_scale)
        gated = gated_head(gate, first, averaged(harms), *parts)
    module: nn.Module = gated if gated is not None else nn.Sequential(on_features(first), HeadOutput(1.0, args.defect))
    scale = torch.stack([s.detach() for *_, s in fitted]).mean()

    def total(name: str) -> torch.Tensor:
        with torch.no_grad():
            return scale * sets[name]["S"] + args.head_scale * module(sets[name]["F"]).squeeze(-1)

    keep = (
        "seed",
        "hidden",
        "epochs",
        "lr",
        "weight_decay",
        "dropout",
        "rule_weight",
        "source_weight",
        "composed",
        "learn_scale",
        "reward_scale",
        "head_scale",
        "defect",
        "penalty",
        "neutral",
        "spread",
        "gate",
        "gate_hidden",
        "gate_max",
        "gate_written_weight",
        "gate_knn",
        "benign_only",
        "form_refusals_sound",
        "response_only",
        "form_defect",
        "form_scale",
        "compliance_scale",
        "spread_ungated",
        "form_shift",
        "everyday",
        "harmful",
        "heads",
    )
    report: dict[str, Any] = {"settings": {k: v for k, v in vars(args).items() if k in keep}}
    report["reward_scale"] = float(scale.detach())
    if gated is not None:
        # How often the gate calls a held-out prompt harmful, by set and source (the everyday questions are benign,
        # the written harmful requests harmful; in the validation split only hh-rlhf harmless counts as harmful).
        called: dict[str, dict[str, float]] = {}
        for name in ("val", "val_everyday", "val_harmful", "val_gate"):
            if name in sets:
                with torch.no_grad():
                    p = gated.harmful(sets[name]["F"])[:, 0, 0] > 0.5
                _, called[name] = accuracy(torch.stack([p.float(), torch.zeros(len(p))], 1), sets[name]["meta"])
        report["gate_harmful_share"] = called
    for name in [
        n
        for n in ("val", "val_rules", "val_composed", "val_everyday", "val_harmful", "human-pairs", "obvious-pairs")
        if n in sets
    ]:
        overall, per = accuracy(total(name), sets[name]["meta"])
        # The "longer answer wins" baseline beside every figure.
        longer = torch.tensor([[1.0, 0.0] if m["longer"] else [0.0, 1.0] for m in sets[name]["meta"]])
        base, base_per = accuracy(longer, sets[name]["meta"])
        report[name] = {
            "accuracy": overall,
            "per_source": per,
            "length_controlled_per_source": length_controlled(total(name), sets[name]["meta"]),
            "longer_wins": base,
            "longer_wins_per_source": base_per,
        }
    # The validation split in the shape publish.py writes (metrics.json "validation", the model panel reads it).
    val_total = total("val")
    report["validation"] = pair_metrics(
        val_total[:, 0],
        val_total[:, 1],
        [PairExample(([], []), ([], []), m["source"], m["longer"]) for m in sets["val"]["meta"]],
    )
    form = {k: v for k, v in report["obvious-pairs"]["per_source"].items() if k != "facts"}
    report["obvious_all_but_facts"] = sum(form.values()) / len(form)
    report["obvious_worst"] = min(form.values())
    fs = total("first_screen")
    report["first_screen"] = {
        k: 1 / (1 + math.exp(-(fs[i, 0] - fs[i, 1]).item())) for i, k in enumerate(("rude", "refusal", "empty"))
    }
    if args.save:
        torch.save(
            {
                "hidden": args.hidden,
                "penalty": args.penalty,
                "heads": args.heads,
                "gate": args.gate,
                "gate_hidden": args.gate_hidden,
                "gate_max": args.gate_max,
                "form_defect": args.form_defect,
                "form_scale": form_scale,
                "compliance_scale": args.compliance_scale,
                "response_only": response_only,
                "gate_knn": args.gate_knn,
                "gate_known": gate.bank.out_features if isinstance(gate, KnnGate) else 0,
                "state": module.state_dict(),
                "reward_scale": float(scale),
                # score = reward_scale * reward + head_scale * g; g: the module in "state" (head_module builds it)
                "head_scale": args.head_scale,
                "defect": args.defect,
                "report": report,
            },
            args.save,
        )
    return report


def cmd_export(
    head_path: Path | None,
    out: Path,
    seed: int,
    gate: bool = False,
    cross: Path = SHIPPED,
    name: str | None = None,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The cross-encoder `cross` (a published folder) plus a saved head as one model folder the engine loads: config
    and tokenizer (the cross-encoder's), onnx/ fp32 and q8 (one graph each), and reference.json with PyTorch's and
    onnxruntime's logits on the reference cases (fp32 held to PyTorch's); then q8 on the app's check sets and first
    screen, as `eval` scores them. Without a head: an untrained one from `seed` (with `gate`, a gated one with every
    part `fit` can give it), to check the graph alone (no check sets). `name` (default: the folder's) goes into
    reference.json, `provenance` (default: the head's path and the tower) into config.json's form_head."""
    from check_eval import score_check_sets, score_first_screen
    from onnx_build import FILES, export_fp32, quantize_q8
    from publish import TOLERANCES, reference_cases, session, trace_inputs, write_json

    if out.is_symlink() or (out.exists() and any(out.iterdir())):
        raise SystemExit(f"form_head.py export: {out} is a link or a folder that is not empty; name a new folder")
    tok, inputs = tokenizer_and_inputs(cross)
    head: nn.Module
    if head_path:
        head = load_head(head_path)
    elif gate:
        torch.manual_seed(seed)
        # Every part a fitted head can have: the benign head reading the response alone, a gate reading the prompt's
        # max-pooled tokens too (--gate-max), the form-defect and compliance heads summed (--compliance-scale).
        benign = make_head(128, 0.0, response_only=True)
        form, comply = make_head(128, 0.0), make_head(128, 0.0, response_only=True)
        gate_net = nn.Linear(2 * HIDDEN, 1)
        head = gated_head(gate_net, benign, make_head(128, 0.0), 3.0, form, 3.0, True, comply, 4.0)
    else:
        torch.manual_seed(seed)
        head = on_features(make_head(128, 0.0))
    reward = load_from_onnx(cross).eval()
    model = FormReward(reward, frozen_tower(tok, "eager"), head).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    paths = {d: out / "onnx" / FILES[d] for d in ("fp32", "q8")}
    export_fp32(model, "encoder", names, trace_inputs(inputs, tok.pad_token_id, names), paths["fp32"])
    quantize_q8(paths["fp32"], paths["q8"], dedupe=True)
    sessions = {d: session(p) for d, p in paths.items()}

    label = str(head_path) if head_path else f"untrained{' gated' if gate else ''} (seed {seed})"
    # parameters() yields the shared word-embedding table once.
    report: dict[str, Any] = {"head": label, "parameters": sum(p.numel() for p in model.parameters())}
    # onnxruntime fp32 is held to PyTorch there; q8 rounds the weights: it is measured, on the check sets below.
    cases, diffs = reference_cases(model, sessions, inputs, tok.pad_token_id, "form_head.py export")
    for dtype, path in paths.items():
        report[dtype] = {"bytes": path.stat().st_size, "max_abs_diff_vs_torch": diffs[dtype]}
    tolerances = {d: TOLERANCES[d] for d in paths}
    write_json(
        out / "reference.json",
        {"model": name or out.name, "family": "encoder", "max_length": 256, "tolerances": tolerances, "cases": cases},
    )
    for f in ("tokenizer.json", "tokenizer_config.json"):
        (out / f).write_bytes((cross / f).read_bytes())
    config = json.loads((cross / "config.json").read_text(encoding="utf-8"))
    config["reward_playground"]["form_head"] = provenance or {"head": label, "tower": locate(ENCODER).provenance()}
    write_json(out / "config.json", config)
    # from_onnx reads the cross-encoder back out of the folder (training continues from a shipped model that way).
    back, shipped = load_from_onnx(out).state_dict(), reward.state_dict()
    report["cross_encoder_read_back"] = max(float((back[k] - shipped[k]).abs().max()) for k in shipped)
    if not head_path:
        return report
    report["check_sets"] = score_check_sets(sessions["q8"], inputs, tok.pad_token_id)
    report["first_screen"] = score_first_screen(sessions["q8"], inputs, tok.pad_token_id)
    return report


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=("check", "features", "fit", "export"))
    ap.add_argument("--work", type=Path, default=ROOT / "training" / "out" / "form-head")
    ap.add_argument(
        "--cross-encoder",
        type=Path,
        default=SHIPPED,
        help="features, export: the published cross-encoder folder the head is added to (default: minilm-reward)",
    )
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=1e-2)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--rule-weight", type=float, default=1.0)
    ap.add_argument(
        "--source-weight",
        action="append",
        default=[],
        metavar="SOURCE=WEIGHT",
        help="fit: a preference source's pairs count this many times (repeatable)",
    )
    ap.add_argument(
        "--neutral",
        type=float,
        default=0.0,
        help="preference pairs: weight of (head difference)^2 instead of the Bradley-Terry loss (0: Bradley-Terry)",
    )
    ap.add_argument(
        "--gate",
        action="store_true",
        help="two heads, mixed by a gate that tells harmful prompts (hh-rlhf harmless, harmful requests) from others",
    )
    ap.add_argument(
        "--form-defect",
        action="store_true",
        help="--gate --defect: an ungated defect head for defects of form; the gated one keeps refusals, dismissals",
    )
    ap.add_argument(
        "--compliance-scale",
        type=float,
        default=0.0,
        help="--form-defect: an ungated head for eager compliance with harmful requests, at most this much",
    )
    ap.add_argument(
        "--spread-ungated",
        type=float,
        default=0.0,
        help="--form-defect: penalise the ungated heads' difference on preference pairs by this (as --spread)",
    )
    ap.add_argument(
        "--form-shift",
        type=float,
        default=0.0,
        help="--form-defect: lower the fitted form-defect head's logit by this (only confident defects count)",
    )
    ap.add_argument("--form-scale", type=float, help="--form-defect: its head lowers a score by at most this")
    ap.add_argument(
        "--response-only",
        help="--gate: these heads (comma-separated: benign, harm) read the response's features alone, not the prompt's",
    )
    ap.add_argument(
        "--form-refusals-sound",
        action="store_true",
        help="--form-defect: its head learns refusals and dismissals as sound (not its to judge) instead of not at all",
    )
    ap.add_argument(
        "--benign-only",
        action="store_true",
        help="--gate: the benign head learns from the benign class's pairs only (none of HARMFUL_SOURCES')",
    )
    ap.add_argument(
        "--gate-knn",
        type=int,
        default=0,
        help="--gate: the K nearest known prompts decide (KnnGate) instead of a fitted gate",
    )
    ap.add_argument("--gate-max", action="store_true", help="--gate: the gate reads the prompt's tokens max-pooled too")
    ap.add_argument("--gate-hidden", type=int, default=0, help="--gate: an MLP of this many hidden units (0: linear)")
    ap.add_argument(
        "--gate-written-weight",
        type=float,
        default=1.0,
        help="--gate: the written one-line prompts (gate_prompts.py, everyday.py, harmful_requests.py) count this much",
    )
    ap.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="preference pairs: weight of (head difference)^2 added to the Bradley-Terry loss",
    )
    ap.add_argument("--penalty", action="store_true", help="the head only lowers scores (-softplus output)")
    ap.add_argument("--learn-scale", action="store_true", help="learn the scale of the cross-encoder's score")
    ap.add_argument(
        "--reward-scale",
        type=float,
        default=1.0,
        help="the cross-encoder's score enters times this (the start with --learn-scale)",
    )
    ap.add_argument(
        "--head-scale", type=float, default=1.0, help="report: the head's score enters times this (after training)"
    )
    ap.add_argument(
        "--defect",
        type=float,
        default=0.0,
        help="the head as a defect classifier: score = reward - DEFECT * sigmoid(head), trained on defect labels "
        "and the rule-made pairs' order (0: a residual score)",
    )
    ap.add_argument("--composed", action="store_true", help="train on the composed pairs too (extra.pt)")
    ap.add_argument("--harmful", type=int, default=0, help="train on the written harmful requests, this many copies")
    ap.add_argument("--heads", type=int, default=1, help="fit: average this many heads (seeds seed, seed+1, ...)")
    ap.add_argument("--only", help="features: rebuild only these sets (comma-separated), e.g. everyday,val_everyday")
    ap.add_argument(
        "--decorate",
        type=float,
        default=0.0,
        help="features: dress each side of a rule-made training pair with content-free additions with this probability",
    )
    ap.add_argument("--everyday", type=int, default=0, help="train on the everyday pairs, this many copies")
    ap.add_argument("--save", type=Path, help="fit: write the trained head here")
    ap.add_argument("--head", type=Path, help="export: the head `fit --save` wrote")
    ap.add_argument("--untrained", action="store_true", help="export: an untrained head from --seed (the graph only)")
    ap.add_argument("--out", type=Path, help="export: the folder for onnx/model.onnx and onnx/model_quantized.onnx")
    return ap


def main() -> None:
    args = build_parser().parse_args()
    torch.set_num_threads(args.threads)
    if args.cmd == "check":
        cmd_check()
    elif args.cmd == "features":
        only = set(args.only.split(",")) if args.only else None
        cmd_features(args.work, args.seed, only, args.cross_encoder, args.decorate)
    elif args.cmd == "export":
        if not args.out or bool(args.head) == args.untrained:
            raise SystemExit("form_head.py export: --out DIR and either --head (a saved head) or --untrained")
        json.dump(cmd_export(args.head, args.out, args.seed, args.gate, args.cross_encoder), sys.stdout, indent=1)
        print()
    else:
        json.dump(cmd_fit(args), sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
