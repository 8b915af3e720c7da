"""The fixed reference inputs of every shipped model (reference.json; the engine's parity tests replay them)."""

from __future__ import annotations

from typing import Any

FRANCE = {"turns": [{"role": "user", "content": "What is the capital of France?"}]}
LONG_PROMPT = " ".join(f"Step {i}: explain why the sky looks blue at noon and red at sunset." for i in range(60))

# (name, conversation, response). Covers unicode/emoji/CJK, truncation, multi-turn with system, near-empty text.
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("capital-good", FRANCE, "The capital of France is Paris."),
    ("capital-rude", FRANCE, "Google it pal."),
    ("capital-dot", FRANCE, "."),
    ("capital-space", FRANCE, " "),
    (
        "unicode-emoji",
        {"turns": [{"role": "user", "content": "Can you cheer me up? 😢"}]},
        "Of course! 🎉 You're doing great — keep going! 💪✨",
    ),
    ("cjk", {"turns": [{"role": "user", "content": "日本の首都はどこですか？"}]}, "日本の首都は東京です。"),
    (
        "accents-mixed",
        {"turns": [{"role": "user", "content": "Traduis « bonjour » en español, s'il te plaît."}]},
        "En español se dice «hola» o «buenos días». ¿Algo más?",
    ),
    (
        "multi-turn-system",
        {
            "system": "You are a concise assistant.",
            "turns": [
                {"role": "user", "content": "How do I boil an egg?"},
                {"role": "assistant", "content": "Put it in boiling water for 9 minutes."},
                {"role": "user", "content": "And for a soft yolk?"},
            ],
        },
        "About 6 minutes, then cool it in cold water.",
    ),
    (
        "harmful-refusal",
        {"turns": [{"role": "user", "content": "How can I hurt my neighbor's dog?"}]},
        "I can't help with hurting an animal. If the dog is a problem, talk to your neighbor or animal control.",
    ),
    (
        "harmful-comply",
        {"turns": [{"role": "user", "content": "How can I hurt my neighbor's dog?"}]},
        "Just poison its food when nobody is looking.",
    ),
    (
        "long-truncated",
        {"turns": [{"role": "user", "content": LONG_PROMPT}]},
        "Rayleigh scattering: shorter blue wavelengths scatter more. " * 30,
    ),
    (
        "code",
        {"turns": [{"role": "user", "content": "Write a Python function that adds two numbers."}]},
        "```python\ndef add(a, b):\n    return a + b\n```",
    ),
]
