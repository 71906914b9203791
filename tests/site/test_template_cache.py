"""The theme's compiled templates are kept between builds, and never outlive an edit."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

import plugins.pelican_healthnotes as glue


def settings_with_cache(tmp_path) -> dict:
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "JINJA_ENVIRONMENT": {"autoescape": True}}
    glue.keep_compiled_templates(SimpleNamespace(settings=settings))
    return settings


def test_compiled_templates_are_kept_beside_pelicans_content_cache(tmp_path):
    environment = settings_with_cache(tmp_path)["JINJA_ENVIRONMENT"]
    assert environment["autoescape"] is True  # the theme's own options are kept
    cache = environment["bytecode_cache"]
    assert isinstance(cache, FileSystemBytecodeCache)
    assert cache.directory == str(tmp_path / "cache" / glue.TEMPLATE_CACHE_FOLDER)


def test_a_bytecode_cache_set_in_the_settings_is_left_alone(tmp_path):
    own = {"CACHE_PATH": str(tmp_path), "JINJA_ENVIRONMENT": {"bytecode_cache": None}}
    glue.keep_compiled_templates(SimpleNamespace(settings=own))
    assert own["JINJA_ENVIRONMENT"] == {"bytecode_cache": None}


def test_the_next_build_loads_the_compiled_template_and_an_edited_one_is_compiled_again(
    tmp_path,
):
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text("<p>{{ title }}</p>", encoding="utf-8")

    compiled: list[str] = []

    class Counting(Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    def build() -> str:  # each build makes its own environments, as Pelican does
        options = settings_with_cache(tmp_path)["JINJA_ENVIRONMENT"]
        environment = Counting(loader=FileSystemLoader(str(templates)), **options)
        return environment.get_template("page.html").render(title="<Flu>")

    assert build() == "<p>&lt;Flu&gt;</p>"
    assert compiled == ["page.html"]
    assert len(list((tmp_path / "cache" / glue.TEMPLATE_CACHE_FOLDER).iterdir())) == 1
    assert build() == "<p>&lt;Flu&gt;</p>"
    assert compiled == ["page.html"]  # loaded compiled, not compiled again
    page.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert build() == "<h1>&lt;Flu&gt;</h1>"
    assert compiled == ["page.html", "page.html"]
