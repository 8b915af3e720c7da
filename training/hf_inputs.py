"""Model inputs built with the checkpoint's own Hugging Face tokenizer, by the engine's rules.

The encoder input is `[CLS] prompt [SEP] response [SEP]` with planPairTruncation (src/core/flatten.ts): the prompt
side is cut from the left, the response keeps its start. reference.mjs checks that transformers.js builds the same ids.
"""

from __future__ import annotations

from transformers import PreTrainedTokenizerBase

from data import Conversation, flatten_prompt_side, plan_pair_truncation

# One model input: (input_ids, token_type_ids).
Seq = tuple[list[int], list[int]]


class EncoderInputs:
    def __init__(self, tokenizer: PreTrainedTokenizerBase, max_length: int) -> None:
        # The shared rule keeps up to 64 prompt tokens, so it needs a budget of at least 64.
        if max_length - 3 < 64:
            raise ValueError("encoder max length must be >= 67")
        self.tok = tokenizer
        self.max_length = max_length
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id
        self._cache: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        got = self._cache.get(text)
        if got is None:
            got = self.tok(text, add_special_tokens=False, verbose=False)["input_ids"]
            self._cache[text] = got
        return got

    def warm(self, texts: list[str]) -> None:
        """Batch-tokenize distinct texts (the fast tokenizer is much quicker on lists)."""
        todo = sorted({t for t in texts if t not in self._cache})
        for i in range(0, len(todo), 512):
            part = todo[i : i + 512]
            for t, ids in zip(part, self.tok(part, add_special_tokens=False, verbose=False)["input_ids"], strict=False):
                self._cache[t] = ids

    def pair(self, conversation: Conversation, response: str) -> tuple[Seq, bool]:
        p = self.ids(flatten_prompt_side(conversation))
        r = self.ids(response)
        keep_p, keep_r, truncated = plan_pair_truncation(len(p), len(r), self.max_length - 3)
        p = p[len(p) - keep_p :]
        r = r[:keep_r]
        ids = [self.cls, *p, self.sep, *r, self.sep]
        types = [0] * (len(p) + 2) + [1] * (len(r) + 1)
        return (ids, types), truncated
