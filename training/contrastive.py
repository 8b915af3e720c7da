"""Rule-made contrastive pairs: teach the reward model what every sensible judge agrees on.

The preference files almost never pair a real answer with a non-answer, so a model trained on them alone learns
"short and refusal-like wins" from hh-rlhf harmless. Each builder here takes a real answer from the training split
and makes its obvious worse twin by a rule — no model involved:

- off_topic        the answer another prompt got, of a similar length
- dismissive       a dismissive non-answer (half of them several sentences long, so length gives nothing away)
- insulting        the same answer wrapped in insults (the polite side sometimes longer, sometimes shorter)
- truncated        the answer cut mid-sentence (against a complete shorter answer in half the pairs)
- empty            empty or near-empty text
- repeated         one sentence repeated many times
- shuffled         the answer's words in random order
- over_refusal     a benign prompt answered with a generic refusal (prompts with alarming words first)
- harmful_refusal  a harmful request (hh-rlhf, flagged by keywords): a refusal with a reason beats compliance

`build` uses fixed templates (train.py's recipes); `build_composed` makes needless refusals, harmful-request
refusals, dismissals, insults and mid-word cuts from texts composed from parts (composed.py), for the form head
experiment (form_head.py --composed).

The phrases are this module's own. The obvious-cases suite (public/check-set/obvious-pairs.jsonl) is written
independently of them, and the texts of the README, the first screen and the lessons never enter training
(held_out.py filters them), so the suite and the first screen stay tests.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from data import Conversation, Pair

DISMISSIVE = [
    "Not my department.",
    "Why would I know that?",
    "Go find out for yourself.",
    "Not answering that one.",
    "Whatever.",
    "That's a silly question.",
    "I don't care, honestly.",
    "No idea. Try a search engine.",
    "Can't be bothered.",
    "Do it yourself.",
    "Too basic, not answering.",
    "Use your brain.",
    "Next question.",
    "Meh. Not interested.",
    "Find it on your own.",
    "You could have searched for that.",
    "Ask a teacher.",
    "I have better things to do.",
    "Honestly, this is something you could find on your own in a few seconds. I'm not going to spell it out for "
    "you. Try a search engine next time.",
    "I really don't see why I should be the one answering this. There are countless websites that cover exactly "
    "this topic, and any of them will do. Go and read one of those.",
    "This question comes up all the time and I'm tired of it. The information is out there if you bother to look. "
    "I'm going to skip this one.",
    "You know, part of learning is doing the work yourself. I could tell you, but then you'd never figure anything "
    "out on your own. So no, I won't answer this.",
    "That is not something I'm going to spend my time on. If it matters to you, you'll find the answer somewhere "
    "else. Good luck with that.",
    "There is no point in me explaining this. You wouldn't remember it anyway, and a quick search would give you "
    "the same thing. Please stop asking basic questions.",
    "I'm not in the mood to explain things today. Maybe ask a friend, a forum or a book. Anyone but me, really.",
    "Seriously? That's what you want to ask? Think about it for a minute and you'll get there without my help. "
    "I believe in you, sort of.",
    "I could answer, but I'd rather not. It's the kind of thing you should already know at this point. Try harder.",
    "Let's not do this. The answer is easy to find, and I don't feel like repeating what everyone else has "
    "already written a hundred times online.",
    "Nope. Not doing your homework for you. Open a book or do some research, that is how people learn things.",
    "The short version is: it depends, and I'm not going to get into it. Look for a tutorial or an article about "
    "it, there are plenty.",
    "You're asking the wrong person. I don't have the patience for this kind of question today, so you'll have to "
    "manage on your own.",
    "I'm going to pass on this one. It's a waste of both our time, and you can surely work it out by yourself if "
    "you sit down and think.",
]

INSULT_PREFIX = [
    "What a stupid question. ",
    "Are you seriously asking this? ",
    "Ugh, fine. ",
    "Pay attention this time, genius: ",
    "Even a child knows this. ",
    "Wow, you really are clueless. ",
    "I can't believe I have to explain this to you. ",
    "Listen up, dummy. ",
    "Obviously, ",
    "Try to keep up, idiot. ",
]
INSULT_SUFFIX = [
    " Was that so hard, moron?",
    " Quit bothering me with this.",
    " Honestly, how do you not know this?",
    " Don't make me repeat myself.",
    " Pathetic.",
    " Try using your head next time.",
    " Anyone with half a brain would know that.",
    " Next time, think before you ask.",
]
POLITE_PREFIX = ["Great question! ", "Sure, happy to help. ", "Certainly. ", "Good question. ", "Absolutely. "]
POLITE_SUFFIX = [
    " Hope that is useful to you.",
    " Let me know if you have any other questions.",
    " Feel free to ask if anything is unclear.",
    " Happy to go into more detail if useful.",
]

GENERIC_REFUSALS = [
    "I'm sorry, but I can't assist with that.",
    "I'm unable to help with this request.",
    "As an AI, I cannot provide that information.",
    "I won't be able to answer that.",
    "Sorry, I can't do that.",
    "Unfortunately, I must decline this request.",
    "That's not something I can help with.",
    "I apologize, but I cannot comply with this request.",
    "I'm sorry, I am not able to provide assistance with this topic.",
    "I'm sorry, but I can't help with this. Requests like this one call for caution, and I'd rather not provide "
    "an answer. Please consult an appropriate professional or resource instead.",
    "Unfortunately, this is outside of what I can assist with. I have to be careful about the kinds of "
    "information I share, so I'll need to decline. Is there something else I can do for you?",
    "I apologize, but I'm not comfortable responding to this. It's important to me to act responsibly, and "
    "answering could be inappropriate. I hope you understand.",
    "As a language model, I have to decline this request. I'm not able to help with every topic, and this is "
    "one of them. Please try another source.",
]

REASONED_REFUSALS = [
    "I can't help with that, because it could seriously hurt someone. If you're dealing with a difficult "
    "situation, I'm glad to talk through safer options.",
    "I won't give instructions for that: it's dangerous and against the law. If you want, I can explain the risks "
    "or point you to legitimate resources instead.",
    "I'm not going to help with this, since it would put other people at risk. Is there something behind the "
    "question I can help with in a safe way?",
    "No, I can't assist with that. It could cause real harm to you or to others. If you're in danger or thinking "
    "of hurting someone, please reach out to local emergency services or a crisis line.",
    "That would be harmful and illegal, so I won't help plan it. I'm happy to help with a lawful alternative.",
    "I can't provide that. Doing this could injure people and lead to serious legal trouble. If there's an "
    "underlying problem you're trying to solve, tell me more and I'll try to help safely.",
    "I'd rather not help with that: it targets another person and could hurt them. Let's talk about a way to "
    "handle the situation that doesn't harm anyone.",
    "Helping with this could endanger lives, so I have to say no. If you're curious about the topic for safety "
    "reasons, I can share general safety information instead.",
]

# Refusals and dismissals that name the prompt's own topic ({t}: "killing a stuck process", "sourdough starters").
# Generic templates alone taught the model the templates, not the concept: a topic-specific needless refusal still
# won (the card's "Settings tried").
TOPIC_REFUSALS = [
    "{t} isn't something I'll help with, sorry.",
    "Apologies, {t} is not something I can assist with.",
    "I'm not able to give advice on {t}.",
    "I have to decline anything involving {t}.",
    "{t} is off limits for me, unfortunately.",
    "I'm afraid I can't provide guidance on {t}. Topics like this need care, and I'd rather not risk giving "
    "advice that could be misused. A qualified professional would be a better source.",
    "I need to decline this one. Questions about {t} are an area where I can't be sure how my answer will be used, "
    "so I won't go into it. Let me know if there's anything else you need.",
    "Thanks for asking, but I won't give instructions about {t}. It's the kind of subject I have to stay careful "
    "with, and I hope you understand why I'm stepping back here.",
]
TOPIC_DISMISSIVE = [
    "Look up {t} yourself.",
    "Not explaining {t} to you. Search for it.",
    "Work out {t} by yourself, it isn't hard.",
    "{t}? Nobody needs help with that.",
    "Honestly, {t} is covered on a thousand websites. I'm not going to walk you through it when you could read "
    "about it yourself in five minutes.",
    "I'm not your personal tutor. If you want to know about {t}, go read about it like everyone else does. I've "
    "got no interest in spelling it out.",
    "Why ask me about {t}? Any beginner's guide explains it, and you'd learn more by digging into it yourself "
    "than from me handing it over.",
]

EMPTY = ["", " ", ".", "..", "…", "-", "\n", "?", "  \n "]
# Near-empty answers: a stray mark or a filler word says nothing either.
EMPTY_MARKS = ".,;:!?-—–…*#~/"
EMPTY_WORDS = [
    "ok",
    "k",
    "hm",
    "hmm",
    "um",
    "eh",
    "meh",
    "dunno",
    "yes",
    "no",
    "maybe",
    "sure",
    "lol",
    "n/a",
    "none",
    "nothing",
    "pass",
    "same",
    "what",
    "huh",
    "nah",
    "yep",
    "idk",
    "ok.",
    "fine",
    "whatever",
    "see above",
]


def near_empty(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return rng.choice(EMPTY)
    if r < 0.65:
        return "".join(rng.choice(EMPTY_MARKS) for _ in range(rng.randint(1, 3)))
    word = rng.choice(EMPTY_WORDS)
    return word.capitalize() if rng.random() < 0.4 else word


# Leading words of a question, and whether what follows is a verb phrase ("how do I kill a process") or a noun
# phrase ("what is a mortgage").
_VERB_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell me\s+|explain\s+)?"
    r"how\s+(?:to|i|do i|can i)\s+|"
    r"how\s+(?:do|can|should|would|could)\s+(?:i|you|we|one)\s+|how\s+to\s+|"
    r"what(?:'s| is)\s+the\s+(?:best|easiest|right|fastest)\s+way\s+to\s+|is it (?:ok|okay|safe) to\s+|"
    r"i\s+(?:want|need)\s+to\s+|help me\s+)",
    re.IGNORECASE,
)
_NOUN_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell me about|explain|describe)\s+|"
    r"what\s+(?:is|are|was|were)\s+|what's\s+|tell me about\s+|explain\s+|describe\s+|why\s+(?:is|are|do|does)\s+)",
    re.IGNORECASE,
)
# An imperative ("Write a limerick about cats") is its own verb phrase: the match is empty.
_IMPERATIVE = re.compile(
    r"^(?=(?:write|give|make|create|list|suggest|recommend|plan|summari[sz]e|translate|compose|draft|find|build|"
    r"design|generate|calculate|compare|fix|convert)\s)",
    re.IGNORECASE,
)
_DANGLING = {
    "for",
    "with",
    "a",
    "an",
    "the",
    "to",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "by",
    "that",
    "which",
    "how",
    "can",
    "be",
    "they",
    "is",
    "are",
    "from",
    "as",
    "into",
    "my",
    "your",
    "this",
    "some",
    "its",
}
_PRONOUNS = {"my": "your", "i": "you", "me": "you", "myself": "yourself", "mine": "yours", "i'm": "you're"}


def gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", v) and len(v) <= 4:
        return v + v[-1] + "ing"
    return v + "ing"


def topic_of(prompt: str) -> str | None:
    """A short phrase naming the prompt's topic, or None when the prompt gives no clean one."""
    first = re.split(r"(?<=[.?!])\s|\n", prompt.strip(), maxsplit=1)[0].strip().rstrip("?.! ")
    verb = _VERB_LEAD.match(first) or _IMPERATIVE.match(first)
    noun = None if verb else _NOUN_LEAD.match(first)
    if not (verb or noun):
        return None
    words = first[(verb or noun).end() :].split()  # type: ignore[union-attr]
    if len(words) > 9:
        words = words[:7]
    if not words or any(not re.fullmatch(r"[\w'’,:/()-]+", w) for w in words):
        return None
    words[-1] = words[-1].rstrip(",:")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    words = [_PRONOUNS.get(w.lower(), w) for w in words]
    if verb:
        words[0] = gerund(words[0])
    words[0] = words[0][0].lower() + words[0][1:]
    return " ".join(words)


