"""No way around the patient-safety gate: whatever the build is about to publish is
scanned (issue 17). Each case is a way a patient's name and phone number reached
``output/`` with exit 0 before; each must now stop the build and publish nothing.
Builds run the way `make publish` (or `make html`, for drafts) runs them."""

from __future__ import annotations

import base64
import io
import re
import shutil
from html import escape
from pathlib import Path, PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from conftest import ROOT, Build, run_build, typed_post
from healthnotes.gate.normalize import normalize
from healthnotes.gate.published import KINDS, NOT_READ, file_kind, scan_cache

NAME = "Maria Gonzalez"
PHONE = "541-555-0199"
SENTENCE = f"My patient {NAME} asked us to call her at {PHONE}."

POST = """Title: Hand hygiene at home
Date: 2026-09-01 09:00
Type: qa
Question: How often should I wash my hands?
{extra}
Wash your hands often, for twenty seconds, with soap and water.

{body}
"""


def conf(tmp_path: Path, content: Path, settings: str = "publishconf") -> str:
    path = tmp_path / "conf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {settings} import *\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PATH = {str(content)!r}\nREPORT_PATH = {str(tmp_path / 'reports' / 'r.html')!r}\n"
        "REQUIRE_SIGN_OFF = False\n"  # no reviewer signs the test posts (see tests/settings/)
    )
    return str(path)


def build(tmp_path: Path, content: Path, settings: str = "publishconf") -> Build:
    return run_build(
        tmp_path / "out",
        content=content,
        settings=conf(tmp_path, content, settings),
    )


def seen(text: str) -> str:
    """Text as a reader sees it, digits alone kept together for the phone."""
    return normalize(text).text


def leaks(text: str) -> list[str]:
    """The identifiers ``text`` shows in plain (as a reader would read them)."""
    visible = seen(text)
    found = []
    if re.search(r"gonzalez", visible, re.IGNORECASE):
        found.append("name")
    if "5415550199" in re.sub(r"\D", "", visible) or "555-0199" in visible:
        found.append("phone")
    return found


def binary_leaks(data: bytes) -> list[str]:
    """The identifiers a file that is not UTF-8 text (a picture, a PDF) carries as text:
    in its bytes as ASCII or UTF-8, or as UTF-16 (EXIF's Windows fields, PDF strings),
    which reads the same once its zero bytes are dropped. (Decoding megabytes of picture
    data as text and normalizing it, as :func:`leaks` does, took a minute a site.)"""
    plain = data.replace(b"\x00", b"")
    found = []
    if re.search(rb"gonzalez", plain, re.IGNORECASE):
        found.append("name")
    if re.search(rb"(?:541\D{0,3})?555\D{0,3}0199", plain):
        found.append("phone")
    return found


def file_leaks(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return binary_leaks(data)
    return leaks(text)


def published_leaks(output: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if not output.exists():
        return found
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        hits = leaks(relative.replace("-", " ")) + file_leaks(path.read_bytes())
        if hits:
            found[relative] = hits
    return found


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe1" + SENTENCE.encode("utf-16-le") + b"\xff\xd9",  # EXIF XPComment
        b"%PDF-1.7\n\xe2\xe3/Title (" + SENTENCE.encode() + b")\n%%EOF",
        b"<html>" + SENTENCE.encode() + b"</html>",
    ],
    ids=["utf-16 in a picture", "a pdf's title", "text"],
)
def test_the_leak_finder_reads_identifiers_in_any_file(tmp_path, data):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "f.bin").write_bytes(data)
    assert published_leaks(tmp_path) == {"posts/f.bin": ["name", "phone"]}


def assert_stopped(done: Build, source: str) -> None:
    assert published_leaks(done.output) == {}
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert source in done.stderr, done.stderr
    assert not leaks(done.stdout + done.stderr), done.stderr


def write(content: Path, relative: str, text: str) -> Path:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. pages -----------------------------------------------------------------------


def test_a_page_body_with_a_patient_stops_the_build(tmp_path, content_copy):
    write(content_copy, "pages/thanks.md", f"Title: Thank you\n\n{SENTENCE}\n")
    assert_stopped(build(tmp_path, content_copy), "pages/thanks.md")


def test_a_page_title_with_a_patient_stops_the_build(tmp_path, content_copy):
    write(content_copy, "pages/thanks.md", f"Title: Thanks, {NAME} ({PHONE})\n\nThanks.\n")
    assert_stopped(build(tmp_path, content_copy), "pages/thanks.md")


# --- 2. files published as they are -------------------------------------------------


def test_a_text_file_under_extra_stops_the_build(tmp_path, content_copy):
    write(content_copy, "extra/notes.txt", f"Call list\n\n{SENTENCE}\n")
    assert_stopped(build(tmp_path, content_copy), "extra/notes.txt")


def test_a_csv_file_under_images_stops_the_build(tmp_path, content_copy):
    write(content_copy, "images/list.csv", f"name,phone\n{NAME},{PHONE}\n")
    done = build(tmp_path, content_copy)
    assert_stopped(done, "images/list.csv")
    assert "row 2, column 2" in done.stderr  # where in the file


# --- 3. what the page source carries but a reader does not see ----------------------

HIDDEN = {
    "html comment": f"<!-- {SENTENCE} -->",
    "script": f'<script>var note = "{SENTENCE}";</script>',
    "style": f"<style>/* {SENTENCE} */ p {{ color: black; }}</style>",
    "title attribute": f'<span title="{SENTENCE}">Soap</span> helps.',
    "link query string": "See [the form](https://forms.example.org/f?patient=Maria+Gonzalez"
    "&phone=541-555-0199).",
    "link title": f'See [the CDC](https://www.cdc.gov/handwashing/ "{SENTENCE}").',
    "inline image alt": f"![{SENTENCE}](/images/hand-washing.jpg)",
    "abbreviation": f"The CDC says so.\n\n*[CDC]: {SENTENCE}",
}


@pytest.mark.parametrize("how", sorted(HIDDEN))
def test_an_identifier_hidden_in_the_page_source_stops_the_build(tmp_path, content_copy, how):
    write(content_copy, "posts/hygiene.md", POST.format(extra="", body=HIDDEN[how]))
    done = build(tmp_path, content_copy)
    assert published_leaks(done.output) == {}
    if done.ok:  # the sanitizer removed it: nothing was published, nothing to stop
        return
    assert_stopped(done, "posts/hygiene.md")


def test_hidden_markup_that_reaches_the_page_is_found_there(tmp_path, content_copy):
    """At least the link, tooltip, alt and abbreviation reach the page (the sanitizer
    keeps them): each is found and named."""
    body = "\n\n".join(HIDDEN[k] for k in ("link title", "inline image alt", "abbreviation"))
    write(content_copy, "posts/hygiene.md", POST.format(extra="", body=body))
    done = build(tmp_path, content_copy)
    assert_stopped(done, "posts/hygiene.md")
    for where in ("alt text", "title attribute"):
        assert where in done.stderr, done.stderr


# --- 4. addresses -------------------------------------------------------------------


def test_a_file_name_with_a_phone_stops_the_build(tmp_path, content_copy):
    write(content_copy, "posts/call-541-555-0199.md", POST.format(extra="", body="Soap works."))
    done = build(tmp_path, content_copy)
    assert_stopped(done, "posts/call-5**-***-****.md")
    assert "rename the file" in done.stderr


def test_a_slug_with_a_phone_stops_the_build(tmp_path, content_copy):
    write(
        content_copy,
        "posts/hygiene.md",
        POST.format(extra="Slug: call-541-555-0199\n", body="Soap works."),
    )
    assert_stopped(build(tmp_path, content_copy), "posts/hygiene.md")


def test_a_picture_file_name_with_a_phone_stops_the_build(tmp_path, content_copy):
    shutil.copy(content_copy / "images/hand-washing.jpg", content_copy / "images/541-555-0199.jpg")
    done = build(tmp_path, content_copy)
    assert_stopped(done, "images/5**-***-****.jpg")


# --- 5. disguised text --------------------------------------------------------------

DISGUISED = {
    "zero-width space": "My patient Ma\u200bria Gonza\u200blez had the flu.",
    "word joiner": "My patient Mar\u2060ia Gonz\u2060alez had the flu.",
    "cyrillic look-alike": "My patient M\u0430ria G\u043enz\u0430lez had the flu.",
    "right-to-left override": "Call her daughter at \u202e9910-555-145\u202c for the story.",
    "spelled-out digits": "Call her at five four one, five five five, zero one nine nine.",
    "spanish digits": "Llame al cinco cuatro uno, cinco cinco cinco, cero uno nueve nueve.",
}


