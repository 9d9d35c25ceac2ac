"""The keys of a target profile, as named constants: its texts, timings, routes and capabilities.

Every key the harness looks up in ``[labels]``, ``[refusals]``, ``[timing]``, ``[routes]`` or
``[capabilities]`` is a member here, so a typo is an AttributeError at import time instead of a
missing text in the middle of a run, and a profile key that is no member is refused at load.
Members are strings: ``profile.labels[Label.MY_ACCOUNT]`` reads ``labels.my_account``.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """A key of the profile's ``[labels]``: a visible text the steps look for."""

    REGISTER = "register"
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    MY_ACCOUNT = "my_account"
    REGISTRATION_HEADING = "registration_heading"
    NAME = "name"  # one label, or a list of labels for a name asked in several fields
    EMAIL = "email"
    PASSWORD = "password"
    PASSWORD_REPEAT = "password_repeat"
    CAPTCHA_IMAGE = "captcha_image"
    CAPTCHA_ANSWER = "captcha_answer"
    MEMBERSHIP = "membership"
    CREATE_PROFILE = "create_profile"
    USE_SUGGESTION = "use_suggestion"
    TRANSLITERATION_LINK = "transliteration_link"
    TRANSLITERATION_INPUT = "transliteration_input"
    TRANSLITERATE = "transliterate"
    TRANSLITERATION_OUTPUT = "transliteration_output"
    REGISTRATION_SUCCEEDED = "registration_succeeded"
    CONFIRMATION_LETTER_SENT = "confirmation_letter_sent"
    VIEW_MAILBOX = "view_mailbox"
    CONFIRMATION_SUBJECT = "confirmation_subject"
    CONFIRM_LINK = "confirm_link"
    EMAIL_CONFIRMED = "email_confirmed"
    LINK_UNUSABLE = "link_unusable"
    SIGN_IN_BUTTON = "sign_in_button"
    PROFILE_SETTINGS = "profile_settings"
    CHANGE_SETTINGS = "change_settings"
    CHANGE_EMAIL = "change_email"
    VERIFY_NOW = "verify_now"
    CONTACT_SUPPORT = "contact_support"
    EMAIL_CHANGE_LINK_SUBJECT = "email_change_link_subject"
    EMAIL_CHANGE_LINK = "email_change_link"
    NEW_ADDRESS_HEADING = "new_address_heading"
    NEW_ADDRESS = "new_address"
    SEND_REQUEST = "send_request"
    CODE_SUBJECT = "code_subject"
    CODE_LINK = "code_link"
    CONFIRMATION_CODE = "confirmation_code"
    CONFIRM_CODE = "confirm_code"
    EMAIL_CHANGED = "email_changed"
    CHANGE_NOTICE_SUBJECT = "change_notice_subject"
    CHANGE_NOTICE_HELP = "change_notice_help"
    SUPPORT_CHAT_HEADING = "support_chat_heading"
    CHAT_CONVERSATION = "chat_conversation"
    CHAT_MESSAGE = "chat_message"
    CHAT_SEND = "chat_send"
    CONSOLE_HEADING = "console_heading"
    CONSOLE_CHAT_WITH = "console_chat_with"
    CONSOLE_ACCOUNT_FACTS = "console_account_facts"
    CONSOLE_PENDING = "console_pending"
    CONSOLE_NEW_ADDRESS = "console_new_address"
    CONSOLE_START_CHANGE = "console_start_change"
    EDIT_PROFILE = "edit_profile"
    PERSONAL_DATA_HEADING = "personal_data_heading"
    PROFILE_NAME = "profile_name"
    UNCONFIRMED_EMAIL = "unconfirmed_email"
    CLICK_TO_CONFIRM = "click_to_confirm"
    EDIT = "edit"
    SAVE_PROFILE = "save_profile"
    PROFILE_SAVED = "profile_saved"
    CONFIRMATION_LETTER_RESENT = "confirmation_letter_resent"
    ACCOUNT_BLOCKED = "account_blocked"
    BLOCKED_BECAUSE_UNCONFIRMED = "blocked_because_unconfirmed"
    APPEAL = "appeal"
    APPEAL_PROVE_HEADING = "appeal_prove_heading"
    APPEAL_PASSWORD = "appeal_password"
    APPEAL_CONTINUE = "appeal_continue"
    APPEAL_CHOOSE_HEADING = "appeal_choose_heading"
    SEND_ACTIVATION_LETTER = "send_activation_letter"
    ACTIVATION_LETTER_SENT = "activation_letter_sent"
    ACTIVATION_SUBJECT = "activation_subject"
    ACTIVATE_LINK = "activate_link"
    ACCOUNT_REACTIVATED = "account_reactivated"