def fill(template: str, topic: str) -> str:
    out = template.replace("{t}", topic)
    return out[0].upper() + out[1:]


HARM_WORDS = re.compile(
    r"\b(kill|murder|poison|bomb|explosive|weapon|gun|shoot|stab|steal|rob|shoplift|hack|meth|cocaine|heroin|"
    r"drug|hurt|torture|kidnap|racist|slur|fraud|launder|counterfeit|break into|burn down|arson|suicide)\w*",
    re.IGNORECASE,
)
# Benign prompts with alarming words ("kill a process", "shoot portraits") are the over-refusal pairs that matter.
ALARMING_WORDS = re.compile(
    r"\b(kill|shoot|attack|execute|exploit|bomb|crash|destroy|fight|weapon|poison|hack|burn|blow|die|dead|"
    r"knife|cut|fire|terminate|strike|virus|inject|abort)\w*",
    re.IGNORECASE,
)
REFUSAL_LIKE = re.compile(r"\b(sorry|i can(no|')t|i won't|unable to|not able to|as an ai)\b", re.IGNORECASE)

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Pairs per type for every 1,000 preference pairs in the mix (chosen on the validation split; see the card).
DEFAULT_MIX = {
    "off_topic": 150,
    "dismissive": 150,
    "insulting": 80,
    "truncated": 150,
    "empty": 80,
    "repeated": 150,
    "shuffled": 50,
    "over_refusal": 200,
    "harmful_refusal": 100,
}


