"""A synthetic, deterministic content folder for the benchmark (``bench/run.py``).

``make_corpus(root, posts)`` writes ``root/`` as a content folder the site
builds: ``posts/`` with ``posts`` Markdown files (about 600 words each), the
real site's ``pages/``, ``extra/`` and logo, and ``images/`` with one hero
picture for every third post. Same ``posts`` and seed -> byte-identical files.

The mix:

* the four post types in turn: howto (with a numbered list of steps and
  Time/Supplies), misconception (Myth/Fact), recall (every ``Recall_*`` field),
  qa (Question); 2-4 tags each from a pool of 40; a reviewer and review date;
  every fourth post has an explicit ``Summary``;
* titles of varied length (20 to 110 characters), so title fitting does real
  work at different sizes;
* heroes: post ``i`` has a picture when ``i % 3 == 0`` (a third). Each hero
  is its own file with its own bytes, as real posts have their own photo:
  the card cache keys by the picture's bytes, and a worker's decoded-hero
  cache must not get hits that a real site would not. The pictures are
  photo-like (smooth gradients, shapes and fine noise, so JPEG decode and
  resize cost what a photo costs) in three export sizes that cycle:
  1600x1000 (the size of the site's own heroes), 2400x1600 (a phone photo
  exported at "large") and 1200x1600 (portrait).

``edit_title`` and ``add_post`` make the two incremental changes the
benchmark times.

Every post is signed by its reviewer as ``make sign-off`` signs it (``REQUIRE_SIGN_OFF``
is on in the settings); ``make_single`` writes the one-post sites of ``single_post``.
"""

from __future__ import annotations

import io
import random
import shutil
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from healthnotes.editorial.signoff import sign

SEED = 20261123
ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = ROOT / "content"

TYPES = ("howto", "misconception", "recall", "qa")
HERO_SIZES = ((1600, 1000), (2400, 1600), (1200, 1600))
#: Distinct backgrounds per hero size (each post's picture adds its own patch).
HERO_VARIANTS = 4
#: The newest post's date; older posts go back 17 hours each (10,000 posts ~ 19 years).
NEWEST = datetime(2025, 12, 30, 9, 0)
STEP = timedelta(hours=17)
#: Medical reviews: all within the two months before this, so none is due yet.
REVIEWED = datetime(2026, 9, 1)

