"""Features an implementation may not have at all, and the instructions they carry.

A profile's ``[absent]`` table names them (``captcha = "we stop robots otherwise"``): the
instructions of an absent feature are reported ``absent`` with the team's reason, never
failed nor passed, and the steps leave that part out (no CAPTCHA to type, no tick to set).
"""

from __future__ import annotations

from dataclasses import dataclass

from mailflow_specs.targets.labels import Capability, Label, Refusal


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    what: str
    instructions: tuple[str, ...]


FEATURES = {feature.name: feature for feature in (
    Feature("captcha", "CAPTCHA on the registration form", ("REG-08",)),
    Feature("membership", "club-membership tick on the registration form", ("REG-09",)),
    Feature("transliteration", "transliteration aid for names in other alphabets", ("REG-05",)),
    Feature("mailbox_button", '"View" button from the success window to the mailbox site', ("REG-12",)),
    Feature("personal_data", 'personal-data page marking an "Unconfirmed email", with '
            '"Edit" and "Click here to confirm"', ("CONF-03", "CONF-04", "CONF-05", "CONF-06")),
    Feature("appeal", "appeal for reactivation of a blocked account", ("CONF-10",)),
    Feature("support_chat", "chat with customer support", ("CHG-09",)),
)}

# The profile texts only a feature uses: a target without the feature needs none of them.
TEXTS_OF_FEATURES = {
    "captcha": (Label.CAPTCHA_IMAGE, Label.CAPTCHA_ANSWER, Refusal.CAPTCHA_WRONG),
    "membership": (Label.MEMBERSHIP, Refusal.MEMBERSHIP_REQUIRED),
    "transliteration": (Label.USE_SUGGESTION, Label.TRANSLITERATION_LINK, Label.TRANSLITERATION_INPUT,
                        Label.TRANSLITERATE, Label.TRANSLITERATION_OUTPUT, Refusal.NAME_NOT_LATIN),
    "mailbox_button": (Label.VIEW_MAILBOX,),
    "personal_data": (Label.EDIT_PROFILE, Label.PERSONAL_DATA_HEADING, Label.PROFILE_NAME, Label.UNCONFIRMED_EMAIL,
                      Label.CLICK_TO_CONFIRM, Label.EDIT, Label.SAVE_PROFILE, Label.PROFILE_SAVED,
                      Label.CONFIRMATION_LETTER_RESENT, Refusal.RESEND_TOO_SOON, Refusal.LINK_REPLACED),
    "appeal": (Label.APPEAL, Label.APPEAL_PROVE_HEADING, Label.APPEAL_PASSWORD, Label.APPEAL_CONTINUE,
               Label.APPEAL_CHOOSE_HEADING, Label.SEND_ACTIVATION_LETTER, Label.ACTIVATION_LETTER_SENT,
               Label.ACTIVATION_SUBJECT, Label.ACTIVATE_LINK, Label.ACCOUNT_REACTIVATED, Refusal.APPEAL_WRONG_PASSWORD),
    "support_chat": (Label.CONTACT_SUPPORT, Label.SUPPORT_CHAT_HEADING, Label.CHAT_CONVERSATION, Label.CHAT_MESSAGE,
                     Label.CHAT_SEND, Label.CONSOLE_HEADING, Label.CONSOLE_CHAT_WITH, Label.CONSOLE_ACCOUNT_FACTS,
                     Label.CONSOLE_PENDING, Label.CONSOLE_NEW_ADDRESS, Label.CONSOLE_START_CHANGE),
}

# A seam that only serves an absent feature is not needed: no CAPTCHA, no CAPTCHA seam.
SEAMS_OF_FEATURES = {
    Capability.CAPTCHA_SEAM: "captcha",
    Capability.SUPPORT_CONSOLE: "support_chat",
    Capability.STAFF_SEAM: "support_chat",
}


def feature_of(instruction_id: str, absent: dict[str, str]) -> Feature | None:
    """The absent feature that carries this instruction, if any."""
    for name in absent:
        if instruction_id in FEATURES[name].instructions:
            return FEATURES[name]
    return None