@pytest.mark.parametrize("how", sorted(DISGUISED))
def test_disguised_identifiers_are_read_as_a_reader_sees_them(tmp_path, content_copy, how):
    write(content_copy, "posts/hygiene.md", POST.format(extra="", body=DISGUISED[how]))
    assert_stopped(build(tmp_path, content_copy), "posts/hygiene.md")


# --- 7. drafts and scheduled posts built by `make html` -----------------------------


def test_a_draft_is_scanned_when_make_html_writes_it(tmp_path, content_copy):
    write(content_copy, "posts/hygiene.md", POST.format(extra="Status: draft\n", body=SENTENCE))
    assert_stopped(build(tmp_path, content_copy, "pelicanconf"), "posts/hygiene.md")


def test_a_scheduled_post_is_scanned_when_make_html_writes_it(tmp_path, content_copy):
    text = POST.format(extra="", body=f"<!-- {SENTENCE} -->\n\n![{SENTENCE}](/images/x.jpg)")
    write(content_copy, "posts/hygiene.md", text.replace("2026-09-01", "2027-03-01"))
    assert_stopped(build(tmp_path, content_copy, "pelicanconf"), "posts/hygiene.md")


# --- 8. no message leaks what the findings mask --------------------------------------

EVERYWHERE = """Title: My patient Maria Gonzalez ({phone}) beat the flu
Date: 2026-09-01 09:00
Type: misconception
Myth: My patient Maria Gonzalez ({phone}) says the flu shot gives you the flu.
Fact: My patient Maria Gonzalez ({phone}) learned it cannot.
Summary: My patient Maria Gonzalez ({phone}) got her flu shot.
Tags: flu, Maria Gonzalez {phone}
Image: images/flu-shot.jpg
Image_Alt: My patient Maria Gonzalez ({phone}) getting her shot.

My patient Maria Gonzalez notwithstanding considerable apprehension concerning intramuscular
immunization administered the recommended quadrivalent inactivated influenza vaccination
formulation, telephone {phone}, subsequently experiencing unremarkable localized
musculoskeletal discomfort.

See [her form](https://forms.example.org/f?patient=Maria+Gonzalez&phone={phone}).

<!-- My patient Maria Gonzalez, {phone} -->

![My patient Maria Gonzalez {phone}](/images/flu-shot.jpg)
"""


def test_no_message_or_report_shows_an_identifier_in_plain(tmp_path, content_copy):
    """A post with the patient in every field (and its file name): the build stops, and
    neither the terminal nor the reports show the name or the number."""
    write(
        content_copy,
        "posts/maria-gonzalez-541-555-0199.md",
        EVERYWHERE.format(phone=PHONE),
    )
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "(phone)" in done.stderr and "(name)" in done.stderr  # found, and said so
    assert "M**** G*******" in done.stderr
    for what, text in {
        "stdout": done.stdout,
        "stderr": done.stderr,
        **{
            f"reports/{p.relative_to(tmp_path / 'reports')}": p.read_text(encoding="utf-8")
            for p in (tmp_path / "reports").rglob("*")
            if p.is_file() and p.suffix in (".html", ".txt", ".ics", ".json", ".csv")
        },
    }.items():
        assert not leaks(text), (what, text)
        assert "maria" not in text.lower(), what
    assert published_leaks(done.output) == {}


