"""Checks of the rule-made pairs and the held-out filter (run by test/training/contrastive.test.ts):

node training/python.mjs test_contrastive.py
"""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from composed import (  # noqa: E402
    all_parts,
    compliance,
    decorated,
    dismissal,
    eagerly,
    insulted,
    name_called,
    polite,
    refusal,
    warmly,
)
from contrastive import (  # noqa: E402
    COMPOSED_MIX,
    DEFAULT_MIX,
    DISMISSIVE,
    GENERIC_REFUSALS,
    INSULT_PREFIX,
    INSULT_SUFFIX,
    POLITE_PREFIX,
    POLITE_SUFFIX,
    REASONED_REFUSALS,
    TOPIC_DISMISSIVE,
    TOPIC_REFUSALS,
    build_composed,
    build_everyday,
    build_harmful,
    topic_of,
)
from data import LICENSED_PAIR_FILES, Pair, is_val_group, load_dataset, normalize_prompt  # noqa: E402
from everyday import ALARMING, QUESTIONS, split  # noqa: E402
from gate_prompts import BENIGN, HARMFUL  # noqa: E402
from gate_prompts import split as split_gate  # noqa: E402
from harmful_requests import REQUESTS  # noqa: E402
from harmful_requests import split as split_requests  # noqa: E402
from held_out import check_set_answers, drop_held_out, held_out_texts, phrases_overlapping  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def training_pairs() -> list[Pair]:
    ds = load_dataset(DATA, 1234, rule_mix=DEFAULT_MIX, source_caps={"arena_bench": 400, "ultrafeedback": 200})
    return ds.train_pairs


def test_every_type_is_built_and_length_gives_nothing_away(pairs: list[Pair]) -> None:
    by_type: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_type[p.source.removeprefix("rule_")].append(p)
    assert set(by_type) == set(DEFAULT_MIX), f"types built: {sorted(by_type)}"
    for kind in ("off_topic", "dismissive", "insulting", "truncated", "repeated", "over_refusal"):
        share = sum(len(p.chosen) > len(p.rejected) for p in by_type[kind]) / len(by_type[kind])
        assert 0.35 <= share <= 0.7, f"{kind}: chosen longer in {share:.2f} of its pairs"


def test_cut_answers_end_mid_sentence(pairs: list[Pair]) -> None:
    cut = [p.rejected for p in pairs if p.source == "rule_truncated"]
    assert cut and all(t[-1].isalnum() for t in cut), "a truncated answer ends at punctuation"


def test_rule_pairs_use_training_prompts_only(pairs: list[Pair]) -> None:
    leaked = [p for p in pairs if is_val_group(p.group, 0.1)]
    assert not leaked, f"{len(leaked)} rule-made pairs from validation prompts"


def test_no_template_is_a_held_out_text() -> None:
    held = held_out_texts()
    assert normalize_prompt("What is the capital of France?") in held
    phrases = (
        DISMISSIVE
        + GENERIC_REFUSALS
        + REASONED_REFUSALS
        + INSULT_PREFIX
        + INSULT_SUFFIX
        + POLITE_PREFIX
        + POLITE_SUFFIX
        # The fixed parts of the topic templates.
        + [part for t in TOPIC_REFUSALS + TOPIC_DISMISSIVE for part in t.split("{t}")]
    )
    bad = phrases_overlapping(phrases, held)
    assert not bad, f"template phrases that are tests: {bad}"
    # The obvious-cases suite was written independently: no template phrase may appear in any of its answers.
    answers = check_set_answers()
    reused = [p for p in phrases if len(normalize_prompt(p)) >= 10 and any(normalize_prompt(p) in a for a in answers)]
    assert not reused, f"template phrases found in check-set answers: {reused}"


def test_composed_texts_are_not_tests() -> None:
    """Every fixed part, and every sentence of a few thousand composed texts, is absent from the check sets' answers
    and from the held-out texts: the suite stays a test of the categories, not of these words."""
    rng = random.Random(1)
    texts = [refusal(rng, None) for _ in range(1500)] + [refusal(rng, "baking bread") for _ in range(500)]
    texts += [dismissal(rng, None) for _ in range(1500)] + [dismissal(rng, "baking bread") for _ in range(500)]
    texts += [insulted(rng, "X.") for _ in range(1000)] + [polite(rng, "X.") for _ in range(1000)]
    texts += [name_called(rng, "X.") for _ in range(200)] + [warmly(rng, "X.") for _ in range(200)]
    texts += [eagerly(rng, "X.") for _ in range(200)] + [compliance(rng, "baking bread") for _ in range(300)]
    texts += [decorated(rng, "X.", "") for _ in range(300)]
    sentences = {s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s != "X." and len(s.split()) >= 3}
    assert len(set(texts)) > 3000, f"only {len(set(texts))} distinct composed texts"
    phrases = sorted(sentences | set(all_parts()))
    answers = check_set_answers()
    reused = [
        p
        for p in phrases
        if len(normalize_prompt(p)) >= 10 and any(normalize_prompt(p).rstrip(".!?") in a for a in answers)
    ]
    assert not reused, f"composed sentences found in check-set answers: {reused[:10]}"
    bad = phrases_overlapping(phrases, held_out_texts())
    assert not bad, f"composed sentences that are tests: {bad[:10]}"


