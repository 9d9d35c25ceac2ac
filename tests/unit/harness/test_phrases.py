"""Phrases of the feature files: one table per kind, an unknown one lists the known ones."""

import pytest

from mailflow_specs.actors.personas import make_persona
from mailflow_specs.actors.phrases import PhraseTable, form_fields, refusal_reasons
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.errors import StepMismatch
from mailflow_specs.flows.email_change_problems import LINK_MOMENTS
from mailflow_specs.flows.registration import NAME_PROBLEMS, REGISTRATION_PROBLEMS
from mailflow_specs.targets.labels import Label, Refusal
from mailflow_specs.targets.profile import TargetProfile


def test_an_unknown_phrase_lists_the_known_ones():
    table = PhraseTable("reason", {"the code is wrong": "code_wrong", "the code has expired": "code_expired"})
    with pytest.raises(StepMismatch) as raised:
        table.lookup("the code is rong")
    assert str(raised.value) == (
        'Expected a reason this harness knows ("the code is wrong"; "the code has expired"); '
        'got "the code is rong".')


def test_a_phrase_with_a_pronoun_is_kept_once_and_fits_every_shopper():
    ola, marek = Shopper(make_persona("Ola")), Shopper(make_persona("Marek"))
    cyrillic = NAME_PROBLEMS.lookup("her name written in Cyrillic letters", ola)
    assert cyrillic(ola) == ola.native_name
    assert NAME_PROBLEMS.lookup("his name written in Cyrillic letters", marek)(marek) == marek.native_name
    assert "a second time, after sending his request" in LINK_MOMENTS


def test_a_phrase_whose_pronoun_does_not_fit_the_shopper_fails_saying_so():
    marek = Shopper(make_persona("Marek"))
    with pytest.raises(StepMismatch, match=r"says 'her' of Marek, whose pronoun is 'he'"):
        REGISTRATION_PROBLEMS.lookup("her name written in Cyrillic letters", marek)


def test_every_reason_and_field_names_a_key_of_the_reference_profile():
    profile = TargetProfile.load("reference")
    for reason in refusal_reasons():
        profile.refusals[refusal_reasons().lookup(reason)]
    for field in form_fields():
        profile.labels[form_fields().lookup(field)]


def test_every_label_and_refusal_constant_is_in_the_template_profile():
    template = TargetProfile.load("template")
    assert [key for key in Label if key not in template.labels] == []
    assert [key for key in Refusal if key not in template.refusals] == []
