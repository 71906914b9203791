"""How the safety gate scans a post's texts: platform texts block by block, each block
once a post, with the findings a scan of the whole text gives."""

from __future__ import annotations

from healthnotes.cache.checks import CheckCache
from healthnotes.gate import check as gate
from healthnotes.gate import evaluate
from healthnotes.gate.privacy import Allowlist, scan_text
from healthnotes.social import texts as text
from healthnotes.social.platforms import blocks

LINK = "https://health.maplegrovefamily.example/posts/flu/?utm_source=x&utm_medium=social"
HASHTAGS = "#Flu #Vaccines"
DISCLAIMER = "General information, not medical advice. In an emergency, call 911."


def platform_text(*blocks: str) -> str:
    return text.SEPARATOR.join(blocks)


def test_the_gate_splits_platform_texts_where_the_text_module_joins_their_blocks():
    joined = text._join("Flu shots are in.", LINK, HASHTAGS, DISCLAIMER)
    assert [block for _, block in blocks(joined)] == [
        "Flu shots are in.",
        LINK,
        HASHTAGS,
        DISCLAIMER,
    ]
    assert all(joined.startswith(block, start) for start, block in blocks(joined))


def test_a_platform_text_scanned_by_blocks_finds_what_a_scan_of_the_whole_text_finds(allow):
    """The same findings, except that none runs across a blank line into the next block
    (a scan of the whole text reads "dee [at] riverbend [dot] net.\n\nhttps" as one
    e-mail address; by blocks it is "dee [at] riverbend [dot] net")."""
    examples = evaluate.load_corpus()
    assert sum(bool(example.expected) for example in examples) > 100
    across = 0
    for example in examples:
        whole = platform_text(example.sentence, LINK, HASHTAGS, DISCLAIMER)
        by_blocks = gate._scan(whole, allow, "platform", CheckCache(None))
        assert all(whole[f.start : f.end] == f.text for f in by_blocks)
        assert all(text.SEPARATOR not in f.text for f in by_blocks)
        at_once = scan_text(whole, allow, field="platform")
        across += sum(text.SEPARATOR in f.text for f in at_once)
        within = [f for f in at_once if text.SEPARATOR not in f.text]
        assert set(within) <= set(by_blocks), example.line
        for finding in set(by_blocks) - set(within):  # the same, cut at the blank line
            assert any(
                f.rule == finding.rule and f.start == finding.start and f.end > finding.end
                for f in at_once
            ), example.line
    assert across  # the corpus has such a case: the comparison above is not idle


def test_a_finding_in_a_later_block_keeps_its_place_in_the_whole_text(allow):
    whole = platform_text("Flu shots are in.", "Questions? Call Maria Gonzalez at 541-555-0199.")
    findings = gate._scan(whole, allow, "platform", CheckCache(None))
    assert {f.rule for f in findings} >= {"phone"}
    for finding in findings:
        assert finding.start > whole.index("Questions")
        assert whole[finding.start : finding.end] == finding.text


def test_each_block_shared_by_a_posts_platform_texts_is_scanned_once(allow, monkeypatch):
    scanned: list[str] = []

    def counting(text: str, allow: Allowlist, *, field: str = "body") -> list:
        scanned.append(text)
        return scan_text(text, allow, field=field)

    monkeypatch.setattr(gate, "scan_text", counting)
    hook = "Flu season is here: a shot is the best protection."
    checks = CheckCache(None)  # one post's cache, as check_post passes it
    for platform in ("x", "mastodon", "linkedin"):
        gate._scan(
            platform_text(hook, f"{LINK}&utm_campaign={platform}", HASHTAGS, DISCLAIMER),
            allow,
            "platform",
            checks,
        )
    assert sorted(scanned) == sorted(
        [hook, HASHTAGS, DISCLAIMER]
        + [f"{LINK}&utm_campaign={p}" for p in ("x", "mastodon", "linkedin")]
    )
