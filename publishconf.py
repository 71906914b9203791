"""Settings for the published site (`make publish`): pelicanconf.py plus these."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

# The address the site is served from (absolute: feeds and link previews need it).
SITEURL = "https://health.maplegrovefamily.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts and scheduled posts are never written anywhere in the published site.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_URL = ""

# Pelican's own feeds stay off here too (feedgen writes ours).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
