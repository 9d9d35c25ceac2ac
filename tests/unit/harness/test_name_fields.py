"""A name typed into a form that asks for it in several fields, as its bearer would type it."""

from mailflow_specs.pages.registration import split_name


def test_the_first_word_goes_first_and_the_rest_last() -> None:
    assert split_name("Ola Maria Kowalska", 2) == ["Ola", "Maria Kowalska"]
    assert split_name("Ελένη Παπαδοπούλου", 2) == ["Ελένη", "Παπαδοπούλου"]


def test_a_name_of_one_word_leaves_the_last_field_empty() -> None:
    assert split_name("Olenka", 2) == ["Olenka", ""]


def test_a_chinese_name_puts_the_given_name_first_and_the_family_name_last() -> None:
    assert split_name("王美", 2) == ["美", "王"]
    assert split_name("王美", 3) == ["美", "", "王"]


def test_one_field_takes_the_name_as_written() -> None:
    assert split_name("王美", 1) == ["王美"]
