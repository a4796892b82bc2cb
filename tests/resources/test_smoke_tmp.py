from tests.conftest import make_practice, restrict_to_members


def test_members_only_practice_redirects_anonymous(client, stockholm):
    practice = make_practice(stockholm, "Crowded places", "crowded")
    restrict_to_members(practice)
    response = client.get(practice.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
