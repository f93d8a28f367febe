"""The signing functions reproduce spec/00-mechanics.md §10's test vectors."""

import pytest

from openlux.auth import signing

SECRET, TOKEN, DATE = "EXAMPLESECRET", "EXAMPLETOKEN", "1617889562"
AUTH = "66840164-1617889562-3d472a77806a340161982d8e034219034007ed9518f452f4b6f8c2ddd8b5b03a"


def test_account_auth_vector() -> None:
    assert signing.sign_auth(SECRET, TOKEN, DATE) == "d66bac593d304294acad3861acdf69e4d0c4cdbf749330565385b0f4470da0ca"


def test_user_auth_vector() -> None:
    got = signing.sign_auth(SECRET, TOKEN, DATE, "jdoe@example.com", "p@ss word")
    assert got == "fbf96dcc71f257f81281b1bc707ded742f54af5f608738e548a2346623a26bf5"


@pytest.mark.parametrize(
    ("method", "path", "query", "body", "expected"),
    [
        (
            "GET",
            "/perl/api/v2/user/jdoe@example.com/profile",
            "",
            b"",
            "6bb0841850dff27cac01be05a2f49696392d9762b5eb6af897d58963b377a0d8",
        ),
        (
            "GET",
            "/perl/api/v2/account/12345/report/email/smtp/sent",
            "from_date=2021-01-01%2000%3A00%3A00&matches=10",
            b"",
            "e6402e60831eae035b60b0a6917a436f11b785d49062e88e5408546bce6149ce",
        ),
        (
            "POST",
            "/perl/api/v2/account/12345/dkim",
            "",
            b'{"domain":"example.org"}',
            "c1140e16a5b2be5e9f270d2fed35444db694111c527ee7528955c931fd64583d",
        ),
        ("DELETE", "/perl/api/v2/auth", "", b"", "59c9fd7c07375d556959ed51743f0f7e63a36e6e6e571ca303017aab47b01790"),
    ],
)
def test_request_vectors(method: str, path: str, query: str, body: bytes, expected: str) -> None:
    assert signing.sign_request(SECRET, AUTH, method, path, query, body) == expected


def test_body_hash_trims_surrounding_whitespace_like_php_and_csharp() -> None:
    assert signing.body_hash("PUT", b'  {"a":1}\n') == signing.body_hash("PUT", b'{"a":1}')
    assert signing.body_hash("POST", b'{"domain":"example.org"}') == (
        "777269f8775dad1bc388f0601a81dd7a88ad40e613d3ea9412c0dd7aee135252"
    )
    assert signing.body_hash("GET", b"ignored") == ""


@pytest.mark.parametrize(
    "header",
    [
        f"signature={AUTH}:ABCDEF",
        f"other=1; signature={AUTH}:ABCDEF; $Path=/",
        f'$Version=1; signature="{AUTH}:ABCDEF"',
    ],
)
def test_signature_cookie_splits_at_last_colon_among_other_cookies(header: str) -> None:
    assert signing.parse_signature_cookie(header) == (AUTH, "ABCDEF")


@pytest.mark.parametrize("header", ["", "signature=", "signature=nocolon", "foo=bar", "signature=:abc"])
def test_unusable_signature_cookie_is_none(header: str) -> None:
    assert signing.parse_signature_cookie(header) is None