def reports_of(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "reports"
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_warning_about_a_file_waits_for_the_gate_and_masks_the_name_it_finds(
    tmp_path, content_copy
):
    """The file name holds the patient's name in lower case (no rule reads it as one);
    the warning about the file is printed while posts are read, before the gate finds the
    name in the post's text: it is held, and printed with the name masked. The calendar
    and the report (written once the gate is done) mask it too."""
    write(
        content_copy,
        "posts/maria-gonzalez.md",
        POST.format(extra="Colour: blue\n", body=SENTENCE.replace(f" at {PHONE}", "")).replace(
            "2026-09-01",
            "2027-01-04",  # scheduled: on the calendar
        ),
    )
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "posts/m****-g*******.md:5: warning: Colour: unknown field" in done.stderr
    assert "(name)" in done.stderr
    reports = reports_of(tmp_path)
    assert {"r.html", "calendar.html", "calendar.ics"} <= set(reports), sorted(reports)
    for what, text in {"stdout": done.stdout, "stderr": done.stderr, **reports}.items():
        assert "maria" not in text.lower(), (what, text)
    assert "preview/index.html" not in reports  # the staff preview waits for a clean gate


def test_a_draft_s_file_name_is_masked_where_the_build_says_it_is_left_out(tmp_path, content_copy):
    """A draft is not gated when it is not published; its file name is still masked where
    the build lists what it leaves out, and on the calendar."""
    write(
        content_copy,
        "posts/call-541-555-0199.md",
        POST.format(extra="Status: draft\n", body="Soap works."),
    )
    done = build(tmp_path, content_copy)
    assert done.ok, done.stderr
    assert "posts/call-5**-***-****.md: draft" in done.stdout, done.stdout
    for what, text in {
        "stdout": done.stdout,
        "stderr": done.stderr,
        **reports_of(tmp_path),
    }.items():
        assert not leaks(text), (what, text)


# --- the scanner itself, without a build ---------------------------------------------


def test_each_kind_of_published_file_is_read_everywhere_it_can_hide(tmp_path):
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site = tmp_path / "site"
    write(site, "posts/a/index.html", f"<p>Soap.</p><!-- {SENTENCE} -->")
    write(
        site, "feeds/all.atom.xml", f"<feed><content>&lt;p&gt;{SENTENCE}&lt;/p&gt;</content></feed>"
    )
    write(site, "syndication.json", json_text({"posts": [{"x": SENTENCE}]}))
    write(site, "export.csv", f"a,b\n1,{PHONE}\n")
    write(site, "js/app.js", f"// {SENTENCE}\nvar a = 1;")  # theme/ and pagefind/ are code
    write(site, "call-541-555-0199.txt", "Nothing here.")
    (site / "brochure.pdf").write_bytes(b"%PDF-1.4\n\xff\xfe\x00binary")
    cache = scan_cache(tmp_path / "published.json")
    origins = {"posts/a/index.html": "content/posts/a.md"}
    cold = scan_output(site, allow, origins=origins, cache=cache)
    places = {(h.file, h.finding.rule) for h in cold.hits}
    assert {
        ("posts/a/index.html", "name"),
        ("posts/a/index.html", "phone"),
        ("feeds/all.atom.xml", "phone"),
        ("syndication.json", "phone"),
        ("export.csv", "phone"),
        ("js/app.js", "phone"),
        ("call-541-555-0199.txt", "phone"),
    } <= places
    assert cold.read_as_runs == ["brochure.pdf"]
    # the feed's copy of the post's sentence belongs to the post
    name_problem = next(p for p in cold.problems if "(name)" in p.message and "a.md" in p.file)
    assert "M**** G*******" in name_problem.message and "Gonzalez" not in name_problem.message
    cache.save()
    warm = scan_output(site, allow, origins=origins, cache=scan_cache(tmp_path / "published.json"))
    assert (warm.files_read, warm.segments_scanned) == (0, 0)
    assert [p.format() for p in warm.problems] == [p.format() for p in cold.problems]


def _png_with_text(text: str) -> bytes:
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    Image.new("RGB", (8, 8), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _pdf_with_page_text(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())  # its page's text is compressed: no run shows it


NOT_UTF8 = {
    "a Latin-1 letter": (
        "extra/letter.txt",
        f"Our patient María called from {PHONE}.".encode("latin-1"),
    ),
    "a UTF-16 page": ("extra/letter.html", f"<p>Call {PHONE} today.</p>".encode("utf-16")),
    "UTF-8 with a zero byte": ("extra/nul.html", f"<p>Call {PHONE}.</p>\x00".encode()),
    "a PDF's title": (
        "extra/handout.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Title (Call " + PHONE.encode() + b") >>",
    ),
    "a PDF's page": ("extra/page.pdf", _pdf_with_page_text(f"Please call {PHONE}.")),
    "UTF-16 inside binary": ("extra/data.bin", b"\x01\x02" + f"Call {PHONE}".encode("utf-16-le")),
    "a picture of a kind the stripper does not know": (
        "extra/diagram.apng",
        _png_with_text(f"Call {PHONE}"),
    ),
}


@pytest.mark.parametrize("name", NOT_UTF8, ids=list(NOT_UTF8))
def test_a_file_that_is_not_utf8_text_is_read_by_the_text_in_it(tmp_path, name):
    """Red-teamed: a published file that did not decode as UTF-8 (or held a zero byte)
    was skipped, so an identifier in a Latin-1 or UTF-16 file, a PDF or a picture of an
    unknown kind went out. It is read as a program would show it."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    path, data = NOT_UTF8[name]
    (tmp_path / "site" / path).parent.mkdir(parents=True)
    (tmp_path / "site" / path).write_bytes(data)
    scan = scan_output(tmp_path / "site", evaluate.example_allowlist(ROOT / "pelicanconf.py"))
    assert ("phone", PHONE) in {(h.finding.rule, h.finding.text) for h in scan.hits}
    assert scan.problems


def test_a_file_the_build_made_is_read_by_its_address_only(tmp_path):
    """The cards, slides, documents and videos the build makes from checked texts (hard
    links to its ``made`` folders) are not read again (a carousel's PDF is megabytes of
    compressed pictures); the same bytes copied in from elsewhere are."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    made, site = tmp_path / "made", tmp_path / "site"
    made.mkdir()
    (made / "doc.pdf").write_bytes(_pdf_with_page_text(f"Please call {PHONE}."))
    (site / "syndication" / "post").mkdir(parents=True)
    (site / "syndication" / "post" / "linkedin.pdf").hardlink_to(made / "doc.pdf")
    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    assert scan_output(site, allow, made=[made]).hits == []
    shutil.copy(made / "doc.pdf", site / "copy.pdf")
    scan = scan_output(site, allow, made=[made])
    assert {h.file for h in scan.hits} == {"copy.pdf"}


def test_a_search_index_file_named_by_a_hash_of_ten_decimal_digits_is_no_phone(tmp_path):
    """Pagefind names its index files by a hash of their content: one in a hundred of
    those is ten decimal digits (a bench build stopped on 'pagefind.en_8163554212.pf_meta'
    as a phone number). The hash is no text of a post; the same digits anywhere else in a
    name, or in Pagefind's folder outside an index file's hash, are still found."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    site = tmp_path / "site"
    hashed = [
        "pagefind/pagefind.en_8163554212.pf_meta",
        "pagefind/index/en_5035550123.pf_index",
        "pagefind/shelves/2/fragment/en_2125550148.pf_fragment",
    ]
    for name in hashed:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"\x1f\x8b")
    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    assert scan_output(site, allow).hits == []
    for name in ("pagefind/call-503-555-0123.txt", "posts/en_5035550123.pf_meta"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"")
    found = {(h.file, h.finding.rule) for h in scan_output(site, allow).hits}
    assert ("pagefind/call-503-555-0123.txt", "phone") in found
    assert ("posts/en_5035550123.pf_meta", "phone") in found


SLUGS = {
    "an SSN": ("posts/pt-123-45-6789/index.html", "ssn"),
    "a birth date": ("posts/mrs-gonzalez-born-03-14-1958/index.html", "date"),
    "a date and an SSN run together": ("images/born-03-14-1958-123-45-6789.jpg", "ssn"),
    "a cued name in lower case": ("posts/our-patient-maria-gonzalez/index.html", "name"),
    "a street address": ("extra/1423-elm-street-visit.txt", "street_address"),
}


@pytest.mark.parametrize("name", SLUGS, ids=list(SLUGS))
def test_an_identifier_in_a_slug_is_read_as_a_person_reads_the_slug(tmp_path, name):
    """Red-teamed: a post's file name or Previous_Slugs, or a copied file's name, went out
    with an SSN, a birth date or a patient's name: the address was read with every hyphen
    a space ("123 45 6789"), which no rule reads as an SSN."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    path, rule = SLUGS[name]
    write(tmp_path / "site", path, "<p>Wash your hands.</p>" if path.endswith("html") else "Hi.")
    scan = scan_output(tmp_path / "site", evaluate.example_allowlist(ROOT / "pelicanconf.py"))
    assert rule in {h.finding.rule for h in scan.hits if h.where == "address"}
    assert scan.problems and "rename the file" in scan.problems[0].message


def test_ordinary_slugs_and_the_builds_file_names_are_read_without_findings():
    from healthnotes.gate import evaluate
    from healthnotes.gate.privacy import scan_text
    from healthnotes.gate.published import address_readings

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    assert address_readings("posts/pt-123-45-6789/index.html") == ["posts", "pt 123-45-6789"]
    assert address_readings("pictures/790e37b1f2762825-320.webp") == ["pictures", "320"]
    assert address_readings("posts/serena/index.html") == ["posts", "serena"]
    assert address_readings("a/03-14-1958-123-45-6789.jpg") == [
        "a",
        "03-14-1958-123-45-6789 03-14-1958 14-1958-123 1958-123-45 123-45-6789",
    ]
    for path in (
        "posts/flu-shot-myth/index.html",
        "posts/childrens-acetaminophen-recall/index.html",
        "tag/blood-pressure/index.html",
        "author/dr-ana-patel-md/index.html",
        "syndication/winter-blues/instagram-carousel/03.jpg",
        "pictures/20cc98d6be228436-1280.webp",
        "feeds/google-business-profile.xml",
        "syndication/bulk-schedule.csv",
    ):
        for words in address_readings(path):
            assert scan_text(words, allow, field="title") == [], (path, words)


def test_a_name_a_post_allows_is_never_allowed_in_a_page_or_a_copied_file(tmp_path):
    """Red-teamed: 'Public_Figures: Robert Kowalski' (or tags 'Maria, Gonzalez') on one
    post let 'Our patient Robert Kowalski visited us.' through on the About page and in a
    copied file: the published scan read the whole site with every post's allowances.
    They hold where posts' texts are (the posts' pages, a feed), not elsewhere."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.check import post_allowances
    from healthnotes.gate.inputs import PostInput
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    quote = "Our patient Robert Kowalski visited us."
    site = tmp_path / "site"
    write(site, "posts/a/index.html", f"<p>{quote}</p>")
    write(site, "feeds/x.xml", f"<rss><item><title>{quote} Again.</title></item></rss>")
    write(site, "about/index.html", f"<p>{quote}</p>")
    write(site, "extra/notes.txt", quote)
    origins = {
        "posts/a/index.html": "content/posts/a.md",
        "about/index.html": "content/pages/about.md",
        "extra/notes.txt": "content/extra/notes.txt",
    }
    post = typed_post(slug="a", source="content/posts/a.md", public_figures=("Robert Kowalski",))
    item = PostInput(
        post=post,
        metadata={"title": post.title},
        html=f"<p>{quote}</p>",
        source_text=quote,
        platform_texts={},
        hero=None,
    )
    allowances = post_allowances(allow, [item])
    assert "robert kowalski" in allowances["content/posts/a.md"]
    scan = scan_output(
        site, allow, origins=origins, allowances=allowances, posts={"content/posts/a.md"}
    )
    assert sorted(p.file for p in scan.problems) == [
        "content/extra/notes.txt",
        "content/pages/about.md",
    ]
    assert not any("x.xml" in p.message for p in scan.problems)  # the feed's: the post's


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_text_in_a_pictures_colour_profile_is_read(tmp_path, kind):
    """Red-teamed: stripping keeps a picture's ICC colour profile (it changes how the
    picture looks), and a profile's description and copyright are free text: a
    record number written there went out. The scan reads the profiles a picture keeps."""
    from PIL import ImageCms

    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(
        out, kind, icc_profile=profile + b"cprt MRN 4482913, patient file"
    )
    suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]
    (tmp_path / "site" / "images").mkdir(parents=True)
    (tmp_path / "site" / "images" / f"a.{suffix}").write_bytes(out.getvalue())
    scan = scan_output(tmp_path / "site", evaluate.example_allowlist(ROOT / "pelicanconf.py"))
    assert "4482913" in {h.finding.text.split()[-1] for h in scan.hits}, scan.hits
    clean = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(clean, kind, icc_profile=profile)
    (tmp_path / "site" / "images" / f"a.{suffix}").write_bytes(clean.getvalue())
    assert (
        scan_output(tmp_path / "site", evaluate.example_allowlist(ROOT / "pelicanconf.py")).hits
        == []
    )


def test_an_exception_holds_where_posts_texts_are_never_in_a_page_or_a_copied_file(tmp_path):
    """A post's ``Exception:`` covers its text on the posts' pages (each shows others'
    titles and summaries) and in the shared files (a feed); the same text in a page
    (content/pages) or a copied file (content/extra) is still a problem, and a draft the
    build does not write acknowledges nothing (red-teamed: a draft's exception, reviewed
    by anyone, let an address in content/extra/notes.txt go out)."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    line = "<p>Call the food bank's hotline at 541-555-0100.</p>"
    site = tmp_path / "site"
    write(site, "posts/food/index.html", line)
    write(site, "posts/other/index.html", f"<aside>Related: {line}</aside>")
    write(site, "feed.xml", f"<rss><item><description>{escape(line)}</description></item></rss>")
    origins = {
        "posts/food/index.html": "content/posts/food.md",
        "posts/other/index.html": "content/posts/other.md",
    }
    posts = {"content/posts/food.md", "content/posts/other.md", "content/posts/draft.md"}
    own = {"content/posts/food.md": {("phone", "541-555-0100")}}
    assert scan_output(site, allow, origins=origins, posts=posts).problems
    assert scan_output(site, allow, origins=origins, acknowledged=own, posts=posts).problems == []

    write(site, "extra/notes.txt", "Write down 541-555-0100.")
    write(site, "about/index.html", "<p>Or ring 541-555-0100.</p>")
    origins |= {
        "extra/notes.txt": "content/extra/notes.txt",
        "about/index.html": "content/pages/about.md",
    }
    scan = scan_output(site, allow, origins=origins, acknowledged=own, posts=posts)
    assert sorted(p.file for p in scan.problems) == [
        "content/extra/notes.txt",
        "content/pages/about.md",
    ]
    assert scan.identifiers == ["541-555-0100"]  # still masked in every message
    drafts = {"content/posts/draft.md": {("phone", "541-555-0100")}}  # not written: none
    scan = scan_output(site, allow, origins=origins, acknowledged=drafts, posts=posts)
    assert "content/posts/food.md" in {p.file for p in scan.problems}


def test_a_folder_another_program_still_writes_is_read_once_it_has_finished(tmp_path):
    """The search index is written by Pagefind while the scan reads the pages: its
    folder is read last, after the build has waited for it, whatever it then holds."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site = tmp_path / "site"
    write(site, "index.html", "<p>Soap.</p>")
    write(site, "search/early.txt", "Nothing here.")

    def finish_writing() -> None:
        write(site, "search/call-541-555-0199.txt", "Written last.")

    found = scan_output(site, allow, unfinished={"search": finish_writing})
    assert ("search/call-541-555-0199.txt", "phone") in {
        (h.file, h.finding.rule) for h in found.hits
    }
    assert found.files == 3


def test_a_published_hard_link_to_a_kept_file_is_not_read_again_until_it_changes(
    tmp_path, monkeypatch
):
    """Carousels' documents and videos are hard links to files the build keeps: an
    unchanged one is known by its device, inode, size and time (writing to it changes
    its time), not read whole on every build; a changed one is read again."""
    import os
    import time

    from healthnotes.gate import evaluate, published
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    kept = tmp_path / "kept" / "document.txt"
    write(tmp_path / "kept", "document.txt", "Slides about soap.")
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(kept, ns=(an_hour_ago, an_hour_ago))
    site = tmp_path / "site"
    (site / "syndication" / "a").mkdir(parents=True)
    os.link(kept, site / "syndication" / "a" / "document.txt")
    first = scan_output(site, allow, cache=(cache := scan_cache(tmp_path / "published.json")))
    cache.save()
    assert first.files_read == 1 and first.problems == []

    read: list[str] = []
    read_bytes = published._read_bytes
    monkeypatch.setattr(
        published, "_read_bytes", lambda path: read.append(Path(path).name) or read_bytes(path)
    )
    again = scan_output(site, allow, cache=scan_cache(tmp_path / "published.json"))
    assert read == [] and again.files_read == 0

    kept.write_text(f"Call {PHONE} for slides.", encoding="utf-8")  # a new time
    changed = scan_output(site, allow, cache=scan_cache(tmp_path / "published.json"))
    assert read == ["document.txt"]
    found = {(h.file, h.finding.rule) for h in changed.hits}
    assert ("syndication/a/document.txt", "phone") in found


def test_a_static_file_the_engine_copied_is_known_by_its_unchanged_source(tmp_path, monkeypatch):
    """The site engine copies the static files (the posts' pictures) into every build:
    a copy still its source's size, from a source that has not changed, is known as
    the source was (the picture stripper's rule of trust), not read whole on every
    build; a copy the build wrote over (smaller) or a changed source is read again."""
    import os
    import shutil
    import time

    from healthnotes.gate import evaluate, published
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    content = tmp_path / "content"
    write(content, "images/notes.txt", "Wash your hands with soap.")
    source = content / "images" / "notes.txt"
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(source, ns=(an_hour_ago, an_hour_ago))
    copies = {"images/notes.txt": str(source)}

    def build(number: int) -> tuple[Path, published.PublishedScan]:
        site = tmp_path / f"site-{number}"  # each build copies into a new folder
        (site / "images").mkdir(parents=True)
        shutil.copy(source, site / "images" / "notes.txt")
        scan = scan_output(
            site, allow, cache=(cache := scan_cache(tmp_path / "scan.marshal")), copies=copies
        )
        cache.save()
        return site, scan

    assert build(1)[1].files_read == 1
    read: list[str] = []
    read_bytes = published._read_bytes
    monkeypatch.setattr(
        published, "_read_bytes", lambda path: read.append(Path(path).name) or read_bytes(path)
    )
    site, again = build(2)
    assert read == [] and again.files_read == 0

    (site / "images" / "notes.txt").write_text(f"Call {PHONE}.", encoding="utf-8")  # smaller
    written_over = scan_output(
        site, allow, cache=scan_cache(tmp_path / "scan.marshal"), copies=copies
    )
    assert read == ["notes.txt"]
    assert ("images/notes.txt", "phone") in {(h.file, h.finding.rule) for h in written_over.hits}

    source.write_text(f"Call {PHONE} today.", encoding="utf-8")  # a new time and size
    os.utime(source, ns=(an_hour_ago + 10**9, an_hour_ago + 10**9))
    _, changed = build(3)
    assert read == ["notes.txt", "notes.txt"]
    assert ("images/notes.txt", "phone") in {(h.file, h.finding.rule) for h in changed.hits}


def test_the_scan_names_files_relative_to_the_folder_however_it_is_written(tmp_path, monkeypatch):
    """The folder as a build may pass it (absolute, with a trailing slash, relative to
    the current folder): the files' addresses are the same, the search index's (read
    last) included."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site = tmp_path / "site"
    write(site, "index.html", "<p>Soap.</p>")
    write(site, f"posts/call-{PHONE}/index.html", "<p>Soap.</p>")
    write(site, f"search/call-{PHONE}.txt", "Soap.")
    monkeypatch.chdir(tmp_path)
    for folder in (str(site), f"{site}/", "site", "./site", "./site/"):
        scan = scan_output(folder, allow, unfinished={"search": lambda: None})
        assert scan.files == 3
        assert {hit.file for hit in scan.hits if hit.finding.rule == "phone"} == {
            f"posts/call-{PHONE}/index.html",
            f"search/call-{PHONE}.txt",
        }, folder


def test_a_page_the_last_build_wrote_and_this_one_links_is_known_by_its_content(
    tmp_path, monkeypatch
):
    """A page kept from the last build (healthnotes.site.kept_pages) is that build's file,
    linked: the first time, it is known by its content (the last build read it), not
    parsed and scanned again, and from then on by its link."""
    import os
    import time

    from healthnotes.gate import evaluate, published
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    last, site = tmp_path / "last", tmp_path / "site"
    write(last, "posts/soap/index.html", "<p>Wash your hands with soap.</p>")
    first = scan_output(last, allow, cache=(cache := scan_cache(tmp_path / "published.json")))
    cache.save()
    assert first.files_read == 1

    page = last / "posts" / "soap" / "index.html"
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(page, ns=(an_hour_ago, an_hour_ago))  # written by the last build
    (site / "posts" / "soap").mkdir(parents=True)
    os.link(page, site / "posts" / "soap" / "index.html")  # kept by this one
    parsed: list[str] = []
    read = published._read
    monkeypatch.setattr(
        published,
        "_read",
        lambda file, *args, **kwargs: parsed.append(file.path) or read(file, *args, **kwargs),
    )
    kept = scan_output(site, allow, cache=(cache := scan_cache(tmp_path / "published.json")))
    cache.save()
    assert parsed == [] and kept.files_read == 0 and kept.problems == []

    read_bytes = published._read_bytes
    opened: list[str] = []
    monkeypatch.setattr(
        published, "_read_bytes", lambda path: opened.append(path) or read_bytes(path)
    )
    again = scan_output(site, allow, cache=scan_cache(tmp_path / "published.json"))
    assert opened == [] and again.files_read == 0  # by its link now


def test_an_unchanged_linked_file_is_known_by_its_place_with_every_finding_it_had(
    tmp_path, monkeypatch
):
    """Most of a site's files are links to files the build keeps (cards, pictures, kept
    pages): one whose link has not changed since the last scan is known by its place,
    its address not worked out again, and it gives every finding it gave then, its
    address's included; one that is not text stays listed as read by its runs. Once it
    changes, it is read again."""
    import os
    import time

    from healthnotes.gate import evaluate, published
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    kept, site = tmp_path / "kept", tmp_path / "site"
    write(kept, "card.txt", "Wash your hands with soap.")
    (kept / "data.bin").write_bytes(b"\x00\x01\x02 not text\x00")
    an_hour_ago = time.time_ns() - 3600 * 10**9
    (site / "syndication" / f"call-{PHONE}").mkdir(parents=True)
    for name in ("card.txt", "data.bin"):
        os.utime(kept / name, ns=(an_hour_ago, an_hour_ago))
        os.link(kept / name, site / "syndication" / f"call-{PHONE}" / name)

    def hits(scan):
        return sorted((h.file, h.where, h.finding.rule, h.finding.text) for h in scan.hits)

    first = scan_output(site, allow, cache=(cache := scan_cache(tmp_path / "published.json")))
    cache.save()
    assert ("phone" in {rule for _, _, rule, _ in hits(first)}) and first.read_as_runs

    addresses: list[str] = []
    address_words = published.address_words
    monkeypatch.setattr(
        published, "address_words", lambda path: addresses.append(path) or address_words(path)
    )
    again = scan_output(site, allow, cache=(cache := scan_cache(tmp_path / "published.json")))
    cache.save()
    assert addresses == []
    assert hits(again) == hits(first) and again.read_as_runs == first.read_as_runs
    assert again.segments == first.segments
    assert [p.message for p in again.problems] == [p.message for p in first.problems]

    (kept / "card.txt").write_text(SENTENCE, encoding="utf-8")  # a new time
    changed = scan_output(site, allow, cache=scan_cache(tmp_path / "published.json"))
    assert addresses == [f"syndication/call-{PHONE}/card.txt"]
    in_text = {h.finding.text for h in changed.hits if h.where != "address"}
    assert {NAME, PHONE} <= in_text


def json_text(value: object) -> str:
    import json

    return json.dumps(value)


def test_a_change_to_the_rules_in_the_privacy_package_reads_every_file_again(monkeypatch):
    """The published scan's cache key follows every file of the gate, its rules in
    gate/privacy/ included (it once followed gate/*.py only: new rules, old answers)."""
    from healthnotes.cache import checks
    from healthnotes.gate import published

    before = published.detector_fingerprint()
    rules = checks.GATE / "privacy" / "rules.py"
    real = checks.fingerprinted_files()
    assert rules in real
    original = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = original(path)
        return data + b"\n# a new rule\n" if path == rules else data

    def forget() -> None:
        checks.checks_fingerprint.cache_clear()
        published.detector_fingerprint.cache_clear()

    forget()
    monkeypatch.setattr(Path, "read_bytes", edited)
    try:
        assert published.detector_fingerprint() != before
    finally:
        monkeypatch.undo()
        forget()


def test_a_table_cell_longer_than_the_csv_modules_limit_is_read_not_a_traceback():
    """A very long post's text in the bulk-schedule CSV (one cell over 128 KiB) stopped
    the published scan with `_csv.Error: field larger than field limit`."""
    from healthnotes.gate.published import csv_segments

    cell = "Wash your hands. " * 10_000 + "Call 541-555-0199."
    text = f'title,text\n"A long post","{cell}"\n'
    found = csv_segments(text)
    assert any("541-555-0199" in segment.text for segment in found)


def test_a_page_that_changes_after_builds_that_did_not_read_it_costs_only_its_new_text(
    tmp_path,
):
    """A page unchanged for a few builds is not read (its file's findings are kept);
    when a new post's link appears on it, only the link's text is new to the scan."""
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site, path = tmp_path / "site", tmp_path / "published.json"
    story = "".join(f"<p>Paragraph {n} about washing hands before meals.</p>" for n in range(9))
    write(site, "old/index.html", story)
    write(site, "new/index.html", "<p>First draft.</p>")

    def build():
        cache = scan_cache(path)
        scan = scan_output(site, allow, cache=cache)
        cache.save()
        return scan

    build()
    for edit in range(3):  # builds that change another page only
        write(site, "new/index.html", f"<p>Draft {edit}.</p>")
        assert build().segments_scanned == 1
    write(site, "old/index.html", story + "<p>Related: flu shots for teachers.</p>")
    assert build().segments_scanned == 1


def _export(posts: list[str]) -> dict:
    return {
        "site": "https://health.example",
        "posts": [
            {
                "slug": f"post-{len(text)}",
                "platforms": {"x": {"text": text, "link": "https://h.example/"}},
            }
            for text in posts
        ],
    }


def _bulk_csv(posts: list[str]) -> str:
    rows = "".join(f'"2026-09-0{len(text) % 9 + 1} 09:00","x","{text}"\n' for text in posts)
    return '"date_time","platform","text"\n' + rows


def test_a_large_export_s_unchanged_records_are_not_read_again(tmp_path, monkeypatch):
    """One edited post changes one record of syndication.json and a few rows of the bulk
    CSV; every other record's findings come from the cache, at its new place when an
    earlier record was added (the whole 20 MB export was read again on each edit)."""
    from healthnotes.cache.checks import CheckCache
    from healthnotes.gate import evaluate, published

    monkeypatch.setattr(published, "RECORDS_FROM", 0, raising=False)
    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site, path = tmp_path / "site", tmp_path / "published.json"
    posts = [f"Tip {n}: wash your hands before meals." for n in range(40)]
    posts[7] = SENTENCE

    def scan(texts: list[str]):
        write(site, "syndication.json", json_text(_export(texts)))
        write(site, "syndication/bulk.csv", _bulk_csv(texts))
        cache = CheckCache(path)
        found = published.scan_output(site, allow, cache=cache)
        cache.save()
        return found

    def places(found) -> set[tuple[str, str, str]]:
        return {
            (h.file, h.where, h.finding.rule) for h in found.hits if h.finding.rule != "address"
        }

    first = scan(posts)
    assert ("syndication.json", "JSON value at /posts/7/platforms/x/text", "phone") in places(first)
    assert ("syndication/bulk.csv", "row 9, column 3", "phone") in places(first)
    added = scan(["Tip: flu shots for teachers.", *posts])
    assert added.segments < first.segments / 5  # the new record, and each file's address
    shifted = {
        (file, where.replace("/posts/7/", "/posts/8/").replace("row 9,", "row 10,"), rule)
        for file, where, rule in places(first)
    }
    assert places(added) == shifted
    before = [p.format().replace("/posts/7/", "/posts/8/") for p in first.problems]
    assert [p.format().replace("row 9,", "row 10,") for p in added.problems] == [
        line.replace("row 9,", "row 10,") for line in before
    ]


def test_a_large_export_is_read_record_by_record_as_it_is_read_whole(tmp_path, monkeypatch):
    """Reading an export record by record finds what reading it whole finds, at the same
    places (what each record holds, and what stands outside the records)."""
    from healthnotes.gate import evaluate, published

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    export = _export([SENTENCE, "Soap and water.", f"<p>Ask {NAME}.</p>"])
    export["owner"] = {"name": NAME, "phones": [PHONE]}
    export["@graph"] = [{"@type": "Person", "name": NAME}]
    write(tmp_path / "site", "syndication.json", json_text(export))
    write(tmp_path / "site", "bulk.csv", _bulk_csv([SENTENCE, "Soap.", f"Text {PHONE}"]))

    def places() -> list[tuple[str, str, str, str]]:
        found = published.scan_output(tmp_path / "site", allow)
        return sorted((h.file, h.where, h.finding.rule, h.finding.text) for h in found.hits)

    whole = places()
    monkeypatch.setattr(published, "RECORDS_FROM", 0, raising=False)
    assert places() == whole
    assert ("syndication.json", "JSON value at /owner/phones/0", "phone", PHONE) in whole


def _by_lines(head: str, items: list[object], tail: str = "]}") -> str:
    """A JSON document one record a line, as the build writes ``syndication.json``."""
    import json

    return head + "\n" + ",\n".join(json.dumps(item) for item in items) + "\n" + tail + "\n"


def _hits(site: Path, allow, cache=None) -> list[tuple[str, str, str, str]]:
    from healthnotes.gate import published

    found = published.scan_output(site, allow, cache=cache)
    return sorted((h.file, h.where, h.finding.rule, h.finding.text) for h in found.hits)


def _assert_read_by_lines_as_whole(tmp_path: Path, monkeypatch, name: str, text: str) -> None:
    """``text`` as the file ``name`` is found as it is when read whole, when read by its
    lines (records from 0 bytes), with the cache and again from the cache kept."""
    from healthnotes.gate import evaluate, published

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    write(tmp_path / "site", name, text)
    whole = _hits(tmp_path / "site", allow)
    monkeypatch.setattr(published, "RECORDS_FROM", 0, raising=False)
    cache = scan_cache(tmp_path / "published.json")
    assert _hits(tmp_path / "site", allow, cache) == whole
    cache.save()
    assert _hits(tmp_path / "site", allow, scan_cache(tmp_path / "published.json")) == whole
    assert any(rule != "address" for _, _, rule, _ in whole)


@pytest.mark.parametrize(
    "document",
    [
        # as the build writes it: the site on the first line, a post a line
        _by_lines('{"site": "https://x.example", "posts": [', [{"x": SENTENCE}, {"y": "Soap."}]),
        # a list on the first line, whole, holds records too
        _by_lines('{"owner": ["' + PHONE + '"], "posts": [', [{"x": "Soap."}, {"y": NAME}]),
        # a document that is a list
        _by_lines("[", [{"x": "Soap."}, [f"Call {PHONE}"]], tail="]"),
        # a line that holds two records: the document is read whole
        _by_lines('{"posts": [', ["Soap.", "x"]).replace('"x"', '{"a": 1}, {"b": "' + PHONE + '"}'),
        # a record across two lines: the document is read whole
        '{"posts": [\n{"a": [1,\n"' + PHONE + '"]},\n{"b": 2}\n]}\n',
        # a key given twice: which list the lines fill would be unclear; read whole
        '{"posts": "' + PHONE + '", "posts": [\n{"a": "' + SENTENCE + '"},\n{"b": 2}\n]}\n',
        # not JSON at all in that shape: read as text, as the whole document would be
        '{"posts": [\nCall ' + PHONE + ',\n{"b": 2}\n]}\n',
    ],
    ids=[
        "build",
        "list-on-first-line",
        "top-level-list",
        "two-a-line",
        "across-lines",
        "key-twice",
        "not-json",
    ],
)
def test_an_export_written_a_record_a_line_finds_what_reading_it_whole_finds(
    tmp_path, monkeypatch, document
):
    """A large JSON export the build writes one record a line is split by its lines (no
    20 MB document parsed on each build): whatever the document holds, the findings and
    their places are those of reading it whole, with and without the cache."""
    _assert_read_by_lines_as_whole(tmp_path, monkeypatch, "syndication.json", document)


_ROW = '"2026-09-01 09:00","x","{}"\r\n'


@pytest.mark.parametrize(
    ("name", "table"),
    [
        # as the build writes it: a row a line ending \r\n, a cell's own breaks \n
        ("bulk.csv", '"when","platform","text"\r\n' + _ROW.format("Soap.\n\n" + SENTENCE)),
        ("bulk.csv", _ROW.format('Say ""hi"" to') + _ROW.format(f"Call {PHONE}")),
        ("bulk.tsv", f"when\ttext\r\n09:00\tCall {PHONE}\r\n09:00\tSoap.\r\n"),
        # a cell with a \r\n of its own: the table is read whole
        ("bulk.csv", _ROW.format(f"Call\r\n{PHONE}") + _ROW.format("Soap.")),
        # a row ending in a line break before the \r\n (a blank row): read whole
        ("bulk.csv", _ROW.format("Soap.") + f'"a","b","Call {PHONE}"\n\r\n' + _ROW.format("x")),
        # a blank line between rows: read whole
        ("bulk.csv", _ROW.format("Soap.") + "\r\n" + _ROW.format(f"Call {PHONE}")),
        # lines ending \n only: read whole
        ("bulk.csv", _ROW.format("Soap.").replace("\r\n", "\n") * 2 + f"a,{PHONE}\n"),
        # a line that is not one row (a quote left open): read whole
        ("bulk.csv", f'"a","b\r\nCall {PHONE}",c\r\n' + _ROW.format("Soap.")),
    ],
    ids=["build", "quotes", "tsv", "cell-crlf", "blank-row", "blank-line", "lf", "open-quote"],
)
def test_a_table_written_a_row_a_line_finds_what_reading_it_whole_finds(
    tmp_path, monkeypatch, name, table
):
    """The bulk-schedule CSV is split by its \r\n lines: whatever a table holds, the
    findings and their places are those of reading it whole, with and without the cache."""
    _assert_read_by_lines_as_whole(tmp_path, monkeypatch, name, table)


def test_an_export_s_lines_the_cache_knows_are_not_parsed_again(tmp_path, monkeypatch):
    """One edited post changes one line of syndication.json: that line alone is parsed;
    the others' findings come from the cache, at their places."""
    from healthnotes.gate import evaluate, published

    monkeypatch.setattr(published, "RECORDS_FROM", 0, raising=False)
    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    parsed: list[str] = []
    read_line = published._json_line
    monkeypatch.setattr(
        published, "_json_line", lambda line, place: parsed.append(place) or read_line(line, place)
    )
    posts = [{"text": f"Tip {n}: wash your hands."} for n in range(30)]
    posts[7] = {"text": SENTENCE}

    def scan(items):
        write(tmp_path / "site", "syndication.json", _by_lines('{"posts": [', items))
        cache = scan_cache(tmp_path / "published.json")
        found = _hits(tmp_path / "site", allow, cache)
        cache.save()
        return found

    first = scan(posts)
    assert len(parsed) == 30
    parsed.clear()
    posts[12] = {"text": "Tip: flu shots for teachers."}
    assert scan(posts) == first
    assert parsed == ["/posts/12"]
    assert ("syndication.json", "JSON value at /posts/7/text", "phone", PHONE) in first


def test_a_table_s_rows_the_cache_knows_are_not_parsed_again(tmp_path, monkeypatch):
    from healthnotes.gate import evaluate, published

    monkeypatch.setattr(published, "RECORDS_FROM", 0, raising=False)
    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    parsed: list[int] = []
    read_row = published._csv_line
    monkeypatch.setattr(
        published,
        "_csv_line",
        lambda n, line, d, labels=None: parsed.append(n) or read_row(n, line, d, labels),
    )
    texts = [f"Tip {n}: wash your hands.\n\nSoap." for n in range(20)]
    texts[4] = SENTENCE

    def scan():
        write(tmp_path / "site", "bulk.csv", "".join(_ROW.format(text) for text in texts))
        cache = scan_cache(tmp_path / "published.json")
        found = _hits(tmp_path / "site", allow, cache)
        cache.save()
        return found

    first = scan()
    assert len(parsed) == 20
    parsed.clear()
    texts[9] = "Tip: flu shots for teachers."
    assert scan() == first
    assert parsed == [10]
    assert ("bulk.csv", "row 5, column 3", "phone", PHONE) in first


def test_the_builds_exports_are_read_by_their_lines(published):
    """The build writes syndication.json and the bulk-schedule CSV in the shape the scan
    splits by lines, and each line reads alone (else every edit reads both whole)."""
    from healthnotes.gate import published as scan

    text = (published.output / "syndication.json").read_text(encoding="utf-8")
    split = scan._line_records(text)
    assert split is not None
    table = (
        (published.output / "syndication" / "bulk-schedule.csv").read_bytes().decode("utf-8-sig")
    )
    rows = scan._csv_line_records(table, ",")
    assert rows is not None and len(rows) > 10
    for record in [*split[1], *rows]:
        record.read()  # raises when a line is not one record


class _RecordingWorkers:
    """Stands in for the build's workers: runs what is sent, and remembers it."""

    def __init__(self) -> None:
        self.sent: list[object] = []

    def expect(self, pieces: int) -> None:
        pass

    def submit(self, function, *args):
        from concurrent.futures import Future

        self.sent.append(args[0])
        done: Future = Future()
        done.set_result(function(*args))
        return done


def test_prose_the_model_has_not_read_goes_to_the_workers_not_into_the_builds_memory(
    monkeypatch,
):
    """A title the theme wraps in other words ("Patient Q&A <title>") is prose the
    per-post checks did not read: it is scanned in a worker (which has the model for
    the checks), not by loading the model into the build's own process. Text the model
    has read, and text it never reads, stay in the build's process."""
    from healthnotes.gate import evaluate, ner
    from healthnotes.gate.published import PROSE, Segment, _scan_all

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    monkeypatch.setattr(ner, "loaded", lambda: False)
    monkeypatch.setattr(ner, "_cache", {})
    wrapped = [Segment("text", "Patient Q&A Should I Worry About Shin Splints? Ask us.", PROSE)]
    workers = _RecordingWorkers()
    assert _scan_all(wrapped, allow, workers) == [[]]
    assert workers.sent == [wrapped]

    read_already = [Segment("text", "Wash your hands before meals.", PROSE)]
    ner.learn({"Wash your hands before meals.": ()})
    never_read = [Segment("address", "posts shin splints", "title")]  # the rules only
    for segments in (read_already, never_read):
        workers = _RecordingWorkers()
        assert _scan_all(segments, allow, workers) == [[]]
        assert workers.sent == []


@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab.J/ -_é"), min_size=0, max_size=8), max_size=4
    ).map("/".join)
)
def test_a_file_is_read_by_its_extension_as_pathlib_finds_it(path):
    """The scan names each file's kind by its extension with string methods (some 30,000
    files a build): the same extension as ``PurePath.suffix``, dots and dot files alike."""
    suffix = PurePath(path).suffix.lower()
    expected = None if suffix in NOT_READ else KINDS.get(suffix, "text")
    assert file_kind(path) == expected


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("posts/a/index.html", "html"),
        ("feeds/all.atom.xml", "xml"),
        ("syndication/x/og-1.JPG", None),
        ("a.", "text"),
        (".htaccess", "text"),
        ("..json", "json"),
        ("folder.json/file", "text"),
    ],
)
def test_file_kinds(path, kind):
    assert file_kind(path) == kind


