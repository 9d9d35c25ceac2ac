"""Target profiles are validated on load, naming the file, the key and what was expected."""

from pathlib import Path

import pytest

from mailflow_specs.errors import CapabilityMissing, NotApplicable, ProfileError
from mailflow_specs.targets.profile import TargetProfile

EXTERNAL = """
name = "acme"
[target]
base_url = "http://127.0.0.1:5999"
[mail]
api_url = "http://127.0.0.1:8025"
smtp = "127.0.0.1:1025"
webmail_url = "http://127.0.0.1:8026"
[routes]
home = "/"
[labels]
register = "Sign up"
[refusals]
email_taken = "Taken"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "acme.toml"
    path.write_text(text)
    return path


def test_the_reference_profile_is_valid_and_starts_its_own_stack() -> None:
    profile = TargetProfile.load("reference")
    assert profile.starts_reference_app and profile.starts_catcher
    assert profile.labels["create_profile"] == "Create your profile"


def test_an_external_profile_names_where_the_target_and_its_mail_are(tmp_path: Path) -> None:
    profile = TargetProfile.load(write(tmp_path, EXTERNAL))
    assert not profile.starts_reference_app and not profile.starts_catcher
    assert profile.base_url == "http://127.0.0.1:5999"
    assert profile.mail_smtp == "127.0.0.1:1025"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('base_url = "http://127.0.0.1:5999"', 'base_url = "ftp://x"'),
         "expected [target] base_url to be an http(s) URL such as http://127.0.0.1:5000, got 'ftp://x'"),
        (('base_url = "http://127.0.0.1:5999"', ""),
         "expected [target] base_url to be text, it is missing"),
        (('smtp = "127.0.0.1:1025"', 'smtp = "localhost"'),
         "expected [mail] smtp to be host:port such as 127.0.0.1:1025, got 'localhost'"),
        (('register = "Sign up"', "register = 42"),
         "expected [labels] register to be text, got 42"),
        (('home = "/"', 'home = "/"\n[capabilities]\ntime_travel = "/t"'),
         "[capabilities] time_travel is not a key the harness knows (expected one of account_aging, account_seam"),
        (('home = "/"', 'home = "/"\n[deviations]\nREG = "x"'),
         "expected [deviations] REG to be keyed by an instruction ID such as REG-08"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_key_and_what_was_expected(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, EXTERNAL.replace(*change))
    with pytest.raises(ProfileError) as refused:
        TargetProfile.load(path)
    assert str(path) in str(refused.value)
    assert message in str(refused.value)


def test_a_profile_that_is_not_toml_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "name = ")
    with pytest.raises(ProfileError, match="is not valid TOML"):
        TargetProfile.load(path)


def test_an_unknown_profile_name_lists_the_known_ones() -> None:
    with pytest.raises(ProfileError, match=r"known names: .*reference"):
        TargetProfile.load("no-such-target")


def test_a_missing_label_names_the_profile_and_the_key(tmp_path: Path) -> None:
    profile = TargetProfile.load(write(tmp_path, EXTERNAL))
    with pytest.raises(ProfileError, match=r"\[labels\]: expected a text for 'create_profile'"):
        profile.labels["create_profile"]


def test_a_missing_seam_is_a_skip_with_the_reason(tmp_path: Path) -> None:
    profile = TargetProfile.load(write(tmp_path, EXTERNAL))
    with pytest.raises(CapabilityMissing, match="no test seam that ages an account"):
        profile.seam("account_aging")


def test_every_shipped_profile_of_bazaar_supplies_the_same_label_and_refusal_keys_as_the_reference() -> None:
    from mailflow_specs.targets.profile import TARGETS_DIR

    reference = TargetProfile.load("reference")
    for path in TARGETS_DIR.glob("*.toml"):
        profile = TargetProfile.load(path)
        if profile.absent:  # a foreign implementation: it lacks some features, and their texts
            continue
        assert set(profile.labels.texts) == set(reference.labels.texts), path.name
        assert set(profile.refusals.texts) == set(reference.refusals.texts), path.name


def test_a_foreign_profile_names_its_absent_features_a_split_name_and_timings_of_none(tmp_path) -> None:
    profile = TargetProfile.load("flask-security")
    assert set(profile.absent) >= {"captcha", "membership", "transliteration", "support_chat"}
    assert profile.name_fields == ("First Name", "Last Name")
    assert profile.timing("grace_period_days") == 0
    with pytest.raises(NotApplicable, match="email_change_code_attempts"):
        profile.timing("email_change_code_attempts")


def test_an_unknown_label_key_is_refused_naming_the_likely_one(tmp_path) -> None:
    source = (TargetProfile.load("reference").path).read_text(encoding="utf-8")
    bad = tmp_path / "typo.toml"
    bad.write_text(source.replace('register = "Register"', 'registr = "Register"'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"registr is not a key the harness knows.*'register'"):
        TargetProfile.load(bad)


def test_an_unknown_absent_feature_is_refused_naming_the_likely_one(tmp_path) -> None:
    source = (TargetProfile.load("flask-security").path).read_text(encoding="utf-8")
    bad = tmp_path / "absent.toml"
    bad.write_text(source.replace('captcha = "no CAPTCHA', 'capcha = "no CAPTCHA'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"\[absent\] capcha is not a key the harness knows \(did you mean 'captcha'"):
        TargetProfile.load(bad)


def test_unknown_keys_of_capabilities_links_and_absent_are_named_together_with_the_rest(tmp_path: Path) -> None:
    text = EXTERNAL.replace("[routes]", '[routes]\nregistr = "/join"', 1) + (
        '\n[capabilities]\naging = "/t/age"\n[links]\nconfirm = "/c/"\n[absent]\nchat = "none"\n')
    with pytest.raises(ProfileError) as refused:
        TargetProfile.load(write(tmp_path, text))
    said = str(refused.value)
    for part in ("[routes] registr is not a key the harness knows (did you mean 'register'?)",
                 "[capabilities] aging", "[links] confirm", "[absent] chat"):
        assert part in said, said


def test_every_flow_entry_has_a_route_key() -> None:
    from mailflow_specs.targets.labels import Route

    assert {r.value for r in Route} == {"home", "sign_in", "register", "account", "personal_data",
                                        "change_email", "appeal"}


def test_every_unknown_key_of_every_table_is_named_at_once_with_the_key_it_likely_means(tmp_path: Path) -> None:
    text = "timeout_second = 30\n" + EXTERNAL.replace("[mail]", '[mail]\ncatchr = "maildev"', 1).replace(
        "[routes]", '[routes]\nsign_on = "/login"', 1)
    with pytest.raises(ProfileError) as refused:
        TargetProfile.load(write(tmp_path, text))
    message = str(refused.value)
    assert "timeout_second is not a key the harness knows (did you mean 'timeout_seconds'?)" in message
    assert "[mail] catchr is not a key the harness knows (did you mean 'catcher'?)" in message
    assert "[routes] sign_on is not a key the harness knows (did you mean 'sign_in'?)" in message


def test_a_timing_the_harness_does_not_know_is_refused_at_load(tmp_path: Path) -> None:
    text = EXTERNAL + "[timing]\ngrace_period_day = 7\n"
    with pytest.raises(ProfileError, match=r"\[timing\] grace_period_day is not a key .*'grace_period_days'"):
        TargetProfile.load(write(tmp_path, text))


def test_no_shipped_profile_supplies_a_text_that_no_step_reads() -> None:
    from mailflow_specs.targets.labels import RETIRED_LABELS

    for name in ("reference", "bazaar-pl", "flask-security", "template"):
        profile = TargetProfile.load(name)
        assert not RETIRED_LABELS & set(profile.labels.texts), name


def test_the_mail_catcher_is_chosen_by_the_profile_and_mailpit_stays_the_default(tmp_path: Path) -> None:
    assert TargetProfile.load("reference").catcher == "mailpit"
    chosen = TargetProfile.load(write(tmp_path, EXTERNAL.replace("[mail]", '[mail]\ncatcher = "maildev"', 1)))
    assert chosen.catcher == "maildev" and not chosen.starts_catcher
    with pytest.raises(ProfileError, match=r"\[mail\] catcher to be 'mailpit' or 'maildev', got 'mailhog'"):
        TargetProfile.load(write(tmp_path, EXTERNAL.replace("[mail]", '[mail]\ncatcher = "mailhog"', 1)))


def test_a_viewport_is_width_by_height(tmp_path: Path) -> None:
    assert TargetProfile.load(write(tmp_path, 'viewport = "1024x768"\n' + EXTERNAL)).viewport == (1024, 768)
    with pytest.raises(ProfileError, match="viewport to be WIDTHxHEIGHT"):
        TargetProfile.load(write(tmp_path, 'viewport = "big"\n' + EXTERNAL))


@pytest.mark.parametrize("name", ["../../tmp/escaped", "a/b", "", ".hidden", "x" * 65, "spaces here"])
def test_a_name_that_could_leave_the_reports_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ProfileError, match=r"acme\.toml: expected name to be (letters, digits|text)"):
        TargetProfile.load(write(tmp_path, EXTERNAL.replace('name = "acme"', f"name = {name!r}".replace("'", '"'))))


def test_a_profile_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(EXTERNAL.replace('"acme"', '"acm\xe9"').encode("latin-1"))
    with pytest.raises(ProfileError) as refused:
        TargetProfile.load(path)
    assert str(refused.value).startswith(f"{path}: is not UTF-8 text") and "\n" not in str(refused.value)
