"""The README is the staff's walkthrough: it must not forget a command or a field."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from healthnotes.content.model import COMMON_FIELDS, TYPE_SPECS, display_name

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
TARGETS = re.findall(r"^([a-z0-9-]+):.*## ", MAKEFILE, flags=re.MULTILINE)


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_readme_first_two_commands_are_make_publish_then_make_test():
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands[:2] == ["make publish", "make test"]


@pytest.mark.parametrize("target", TARGETS)
def test_every_make_target_is_documented_in_the_readme(target):
    assert f"`make {target}`" in README


def test_help_is_the_first_target_and_lists_the_others():
    assert TARGETS[0] == "help"
    result = make()
    assert result.returncode == 0
    for target in ("publish", "test", "html", "devserver", "clean", "lint", "deploy"):
        assert re.search(rf"^\s+{target}\s", result.stdout, flags=re.MULTILINE), target


def test_help_lists_every_target_with_real_values_not_variable_names():
    assert "e2e" in TARGETS and "preview" in TARGETS and "new" in TARGETS
    listed = re.findall(r"^  (\S+)\s", make().stdout, flags=re.MULTILINE)
    assert listed == TARGETS
    assert "$(" not in make().stdout
    shown = make("PORT=9123", "EDITOR_PORT=9124").stdout
    assert "http://127.0.0.1:9123" in shown and "http://127.0.0.1:9124" in shown


def _anchor(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_every_link_inside_the_readme_reaches_a_heading():
    headings = re.findall(r"^#{1,6} (.+)$", README, flags=re.MULTILINE)
    anchors = {_anchor(h) for h in headings}
    links = re.findall(r"\]\(#([^)]+)\)", README)
    assert links
    assert sorted(set(links) - anchors) == []


def test_the_contents_list_is_every_section_in_order():
    contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\d+\. \[(.+?)\]\(#", contents, flags=re.MULTILINE)
    sections = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    assert listed == [heading for heading in sections if heading != "Contents"]


def test_every_file_the_readme_links_to_exists():
    files = re.findall(r"\]\(((?:docs|\.ci)/[^)#]+)", README)
    assert files
    assert [name for name in files if not (ROOT / name).exists()] == []


def test_links_from_the_docs_into_the_readme_reach_a_heading():
    anchors = {_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", README, flags=re.MULTILINE)}
    links = [
        (doc.name, target)
        for doc in sorted((ROOT / "docs").glob("*.md"))
        for target in re.findall(r"README\.md#([^)\s]+)\)", doc.read_text(encoding="utf-8"))
    ]
    assert links
    assert [(doc, target) for doc, target in links if target not in anchors] == []


def test_the_anchor_rule_matches_githubs():
    assert _anchor("Settings (`pelicanconf.py`)") == "settings-pelicanconfpy"
    assert _anchor("Starting a post: `make new`") == "starting-a-post-make-new"


def test_make_messages_name_readme_sections_that_exist():
    headings = {h.strip() for h in re.findall(r"^#{1,6} (.+)$", README, flags=re.MULTILINE)}
    named = re.findall(r"see README: ([^)]+)\)", MAKEFILE)
    assert named
    assert [name for name in named if name not in headings] == []


def test_deploy_checks_its_settings_before_building_anything():
    result = make("deploy")  # no -o publish: a build would run if the check came after it
    assert result.returncode != 0
    assert "make deploy needs SSH_HOST, SSH_USER and SSH_TARGET_DIR" in result.stdout
    assert "Nothing was built." in result.stdout
    assert "build.py" not in result.stdout + result.stderr


def test_preview_builds_the_published_site_for_the_local_server():
    result = make("-n", "-o", ".venv/.requirements-installed", "preview", "PORT=8123")
    assert (
        "build.py --settings publishconf.py --output preview "
        "--site-url http://127.0.0.1:8123" in result.stdout
    )
    assert "http.server --bind 127.0.0.1 --directory preview 8123" in result.stdout


@pytest.mark.parametrize(
    "field",
    sorted(
        {display_name(f) for f in COMMON_FIELDS}
        | {
            display_name(f)
            for spec in TYPE_SPECS.values()
            for f in (*spec.required, *spec.optional)
        }
    ),
)
def test_every_metadata_field_is_documented_with_an_example(field):
    assert f"`{field}`" in README
    assert re.search(rf"{field}: \S", README, flags=re.IGNORECASE), field


@pytest.mark.parametrize("post_type", [spec.type.value for spec in TYPE_SPECS.values()])
def test_every_post_type_has_a_section(post_type):
    assert f"(`Type: {post_type}`)" in README


def test_deploy_without_a_host_refuses_instead_of_guessing():
    result = make("-o", "publish", "deploy")  # -o: treat publish as done, no build here
    assert result.returncode != 0
    assert "make deploy needs SSH_HOST, SSH_USER and SSH_TARGET_DIR" in result.stdout


def test_deploy_runs_rsync_over_ssh_to_the_configured_target():
    result = make(
        "-n",
        "-o",
        "publish",
        "deploy",
        "SSH_HOST=web.example.org",
        "SSH_USER=deploy",
        "SSH_TARGET_DIR=/var/www/health",
        "SSH_PORT=2222",
    )
    assert result.returncode == 0
    assert (
        'rsync -e "ssh -p 2222" -rvzc --delete output/ "deploy@web.example.org:/var/www/health"'
        in result.stdout
    )


def test_devserver_rebuilds_through_the_checked_build_and_binds_only_to_localhost():
    result = make("-n", "-o", ".venv/.requirements-installed", "devserver")
    assert "build.py --settings pelicanconf.py --output output --serve 8000" in result.stdout
    assert "pelican --autoreload" not in result.stdout  # it wrote output/ unchecked
    assert 'ThreadingHTTPServer(("127.0.0.1", port)' in (ROOT / "devserver.py").read_text()


def test_ci_script_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_a_python_other_than_3_11_is_refused_with_what_to_install(tmp_path):
    """The pins are tested with 3.11 only: another Python stops before a .venv is made."""
    fake = tmp_path / "python3"
    fake.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.13.1" && exit 0\nexit 1\n')
    fake.chmod(0o755)
    venv = tmp_path / ".venv"
    for boot, found in ((fake, "Python 3.13.1"), (tmp_path / "none", "not installed")):
        result = make("venv", f"VENV={venv}", f"PYTHON_BOOT={boot}")
        assert result.returncode == 2
        assert f"This site needs Python 3.11; {boot} is {found}." in result.stdout
        assert "make publish PYTHON_BOOT=python3.11" in result.stdout
        assert not venv.exists()


#: GNU make features newer than 3.81, the make Apple's command line tools install on
#: macOS (Homebrew's gmake and WSL's Ubuntu have 4.x): the Makefile must do without them.
NEWER_THAN_GNU_MAKE_3_81 = {
    ".ONESHELL": r"^\.ONESHELL",
    ".RECIPEPREFIX": r"\.RECIPEPREFIX",
    ".SHELLFLAGS": r"\.SHELLFLAGS",
    "$(file ...)": r"\$\(file ",
    "!= assignment": r"^[A-Za-z_][A-Za-z0-9_]*\s*!=",
    "::= assignment": r"::=",
    "grouped targets &:": r"&:",
    "undefine": r"^undefine\b",
    "$(let ...), $(intcmp ...), $(guile ...)": r"\$\((let|intcmp|guile) ",
    "load": r"^-?load\b",
    "private": r"^private\b",
}


@pytest.mark.parametrize("feature", sorted(NEWER_THAN_GNU_MAKE_3_81))
def test_the_makefile_runs_on_the_make_macos_ships(feature):
    pattern = re.compile(NEWER_THAN_GNU_MAKE_3_81[feature], flags=re.MULTILINE)
    assert not pattern.search(MAKEFILE), feature


def test_the_readme_says_where_the_install_steps_were_tested():
    installing = README.split("## Installing", 1)[1].split("\n## ", 1)[0]
    assert "Python 3.11" in installing
    assert "Tested" in installing and "not tested" in installing


@pytest.mark.parametrize("awk", ["original-awk", "mawk", "gawk"])
def test_make_help_lists_the_same_with_the_awk_macos_ships(awk, tmp_path):
    """macOS's awk is the BWK "one true awk" (Debian: original-awk); Ubuntu's is mawk."""
    found = shutil.which(awk)
    if found is None:
        pytest.skip(f"{awk} is not installed here")
    (tmp_path / "awk").symlink_to(found)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    shown = subprocess.run(
        ["make", "--no-print-directory", "help", "PORT=9123"],
        cwd=ROOT, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    assert shown.stdout == make("help", "PORT=9123").stdout
    assert re.findall(r"^  (\S+)\s", shown.stdout, flags=re.MULTILINE) == TARGETS
    assert "http://127.0.0.1:9123" in shown.stdout and "$(" not in shown.stdout
