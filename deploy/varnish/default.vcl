vcl 4.1;

# The edge cache of the KPU news portal: readers -> nginx (TLS) -> Varnish -> gunicorn app servers.
# Django decides how long a page may stay here (X-Edge-Expires) and names what it shows (xkey
# tags); on every change it purges those tags, so a copy here is as fresh as the origin's.
# docs/deployment.md, "The edge: Varnish". Anything not written here is Varnish's builtin VCL,
# which runs after each sub below (Set-Cookie, private, no-store: never cached).

import std;
import xkey;

# Per installation (found through vcl_path): the backends with their health probe, the
# round-robin director `app` built in vcl_init, and `acl purgers`. Example: backends.vcl here.
include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    # Our internal marks come from this VCL only, never from a client.
    if (req.restarts == 0) {
        unset req.http.X-Edge-Stale-Ok;
        unset req.http.X-Edge-Pass;
        unset req.http.X-Edge-Purged;
    }

    # PURGE / with "xkey-purge: tag tag": the app knows which tags a change touches, not every URL
    # of 553 hosts. A soft purge expires the copies but keeps them in grace: the next reader waits
    # for a fresh page (req.grace below), while a sick backend still has something to show.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge !~ "\S") {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.X-Edge-Purged = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged"));
    }

    # nginx sets it. Over http Django answers a redirect, over https the page: two objects.
    if (req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }

    # Grace. Backend healthy: an expired or purged copy is refetched while the reader waits, so a
    # change shows at once (request coalescing sends Django one request per page, not one per
    # reader). Backend sick (its /healthz probe, or a fetch that failed just now: vcl_synth
    # restarts with X-Edge-Stale-Ok): the last copy, up to an hour old, rather than an error.
    if (std.healthy(req.backend_hint) && !req.http.X-Edge-Stale-Ok) {
        set req.grace = 0s;
    } else {
        set req.grace = 1h;
    }

    # Never from the cache: the newsroom, the view beacon and its pixel, editors (their session
    # cookie), and anyone with credentials. Other methods than GET/HEAD: builtin (pass).
    if (req.url ~ "^/(admin|kunjungan)(/|$)" ||
        req.http.Cookie ~ "(^|;)\s*sessionid=" ||
        req.http.Authorization) {
        return (pass);
    }

    if (req.method == "GET" || req.method == "HEAD") {
        # Readers' cookies (csrftoken, consent) would make every page a pass. Safe to drop: a page
        # that needs a cookie sets one, and an answer with Set-Cookie is never cached (builtin).
        unset req.http.Cookie;
        # One language (settings.LANGUAGES = id), yet Django sends Vary: Accept-Language: without
        # this every browser's own Accept-Language would be a separate copy of each page.
        unset req.http.Accept-Language;
        # Share links arrive with fbclid, gclid and utm_* appended; Django ignores them, so they
        # must not make a viral article a miss for every reader.
        if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid)=") {
            set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*(&|$)", "");
            set req.url = regsub(req.url, "[?&]+$", "");
        }
    }
}

sub vcl_hash {
    # With the builtin URL and Host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_miss {
    # The restart after a failed fetch wants only a stale copy, and there is none: the friendly
    # page, without asking the failing backend a second time.
    if (req.http.X-Edge-Stale-Ok) {
        return (synth(503, "Service Unavailable"));
    }
}

sub vcl_pass {
    set req.http.X-Edge-Pass = "1";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Pass;
    unset bereq.http.X-Edge-Stale-Ok;
    # Refetch in full rather than revalidate: Django's 304 carries neither X-Edge-Expires nor
    # xkey, so a revalidated copy would lose its expiry and its tags.
    if (!bereq.uncacheable) {
        unset bereq.http.If-None-Match;
        unset bereq.http.If-Modified-Since;
    }
}

sub vcl_backend_response {
    unset beresp.http.X-Edge-Managed;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # The app is up but cannot answer (database away: Django's 503): keep the last copy instead.
    if (beresp.status == 502 || beresp.status == 503 || beresp.status == 504) {
        return (abandon);
    }
    if (beresp.http.X-Edge-Expires) {
        # Django's own deadline for the edge (hours, or the time a scheduled article is due); a
        # past or unreadable date gives a TTL <= 0: not kept (builtin).
        set beresp.ttl = std.time(beresp.http.X-Edge-Expires, now) - now;
        unset beresp.http.X-Edge-Expires;
        set beresp.http.X-Edge-Managed = "1";
    } elsif (!beresp.http.Expires && beresp.http.Cache-Control !~ "(?i)(max-age|s-maxage)") {
        # No freshness from Django (redirects, 404s): not kept. Varnish's default_ttl would keep
        # them two minutes, with no purge to end it (an article due at 10:00 would stay a 404).
        set beresp.ttl = 0s;
    }
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    # Connection refused or timed out. A GET may try the next app server once; after that the
    # client side serves a stale copy or the friendly page (vcl_synth), and a background refresh
    # just leaves the stale copy in place.
    if (bereq.retries == 0 && !bereq.is_bgfetch && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    return (abandon);
}

sub vcl_deliver {
    if (req.http.X-Edge-Pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # A copy Django dated is purged on every change: as good as the origin's, so the browser's
    # max-age counts from now. A stale copy (sick backend) keeps its real Age.
    if (resp.http.X-Edge-Managed && obj.ttl > 0s) {
        set resp.http.Age = "0";
    }
    unset resp.http.X-Edge-Managed;
    unset resp.http.X-Edge-Expires;
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.xkey-purged = req.http.X-Edge-Purged;
        }
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
    if (resp.status == 503) {
        # A fetch failed (the probe has not noticed yet, or Django answered 5xx): look again,
        # this time accepting a stale copy (vcl_recv). Passed requests have none.
        if (req.restarts == 0 && !req.http.X-Edge-Pass && (req.method == "GET" || req.method == "HEAD")) {
            set req.http.X-Edge-Stale-Ok = "1";
            return (restart);
        }
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "30";
        set resp.http.Cache-Control = "no-store";
        set resp.body = {"<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Situs sedang sibuk</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;color:#222;line-height:1.5}h1{color:#a3141c;font-size:1.4em}</style>
</head>
<body>
<h1>Situs sedang sibuk atau dalam pemeliharaan</h1>
<p>Situs sedang sibuk atau dalam pemeliharaan. Silakan coba lagi dalam beberapa saat.</p>
<p><a href="/">Kembali ke beranda</a></p>
</body>
</html>
"};
        return (deliver);
    }
}
