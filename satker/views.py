from django.views.generic import DetailView

from news.models import Article

from .models import Satker


class SatkerDetailView(DetailView):
    model = Satker

    def get_queryset(self):
        return Satker.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            children=self.object.children.all(),
            articles=Article.objects.published().for_satker(self.object).for_listing()[:20],
            **kwargs,
        )
