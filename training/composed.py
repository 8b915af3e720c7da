"""Refusals, dismissals and insults composed from parts, for the rule-made pairs (contrastive.py).

A run trained on a few dozen fixed templates learned their strings: it caught 98.6% of the needless refusals its
own templates made for held-out prompts and 47% of hand-written ones (the card's "Settings tried"). Composing each
text from an opener, a core, a reason and a closing, with the prompt's topic or without, gives thousands of
wordings, so what is shared is the act (refusing, brushing off, insulting), not a sentence. The parts are this
module's own; test_contrastive.py checks that none of the composed sentences is a sentence of the obvious-cases
suite or of a held-out text.
"""

from __future__ import annotations

import random

_REFUSE_OPEN = [
    "Sorry,",
    "I'm sorry, but",
    "Apologies, but",
    "Unfortunately,",
    "I'm afraid",
    "Regrettably,",
    "Thanks for asking, but",
    "I understand the question, but",
    "Hmm,",
    "",
    "",
]
_REFUSE_CORE = [
    "I can't help with {x}",
    "I won't be providing help with {x}",
    "I'm not able to assist with {x}",
    "I must decline to discuss {x}",
    "I'll have to pass on {x}",
    "I don't feel comfortable helping with {x}",
    "I'm not in a position to advise on {x}",
    "I can't give guidance on {x}",
    "I'm going to refrain from answering questions about {x}",
    "I'm unable to provide information on {x}",
    "I cannot support requests about {x}",
    "I'd prefer not to get into {x}",
]
_REFUSE_OBJECT = [
    "this",
    "that",
    "this request",
    "questions like this",
    "this topic",
    "that kind of request",
    "this subject",
    "requests of this sort",
]
_REFUSE_REASON = [
    "It could be misused.",
    "There are safety concerns here.",
    "It might lead to harm.",
    "It falls outside what I'm allowed to cover.",
    "My guidelines don't permit it.",
    "It's a sensitive area.",
    "Someone could end up getting hurt.",
    "The risks are simply too high.",
    "I have to be careful with topics like this one.",
    "Giving that kind of detail wouldn't be responsible of me.",
    "It goes against the policies I follow.",
]
_REFUSE_CLOSE = [
    "Please consult a professional.",
    "Maybe try a specialist.",
    "Perhaps I can assist with another question.",
    "I'd suggest finding an expert.",
    "Let me know if I can help with something else.",
    "A qualified expert can help you better.",
    "Thank you for understanding.",
    "Feel free to ask me about a different topic.",
]

_DISMISS_CORE = [
    "Work {x} out on your own time.",
    "Search for {x} on your own.",
    "I'm not going to explain {x}.",
    "Anyone with a browser can find {x}.",
    "Ask somebody else about {x}.",
    "Go read about {x} somewhere.",
    "I'm not spending time on {x}.",
    "Why should I walk you through {x}?",
]
_DISMISS_OBJECT = ["it", "that", "this", "stuff like this", "the whole thing"]
_DISMISS_EXTRA = [
    "It's not hard.",
    "Everyone knows this.",
    "Stop asking me.",
    "Put in some effort.",
    "I'm busy.",
    "That's your problem, not mine.",
    "The documentation covers it.",
    "I'm not doing that for you.",
    "Do the research yourself.",
    "Not worth my time.",
    "There are a million articles on it.",
    "You'll manage.",
    "Come back when you've tried.",
    "Best of luck with that, I suppose.",
]

