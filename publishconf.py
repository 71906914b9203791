"""Settings for the published site (`make publish`): pelicanconf.py plus these."""

import runpy
from pathlib import Path

# Everything pelicanconf.py sets (its UPPER-CASE names), then the lines below.
globals().update(
    (name, value)
    for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
    if name.isupper()
)

# The address the site is served from (absolute: feeds and link previews need it).
SITEURL = "https://health.maplegrovefamily.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts and scheduled posts are never written anywhere in the published site.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = ""

# Pelican's own feeds stay off here too (feedgen writes ours).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
