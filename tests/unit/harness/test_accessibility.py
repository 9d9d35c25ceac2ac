"""Accessibility results: page states, violations, the failure message and the report section."""

from pathlib import Path

import pytest
from dominate.tags import div

from mailflow_specs.errors import ProfileError
from mailflow_specs.report.accessibility import AccessibilityLog, PageScan, Violation, serious_failure, state_key
from mailflow_specs.report.accessibility_view import accessibility_section
from mailflow_specs.targets.profile import TargetProfile

IMAGE_ALT = {
    "id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
    "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/image-alt",
    "nodes": [{"target": ["img.captcha__picture"], "html": '<img class="captcha__picture" src="/c.png">',
               "failureSummary": "Element does not have an alt attribute"}],
}
REGION = {"id": "region", "impact": "moderate", "help": "All page content should be contained by landmarks",
          "helpUrl": "", "nodes": [{"target": ["p"], "html": "<p>Hi</p>"}]}


def state(url: str, shape: str = "MAIN.|H1.") -> dict:
    return {"url": url, "lang": "en", "shape": shape}


def scan(key: str, *raw: dict, name: str = "Registration") -> PageScan:
    return PageScan(key=key, name=name, url="http://127.0.0.1:5000/register", seen_by="shopper", language="en",
                    violations=tuple(Violation.from_axe(r) for r in raw), first_seen_in="Registration › One")


def test_the_same_screen_reached_with_other_tokens_and_addresses_is_one_page_state() -> None:
    first = state_key(state("http://127.0.0.1:5000/confirm/glWkts3jgFvBuHIxt7aKF4Q11Kt6itWjbdkYeGpw"))
    again = state_key(state("http://127.0.0.1:5000/confirm/4m7a2jQTeiEEFv1H0ubFvf_UYhEcJk1Hhs9V83ag"))
    inbox = state_key(state("http://127.0.0.1:5001/inbox/ola-7c2e@example.com"))
    other_inbox = state_key(state("http://127.0.0.1:5001/inbox/marek-1f3a@example.com"))
    assert first == again and inbox == other_inbox and first != inbox


def test_a_refusal_beside_a_field_makes_a_new_page_state() -> None:
    clean = state_key(state("http://127.0.0.1:5000/register", "FORM.|INPUT.field__input[type=text]"))
    refused = state_key(state("http://127.0.0.1:5000/register",
                              "FORM.|INPUT.field__input[type=text][aria-invalid=true]|P.field__error"))
    assert clean != refused


def test_a_serious_violation_is_named_with_its_rule_element_and_page() -> None:
    message = serious_failure([scan("a", IMAGE_ALT, REGION)])
    assert message.startswith("Expected no serious or critical accessibility violation")
    assert "image-alt (critical) at img.captcha__picture: Images must have alternative text" in message
    assert "'Registration' (http://127.0.0.1:5000/register)" in message
    assert "region" not in message  # moderate: reported, never a failure


def test_pages_with_only_moderate_violations_fail_nothing() -> None:
    assert serious_failure([scan("a", REGION), scan("b")]) == ""


def test_the_json_lists_every_page_with_its_violations_and_scenarios() -> None:
    log = AccessibilityLog("fail-serious")
    page = scan("a", IMAGE_ALT)
    log.scans["a"] = page
    log.saw(page, "Registration › One")
    log.saw(page, "Registration › One")
    data = log.to_json()
    assert data["mode"] == "fail-serious" and data["violations_by_impact"]["critical"] == 1
    assert data["pages"][0]["seen_in"] == ["Registration › One"]
    assert data["pages"][0]["violations"][0]["elements"][0]["target"] == "img.captcha__picture"


def test_the_report_section_has_a_rules_by_pages_table_and_each_page_by_impact() -> None:
    log = AccessibilityLog("report")
    log.scans = {"a": scan("a", IMAGE_ALT, REGION), "b": scan("b", name="Welcome to Bazaar")}
    with div() as page:
        accessibility_section(log)
    html = page.render()
    assert "Rules × pages" in html and "<th scope=\"col\"" in html and "image-alt" in html
    assert 'href="#a11y-1"' in html and "Welcome to Bazaar — no violation" in html
    assert "Critical (1)" in html and "Moderate (1)" in html and "img.captcha__picture" in html


def test_a_profile_refuses_an_unknown_accessibility_mode(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[3] / "fixtures" / "targets" / "reference.toml").read_text()
    path = tmp_path / "strict.toml"
    path.write_text(text.replace('accessibility = "fail-serious"', 'accessibility = "strict"'))
    expected = r"expected accessibility to be 'report' or 'fail-serious' or 'off', got 'strict'"
    with pytest.raises(ProfileError, match=expected):
        TargetProfile.load(path)


def test_the_reference_profiles_fail_on_serious_violations() -> None:
    assert TargetProfile.load("reference").accessibility == "fail-serious"
    assert TargetProfile.load("bazaar-pl").accessibility == "fail-serious"