# A large page (the archive page lists every post) is read in pieces


#: Parts of pages, the awkward ones among them: a block's start tag the reader takes
#: for text, text with a "&" that may be a character reference cut in half, comments,
#: scripts and headings open across a piece's end, upper-case and unknown tags, CDATA.
_PAGE_PARTS = [
    "\n<li>",
    "\n    <li>",
    "\n\t<div>",
    "  ",
    '\n<li class="post">',
    "</li>",
    "\n<div>",
    "</div>",
    "\n<h2>",
    "</h2>",
    "\n<p>",
    "\n<br/>",
    "<br>",
    "\n<dd",
    ">",
    '\n<li "',
    "\n<LI>",
    "\n<x-card>",
    "Maria Gonzalez",
    " called 541-555-0199",
    " soap &amp; water",
    " salt & pepper",
    " &am",
    "p;",
    "&#x41;",
    "<!-- note ",
    " -->",
    "\n<script>",
    "var page = '<li>';",
    "</script>",
    "\n<style>",
    "</style>",
    '<a href="/search?q=John+Smith">',
    "</a>",
    '<img alt="Dr. Lee" src="/x.jpg">',
    "<![CDATA[ raw ]]>",
    "&lt;p&gt;Jane Whitfield&lt;/p&gt;",
    "\n<url>",
    "</url>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "\n",
    " ",
]


