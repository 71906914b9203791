/* The search page: every shelf of the site's search index in one search.
 *
 * The build indexes the posts' pages in shelves of up to SEARCH_SHELF_SIZE pages, each a
 * Pagefind bundle of its own (healthnotes/site/search.py), so that an edit indexes one
 * shelf again instead of the whole site. The page lists the bundles on this script's
 * data-bundles attribute, the first one first; the others are merged into every search
 * with Pagefind's mergeIndex (one list of results, ranked together). This runs after
 * Pagefind's component script and before its elements are read: they use the search
 * instance configured here. With one shelf there is nothing to merge. */
"use strict";
(function () {
  var script = document.currentScript;
  var bundles = ((script && script.dataset.bundles) || "").split(" ").filter(Boolean);
  if (bundles.length < 2 || !window.PagefindComponents) {
    return;
  }
  window.PagefindComponents.configureInstance("default", {
    bundlePath: bundles[0],
    baseUrl: "/",
    mergeIndex: bundles.slice(1).map(function (bundle) {
      return { bundlePath: bundle, baseUrl: "/" };
    }),
  });
})();
