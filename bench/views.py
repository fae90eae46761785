"""The benchmark's baseline: the cheapest Django response (routed only with KPU_BENCH=1)."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # the benchmark posts to it exactly as views.js posts to the view beacon
def do_nothing(request):
    return HttpResponse(status=204)