def _read_in_pieces(kind: str, text: str, size: int) -> list:
    from healthnotes.gate.published import piece_segments, pieces, segments

    found = pieces(kind, text, size=size)
    assert "".join(found) == text
    read = []
    for index, piece in enumerate(found):
        alone = piece_segments(kind, piece, last=index == len(found) - 1)
        if alone is None:
            return read + segments(kind, "".join(found[index:]))
        read += alone
    return read


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PAGE_PARTS), max_size=60),
    st.sampled_from(["html", "xml"]),
    st.integers(min_value=1, max_value=40),
)
def test_a_page_read_in_pieces_gives_what_reading_it_whole_gives(parts, kind, size):
    from healthnotes.gate.published import segments

    text = "".join(parts)
    assert set(_read_in_pieces(kind, text, size)) == set(segments(kind, text))


@pytest.mark.parametrize("indent", ["", "    "], ids=["flush", "indented like the theme's"])
def test_a_large_page_read_again_reads_only_its_changed_piece_and_keeps_every_finding(
    tmp_path, indent
):
    from healthnotes.gate import evaluate
    from healthnotes.gate.published import PIECES_FROM, scan_output

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    site, path = tmp_path / "site", tmp_path / "published.json"
    items = [
        f'\n{indent}<li><a href="/posts/{n}/">Washing hands before meals, part {n}</a>'
        f"<p>Soap and water for twenty seconds, step {n}.</p></li>"
        for n in range(2000)
    ]
    items[10] = f"\n{indent}<li><p>{SENTENCE}</p></li>"  # a name and a phone early on

    def page() -> str:
        return "<ul>" + "".join(items) + "\n</ul>"

    def build():
        cache = scan_cache(path)
        scan = scan_output(site, allow, cache=cache)
        cache.save()
        return scan

    write(site, "archives/index.html", page())
    assert len(page()) >= PIECES_FROM
    first = build()
    assert {h.finding.text for h in first.hits} >= {NAME, PHONE}
    leak = "Call Dr. Lee's patient Jane Whitfield at 541-555-0123."
    items[1500] = f"\n{indent}<li><p>{leak}</p></li>"
    write(site, "archives/index.html", page())
    again = build()
    assert {h.finding.text for h in again.hits} >= {NAME, PHONE, "Jane Whitfield", "541-555-0123"}
    assert again.segments < first.segments / 10  # the other pieces were not read


