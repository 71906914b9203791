"""syndicate: the practice blog's library — content model, checks, feeds, syndication.

Pure Python with no Pelican import: the Pelican glue in ``plugins/`` converts
Pelican objects into the plain inputs these modules take.
"""
