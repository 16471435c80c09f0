"""What the parts of peace agreements are usually about, in the words the press uses.

A record names a part in its own terms ("Counter-terrorism guarantees"); reporters and
speakers say "prevent Afghanistan from becoming a platform for terrorists", "a reduction
in violence", "talk directly with the Afghan government". Each concept here has
**anchors** (word stems that, in a part's own title, text or options, say the part is
about it) and **phrases** that speak of it. A concept's phrases become terms of the one
part its anchors pick (by the part's title first, then by all its texts); a concept
that picks no part, or more than one, adds nothing, so the table is safe to apply to any
negotiation.
"""

from __future__ import annotations

__all__ = ["CONCEPTS"]

#: (name, anchors, phrases): anchors and phrases are plain words, stemmed when used.
CONCEPTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "counter-terrorism",
        ("terrorism", "counter-terrorism", "terrorist", "soil"),
        (
            "terrorist",
            "terrorists",
            "terrorism",
            "terror groups",
            "safe haven",
            "platform for",
            "al qaeda",
            "al-qaida",
            "al-qaeda",
            "islamic state",
            "not attacking americans",
            "security guarantees",
            "used against",
        ),
    ),
    (
        "withdrawal",
        ("withdrawal", "withdraw", "drawdown", "troops", "forces"),
        (
            "pull out",
            "pullout",
            "pull-out",
            "troop withdrawal",
            "foreign forces",
            "foreign troops",
            "troops",
            "drawdown",
            "leave the country",
        ),
    ),
    (
        "ceasefire",
        ("ceasefire", "cease-fire", "truce", "hostilities"),
        (
            "cease-fire",
            "ceasefire",
            "truce",
            "reduction in violence",
            "reduction of violence",
            "reduce violence",
            "violence must be reduced",
            "silence the guns",
            "cessation of hostilities",
            "stop the fighting",
        ),
    ),
    (
        "intra-party talks",
        ("intra", "dialogue", "inter"),
        ("talk directly with", "talk directly to", "direct talks", "talk with all"),
    ),
    (
        "prisoners",
        ("prisoner", "prisoners", "detainees"),
        ("prisoner", "prisoners", "detainees", "captives"),
    ),
    (
        "disarmament",
        ("disarmament", "disarm", "demobilisation", "demobilization", "weapons"),
        ("disarm", "heavy weapons", "lay down arms", "lay down their weapons", "demobilise"),
    ),
    (
        "humanitarian access",
        ("humanitarian", "aid"),
        ("humanitarian", "aid", "assistance to those in need"),
    ),
    (
        "land reform",
        ("land", "agrarian", "rural"),
        ("land", "agrarian", "agricultural", "rural development", "peasant"),
    ),
)
