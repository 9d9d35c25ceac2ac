"""What she typed is kept: an address may come back with its domain in other letter case only."""

import pytest

from mailflow_specs.flows.checks import address_as_typed


@pytest.mark.parametrize("shown", ["OLA-Kowalska@EXAMPLE.COM", "OLA-Kowalska@example.com", "OLA-Kowalska@Example.Com"])
def test_an_address_kept_with_its_domain_in_other_case_counts_as_kept(shown: str) -> None:
    assert address_as_typed("OLA-Kowalska@EXAMPLE.COM").match(shown)


@pytest.mark.parametrize("shown", ["ola-kowalska@example.com", "OLA-Kowalska@example.co", "", "x OLA-Kowalska@example.com"])
def test_a_local_part_changed_or_anything_else_lost_is_not_kept(shown: str) -> None:
    assert not address_as_typed("OLA-Kowalska@EXAMPLE.COM").match(shown)


def test_a_value_that_is_not_an_address_must_come_back_exactly() -> None:
    assert address_as_typed("ola at example.com").match("ola at example.com")
    assert not address_as_typed("ola at example.com").match("ola at example.co")
