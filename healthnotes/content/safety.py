"""Safety lines every post carries (patient-safety conventions, one place)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class SafetyLines:
    disclaimer: str = (
        "This article is general information, not a substitute for professional medical "
        "advice, diagnosis or treatment. Reading it does not create a doctor–patient "
        "relationship."
    )
    emergency: str = "In an emergency, call 911."
    poison_help: str = (
        "Poison Help: if someone may have swallowed or been exposed to something harmful, "
        "call 1-800-222-1222 (free, confidential, 24/7)."
    )
    poison_help_tel: str = "+18002221222"
    poison_help_display: str = "1-800-222-1222"
    crisis: str = (
        "If you are thinking about suicide or are in crisis, call or text 988 "
        "(the 988 Suicide & Crisis Lifeline), any time."
    )
    crisis_tel: str = "988"
    #: Short forms for social-media texts (added when the platform's limit has room).
    social_disclaimer: str = "General information, not medical advice. In an emergency, call 911."
    social_crisis: str = "In crisis? Call or text 988."
    social_poison_help: str = "Poison Help: 1-800-222-1222."


SAFETY = SafetyLines()

#: Tags that make a post "mental health": its page and texts add the 988 line.
MENTAL_HEALTH_TAGS = frozenset(
    {
        "mental health",
        "depression",
        "anxiety",
        "suicide",
        "self-harm",
        "grief",
        "stress",
        "postpartum depression",
        "eating disorders",
        "substance use",
    }
)