def test_a_lost_address_in_a_message_is_masked_as_a_slug_is_read():
    """Red-teamed: after a post named our-patient-maria-gonzalez.md was taken away, every
    build printed 'posts/our-patient-maria-gonzalez/: warning: was published and is gone
    now ... add Previous_Slugs: our-patient-maria-gonzalez': no scan of that build read
    the old address, so nothing masked it."""
    from healthnotes.content.renames import Published, lost_addresses
    from healthnotes.gate import evaluate
    from healthnotes.gate.messages import mask_slugs

    allow = evaluate.example_allowlist(ROOT / "pelicanconf.py")
    record = {"our-patient-maria-gonzalez": "guid-1", "flu-shot-myth": "guid-2"}
    now = [Published("flu-shots", "guid-2", "content/posts/flu-shots.md", ())]
    lines = [mask_slugs(line, allow) for line in lost_addresses(record, now)]
    text = "\n".join(lines)
    assert "maria" not in text.lower() and "gonzalez" not in text.lower()
    assert "our-patient-m****-g*******" in text
    assert "Previous_Slugs: flu-shot-myth" in text  # nothing to mask: shown as it is


# --- 9. red team 3: routes found on 2026-12-06 ---------------------------------------

#: What a page shows a reader outside its text blocks, each with a name and no cue word
#: (only the language model reads "Maria Gonzalez" alone as a person).
SHOWN_OUTSIDE_THE_TEXT = {
    "posts/link-title.md": POST.format(
        extra="", body=f'See [the CDC](https://www.cdc.gov/ "{NAME}").'
    ),
    "posts/reference-title.md": POST.format(
        extra="", body=f'See [the CDC][cdc].\n\n[cdc]: https://www.cdc.gov/ "{NAME}"'
    ),
    "posts/abbreviation.md": POST.format(extra="", body=f"The CDC says so.\n\n*[CDC]: {NAME}"),
    "posts/attribute-list.md": POST.format(extra="", body=f'Soap works.\n{{: title="{NAME}" }}'),
    "posts/picture-title.md": POST.format(
        extra="", body=f'![Soap](/images/hand-washing.jpg "{NAME}")'
    ),
    "pages/thanks.md": f"Title: Thank you\nSummary: {NAME} and her flu.\n\nThank you.\n",
}


