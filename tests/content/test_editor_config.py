"""The editor's config is made from the post types: every field, its mark, its choices."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import CONTENT, ROOT
from healthnotes.config import SiteConfig
from healthnotes.content.editor import (
    COMMA_LIST_FIELDS,
    COMMON_REQUIRED,
    FORMAT,
    HINTS,
    REPEATED_FIELDS,
    decap_config,
)
from healthnotes.content.model import (
    COMMON_FIELDS,
    RECALL_CLASSES,
    STATUSES,
    TYPE_SPECS,
    PostType,
    display_name,
)

FORMAT_JS = ROOT / "editor" / "pelican-format.js"


@pytest.fixture(scope="module")
def site_config() -> SiteConfig:
    from pelican.settings import read_settings

    return SiteConfig.from_settings(read_settings(str(ROOT / "pelicanconf.py")))


@pytest.fixture(scope="module")
def config(site_config):
    return decap_config(site_config, local_port=8081)


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def fields(config, name):
    return {f["name"]: f for f in collection(config, name)["fields"]}


def test_one_collection_per_post_type_and_one_for_pages(config):
    names = [c["name"] for c in config["collections"]]
    assert names == [*(t.value for t in TYPE_SPECS), "pages"]
    for post_type, spec in TYPE_SPECS.items():
        c = collection(config, post_type.value)
        assert c["folder"] == "content/posts"
        assert c["filter"] == {"field": "type", "value": post_type.value}
        assert c["create"] is True
        assert c["slug"] == "{{slug}}"
        assert c["format"] == FORMAT
        assert c["extension"] == "md"
        assert c["label"] == spec.label
        assert c["label_singular"] == spec.label


@pytest.mark.parametrize("post_type", list(TYPE_SPECS))
def test_every_field_of_the_type_is_in_its_form_with_its_required_mark(config, post_type):
    spec = TYPE_SPECS[post_type]
    form = fields(config, post_type.value)
    expected = {*COMMON_FIELDS, *spec.required, *spec.optional, "body"}
    assert set(form) == expected
    for name in (*spec.required, *COMMON_REQUIRED):
        assert form[name]["required"] is True, name
    for name in {*spec.optional, *COMMON_FIELDS} - set(COMMON_REQUIRED):
        assert form[name]["required"] is False, name
    other_types = {n for s in TYPE_SPECS.values() for n in (*s.required, *s.optional)}
    assert not (other_types - {*spec.required, *spec.optional}) & set(form)


@pytest.mark.parametrize("post_type", list(TYPE_SPECS))
def test_labels_are_spelled_as_the_readme_and_every_field_has_help(config, post_type):
    for name, entry in fields(config, post_type.value).items():
        if name != "body":
            assert entry["label"] == display_name(name)
        assert entry["hint"].strip(), name


def test_every_field_name_has_a_hint():
    every = {*COMMON_FIELDS, *(n for s in TYPE_SPECS.values() for n in (*s.required, *s.optional))}
    assert every <= set(HINTS)


def test_select_choices_are_the_enumerations(config):
    for post_type in TYPE_SPECS:
        form = fields(config, post_type.value)
        assert form["type"]["widget"] == "select"
        assert [o["value"] for o in form["type"]["options"]] == [post_type.value]
        assert form["type"]["default"] == post_type.value
        assert [o["value"] for o in form["status"]["options"]] == list(STATUSES)
    recall = fields(config, PostType.RECALL.value)
    assert recall["recall_class"]["widget"] == "select"
    assert [o["value"] for o in recall["recall_class"]["options"]] == list(RECALL_CLASSES)


def test_widgets_fit_what_the_build_accepts(config, site_config):
    form = fields(config, PostType.RECALL.value)
    assert form["date"]["widget"] == "datetime"
    assert form["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert form["modified"]["format"] == "YYYY-MM-DD HH:mm"
    assert form["last_reviewed"]["format"] == "YYYY-MM-DD"
    assert form["recall_date"]["format"] == "YYYY-MM-DD"
    assert form["tags"]["widget"] == "list"
    assert form["recall_lots"]["widget"] == "list"
    assert form["exception"]["widget"] == "list"
    assert form["image"]["widget"] == "image"
    assert form["image"]["choose_url"] is False
    assert form["author"]["default"] == site_config.default_author
    assert re.match(form["recall_url"]["pattern"][0], "https://www.fda.gov/recalls")
    assert not re.match(form["recall_url"]["pattern"][0], "www.fda.gov")
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "images"


def test_local_backend_only_when_asked(site_config):
    local = decap_config(site_config, local_port=9123)
    assert local["local_backend"]["url"] == "http://127.0.0.1:9123/api/v1"
    hosted = decap_config(site_config, local_port=None)
    assert "local_backend" not in hosted
    assert hosted["backend"]["name"] == "git-gateway"


def test_the_format_and_the_config_agree_on_list_fields(config):
    source = FORMAT_JS.read_text(encoding="utf-8")

    def js_list(name):
        found = re.search(rf"var {name} = \[(.*?)\];", source)
        return tuple(re.findall(r"'([a-z_]+)'", found.group(1)))

    assert js_list("COMMA_LIST_FIELDS") == COMMA_LIST_FIELDS
    assert js_list("REPEATED_FIELDS") == REPEATED_FIELDS
    list_fields = {
        name
        for post_type in TYPE_SPECS
        for name, entry in fields(config, post_type.value).items()
        if entry["widget"] == "list"
    }
    assert list_fields == {*COMMA_LIST_FIELDS, *REPEATED_FIELDS}


def test_command_line_prints_the_config_as_yaml_compatible_json():
    done = subprocess.run(
        [sys.executable, "-m", "healthnotes.content.editor", "--local-port", "8555"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    printed = json.loads(done.stdout)
    assert printed["local_backend"]["url"] == "http://127.0.0.1:8555/api/v1"
    assert len(printed["collections"]) == len(TYPE_SPECS) + 1


def test_command_line_refuses_a_git_host_backend_without_a_repository():
    done = subprocess.run(
        [sys.executable, "-m", "healthnotes.content.editor", "--no-local", "--backend", "github"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "--repo" in done.stderr


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_format_reads_and_writes_every_example_file_unchanged():
    script = (
        "const f = require(process.argv[1]); const fs = require('fs');"
        "const out = {};"
        "for (const p of process.argv.slice(2)) {"
        "  const text = fs.readFileSync(p, 'utf8'); const data = f.fromFile(text);"
        "  out[p] = {same: f.toFile(data) === text, data};"
        "}"
        "console.log(JSON.stringify(out));"
    )
    files = sorted(str(p) for p in (*CONTENT.glob("posts/*.md"), *CONTENT.glob("pages/*.md")))
    done = subprocess.run(
        [NODE, "-e", script, str(FORMAT_JS), *files],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert {p for p, r in result.items() if not r["same"]} == set()
    spinach = result[str(CONTENT / "posts" / "spinach-recall.md")]["data"]
    assert spinach["tags"] == ["recall", "food safety", "listeria"]
    assert spinach["recall_lots"] == ["SS26224", "SS26225", "SS26226"]
    assert spinach["type"] == "recall"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_format_writes_repeated_and_list_fields_the_way_the_reader_expects():
    data = {
        "title": "T",
        "date": "2026-12-01 09:00",
        "type": "qa",
        "tags": ["a", "b c"],
        "summary": "two\nlines",
        "modified": "",
        "exception": ["phone | 1 | Dr. A | why", "email | x@y.z | Dr. A | why"],
        "summary_bluesky": "own text",
        "body": "\n\nThe answer.\n\n",
    }
    script = (
        "const f = require(process.argv[1]);"
        "const text = f.toFile(JSON.parse(process.argv[2]), ['title', 'date', 'type']);"
        "process.stdout.write(JSON.stringify({text, back: f.fromFile(text)}));"
    )
    done = subprocess.run(
        [NODE, "-e", script, str(FORMAT_JS), json.dumps(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["text"] == (
        "Title: T\nDate: 2026-12-01 09:00\nType: qa\nTags: a, b c\nSummary: two lines\n"
        "Exception: phone | 1 | Dr. A | why\nException: email | x@y.z | Dr. A | why\n"
        "Summary_Bluesky: own text\n\nThe answer.\n"
    )
    assert result["back"]["exception"] == data["exception"]
    assert result["back"]["tags"] == ["a", "b c"]


def test_the_pages_form_has_no_field_the_build_refuses():
    """A page's address is its file name: ``Slug:`` is refused (ALLOW_CONTENT_OVERRIDES)."""
    from healthnotes.config import CONTENT_OVERRIDES
    from healthnotes.content.editor import pages_collection

    names = {f["name"] for f in pages_collection()["fields"]}
    assert names & set(CONTENT_OVERRIDES) == set()


def test_the_command_reads_the_settings_as_pelican_does_from_any_folder(tmp_path, config):
    """``make editor``'s config.yml is what Pelican's reading of the settings gives, also
    when run from another folder (the content folder is beside the settings file)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "healthnotes.content.editor",
            "--settings",
            str(ROOT / "pelicanconf.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == config