STAFF = (
    "Dr. Ana Patel, MD",
    "Dr. Marcus Lee, DO",
    "Jordan Rivera, NP",
    "Priya Shah, RN",
)
TAGS = (
    "allergies", "asthma", "blood pressure", "heart", "diabetes", "nutrition", "sleep",
    "exercise", "children", "older adults", "pregnancy", "vaccines", "flu", "colds",
    "covid-19", "skin", "sun safety", "medicines", "antibiotics", "pain", "back pain",
    "headache", "eye health", "hearing", "dental", "kidneys", "liver", "cholesterol",
    "weight", "smoking", "alcohol", "first aid", "safety", "food safety", "travel",
    "screening", "cancer", "bones", "joints", "prevention",
)  # fmt: skip
SUBJECTS = (
    "a stuffy nose", "high blood pressure", "a sprained ankle", "seasonal allergies",
    "a sore throat", "heartburn", "trouble sleeping", "a child's fever", "dry skin",
    "low back pain", "a bee sting", "pink eye", "an ear infection", "sunburn",
    "a nosebleed", "motion sickness", "a migraine", "shin splints", "a cough that lingers",
    "high cholesterol", "prediabetes", "a minor burn", "head lice", "swimmer's ear",
)  # fmt: skip
PRODUCTS = (
    "Brightmeadow Kids Fever Relief, 4 fl oz", "Sunny Acres frozen spinach, 16 oz bags",
    "ClearBreath saline nasal spray, 1.5 fl oz", "Hearthstone peanut butter crackers",
    "ComfortFit heating pad, model HP-200", "GreenLeaf baby spinach, 5 oz clamshell",
    "Daily Vita gummy vitamins for kids", "Purely Oats granola, 12 oz",
)  # fmt: skip
#: (agency, its recall notices' address): a Recall_Url must be on its agency's site.
AGENCIES = (
    ("FDA", "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts"),
    ("USDA FSIS", "https://www.fsis.usda.gov/recalls"),
    ("CPSC", "https://www.cpsc.gov/Recalls"),
    ("FDA", "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts"),
)
#: Short, everyday words (as the site's reading-grade check asks for): the text
#: reads at about grade 4, like the real posts, so the build prints no warnings.
WORDS = (
    "health", "care", "doctor", "nurse", "family", "daily", "water", "rest", "simple",
    "steps", "safe", "often", "body", "heart", "breath", "sleep", "food", "check",
    "watch", "signs", "call", "visit", "clinic", "helps", "most", "people", "better",
    "week", "hours", "small", "change", "habit", "pain", "fever", "pills", "dose",
    "label", "read", "ask", "us", "kids", "adults", "older", "risk", "lower", "home",
    "test", "team", "plan", "goal", "walk", "stretch", "skin", "wash", "hands", "germs",
    "spread", "shot", "season", "cold", "flu", "dust", "air", "fresh", "fruit", "salt",
    "sugar", "meal", "snack", "drink", "good", "time", "day", "night", "keep", "stay",
)  # fmt: skip
HEADINGS = (
    "What to know", "Why it matters", "What you can do", "When to call us", "Who is at risk",
    "Common questions", "What the research says", "At home", "Signs to watch for",
)  # fmt: skip


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 11))]
    return f"{words[0].capitalize()} {' '.join(words[1:])}."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _title(rng: random.Random, kind: str, number: int) -> str:
    subject = rng.choice(SUBJECTS)
    base = {
        "howto": f"How to Care for {subject.title()} at Home",
        "misconception": f"Is It True That {subject.capitalize()} Always Needs Antibiotics?",
        "recall": f"Recall: {rng.choice(PRODUCTS)}",
        "qa": f"Should I Worry About {subject.title()}?",
    }[kind]
    extra = rng.choice(
        ("", "", " (Updated)", ": A Guide for Busy Families", " This Season",
         ", Explained in Plain Language by Our Care Team")
    )  # fmt: skip
    return f"{base}{extra} #{number}"


def _body(rng: random.Random, kind: str) -> str:
    parts = [_paragraph(rng, 5)]
    if kind == "howto":
        steps = [f"{i}. {_sentence(rng)}" for i in range(1, rng.randint(5, 9) + 1)]
        parts += ["## Steps", "\n".join(steps)]
    parts.append(f"## {rng.choice(HEADINGS)}")
    parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(4)))
    words = sum(len(p.split()) for p in parts)
    while words < 580:
        if rng.random() < 0.3:
            parts.append(f"## {rng.choice(HEADINGS)}")
        paragraph = _paragraph(rng, rng.randint(3, 6))
        parts.append(paragraph)
        words += len(paragraph.split())
    parts.append(
        "Call us at (541) 555-0142 or [book a visit online](https://maplegrovefamily.example/book)."
    )
    return "\n\n".join(parts)