def test_a_name_in_a_tooltip_or_a_page_description_stops_the_build(tmp_path, content_copy):
    """Red-teamed: a tooltip (a link's or picture's title, a Markdown reference's title, an
    abbreviation's definition, an attribute list) and a page's ``Summary:`` (only in its
    meta description) reached the page with a name and no cue word: the per-post gate
    reads the text a page shows, and the published scan read attributes with the rules
    alone. What a page shows a reader in attributes is read as its prose is."""
    for relative, text in SHOWN_OUTSIDE_THE_TEXT.items():
        write(content_copy, relative, text)
    done = build(tmp_path, content_copy)
    assert published_leaks(done.output) == {}
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    for relative in SHOWN_OUTSIDE_THE_TEXT:
        assert f"{relative}:" in done.stderr, (relative, done.stderr)
    assert "meta description" in done.stderr


def test_a_declaration_or_processing_instruction_in_a_copied_file_stops_the_build(
    tmp_path, content_copy
):
    """Red-teamed: the reader skipped a document type's declaration and processing
    instructions, so an XML file under extra/ whose internal subset declares an entity
    (an XML reader shows it where ``&who;`` stands) and a page with ``<?note ...?>``
    went out with the patient in them."""
    files = {
        "extra/entity.xml": f'<!DOCTYPE note [<!ENTITY who "{SENTENCE}">]>\n<note>&who;</note>\n',
        "extra/note.html": f"<!doctype html>\n<?note {SENTENCE} ?>\n<p>Soap works.</p>\n",
    }
    for relative, text in files.items():
        write(content_copy, relative, text)
    done = build(tmp_path, content_copy)
    assert_stopped(done, "extra/entity.xml")
    assert "extra/note.html" in done.stderr
    assert "(declaration)" in done.stderr and "(processing instruction)" in done.stderr


