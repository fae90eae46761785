"""Public reads from a read replica when DATABASE_REPLICA_URL is set.

Only anonymous GET and HEAD requests read from the replica (middleware marks them), and only
without an edge (pagecache/edge.py: an edge would keep a page rendered from lagging rows); writes,
everything an editor sees and everything outside a request use the primary, so an editor
never reads a replica that lags behind what they just saved.
"""

from contextvars import ContextVar

from django.conf import settings

from pagecache import edge

REPLICA = "replica"
_public_read = ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PublicReadMiddleware:
    """Marks anonymous reads (no session cookie, safe method) as public for the router."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # With an edge, a page rendered just after a purge is kept there for hours: from a
        # replica a second behind, it would be the old page. The edge answers nearly every reader,
        # so the primary takes the few requests left.
        public = public and not edge.enabled()
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
