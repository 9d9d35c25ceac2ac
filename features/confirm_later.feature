@needs.captcha_seam
Feature: Confirming the email address later
  People do not always confirm their address at once, or the letter never arrives. The
  account then stays usable for a while, and the address can be confirmed later from the
  personal data: "Edit" first, then "Click here to confirm" in front of the address. An account left unconfirmed past the grace period is blocked (the way
  back is in reactivation.feature).
  (Guide: "Jak potwierdzić wiadomość e-mail ..., jeśli nie zrobiłeś tego od razu?")

  Rule: An unconfirmed account is usable for a grace period, then blocked

    @CONF-01
    Scenario: A shopper who has not confirmed the address can use the account
      Given Ola has registered but not confirmed her address
      When she signs in with her password
      Then she can use her account

    @CONF-01 @needs.mail_loss
    Scenario: A shopper whose letter never came asks for another one after "Edit"
      Given Ola's confirmation letter was lost while the mail server was down
      And she has pressed "Edit" on her personal data
      When she clicks "Click here to confirm" beside her address
      Then a confirmation letter with a link arrives at once
      And it is the only confirmation letter she has received

    @CONF-01 @hardening @needs.account_aging
    Scenario: The account is still usable just before the grace period ends
      Given Ola has registered but not confirmed her address
      And almost the whole grace period has passed since she registered
      When she signs in with her password
      Then she can use her account

    @CONF-02 @needs.account_aging
    Scenario: After the grace period the unconfirmed account is blocked
      Given Ola has registered but not confirmed her address
      And the grace period has passed since she registered
      When she signs in with her password
      Then she sees a notice that her account is blocked because her address was not confirmed

    @CONF-02 @hardening @needs.account_aging
    Scenario: A session opened before the block does not outlive it
      Given Ola has signed in without confirming her address
      And the grace period has passed since she registered
      When she opens "My account" from the header
      Then she sees a notice that her account is blocked because her address was not confirmed

  Rule: The personal data is reached through the settings and opens read-only

    @CONF-03 @CONF-04
    Scenario: The settings lead to the personal data, marked "Unconfirmed email"
      Given Ola has signed in without confirming her address
      When she follows "My account", "Profile settings", "Change settings" and "Edit profile"
      Then her personal data opens read-only
      And her address is marked "Unconfirmed email"

    @CONF-05
    Scenario: "Edit" at the bottom makes the personal data editable
      Given Ola has signed in without confirming her address
      And she has opened her personal data
      When she presses "Edit" at the bottom of the page
      Then she can change her name
      And the "Edit" she pressed was at the bottom of the page, below her personal data

    @CONF-05
    Scenario: A changed name is saved
      Given Ola is editing her personal data
      When she saves a new spelling of her name
      Then her personal data shows the new name, read-only again

    Scenario Outline: A name that breaks the rules of registration is not saved
      Given Ola is editing her personal data
      When she saves her personal data with <problem>
      Then the personal data refuses the name because "<reason>"

      @CONF-05 @hardening
      Examples: Names
        | problem                              | reason                           |
        | no name at all                       | the name is required             |
        | her name written in Cyrillic letters | the name is not in Latin letters |
        | a name written in Greek letters      | the name is not in Latin letters |
        | a name written in Arabic letters     | the name is not in Latin letters |
        | a name written in Chinese characters | the name is not in Latin letters |

  Rule: After "Edit", "Click here to confirm" sends a letter whose link confirms the address

    @CONF-06 @CONF-07
    Scenario: After "Edit", "Click here to confirm" in front of the address sends a letter at once
      Given Ola is editing her personal data
      When she clicks "Click here to confirm" beside her address
      Then a confirmation letter with a link arrives at once
      And the "Click here to confirm" she clicked stood beside her address

    @CONF-07 @hardening
    Scenario: The plain-text part of the new letter says the same, with the same link
      Given Ola has asked for a new confirmation letter from her personal data
      When she reads the plain-text part of the confirmation letter
      Then it holds the same link as the letter's HTML part
      And it tells nothing that the HTML part does not

    @CONF-08
    Scenario: The link in the new letter confirms the address
      Given Ola has asked for a new confirmation letter from her personal data
      When she follows the big link in the letter
      Then a new page says her email address is confirmed
      And her address is no longer marked "Unconfirmed email"

    @CONF-08 @hardening
    Scenario: A letter of another kind leaves the confirmation link working
      Given Ola has signed in without confirming her address
      And she has asked to verify through her current address
      When she follows the big link in the letter
      Then a new page says her email address is confirmed

    @CONF-08 @hardening
    Scenario: The confirmation shows in a browser where she was signed in all along
      Given Ola has signed in without confirming her address
      And she is signed in in a second browser too
      And she has pressed "Edit" on her personal data
      And she has asked for another confirmation letter
      When she follows the big link in the letter
      Then Ola's address is confirmed, seen from her second browser

  Rule: Time goes on for the account, whatever the shopper asks for

    @CONF-02 @CONF-07 @hardening @needs.account_aging
    Scenario: Asking for another letter near the end of the grace period does not restart it
      Given Ola asked for another confirmation letter near the end of the grace period
      And the rest of the grace period has passed
      When she opens "My account" from the header
      Then she sees a notice that her account is blocked because her address was not confirmed

    @CONF-07 @CONF-08 @hardening @needs.account_aging
    Scenario: A letter asked for near the end of the grace period still confirms the address
      Given Ola asked for another confirmation letter near the end of the grace period
      When she follows the big link in the letter
      Then a new page says her email address is confirmed

    @CONF-02 @hardening @needs.account_aging
    Scenario: A confirmed account is not blocked when the grace period has passed
      Given Ola has registered and confirmed her address
      And the grace period has passed since she registered
      When she signs in with her password
      Then she can use her account

  Rule: A shopper who has not confirmed her address can still change it

    @CHG-07 @CHG-08 @hardening
    Scenario: A shopper changes her address before confirming it
      Given Ola has signed in without confirming her address
      And she has asked to change her address to a new one
      When she types the code from the letter and confirms
      Then a page says her email address has been changed
      And her personal data shows her new address, not marked "Unconfirmed email"

  Rule: A new letter can be asked for only after a while, and only the newest link works

    @CONF-07 @hardening
    Scenario: Asking again too soon is refused, saying when it is possible
      Given Ola has asked for a new confirmation letter from her personal data
      When she clicks "Click here to confirm" beside her address again
      Then she is told she can ask again later, and when

    @CONF-07 @CONF-08 @hardening @needs.account_aging
    Scenario: A newer letter makes the link of the older one void
      Given Ola has asked for a new confirmation letter from her personal data
      And the waiting time for another letter has passed
      And she has asked for another confirmation letter
      When she follows the big link in the older letter
      Then a page says the link cannot be used because a newer one replaced it

    @CONF-08 @hardening
    Scenario: A confirmation link used twice is refused
      Given Ola has confirmed her address from the new letter
      When she follows the big link in the letter again
      Then a page says the link cannot be used because it was already used