def test_text_inside_a_data_address_of_a_copied_page_stops_the_build(tmp_path, content_copy):
    """Red-teamed: a page under extra/ linking ``data:text/plain;base64,...`` (a click
    shows the text) or showing a ``data:image/svg+xml`` drawing carried the patient in
    base64, which the scan read as an address only. A data address's text is decoded."""
    note = base64.b64encode(SENTENCE.encode()).decode()
    drawing = base64.b64encode(f"<svg><text>{SENTENCE}</text></svg>".encode()).decode()
    write(
        content_copy,
        "extra/note.html",
        f'<p><a href="data:text/plain;base64,{note}">Our note</a></p>\n'
        f'<p><img alt="" src="data:image/svg+xml;base64,{drawing}"></p>\n',
    )
    write(content_copy, "extra/plain.html", f'<a href="data:,{SENTENCE}">Note</a>\n')
    done = build(tmp_path, content_copy)
    assert_stopped(done, "extra/note.html")
    assert "extra/plain.html" in done.stderr
    assert "link address, data" in done.stderr and "picture or script address, data" in done.stderr


def test_a_refresh_address_or_percent_encoded_text_in_a_copied_file_stops_the_build(
    tmp_path, content_copy
):
    """Red-teamed: a copied page's ``<meta http-equiv="refresh" content="0; url=...">``
    (the browser goes there: its address bar shows it) and a JSON value carried the
    patient percent-encoded ("Maria%20Gonzalez%20541-555-0199"), read only as written:
    the digits ran into the "%20" before them, and no word stood alone."""
    encoded = SENTENCE.replace(" ", "%20").replace(",", "%2C")
    write(
        content_copy,
        "extra/moved.html",
        f'<meta http-equiv="refresh" content="0; url=https://example.org/?n={encoded}">\n',
    )
    write(content_copy, "extra/list.json", f'{{"note": "{encoded}"}}\n')
    done = build(tmp_path, content_copy)
    assert_stopped(done, "extra/moved.html")
    assert "extra/list.json" in done.stderr


def test_a_name_with_no_cue_in_a_copied_text_file_stops_the_build(tmp_path, content_copy):
    """Red-teamed: a text file copied from extra/ was read by the rules alone, which need
    a cue word: a note "Maria Gonzalez, 555-867-5309, came in last week.", a vCard's
    ``FN:`` line and a calendar event's ``SUMMARY:`` went out. A text file is read as a
    page's text is, with the language model."""
    files = {
        "extra/note.txt": f"{NAME}, 555-867-5309, came in last week.\n",
        "extra/card.vcf": f"BEGIN:VCARD\nVERSION:3.0\nFN:{NAME}\nEND:VCARD\n",
        "extra/visit.ics": f"BEGIN:VEVENT\nSUMMARY:Follow-up {NAME}\nEND:VEVENT\n",
    }
    for relative, text in files.items():
        write(content_copy, relative, text)
    done = build(tmp_path, content_copy)
    assert published_leaks(done.output) == {}
    assert done.returncode == 1, done.stderr
    for relative in files:
        assert f"{relative}:" in done.stderr, (relative, done.stderr)


def test_a_copied_file_with_bytes_that_look_like_utf8_but_are_not_is_read_not_a_traceback(
    tmp_path, content_copy
):
    """Found by red team 3: the text runs of a file that is not text took any three bytes
    from 0xE0 on as one character, so a surrogate (ED A0 80) or an overlong form in a
    copied sound file or PDF stopped the build with a UnicodeDecodeError. Its runs of
    well-formed text are read; the rest is not text."""
    (content_copy / "extra" / "tone.mp3").write_bytes(
        b"ID3 tone \xed\xa0\x80 chime \xe0\x80\x80 bell " + SENTENCE.encode() + b"\x00\x01"
    )
    done = build(tmp_path, content_copy)
    assert "Traceback" not in done.stderr
    assert_stopped(done, "extra/tone.mp3")


def test_a_phone_number_libphonenumber_does_not_validate_stops_the_build(tmp_path, content_copy):
    """Red-teamed: "Her daughter: 555-867-5309." (no phone word near) passed both the
    per-post gate and the published scan: libphonenumber does not validate a 555 area code
    (nor one newer than its data), and the loose pattern needed a phone word. Ten digits
    written as a North American number are a phone number."""
    write(
        content_copy,
        "posts/hygiene.md",
        POST.format(extra="", body="Her daughter: 555-867-5309. Her son: (555) 867-5310."),
    )
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "posts/hygiene.md" in done.stderr and "(phone)" in done.stderr
    assert not any("867" in text for text in (done.stdout, done.stderr))
    assert not (done.output / "posts" / "hygiene").exists()


def test_a_tag_that_is_a_surname_does_not_let_the_patient_through(tmp_path, content_copy):
    write(
        content_copy,
        "posts/hygiene.md",
        POST.format(
            extra="Tags: Gonzalez, flu\n", body="Our patient Gonzalez came in with the flu."
        ),
    )
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "posts/hygiene.md" in done.stderr and "(name)" in done.stderr


def test_a_name_with_no_cue_in_an_old_address_stops_the_build(tmp_path, content_copy):
    """Red team 3: 'Previous_Slugs: maria-gonzalez-stroke' published a redirect at that
    address; the published scan reads addresses with the rules, which need a cue. The
    post's address fields are read by the per-post gate as a person reads them, with
    the language model."""
    write(
        content_copy,
        "posts/hygiene.md",
        POST.format(extra="Previous_Slugs: maria-gonzalez-stroke\n", body="Soap works."),
    )
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "posts/hygiene.md" in done.stderr and "Previous_Slugs" in done.stderr
    assert "gonzalez" not in done.stderr.lower()


def test_a_name_with_no_cue_in_a_table_cell_stops_the_build(tmp_path, content_copy):
    """Red team 3: a cell was read apart from its column's header, so 'Maria Gonzalez'
    under 'patient' had no cue. A cell under a header that says what it holds (a form's
    labels, birth dates, contact details) is read after it: 'patient: Maria Gonzalez'."""
    write(content_copy, "extra/list.csv", f"patient,born\n{NAME},03/14/1958\n")
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "extra/list.csv" in done.stderr
    assert "(name)" in done.stderr and "(date)" in done.stderr


def test_cells_are_read_under_their_columns_labels_whole_by_records_and_by_lines():
    """The three ways a table is read (whole; a large one by records; one written a row
    a line by its lines) read a cell under a labelled column after its label, and the
    label is part of a record's cache key (one line, two meanings under two headers)."""
    from healthnotes.gate.published import csv_segments, header_labels, records

    table = "Patient_Name,visit,Email\r\nMaria Gonzalez,flu shot,https://example.org\r\n"
    assert header_labels(["Patient_Name", "visit", "Email"]) == {1: "Patient Name", 3: "Email"}
    whole = [s.text for s in csv_segments(table)]
    assert "Patient Name: Maria Gonzalez" in whole and "flu shot" in whole
    by_lines = records("csv", table, name="t.csv")
    by_cells = records("csv", table, name="t.csv", by_line=False)
    for found in (by_lines, by_cells):
        assert found is not None
        _, rows = found
        assert [s.text for s in rows[1].read()] == [s.text for s in csv_segments(table)[3:]]
        assert "Patient Name" in rows[1].content and "Patient Name" not in rows[0].content