def test_decorations_keep_the_answer_and_are_not_the_hack_probe() -> None:
    """`decorated` adds to an answer and keeps it whole; none of its phrases is one of the app's hack edits
    (src/core/explain/hacks.ts), which measure the same weakness on text the head never saw."""
    rng = random.Random(2)
    answer = "Paris is the capital. It sits on the Seine."
    for _ in range(200):
        assert answer in decorated(rng, answer, "Which city?")
    hacks = (Path(__file__).resolve().parent.parent / "src" / "core" / "explain" / "hacks.ts").read_text("utf-8")
    quoted = set(re.findall(r"`([^`$]*)\$\{t\}([^`$]*)`", hacks))
    hack_phrases = {x.strip() for pair in quoted for x in pair if x.strip()}
    assert "Great question!" in hack_phrases, f"hack phrases not found in hacks.ts: {sorted(hack_phrases)}"
    texts = {decorated(rng, "X.", "Q?") for _ in range(500)}
    clash = [h for h in hack_phrases if any(h in t for t in texts)]
    assert not clash, f"decorations that are hack edits: {clash}"


def test_composed_pairs(pairs: list[Pair]) -> None:
    preference = [p for p in pairs if not p.source.startswith("rule_")]
    built = build_composed(preference, COMPOSED_MIX, random.Random(3))
    kinds = defaultdict(int)
    for p in built:
        kinds[p.source] += 1
    assert set(kinds) == {"rule_" + k for k in COMPOSED_MIX}, f"types built: {dict(kinds)}"
    assert not [p for p in built if is_val_group(p.group, 0.1)], "composed pairs from validation prompts"
    harmful = [p for p in built if p.source == "rule_harmful_refusal"]
    assert any(len(p.conversation["turns"]) == 1 for p in harmful), "no single-turn harmful request"
    over = [p for p in built if p.source == "rule_over_refusal"]
    assert any(len(p.conversation["turns"]) > 1 for p in over), "no needless refusal after a chat"
    share = sum(len(p.chosen) > len(p.rejected) for p in over) / len(over)
    assert 0.3 <= share <= 0.75, f"needless refusals: the answer is the longer side in {share:.2f}"


def test_everyday_questions_are_not_tests(pairs: list[Pair]) -> None:
    """The written everyday questions: none is a prompt or answer of a test (check sets, README, first screen,
    lessons) or of the training data, no answer sentence is one of the check sets', and the pairs built from them
    keep validation questions apart."""
    questions = [q for q, _ in QUESTIONS]
    assert len(set(map(normalize_prompt, questions))) == len(questions) >= 100, "everyday questions repeat"
    assert len(ALARMING) >= 50, f"only {len(ALARMING)} alarming-worded questions"
    held = held_out_texts()
    clash = [q for q in questions if normalize_prompt(q) in held]
    assert not clash, f"everyday questions that are tests: {clash}"
    sentences = [s for _, a in QUESTIONS for s in re.split(r"(?<=[.!?])\s+", a)]
    answers = check_set_answers()
    reused = [s for s in sentences if len(normalize_prompt(s)) >= 10 and any(normalize_prompt(s) in a for a in answers)]
    assert not reused, f"everyday answer sentences found in check-set answers: {reused[:10]}"
    bad = phrases_overlapping(sentences, held)
    assert not bad, f"everyday answer sentences that are tests: {bad[:10]}"
    data_prompts = {normalize_prompt(p.conversation["turns"][-1]["content"]) for p in pairs}
    assert not [q for q in questions if normalize_prompt(q) in data_prompts], "an everyday question is in the data"
    train, val = split()
    assert not {q for q, _ in train} & {q for q, _ in val} and len(train) + len(val) == len(QUESTIONS)
    built = build_everyday(train, random.Random(5), pairs)
    assert {p.group for p in built} == {q for q, _ in train}, "pairs from validation questions"
    kinds = {p.source for p in built}
    want = {"over_refusal", "dismissive", "off_topic", "insulting", "shuffled", "truncated", "repeated", "empty"}
    assert kinds == {"rule_" + k for k in want}, sorted(kinds)
    blank = [p.rejected for p in built if p.source == "rule_empty"]
    assert len(blank) == len(train) and all(len(t.strip()) <= 12 for t in blank), "everyday near-empty answers"
    cut = [p.rejected for p in built if p.source == "rule_truncated"]
    assert len(cut) > len(train) / 2 and all(t[-1].isalnum() for t in cut), "everyday cuts end at punctuation"
    assert any(len(p.conversation["turns"]) > 1 for p in built), "no needless refusal after a chat"
    share = sum(len(p.chosen) > len(p.rejected) for p in built) / len(built)
    assert 0.3 <= share <= 0.75, f"everyday pairs: the answer is the longer side in {share:.2f}"


