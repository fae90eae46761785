"""Tags an importer brings in must each have an address, or the article page could not link them."""

import pytest

from news.importers.report import ImportReport
from news.importers.taxonomy import Taxonomy

pytestmark = pytest.mark.django_db


def test_tags_of_symbols_alone_are_left_out():
    tags = Taxonomy(ImportReport()).tags_for(["Pemilu 2024", "★★★", "  ", "#!"])
    assert [tag.name for tag in tags] == ["Pemilu 2024"]