class Refusal(StrEnum):
    """A key of the profile's ``[refusals]``: the message that refuses bad input."""

    NAME_REQUIRED = "name_required"
    NAME_NOT_LATIN = "name_not_latin"
    EMAIL_INVALID = "email_invalid"
    EMAIL_NOT_LATIN = "email_not_latin"
    EMAIL_TAKEN = "email_taken"
    PASSWORD_TOO_SIMPLE = "password_too_simple"
    PASSWORDS_DIFFER = "passwords_differ"
    CAPTCHA_WRONG = "captcha_wrong"
    MEMBERSHIP_REQUIRED = "membership_required"
    LINK_USED = "link_used"
    LINK_EXPIRED = "link_expired"
    WRONG_CREDENTIALS = "wrong_credentials"
    NEW_ADDRESS_SAME = "new_address_same"
    CODE_WRONG = "code_wrong"
    CODE_VOID = "code_void"
    CODE_EXPIRED = "code_expired"
    RESEND_TOO_SOON = "resend_too_soon"
    APPEAL_WRONG_PASSWORD = "appeal_wrong_password"
    LINK_REPLACED = "link_replaced"


class Timing(StrEnum):
    """A key of the profile's ``[timing]``: a rule's duration (its unit ends the key) or count."""

    LINK_LIFETIME_HOURS = "link_lifetime_hours"
    EMAIL_CHANGE_LINK_LIFETIME_HOURS = "email_change_link_lifetime_hours"
    EMAIL_CHANGE_CODE_LIFETIME_MINUTES = "email_change_code_lifetime_minutes"
    EMAIL_CHANGE_CODE_ATTEMPTS = "email_change_code_attempts"
    GRACE_PERIOD_DAYS = "grace_period_days"
    CONFIRMATION_RESEND_SECONDS = "confirmation_resend_seconds"
    ACTIVATION_LINK_LIFETIME_HOURS = "activation_link_lifetime_hours"


# Texts earlier profiles supplied that no step reads: still accepted in [labels], never asked for.
RETIRED_LABELS = frozenset({"transliteration_heading", "sign_in_heading", "link_sent_heading", "code_heading",
                            "console_name", "console_email"})


class Route(StrEnum):
    """A key of the profile's ``[routes]``: a path a step opens directly. Besides the home
    page, each is a flow's entry, taken where the page offers no control for it (and the
    control is not the scenario's own subject)."""

    HOME = "home"
    SIGN_IN = "sign_in"
    REGISTER = "register"
    ACCOUNT = "account"
    PERSONAL_DATA = "personal_data"
    CHANGE_EMAIL = "change_email"
    APPEAL = "appeal"


class Capability(StrEnum):
    """A key of the profile's ``[capabilities]``: a test seam (or the support console) the target
    offers, at a path. A scenario asks for one with a ``@needs.<capability>`` tag."""

    CAPTCHA_SEAM = "captcha_seam"
    ACCOUNT_AGING = "account_aging"
    SUPPORT_CONSOLE = "support_console"
    STAFF_SEAM = "staff_seam"
    ACCOUNT_SEAM = "account_seam"
    MAIL_LOSS = "mail_loss"