def test_harmful_requests_are_not_tests(pairs: list[Pair]) -> None:
    """The written harmful requests: none is a test or a data prompt; their pairs refuse (chosen) against an eager
    compliance (rejected), keep validation requests apart, and put some after a benign chat."""
    assert len(set(map(normalize_prompt, REQUESTS))) == len(REQUESTS) >= 60, "harmful requests repeat"
    held = held_out_texts()
    assert not [r for r in REQUESTS if normalize_prompt(r) in held], "a harmful request is a test"
    data_prompts = {normalize_prompt(p.conversation["turns"][-1]["content"]) for p in pairs}
    assert not [r for r in REQUESTS if normalize_prompt(r) in data_prompts], "a harmful request is in the data"
    everyday = {normalize_prompt(q) for q, _ in QUESTIONS}
    assert not [r for r in REQUESTS if normalize_prompt(r) in everyday], "a request is both harmful and everyday"
    train, val = split_requests()
    built = build_harmful(train, random.Random(5), pairs)
    assert {p.group for p in built} == set(train) and not set(train) & set(val)
    assert {p.source for p in built} == {"rule_harmful_refusal"}
    assert any(len(p.conversation["turns"]) > 1 for p in built), "no harmful request after a chat"


def test_gate_prompts_are_not_tests(pairs: list[Pair]) -> None:
    """The gate's written prompts: none repeats, is a test or a data prompt, or is one of everyday.py's or
    harmful_requests.py's; validation keeps a fifth of each kind apart."""
    prompts = BENIGN + HARMFUL
    assert len(set(map(normalize_prompt, prompts))) == len(prompts), "gate prompts repeat"
    assert len(BENIGN) >= 80 and len(HARMFUL) >= 50, (len(BENIGN), len(HARMFUL))
    held = held_out_texts()
    assert not [q for q in prompts if normalize_prompt(q) in held], "a gate prompt is a test"
    data_prompts = {normalize_prompt(p.conversation["turns"][-1]["content"]) for p in pairs}
    assert not [q for q in prompts if normalize_prompt(q) in data_prompts], "a gate prompt is in the data"
    written = {normalize_prompt(q) for q, _ in QUESTIONS} | {normalize_prompt(r) for r in REQUESTS}
    assert not [q for q in prompts if normalize_prompt(q) in written], "a gate prompt is in everyday or harmful"
    train, val = split_gate()
    assert not {q for q, _ in train} & {q for q, _ in val} and len(train) + len(val) == len(prompts)
    assert {h for _, h in val} == {True, False}, "validation lacks a kind"


def test_topic_names_the_question() -> None:
    assert topic_of("How do I kill a stuck process on Linux?") == "killing a stuck process on Linux"
    assert topic_of("Can you explain how to bake sourdough bread?") == "baking sourdough bread"
    assert topic_of("What is a mortgage?") == "a mortgage"
    assert topic_of("How can I beat my friend at chess?") == "beating your friend at chess"
    assert topic_of("Hello there") is None


def test_held_out_prompts_are_dropped() -> None:
    held = held_out_texts()
    conv = {"turns": [{"role": "user", "content": "What is the capital   of France?"}]}
    kept, dropped = drop_held_out([Pair(conv, "Paris.", "No idea.", "x", "g")], held)
    assert (kept, dropped) == ([], 1)


def main() -> None:
    assert all((DATA / f).exists() for f in LICENSED_PAIR_FILES), f"data missing in {DATA}"
    random.seed(0)
    everything = training_pairs()
    pairs = [p for p in everything if p.source.startswith("rule_")]
    test_every_type_is_built_and_length_gives_nothing_away(pairs)
    test_cut_answers_end_mid_sentence(pairs)
    test_rule_pairs_use_training_prompts_only(pairs)
    test_no_template_is_a_held_out_text()
    test_held_out_prompts_are_dropped()
    test_topic_names_the_question()
    test_composed_texts_are_not_tests()
    test_decorations_keep_the_answer_and_are_not_the_hack_probe()
    test_composed_pairs(everything)
    test_everyday_questions_are_not_tests(everything)
    test_harmful_requests_are_not_tests(everything)
    test_gate_prompts_are_not_tests(everything)
    print(f"ok: {len(pairs)} rule-made pairs checked")


if __name__ == "__main__":
    main()