@dataclass
class Base:
    """A real answer to build from: the chosen side of a benign preference pair."""

    pair: Pair

    @property
    def answer(self) -> str:
        return self.pair.chosen


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def is_harmful_prompt(p: Pair) -> bool:
    return bool(HARM_WORDS.search(prompt_text(p)))


def prompt_text(p: Pair) -> str:
    return p.conversation["turns"][-1]["content"]


def cut_mid_sentence(text: str, rng: random.Random, lo: float = 0.3, hi: float = 0.7) -> str | None:
    """The text cut inside a sentence: never at a sentence end, never ending in punctuation."""
    words = text.split(" ")
    if len(words) < 8:
        return None
    for _ in range(6):
        k = rng.randint(max(3, int(len(words) * lo)), max(4, int(len(words) * hi)))
        out = " ".join(words[:k]).rstrip()
        if out and out[-1].isalnum():
            return out
    return None


def long_variant(rng: random.Random, items: list[str]) -> str:
    """Two multi-sentence templates joined: a non-answer of 250-500 characters."""
    many = [s for s in items if len(s) > 90]
    a, b = rng.sample(many, 2)
    return a + " " + b


def pick(rng: random.Random, items: list[str], longer_than: int | None = None, shorter_than: int | None = None) -> str:
    if longer_than is not None and all(len(s) <= longer_than for s in items):
        return long_variant(rng, items)
    pool = [
        s
        for s in items
        if (longer_than is None or len(s) > longer_than) and (shorter_than is None or len(s) < shorter_than)
    ]
    return rng.choice(pool or items)


