"""Bench-only middleware (installed when KPU_BENCH=1): the number of SQL queries a request ran,
in the X-Bench-Queries response header, which bench/run.py puts in its table."""

from contextlib import ExitStack

from django.db import connections

HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
