"""Accounts: nobody signs up on their own; members sign in with their email."""

from django.contrib.auth import get_user_model

from tests.conftest import PASSWORD, make_practice, restrict_to_members

SIGNUP = "/accounts/signup/"


class TestSignupIsClosed:
    def test_signup_page_says_membership_is_by_invitation(self, client, db):
        response = client.get(SIGNUP)
        assert response.status_code == 200
        html = response.content.decode()
        assert "invitation" in html.lower()
        assert 'name="password1"' not in html
        assert 'name="email"' not in html

    def test_posting_the_signup_form_creates_nobody(self, client, db):
        before = get_user_model().objects.count()
        response = client.post(
            SIGNUP,
            {
                "email": "intruder@example.org",
                "password1": "a long enough pass 123",
                "password2": "a long enough pass 123",
            },
        )
        assert response.status_code == 200
        assert get_user_model().objects.count() == before
        assert not get_user_model().objects.filter(email="intruder@example.org").exists()
        assert "_auth_user_id" not in client.session


class TestSignIn:
    def test_member_signs_in_with_email_and_lands_on_the_page_they_wanted(self, client, member, stockholm):
        practice = make_practice(stockholm, "Closed practice", "closed", summary="For members.")
        restrict_to_members(practice)
        login_url = client.get(practice.url)["Location"]
        response = client.post(login_url, {"login": member.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == practice.url
        assert "For members." in client.get(practice.url).content.decode()

    def test_wrong_password_is_refused(self, client, member):
        response = client.post("/accounts/login/", {"login": member.email, "password": "wrong password"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


class TestHostileSignIn:
    HOSTILE = [
        {"login": "a" * 10_000 + "@example.org", "password": "x"},
        {"login": "member@example.org\x00", "password": PASSWORD},
        {"login": "<script>alert(1)</script>", "password": "x"},
        {"login": "", "password": ""},
        {"login": ["a@example.org", "b@example.org"], "password": "x"},
        {"password": PASSWORD},
    ]

    def test_junk_gets_the_form_back_and_no_session(self, client, member):
        for data in self.HOSTILE:
            response = client.post("/accounts/login/", data)
            assert response.status_code == 200, data
            assert "_auth_user_id" not in client.session
            assert b"<script>alert(1)</script>" not in response.content

    def test_junk_next_parameter_does_not_leave_the_site(self, client, member):
        for target in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]:
            response = client.post(f"/accounts/login/?next={target}", {"login": member.email, "password": PASSWORD})
            assert response.status_code == 302
            assert "evil.example" not in response["Location"], target
            assert not response["Location"].startswith("javascript"), target
            client.logout()