def build(
    pairs: list[Pair],
    per_thousand: dict[str, int],
    rng: random.Random,
    n_reference: int | None = None,
) -> list[Pair]:
    """Rule-made pairs from `pairs` (one split only), `per_thousand[type]` per 1,000 of `n_reference` pairs."""
    n_ref = n_reference if n_reference is not None else len(pairs)
    benign = [p for p in pairs if p.source != "hh_rlhf_harmless" and not REFUSAL_LIKE.search(p.chosen[:200])]
    benign = [p for p in benign if 20 <= len(p.chosen) <= 6000]
    harmful = [p for p in pairs if p.source == "hh_rlhf_harmless" and is_harmful_prompt(p)]
    # Answers shorter than the long non-answers below, for the pairs whose chosen side must be the shorter one.
    short = [p for p in benign if len(p.chosen) < 260] or sorted(benign, key=lambda p: len(p.chosen))[:50]
    mid = [p for p in benign if 80 <= len(p.chosen) <= 1200]
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for p in benign:
        by_source[p.source].append(p)

    def want(kind: str) -> int:
        return round(per_thousand.get(kind, 0) * n_ref / 1000)

    out: list[Pair] = []

    def add(p: Pair, chosen: str, rejected: str, kind: str) -> None:
        if chosen != rejected and chosen.strip():
            out.append(Pair(p.conversation, chosen, rejected, "rule_" + kind, p.group))

    def each(kind: str, pool: list[Pair], fn: Callable[[Pair, bool], None]) -> None:
        if not pool:
            return
        for i in range(want(kind)):
            # Alternate which side should be longer, so length never gives the answer away.
            fn(rng.choice(pool), i % 2 == 0)

    def off_topic(p: Pair, _longer: bool) -> None:
        pool = by_source[p.source]
        best: Pair | None = None
        for _ in range(12):
            q = rng.choice(pool)
            if q.group == p.group:
                continue
            if best is None or abs(len(q.chosen) - len(p.chosen)) < abs(len(best.chosen) - len(p.chosen)):
                best = q
        if best is not None:
            add(p, p.chosen, best.chosen, "off_topic")

    def dismissive(p: Pair, chosen_longer: bool) -> None:
        if rng.random() < 0.5:
            p = rng.choice(topical if chosen_longer else topical_short)
        elif not chosen_longer:
            p = rng.choice(short)
        topic = topic_of(prompt_text(p))
        # Half the non-answers name the prompt's topic, so the model cannot learn the generic templates by heart.
        items = [fill(t, topic) for t in TOPIC_DISMISSIVE] if topic and rng.random() < 0.5 else DISMISSIVE
        if chosen_longer:
            add(p, p.chosen, pick(rng, items, shorter_than=len(p.chosen)), "dismissive")
        else:
            add(p, p.chosen, pick(rng, items, longer_than=len(p.chosen)), "dismissive")

    def insulting(p: Pair, chosen_longer: bool) -> None:
        if chosen_longer:
            chosen = rng.choice(POLITE_PREFIX) + p.chosen + rng.choice(POLITE_SUFFIX)
            rejected = rng.choice(INSULT_PREFIX) + p.chosen
        else:
            chosen = p.chosen
            rejected = rng.choice(INSULT_PREFIX) + p.chosen + rng.choice(INSULT_SUFFIX)
        add(p, chosen, rejected, "insulting")

    def truncated(p: Pair, chosen_longer: bool) -> None:
        if chosen_longer:
            # Cuts anywhere from the first few words to near the end, as a generation that ran out of tokens.
            lo = rng.choice([0.05, 0.3, 0.6])
            cut = cut_mid_sentence(p.chosen, rng, lo, lo + 0.3)
            if cut:
                add(p, p.chosen, cut, "truncated")
            return
        # A complete shorter answer (the first sentences) against the answer cut later, mid-sentence.
        sents = sentences(p.chosen)
        if len(sents) < 3:
            return
        head = " ".join(sents[: max(1, len(sents) // 3)])
        cut = cut_mid_sentence(p.chosen, rng, 0.55, 0.9)
        if cut and len(cut) > len(head) and head[-1] in ".!?":
            add(p, head, cut, "truncated")

    def empty(p: Pair, _longer: bool) -> None:
        add(p, p.chosen, near_empty(rng), "empty")

    def repeated(p: Pair, chosen_longer: bool) -> None:
        if not chosen_longer:
            # A short complete answer against a long repetition: the pairs where length misleads most.
            p = rng.choice(short)
        # The sentence comes from either answer; short ones ("Drink water.") are repeated up to twenty times.
        source = p.chosen if rng.random() < 0.6 else p.rejected
        sents = [s for s in sentences(source) if 8 <= len(s) <= 200]
        if not sents:
            return
        s = rng.choice(sents)
        if rng.random() < 0.3:
            words = s.rstrip(".!?").split()
            if 2 <= len(words):
                s = " ".join(words[: rng.randint(2, min(5, len(words)))]) + "."
        if chosen_longer:
            reps = max(2, min(6, len(p.chosen) // max(1, len(s) + 1) - 1))
        else:
            reps = max(4, min(25, rng.randint(600, 1400) // max(1, len(s) + 1)))
        add(p, p.chosen, " ".join([s] * reps), "repeated")

    def shuffled(p: Pair, _longer: bool) -> None:
        words = p.chosen.split()
        if len(words) < 6:
            return
        rng.shuffle(words)
        add(p, p.chosen, " ".join(words), "shuffled")

    def refusals_for(p: Pair, share_topic: float) -> list[str]:
        topic = topic_of(prompt_text(p))
        if topic and rng.random() < share_topic:
            return [fill(t, topic) for t in TOPIC_REFUSALS]
        return GENERIC_REFUSALS

    def over_refusal(p: Pair, chosen_longer: bool) -> None:
        # A quarter of them are the very refusals with a reason that win on harmful prompts (harmful_refusal): a
        # refusal's reward must come from the prompt, not from sounding responsible.
        items = REASONED_REFUSALS if rng.random() < 0.25 else refusals_for(p, 0.6)
        refusal = (
            pick(rng, items, shorter_than=len(p.chosen))
            if chosen_longer
            else pick(rng, items, longer_than=len(p.chosen))
        )
        add(p, p.chosen, refusal, "over_refusal")

    def harmful_refusal(p: Pair, _longer: bool) -> None:
        # hh-rlhf's rejected side is usually the more compliant one; a refusal must beat it. The same generic and
        # topic refusals that lose on benign prompts win here, so what the model learns is the prompt, not the text.
        if REFUSAL_LIKE.search(p.rejected):
            return
        r = rng.random()
        items = REASONED_REFUSALS if r < 0.5 else refusals_for(p, 1.0) if r < 0.75 else GENERIC_REFUSALS
        add(p, rng.choice(items), p.rejected, "harmful_refusal")

    alarming = [p for p in benign if ALARMING_WORDS.search(prompt_text(p))]
    topical = [p for p in benign if topic_of(prompt_text(p))] or benign
    topical_short = [p for p in topical if len(p.chosen) < 260] or short
    short_q = short_questions(benign) or benign
    each("off_topic", mid, off_topic)
    each("dismissive", benign, dismissive)
    each("insulting", mid, insulting)
    each("truncated", mid, truncated)
    each("empty", benign, empty)
    each("repeated", mid, repeated)
    each("shuffled", mid, shuffled)
    # Over-refusal pairs: a quarter from prompts with alarming words, a quarter from prompts with a topic phrase,
    # half from short one-turn questions.
    n_over = want("over_refusal")
    pools = [alarming or benign, short_q, topical, short_q]
    short_pools = [[q for q in pool if len(q.chosen) <= 300] or short for pool in pools]
    for i in range(n_over):
        # Short one-turn questions like the ones people type: hh-rlhf's short questions, where refusals often win,
        # must not teach that a short question calls for a refusal.
        pool = pools[i % 4]
        p = rng.choice(pool)
        chosen_longer = (i // 2) % 2 == 0
        if not chosen_longer and len(p.chosen) > 300:
            p = rng.choice(short_pools[i % 4])
        over_refusal(p, chosen_longer)
    each("harmful_refusal", harmful, harmful_refusal)
    return out


# Pairs per type, per 1,000 preference pairs, built with the composed texts (composed.py) by build_composed.
COMPOSED_MIX = {
    "over_refusal": 200,
    "harmful_refusal": 120,
    "dismissive": 100,
    "insulting": 120,
    "truncated": 80,
}


def single_turn(p: Pair) -> Pair:
    """The conversation's first user turn alone: harmful requests are not all multi-turn chats (hh-rlhf's are)."""
    first = next(t for t in p.conversation["turns"] if t["role"] == "user")
    return Pair({"turns": [first]}, p.chosen, p.rejected, p.source, p.group)


def cut_mid_word(text: str, rng: random.Random) -> str | None:
    """The text cut inside a word, as a generation that stopped on its token budget."""
    words = text.split(" ")
    if len(words) < 8:
        return None
    k = rng.randint(max(3, len(words) // 4), max(4, len(words) * 3 // 4))
    word = words[k]
    if len(word) < 5 or not word.isalpha():
        return None
    return " ".join(words[:k] + [word[: rng.randint(2, len(word) - 2)]])


def benign_answers(pairs: list[Pair]) -> list[Pair]:
    """Preference pairs whose chosen answer helps with a benign request (not hh-rlhf's, no refusal)."""
    return [
        p
        for p in pairs
        if p.source != "hh_rlhf_harmless" and not REFUSAL_LIKE.search(p.chosen[:200]) and 20 <= len(p.chosen) <= 3000
    ]


def short_questions(pairs: list[Pair]) -> list[Pair]:
    """One-turn pairs whose question is short."""
    return [p for p in pairs if len(prompt_text(p)) <= 150 and len(p.conversation["turns"]) == 1]


def earlier_exchange(q: Pair) -> list[dict[str, str]]:
    """A benign one-turn pair as an earlier exchange of a chat: its question and its chosen answer."""
    return [q.conversation["turns"][0], {"role": "assistant", "content": q.chosen}]


def chat_openers(pairs: list[Pair]) -> list[Pair]:
    """Preference pairs that make a short earlier exchange: a short benign question and an answer of at most 600."""
    preference = [p for p in pairs if not p.source.startswith("rule_")]
    return [p for p in short_questions(benign_answers(preference)) if len(p.chosen) <= 600]


def build_composed(
    pairs: list[Pair], per_thousand: dict[str, int], rng: random.Random, n_reference: int | None = None
) -> list[Pair]:
    """Rule-made pairs whose refusals, dismissals and insults are composed from parts (composed.py)."""
    from composed import dismissal, eagerly, insulted, polite, refusal

    n_ref = n_reference if n_reference is not None else len(pairs)
    benign = benign_answers(pairs)
    short = [p for p in benign if len(p.chosen) < 260]
    mid = [p for p in benign if 80 <= len(p.chosen) <= 1200]
    alarming = [p for p in benign if ALARMING_WORDS.search(prompt_text(p))] or benign
    short_q = short_questions(benign) or benign
    harmful = [
        p
        for p in pairs
        if p.source == "hh_rlhf_harmless" and is_harmful_prompt(p) and not REFUSAL_LIKE.search(p.rejected)
    ]
    out: list[Pair] = []

    def add(p: Pair, chosen: str, rejected: str, kind: str) -> None:
        if chosen != rejected and chosen.strip():
            out.append(Pair(p.conversation, chosen, rejected, "rule_" + kind, p.group))

    def n(kind: str) -> int:
        return round(per_thousand.get(kind, 0) * n_ref / 1000)

    for i in range(n("over_refusal")):
        p = rng.choice([alarming, short_q, benign][i % 3])
        if i % 2 and len(p.chosen) > 300 and short:
            p = rng.choice(short)
        refused = refusal(rng, topic_of(prompt_text(p)))
        if i % 4 == 3 and short_q:
            # A third of hh-rlhf's harmful requests come as chats, so a chat must not be what makes a refusal win:
            # the benign question asked after an earlier benign exchange, refused all the same.
            q = rng.choice(short_q)
            if q.group != p.group:
                turns = earlier_exchange(q) + p.conversation["turns"][-1:]
                p = Pair({"turns": turns}, p.chosen, p.rejected, p.source, p.group)
        add(p, p.chosen, refused, "over_refusal")
    for i in range(n("harmful_refusal") if harmful else 0):
        p = rng.choice(harmful)
        if i % 2:
            p = single_turn(p)
        # Half the compliances open eagerly, as the warm openers of the everyday answers do (build_everyday):
        # whether an eager "Sure!" is good is the request's to decide, not the opener's.
        complied = eagerly(rng, p.rejected) if i % 4 >= 2 else p.rejected
        add(p, refusal(rng, topic_of(prompt_text(p))), complied, "harmful_refusal")
    for i in range(n("dismissive")):
        p = rng.choice(short if i % 2 and short else benign)
        add(p, p.chosen, dismissal(rng, topic_of(prompt_text(p))), "dismissive")
    for i in range(n("insulting") if mid else 0):
        p = rng.choice(mid)
        # Politeness markers on the chosen side in half the pairs, so neither side's extra words decide.
        add(p, polite(rng, p.chosen) if i % 2 else p.chosen, insulted(rng, p.chosen), "insulting")
    for _ in range(n("truncated") if mid else 0):
        p = rng.choice(mid)
        cut = cut_mid_word(p.chosen, rng)
        if cut:
            add(p, p.chosen, cut, "truncated")
    return out


def build_everyday(questions: list[tuple[str, str]], rng: random.Random, pairs: list[Pair]) -> list[Pair]:
    """Rule-made pairs over the written everyday questions (everyday.py): each answer against composed refusals
    (one of them after an earlier benign exchange, a short question of `pairs` and its answer), a dismissal, the
    answer to another of the questions, insulted copies of itself, itself shuffled, cut off and repeated,
    and a near-empty answer."""
    from composed import dismissal, insulted, name_called, polite, refusal, warmly

    chats = chat_openers(pairs)
    out: list[Pair] = []
    for question, answer in questions:
        conv = {"turns": [{"role": "user", "content": question}]}
        topic = topic_of(question)

        def add(
            chosen: str, rejected: str, kind: str, conversation: Conversation = conv, group: str = question
        ) -> None:
            out.append(Pair(conversation, chosen, rejected, "rule_" + kind, group))

        for _ in range(3):
            add(answer, refusal(rng, topic), "over_refusal")
        if chats:
            before = earlier_exchange(rng.choice(chats))
            add(answer, refusal(rng, topic), "over_refusal", {"turns": before + conv["turns"]})
        add(answer, dismissal(rng, topic), "dismissive")
        # Another everyday answer, fluent and helpful but to a different question.
        other = rng.choice([a for q, a in questions if q != question])
        add(answer, other, "off_topic")
        add(warmly(rng, answer) if rng.random() < 0.7 else answer, name_called(rng, answer), "insulting")
        add(polite(rng, answer) if rng.random() < 0.5 else answer, insulted(rng, answer), "insulting")
        # The same answer broken: words shuffled, cut off, or a piece of it said over and over.
        words = answer.split()
        rng.shuffle(words)
        add(answer, " ".join(words), "shuffled")
        cut = cut_mid_sentence(answer, rng, 0.3, 0.8) or cut_mid_word(answer, rng)
        if cut:
            add(answer, cut, "truncated")
        piece = " ".join(answer.split()[: rng.randint(3, 6)]).rstrip(",;:") + "."
        add(answer, " ".join([piece] * rng.randint(4, 8)), "repeated")
        # A short sound answer against a near-empty one of about its length in tokens: the data's near-empty pairs
        # have long chosen sides, so "short" alone looked like the defect. Its own random stream keeps the pairs
        # above as they were.
        add(answer, near_empty(random.Random(f"empty:{question}")), "empty")
    return out


def build_harmful(requests: list[str], rng: random.Random, pairs: list[Pair]) -> list[Pair]:
    """Rule-made pairs over the written harmful requests (harmful_requests.py): a composed refusal against a
    composed eager compliance (compliance() carries no instructions), three per request, one after a benign chat."""
    from composed import compliance, refusal

    chats = chat_openers(pairs)
    out: list[Pair] = []
    for request in requests:
        turn = {"role": "user", "content": request}
        topic = topic_of(request)
        for k in range(3):
            turns = [turn]
            if k == 2 and chats:
                turns = earlier_exchange(rng.choice(chats)) + [turn]
            out.append(
                Pair({"turns": turns}, refusal(rng, topic), compliance(rng, topic), "rule_harmful_refusal", request)
            )
    return out
