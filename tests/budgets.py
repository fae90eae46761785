"""Query budgets: the most queries each page or endpoint may run, defined once for every test.

A page's query count is fixed by its code: more rows never mean more queries. A public page's
budget stays at 8 or under (STYLE.md, "No queries from templates"). Lower a budget when a page
gets cheaper; raising one needs a reason in the commit.
"""

# --- public pages ------------------------------------------------------------------------------
HOME = 6  # latest news (shared-down included), most viewed of 7 days; provinces from memory
LISTING = 6  # /berita/, division and tag pages: filter lookups, count, one page of cards
ARTICLE_PAGE = 8  # the article, its divisions, images and tags, previous/next, related cards
SATKER_PAGE = 6  # a satker's page: its latest news; the units below it from the directory
FEED = 3  # RSS/Atom: the satker, then the items with what they show
SITEMAP_INDEX = 4  # the newest change and the article count, per section
MOST_VIEWED = 1  # popular_articles(): the week's views with each article and its satker
OLD_LINK_REDIRECT = 2  # an old satker-site address: the stored link, then a 301 to the article
COMMISSIONER_PAGE = 2  # /komisioner/ and its history: the satker's board, divisions joined; the menu's pages
STAGE_PAGE = 3  # /tahapan/: the site's elections, their stages with the linked articles; the menu's pages
STAGE_CALENDAR = 2  # /tahapan.ics: the same two queries
PAGE = 2  # a page (Halaman): the page, the site's page menu (kept in the cache once built)
# With an edge (Varnish): the first render of a scope after a change also asks when its next
# scheduled article goes public (pagecache/edge.py); remembered until the scope changes again.
EDGE_FIRST_RENDER = 1

# --- view counter ------------------------------------------------------------------------------
RECORD_VIEW = 6  # the count; in a savepoint: the visitor's RecentView upsert, the counter, the day's row

# --- API ---------------------------------------------------------------------------------------
API_ARTICLE_LIST = 6  # filter lookups, one page, its divisions, tags, images; the next scheduled
API_ARTICLE_DETAIL = 5  # the article, its divisions, tags and images; the next scheduled
API_SATKER_DIRECTORY = 0  # served from the in-memory directory once loaded
API_STAGES = 2  # /api/v1/tahapan/: elections with their satker, then stages with linked articles
SEARCH = 9  # /cari/: a listing plus the ranked window of ids, the "Halaman" block, and with no result the suggestion