@cache
def _hero_base(size: tuple[int, int], variant: int) -> Image.Image:
    """One of a few photo-like backgrounds per size (costly to draw, so drawn once):
    a smooth gradient, large soft shapes and fine grain, so it decodes and scales like
    a photo. Nothing in it looks like a face (the site's face check finds none)."""
    rng = random.Random(SEED * 7 + variant * 1009 + size[0])
    w, h = size
    top = tuple(rng.randint(60, 200) for _ in range(3))
    bottom = tuple(rng.randint(60, 200) for _ in range(3))
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    draw = ImageDraw.Draw(image)
    for _ in range(3):
        cx, cy, r = rng.randint(0, w), rng.randint(0, h), rng.randint(h // 3, h)
        colour = tuple(min(255, c + rng.randint(-25, 25)) for c in top)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(h // 12))
    grain = Image.effect_noise((w // 2, h // 2), 20).resize(size, Image.Resampling.BILINEAR)
    return Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.12)


def hero_bytes(index: int) -> tuple[bytes, tuple[int, int]]:
    """A photo-like JPEG for post ``index`` (its own bytes), and its size.

    One of :data:`HERO_VARIANTS` backgrounds per size, with a post-specific mark
    (a faint 12 px square: too small and too soft for the face check to see), so
    every post's file (and card cache key) is its own.
    """
    rng = random.Random(SEED * 11 + index)
    size = HERO_SIZES[(index // 3) % len(HERO_SIZES)]
    image = _hero_base(size, rng.randrange(HERO_VARIANTS)).copy()
    x, y = rng.randrange(size[0] - 12), rng.randrange(size[1] - 12)
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple)
    image.paste(tuple(min(255, c + 6) for c in pixel), (x, y, x + 12, y + 12))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue(), size


def post_text(
    index: int, *, title: str | None = None, newest: bool = False
) -> tuple[str, str, bool]:
    """(file name, Markdown, has a hero) of post ``index`` (0-based).

    ``newest``: dated after every generated post (a later index is newer), with a hero.
    """
    rng = random.Random(SEED + index)
    kind = TYPES[index % len(TYPES)]
    number = index + 1
    slug = f"post-{number:05d}-{kind}"
    when = NEWEST + timedelta(minutes=index + 1) if newest else NEWEST - STEP * index
    author, reviewer = rng.sample(STAFF, 2)
    # drawn always: a title given changes nothing else (the draws after it stay the same)
    drawn_title = _title(rng, kind, number)
    shown_title = title or drawn_title
    lines = [
        f"Title: {shown_title}",
        f"Date: {when:%Y-%m-%d %H:%M}",
        f"Type: {kind}",
    ]
    if kind == "howto":
        lines += [
            f"Time: About {rng.randint(2, 30)} minutes",
            "Supplies: soap, clean water, a clean towel, a notebook",
        ]
    elif kind == "misconception":
        lines += [f"Myth: {_sentence(rng)}", f"Fact: {_sentence(rng)} {_sentence(rng)}"]
    elif kind == "recall":
        drawn = rng.choice(PRODUCTS)  # drawn always: the rest of the post stays the same
        # the product the title names, as on a real recall (the gate allows its brand)
        product = next((p for p in PRODUCTS if p in shown_title), drawn)
        agency, notices = rng.choice(AGENCIES)
        lines += [
            f"Recall_Product: {product}",
            f"Recall_Agency: {agency}",
            f"Recall_Reason: {_sentence(rng)}",
            f"Recall_Url: {notices}",
            f"Recall_Date: {when:%Y-%m-%d}",
            f"Recall_Class: {rng.choice(('I', 'II', 'III'))}",
            f"Recall_Lots: LOT{rng.randint(1000, 9999)}, LOT{rng.randint(1000, 9999)}",
            f"Recall_Action: {_sentence(rng)}",
        ]
    else:
        lines.append(f"Question: {_sentence(rng)[:-1]}?")
    if index % 4 == 1:
        lines.append(f"Summary: {_sentence(rng)} {_sentence(rng)}")
    lines += [
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(2, 4)))}",
        f"Author: {author}",
        f"Reviewed_By: {reviewer}",
        f"Last_Reviewed: {REVIEWED + timedelta(days=index % 60):%Y-%m-%d}",
    ]
    hero = newest or index % 3 == 0
    if hero:
        lines += [
            f"Image: images/hero-{number:05d}.jpg",
            f"Image_Alt: A soft, blurred photo in the colours of post {number}.",
        ]
    return f"{slug}.md", "\n".join(lines) + "\n\n" + _body(rng, kind) + "\n", hero


def write_post(
    content: Path, index: int, *, title: str | None = None, newest: bool = False
) -> Path:
    name, text, hero = post_text(index, title=title, newest=newest)
    if hero:
        picture = content / "images" / f"hero-{index + 1:05d}.jpg"
        if not picture.exists():
            picture.write_bytes(hero_bytes(index)[0])
    path = content / "posts" / name
    path.write_text(text, encoding="utf-8")
    return signed(path, content)


#: Who may sign a post off (REVIEWERS in pelicanconf.py).
SIGNERS = ("Dr. Ana Patel, MD", "Dr. Marcus Lee, DO", "Jordan Rivera, NP")


def signed(path: Path, content: Path) -> Path:
    """Sign the post as its reviewer would (``make sign-off``; REQUIRE_SIGN_OFF is on)."""
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    fields = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    reviewed = datetime.fromisoformat(fields["Last_Reviewed"]).date()
    by = fields["Reviewed_By"] if fields["Reviewed_By"] in SIGNERS else SIGNERS[0]
    sign(path, by, reviewed, content)
    return path


def make_corpus(content: Path, posts: int) -> None:
    """Write a fresh content folder with ``posts`` posts into ``content``."""
    if content.exists():
        shutil.rmtree(content)
    (content / "posts").mkdir(parents=True)
    (content / "images").mkdir()
    shutil.copytree(REAL_CONTENT / "pages", content / "pages")
    shutil.copytree(REAL_CONTENT / "extra", content / "extra")
    shutil.copy2(REAL_CONTENT / "images" / "logo.png", content / "images" / "logo.png")
    for index in range(posts):
        write_post(content, index)


def edit_title(content: Path, index: int) -> Path:
    """Change post ``index``'s title (nothing else), as an editor fixing a headline would."""
    _, text, _ = post_text(index)
    old = text.splitlines()[0].removeprefix("Title: ")
    return write_post(content, index, title=f"{old} (Revised)")


def add_post(content: Path, index: int) -> Path:
    """Add post ``index`` (the next number) as the site's newest post, with a hero picture
    (the costlier kind of new post: its picture is copied and its seven cards have one)."""
    return write_post(content, index, newest=True)


def _normal_body(size: int) -> str:
    """Ordinary paragraphs of about ``size`` characters (what a very long post holds)."""
    rng = random.Random(SEED)
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = _paragraph(rng, rng.randint(3, 6))
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


#: One-post sites whose body is ``size`` characters of ordinary prose, or of what once
#: made the gate quadratic: a run of dots, "Mr. " repeated, one enormous word.
SINGLE_BODIES = {
    "normal": _normal_body,
    "dots": lambda size: "." * size,
    "honorifics": lambda size: ("Mr. " * (size // 4 + 1))[:size].rstrip(),
    "long_word": lambda size: "a" * size,
}


def make_single(content: Path, body: str, size: int) -> None:
    """A content folder with one post (a misconception, no hero) whose body is
    ``SINGLE_BODIES[body](size)`` after one ordinary sentence."""
    make_corpus(content, 0)
    name, text, _ = post_text(1)
    head = text.split("\n\n", 1)[0]
    blob = SINGLE_BODIES[body](size)
    intro = "Wash your hands before you eat."
    path = content / "posts" / name
    path.write_text(f"{head}\n\n{intro}\n\n{blob}\n", encoding="utf-8")
    signed(path, content)


def main(argv: list[str] | None = None) -> int:
    """``corpus.py make CONTENT POSTS`` | ``edit CONTENT INDEX`` | ``add CONTENT INDEX`` |
    ``single CONTENT SIZE BODY`` (see :func:`make_single`).

    The benchmark calls these in a separate process, so that the pictures drawn
    here never count towards the peak memory of the builds it measures (a child
    process starts with its parent's peak RSS as its own)."""
    import sys

    args = argv if argv is not None else sys.argv[1:]
    command, content, number = args[:3]
    if command == "single":
        make_single(Path(content), args[3], int(number))
        return 0
    action = {"make": make_corpus, "edit": edit_title, "add": add_post}[command]
    action(Path(content), int(number))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