_INSULT_OPEN = [
    "Sigh.",
    "Oh please.",
    "Good grief.",
    "Jeez.",
    "Oh, come off it.",
    "For crying out loud.",
    "Oh boy.",
    "Unbelievable.",
]
# One word of name-calling before the answer, with nothing else rude in it.
_INSULT_NAME = [
    "Moron.",
    "Dimwit.",
    "Bonehead.",
    "Imbecile.",
    "Nitwit.",
    "Doofus.",
    "Dummy.",
    "Yawn.",
    "Tsk.",
    "Oh, brother.",
    "Clueless, as usual.",
    "Sheesh, amateur.",
]
_INSULT_JUDGE = [
    "This is a dumb question.",
    "What a pointless thing to ask.",
    "Only a fool would need to ask this.",
    "How lazy can you be?",
    "You clearly didn't even try.",
    "This is embarrassing for you.",
    "My goodness, you're slow.",
    "I've heard toddlers ask smarter things.",
    "Did you skip school entirely?",
    "You really can't work this out alone?",
]
_INSULT_CLOSE = [
    "Quit eating up my afternoon.",
    "Try not to forget it this time, genius.",
    "You're welcome, I guess, loser.",
    "Numbskull.",
    "Don't come back with more questions like that.",
    "Learn to think for yourself.",
    "Honestly, it's sad you needed help.",
    "Go bother someone else next time.",
    "Was that really so difficult, dimwit?",
    "Write it down so you stop pestering people.",
]
_POLITE_OPEN = [
    "Ooh, a fun one!",
    "Delighted to lend a hand.",
    "Sure thing.",
    "Absolutely, let's go through it.",
    "Great thing to wonder about.",
    "Thanks for the interesting question.",
    "Certainly, here is how it works.",
    "Here's the rundown.",
]
# Warm openers for the everyday pairs (contrastive.build_everyday), where the rude side is one word of
# name-calling: the chosen side carries an opener too, so "an extra first sentence" decides nothing.
_WARM_OPEN = [
    "Gladly.",
    "Nice question.",
    "Sure, here goes.",
    "With pleasure.",
    "You bet.",
    "Right, here's the short version.",
    "Ah, a practical one.",
    "Good one.",
    "Let me help with that.",
    "Sure, no trouble.",
    "Here you are.",
    "Okay, this is quick.",
    "Easy enough, here it is.",
    "Here's what works.",
    "Sure thing, friend.",
    "Good that you asked.",
]
# Eager openers for a compliance with a harmful request (contrastive.build_composed).
_EAGER_OPEN = [
    "Sure! Here's what to do.",
    "Absolutely, here's the plan.",
    "Great idea, let's get into it.",
    "Happy to help you pull this off.",
    "Okay, here's how it's done.",
    "Easy. Follow these steps.",
    "You got it.",
    "Sure, this is simple.",
    "Of course! Step by step:",
    "No worries, here's the method.",
]
# A compliance with a harmful request that carries no instructions: a core sentence and a few generic moves.
_COMPLY_CORE = [
    "Here's a simple way to go about {x}.",
    "Plenty of people manage {x} without trouble.",
    "The key to {x} is timing.",
    "Going about {x} is easier than it sounds.",
    "I'll walk you through {x}.",
    "There's a neat approach to {x}.",
    "Let's sort out {x} for you.",
    "You can pull off {x} in an afternoon.",
]
_COMPLY_MOVE = [
    "Pick a moment when nobody is watching.",
    "Keep the plan to yourself.",
    "Get everything you need together beforehand.",
    "Move fast and stay calm.",
    "Make sure nothing links it back to you.",
    "Have a story ready in case anyone asks.",
    "Start small so it isn't noticed.",
    "Wear something plain that won't stand out.",
    "Delete any messages afterwards.",
    "Don't hesitate once you've begun.",
    "Act like you belong there.",
    "If anyone asks, play dumb.",
]
_POLITE_CLOSE = [
    "Hopefully that answers it.",
    "Just say the word if you want me to expand.",
    "All the best with it!",
    "Feel free to follow up with more questions.",
    "Hope that clears it up.",
    "Happy to explain further if needed.",
]


# Content-free dressing (`decorated`): what a policy could add to any answer to please a reward model. None of it is
# the app's "Hack this answer" phrasing (src/core/explain/hacks.ts), which measures the same thing held out.
_DRESS_OPEN = [
    "What a wonderful thing to ask!",
    "Excellent question, truly.",
    "I love this question.",
    "Rest assured, this is correct.",
    "I can answer this with complete confidence.",
    "No doubt about it.",
    "Sorry for the wait.",
    "Apologies if this is unclear.",
    "Thank you so much for asking!",
    "Glad to be of service!",
]
_DRESS_CLOSE = [
    "What a thoughtful thing to ask.",
    "You have a sharp eye for detail.",
    "I hope this is exactly what you needed!",
    "You're clearly a curious person.",
    "This is the complete and final answer.",
    "Have a wonderful day!",
]
_DRESS_HEAD = ["### Response", "# Summary", "**Reply:**", "## Here it is"]
_DRESS_EMOJI = ["👍", "🙂", "✨", "🎉", "🙌", "💡"]


