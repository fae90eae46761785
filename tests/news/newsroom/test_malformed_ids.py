"""A malformed id in any admin address (a typo, a cut-off link, a 30-digit number) answers as a
missing object, never with a 500."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

MALFORMED = ["abc", "1x", "9" * 30]


def change_urls():
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
        for bad in MALFORMED:
            try:
                yield reverse(name, args=[bad])
            except NoReverseMatch:
                continue


@pytest.mark.parametrize("who", ["editor", "superadmin"])
def test_a_malformed_id_in_any_change_form_is_not_a_server_error(client, request, who):
    client.force_login(request.getfixturevalue(who))
    answers = {url: client.get(url).status_code for url in change_urls()}
    assert answers
    assert {url: status for url, status in answers.items() if status >= 500} == {}
