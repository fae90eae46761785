"""Whatever is typed into the search box, the answer is results or "tidak ada berita yang cocok",
a 200 or a 400, never a 500, on SQLite and PostgreSQL: hypothesis writes the queries from search
syntax (theirs and ours), SQL, control characters and long text."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.models import Article
from news.public.search import search
from news.public.search_syntax import parse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PIECES = [
    "pemilih", "rapat", "pleno", "kediri", "KPU", "OR", "or", "AND", "NOT", "NEAR(", "NEAR", ")", "(", "*", "^",
    ":", "title:", "{title}", '"', "'", "-", "--", "+", "&", "|", "!", "<->", "\\", ";", "%", "_",
    "'; DROP TABLE x; --", "\x00", "\x1b", "\u202e", "🗳️", "選挙", "é", "\t", "\n", " ",
]  # fmt: skip
queries = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=20).map(lambda parts: " ".join(parts)),
    st.lists(st.sampled_from(PIECES), max_size=20).map("".join),
    st.text(max_size=60),
)
fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def articles():
    ArticleFactory(title="Rapat pleno pemilih", body="<p>KPU Kediri menggelar rapat pleno.</p>")
    ArticleFactory(title="Debat kandidat", body="<p>Debat publik.</p>")


@fuzz
@given(text=queries)
def test_any_query_is_answered_never_an_error(client, articles, text):
    response = client.get(reverse("news:search"), {"q": text})
    assert response.status_code in (200, 400)
    if response.status_code == 200 and response.context is not None:  # None: a page from the page cache
        assert response.context["object_list"] or "Tidak ada berita yang cocok" in response.text


@fuzz
@given(text=queries)
def test_the_api_answers_any_query_with_json(client, articles, text):
    response = client.get("/api/v1/articles/", {"q": text})
    assert response.status_code in (200, 400)


@fuzz
@given(text=queries)
def test_the_database_accepts_every_parsed_query(articles, text):
    list(search(Article.objects.published(), text).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("pemilih -pemula", [[("pemilih",), ("pemula", "-")]]),
        ('"rapat pleno', [[("rapat", "pleno")]]),
        ("a b OR c", [[("a",), ("b",)], [("c",)]]),
        ("OR OR", [[("or",), ("or",)]]),
        ("-", []),
        ("-pemula", []),
        ("sainte-lague kursi", [[("sainte", "lague"), ("kursi",)]]),
        ("NEAR(rapat", [[("near",), ("rapat",)]]),
        ("_", []),
        ("rapat_pleno", [[("rapat", "pleno")]]),
    ],
)
def test_the_syntax_reads_as_websearch_to_tsquery_does(text, groups):
    read = [[term.words + (("-",) if term.negated else ()) for term in group] for group in parse(text).groups]
    assert read == groups


def test_ten_kilobytes_of_text_are_cut_not_refused(client, articles):
    response = client.get(reverse("news:search"), {"q": "debat " * 2000})
    assert response.status_code == 200
    assert [article.title for article in response.context["object_list"]] == ["Debat kandidat"]
