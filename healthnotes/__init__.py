"""healthnotes: a medical practice's patient-education blog with social syndication.

The library, by domain: ``content`` (what a post is), ``site`` (feeds, JSON-LD),
``social`` (platforms, texts, cards), ``gate`` (the patient-safety checks),
``calendar`` (series and the editorial calendar), ``cache`` and ``runtime`` (the
only code that starts processes). It never imports Pelican: the one plugin in
``plugins/pelican_healthnotes`` turns Pelican's objects into the plain inputs these
modules take. ``docs/developers.md`` maps where each kind of change goes.
"""