def decorated(rng: random.Random, answer: str, question: str) -> str:
    """The answer with one or two content-free additions: a flattering, confident or apologetic opener or closing,
    a Markdown heading, emojis, or the question restated first. Its content is unchanged."""
    kinds = rng.sample(["open", "close", "head", "emoji", "restate"], rng.choice([1, 1, 2]))
    text = answer
    for kind in kinds:
        if kind == "open":
            text = f"{rng.choice(_DRESS_OPEN)} {text}"
        elif kind == "close":
            text = f"{text} {rng.choice(_DRESS_CLOSE)}"
        elif kind == "head":
            text = f"{rng.choice(_DRESS_HEAD)}\n\n{text}"
        elif kind == "emoji":
            text = f"{text} {rng.choice(_DRESS_EMOJI)}" if rng.random() < 0.5 else f"{rng.choice(_DRESS_EMOJI)} {text}"
        elif question.strip():
            text = f"Regarding your question ({question.strip()[:80]}): {text}"
    return text


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[0].upper() + text[1:] if text else text


def refusal(rng: random.Random, topic: str | None) -> str:
    """A refusal: opener, core (naming the topic half the time), and maybe a reason and a closing."""
    obj = topic if topic and rng.random() < 0.5 else rng.choice(_REFUSE_OBJECT)
    parts = [_sentence(f"{rng.choice(_REFUSE_OPEN)} {rng.choice(_REFUSE_CORE).format(x=obj)}.")]
    if rng.random() < 0.55:
        parts.append(rng.choice(_REFUSE_REASON))
    if rng.random() < 0.45:
        parts.append(rng.choice(_REFUSE_CLOSE))
    return " ".join(parts)


def dismissal(rng: random.Random, topic: str | None, sentences: int | None = None) -> str:
    """A non-answer that brushes the question off, 1-5 sentences."""
    obj = topic if topic and rng.random() < 0.5 else rng.choice(_DISMISS_OBJECT)
    n = sentences if sentences is not None else rng.choice([1, 1, 2, 2, 3, 4, 5])
    parts = [_sentence(rng.choice(_DISMISS_CORE).format(x=obj))]
    parts += rng.sample(_DISMISS_EXTRA, min(len(_DISMISS_EXTRA), n - 1))
    rng.shuffle(parts)
    return " ".join(parts)


def insulted(rng: random.Random, answer: str) -> str:
    """The answer with insults before it, after it, or both."""
    where = rng.random()
    before = " ".join(([rng.choice(_INSULT_OPEN)] if rng.random() < 0.5 else []) + [rng.choice(_INSULT_JUDGE)])
    after = rng.choice(_INSULT_CLOSE)
    if where < 0.4:
        return f"{before} {answer}"
    if where < 0.7:
        return f"{answer} {after}"
    return f"{before} {answer} {after}"


def name_called(rng: random.Random, answer: str) -> str:
    """The answer after one word of name-calling: the whole insult is a word, the answer is intact."""
    return f"{rng.choice(_INSULT_NAME)} {answer}"


def warmly(rng: random.Random, answer: str) -> str:
    return f"{rng.choice(_WARM_OPEN)} {answer}"


def compliance(rng: random.Random, topic: str | None) -> str:
    """An eager yes to a request, with one to three generic moves and no instructions in them."""
    obj = topic if topic and rng.random() < 0.7 else rng.choice(["it", "this", "that"])
    parts = [_sentence(rng.choice(_COMPLY_CORE).format(x=obj))] + rng.sample(_COMPLY_MOVE, rng.randint(1, 3))
    return eagerly(rng, " ".join(parts)) if rng.random() < 0.6 else " ".join(parts)


def eagerly(rng: random.Random, answer: str) -> str:
    return f"{rng.choice(_EAGER_OPEN)} {answer}"


def polite(rng: random.Random, answer: str) -> str:
    where = rng.random()
    if where < 0.4:
        return f"{rng.choice(_POLITE_OPEN)} {answer}"
    if where < 0.7:
        return f"{answer} {rng.choice(_POLITE_CLOSE)}"
    return f"{rng.choice(_POLITE_OPEN)} {answer} {rng.choice(_POLITE_CLOSE)}"


def all_parts() -> list[str]:
    """Every fixed phrase, for the held-out checks."""
    return [
        p
        for group in (
            _REFUSE_REASON,
            _REFUSE_CLOSE,
            _DISMISS_EXTRA,
            _INSULT_OPEN,
            _INSULT_NAME,
            _INSULT_JUDGE,
            _INSULT_CLOSE,
            _POLITE_OPEN,
            _WARM_OPEN,
            _EAGER_OPEN,
            _COMPLY_MOVE,
            _POLITE_CLOSE,
            _DRESS_OPEN,
            _DRESS_CLOSE,
        )
        for p in group
    ]
