"""Settings for the practice blog (local preview: `make html`, `make devserver`).

The settings a practice edits are at the top. Everything below the line
"Engine settings" keeps the site safe and working; change it only if you know
why. `publishconf.py` builds on this file for the real site.
"""

from pathlib import Path

# --- The practice -------------------------------------------------------------
SITENAME = "Maple Grove Family Medicine — Health Notes"
SITE_DESCRIPTION = (
    "Plain-language health tips, myth busters, recall alerts and answers from the care "
    "team at Maple Grove Family Medicine."
)
AUTHOR = "Maple Grove Family Medicine"  # used when a post has no Author line
DEFAULT_LANG = "en"
TIMEZONE = "America/Los_Angeles"

PRACTICE = {
    "name": "Maple Grove Family Medicine",
    "street": "2150 Orchard Lane, Suite 200",
    "city": "Springfield",
    "region": "OR",
    "postal_code": "97477",
    "country": "US",
    "phone": "(541) 555-0142",
    "fax": "(541) 555-0143",
    "email": "hello@maplegrovefamily.example",
    "booking_url": "https://maplegrovefamily.example/book",
    "hours": ["Monday–Friday 8:00 am–5:30 pm", "Saturday 9:00 am–noon"],
    "staff": [
        "Dr. Ana Patel, MD",
        "Dr. Marcus Lee, DO",
        "Jordan Rivera, NP",
        "Priya Shah, RN",
        "Sam Okafor",
        "Taylor Brooks",
    ],
}

# Names public where the practice is and never a patient's (local places, businesses,
# programmes): the safety gate finds nothing inside one. Whole names, not single words.
PUBLIC_NAMES = ["Willamette Valley", "McKenzie River"]

# Colours must reach WCAG AA contrast (4.5:1); the build tells you if one does not.
BRAND = {
    "primary": "#1f5f8b",
    "accent": "#a8432a",
    "text": "#1b1f23",
    "background": "#ffffff",
    "surface": "#f4f7f9",
    "logo": "images/logo.png",  # inside content/
}

FEED_MAX_ITEMS = 20  # newest posts per feed

# Patient-safety gate (see README: "The patient-safety gate").
READING_GRADE_TARGET = 8  # school grade; AMA advises 6, NIH below 8
READING_GRADE_AS_ERROR = False  # True: a post above the target stops the build
REVIEW_MAX_AGE_DAYS = 365  # after this, a post is flagged "review due" in the report

# Social platforms to make cards and texts for (remove the ones you do not use).
# Image platforms: og, x, linkedin, instagram, instagram_portrait, story, pinterest.
# Text platforms (they post with the og card): bluesky, mastodon, threads, facebook,
# google_business (Google Business Profile: the link goes on its "Learn more" button).
PLATFORMS = [
    "og",
    "x",
    "linkedin",
    "instagram",
    "instagram_portrait",
    "story",
    "pinterest",
    "bluesky",
    "mastodon",
    "threads",
    "facebook",
    "google_business",
]

# Publishing calendar (`make calendar`; README: "The publishing calendar"). Posts join
# a series by Type (or a `Series: <key>` line); `make new SERIES=myth` dates a post at
# the series' next empty slot. Times are in TIMEZONE.
SERIES = [
    {
        "key": "myth",
        "name": "Misconception of the Week",
        "type": "misconception",
        "weekday": "monday",
        "time": "09:00",
    },
    {
        "key": "ama",
        "name": "Ask Me Anything Wednesday",
        "type": "qa",
        "weekday": "wednesday",
        "time": "12:00",
    },
]
OFFICE_HOLIDAYS = {"country": "US", "subdiv": "OR"}  # public holidays the office closes
CLOSED_DAYS = [{"date": "2026-12-24", "name": "Christmas Eve (office closed)"}]

# Medical sign-off (README: "Medical sign-off"): a post publishes only once a reviewer
# named here signed off its exact text (`make sign-off POST=... BY="..."`).
REVIEWERS = ["Dr. Ana Patel, MD", "Dr. Marcus Lee, DO", "Jordan Rivera, NP"]
REQUIRE_SIGN_OFF = True

# Crisis hold (README: "Crisis hold"): uncomment to stop every post dated after `since`
# from going out (pages, feeds, platform feeds, CSV) until you comment it out again.
# HOLD = {"since": "2026-12-04 08:00", "reason": "Local emergency: posts paused"}

# Local preview address (`make devserver` serves here).
SITEURL = "http://127.0.0.1:8000"
# Feed item ids are built from this; set it once to the published address and
# never change it, or feed readers and social tools will re-post everything.
FEED_GUID_BASE = "https://health.maplegrovefamily.example"

# --- Engine settings ----------------------------------------------------------
PATH = "content"
THEME = "theme"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/robots.txt": {"path": "robots.txt"}}
PLUGIN_PATHS = ["plugins"]
# Listing plugins also stops Pelican from auto-loading any other installed plugin.
# One plugin: pelican_healthnotes (validation, cards, texts, feeds, the safety gate).
PLUGINS = ["pelican_healthnotes", "pelican.plugins.sitemap"]
SITEMAP = {"format": "xml", "exclude": ["^drafts/", "^tag/", "^author/"]}

RELATIVE_URLS = False
SLUGIFY_SOURCE = "basename"  # a post's address comes from its file name, not its title
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404", "search"]
SEARCH_SAVE_AS = "search/index.html"  # the Pagefind search page (healthnotes/site/search.py)
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
TEMPLATE_PAGES = {}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Drafts and future-dated (scheduled) posts: previewable locally under /drafts/,
# never published (publishconf.py turns these off).
WITH_FUTURE_DATES = False
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"

# Metadata is plain text, never Markdown/HTML (a title "<Organic>" stays as typed).
FORMATTED_FIELDS = []
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Feeds are written by the practice plugin with feedgen; Pelican's own are off.
FEED_DOMAIN = None
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None


# Pelican's content cache: a post is read (Markdown) again only when its file changed,
# which makes rebuilds several seconds faster per thousand posts (`make bench`). It
# knows a file by its content (sha256, not its time). Anything else that changes how a
# post is read (these settings files, the plugins, Pelican, Markdown) starts a cache
# folder of its own, so a stale cache is never used.
def _content_cache_path() -> str:
    import hashlib
    from importlib import metadata

    here = Path(__file__).resolve().parent
    code = [here / "pelicanconf.py", here / "publishconf.py"]
    code += sorted((here / "plugins").rglob("*.py")) + sorted((here / "healthnotes").rglob("*.py"))
    fingerprint = hashlib.sha256(
        f"{metadata.version('pelican')}/{metadata.version('markdown')}".encode()
    )
    for path in code:
        fingerprint.update(f"{path.relative_to(here)}\0".encode() + path.read_bytes())
    return f".cache/pelican/{fingerprint.hexdigest()[:16]}"


CACHE_PATH = _content_cache_path()
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha256"
# Pelican rewrites the whole cache on every build; uncompressed it is written and read
# about half a second faster per thousand posts (`make bench`), for ~9 MB on disk.
GZIP_CACHE = False
