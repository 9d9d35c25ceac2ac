"""Features an implementation may not have at all, and the instructions they carry.

A profile's ``[absent]`` table names them (``captcha = "we stop robots otherwise"``): the
instructions of an absent feature are reported ``absent`` with the team's reason, never
failed nor passed, and the steps leave that part out (no CAPTCHA to type, no tick to set).
"""

from __future__ import annotations

from dataclasses import dataclass


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
    "captcha": ("captcha_image", "captcha_answer", "captcha_wrong"),
    "membership": ("membership", "membership_required"),
    "transliteration": ("use_suggestion", "transliteration_link", "transliteration_heading",
                        "transliteration_input", "transliterate", "transliteration_output", "name_not_latin"),
    "mailbox_button": ("view_mailbox",),
    "personal_data": ("edit_profile", "personal_data_heading", "profile_name", "unconfirmed_email",
                      "click_to_confirm", "edit", "save_profile", "profile_saved",
                      "confirmation_letter_resent", "resend_too_soon", "link_replaced"),
    "appeal": ("appeal", "appeal_prove_heading", "appeal_password", "appeal_continue",
               "appeal_choose_heading", "send_activation_letter", "activation_letter_sent",
               "activation_subject", "activate_link", "account_reactivated", "appeal_wrong_password"),
    "support_chat": ("contact_support", "support_chat_heading", "chat_conversation", "chat_message",
                     "chat_send", "console_heading", "console_chat_with", "console_account_facts",
                     "console_name", "console_email", "console_pending", "console_new_address",
                     "console_start_change"),
}

# A seam that only serves an absent feature is not needed: no CAPTCHA, no CAPTCHA seam.
SEAMS_OF_FEATURES = {
    "captcha_seam": "captcha",
    "support_console": "support_chat",
    "staff_seam": "support_chat",
}


def feature_of(instruction_id: str, absent: dict[str, str]) -> Feature | None:
    """The absent feature that carries this instruction, if any."""
    for name in absent:
        if instruction_id in FEATURES[name].instructions:
            return FEATURES[name]
    return None
