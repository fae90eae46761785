vcl 4.1;

# The app servers behind this edge: one backend each, in the director below. Copy this file next
# to default.vcl (e.g. /etc/varnish/backends.vcl) and edit it per installation; default.vcl
# includes it and uses `app` and `purgers`.

import directors;

# Liveness of each gunicorn: /healthz answers without the database. The Host must be in
# DJANGO_ALLOWED_HOSTS, and X-Forwarded-Proto https keeps SECURE_SSL_REDIRECT from answering 301.
# Sick after 2 failures out of the last 3 checks (about 2 s), healthy again after 2 good ones.
probe healthz {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: www.kpu.go.id"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-probe"
        "Connection: close";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;    # gunicorn --timeout 30
    .between_bytes_timeout = 10s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

# Who may PURGE: the app servers only. Not loopback: nginx on this host reaches Varnish from
# 127.0.0.1, so a reader's PURGE through nginx would come from there (nginx refuses PURGE too).
acl purgers {
    "10.0.0.11";
    "10.0.0.12";
}
