@needs.captcha_seam
Feature: Changing the email address through the old mailbox
  A shopper who can still open the mailbox of her current address changes it herself:
  a link to the old address proves the account is hers, a code to the new address proves
  the new one is hers too, and the old address is told about the change.
  (Guide: "Jak zmienić adres e-mail ...?")

  Background:
    Given Ola has registered and confirmed her address
    And she is signed in

  Rule: "Change email address" is found under the profile settings and offers two ways

    @CHG-01 @CHG-02 @CHG-03
    Scenario: Changing the address offers the old mailbox or customer support
      When she follows "My account", "Profile settings", "Change settings" and "Change email address"
      Then the page to change her email address opens
      And she is offered to verify through her current address or to contact customer support

  Rule: A link to the old address opens the form for the new one

    @CHG-04 @CHG-05
    Scenario: "Verify now" sends a letter with a link to the current address
      Given she has chosen to change her email address
      When she presses "Verify now"
      Then a letter with a link arrives at her current address

    @CHG-05
    Scenario: The link in the letter opens the form for the new address
      Given she has asked to verify through her current address
      When she follows the link in the letter
      Then a form for her new address opens

    @CHG-05 @hardening
    Scenario: The plain-text part of the letter says the same, with the same link
      Given she has asked to verify through her current address
      When she reads the plain-text part of the letter with the link
      Then it holds the same link as the letter's HTML part
      And it tells nothing that the HTML part does not

    @CHG-05 @hardening
    Scenario: The link opened in a fresh browser opens the form for the new address there
      Given she has asked to verify through her current address
      When she follows the link in the letter in a fresh browser
      Then a form for her new address opens there, once she has signed in if asked

    @CHG-05 @hardening
    Scenario: The link in another shopper's letter opens no form for her account
      Given Marek has asked to verify through his current address, in a browser of his own
      When Ola follows the link in Marek's letter
      Then no form for a new address of her account opens

  Rule: A code sent to the new address binds it

    @CHG-06 @CHG-07
    Scenario: "Send request" sends a confirmation code to the new address
      Given she has opened the form for a new address from the letter
      When she enters her new address and presses "Send request"
      Then a letter with a confirmation code arrives at her new address
      And the page asks her for that code
      And until she types the code, her account keeps her old address

    @CHG-07 @CHG-08
    Scenario: The code from the letter binds the new address
      Given she has asked to change her address to a new one
      When she types the code from the letter and confirms
      Then a page says her email address has been changed

    @CHG-08 @hardening
    Scenario: The old address is told of the change, and how to get help
      Given she has asked to change her address to a new one
      When she types the code from the letter and confirms
      Then her old address receives a notice of the change, saying how to get help

    @CHG-07 @hardening
    Scenario: The plain-text part of the letter says the same, with the same code
      Given she has asked to change her address to a new one
      When she reads the plain-text part of the letter with the code
      Then it holds the same code as the letter's HTML part
      And it tells nothing that the HTML part does not

    @CHG-07 @hardening
    Scenario: A code sent for another shopper's change is refused
      Given she has asked to change her address to a new one
      And Marek has asked to change his address to a new one, in a browser of his own
      When Ola types the code from Marek's letter and confirms
      Then the code is refused because "the code is wrong"
      And until she types the code, her account keeps her old address

    @CHG-08
    Scenario: After the change she signs in with the new address
      Given she has changed her address to a new one
      And she has signed out
      When she signs in with her new address
      Then she is signed in

    @CHG-08
    Scenario: After the change the old address no longer signs in
      Given she has changed her address to a new one
      And she has signed out
      When she signs in with her old address
      Then the sign-in is refused

    @CHG-08 @hardening
    Scenario: After the change her personal data shows the new address, confirmed
      Given she has changed her address to a new one
      When she opens her personal data
      Then her personal data shows her new address, not marked "Unconfirmed email"

    @CHG-08 @hardening
    Scenario: The plain-text part of the notice says the same, with the same link to help
      Given she has changed her address to a new one
      When she reads the plain-text part of the notice of the change
      Then it holds the same link as the letter's HTML part
      And it tells nothing that the HTML part does not

    @CHG-08 @hardening
    Scenario: After the change no page of her account shows the old address
      Given she has changed her address to a new one
      When she goes through the pages of her account
      Then none of them shows her old address

    @CHG-08 @hardening @needs.account_aging
    Scenario: After the change the account stays usable when the grace period has passed
      Given she has changed her address to a new one
      And the grace period has passed since she registered
      And she has signed out
      When she signs in with her new address
      Then she can use her account

    @CHG-08 @hardening
    Scenario: After the change a session in another browser is over
      Given she is signed in in a second browser too
      And she has changed her address to a new one
      When she opens "My account" in the second browser
      Then the second browser asks her to sign in

    @CHG-08
    Scenario: After the change the letters go to the new address
      Given she has changed her address to a new one
      And she has chosen to change her email address
      When she presses "Verify now"
      Then the letter with the link arrives at her new address

  Rule: A new address that cannot be used is refused, saying why, and kept in the field

    @CHG-06 @hardening
    Scenario Outline: A request for <problem> is refused
      Given she has opened the form for a new address from the letter
      When she sends a request for <problem>
      Then the new address is refused because "<reason>"

      Examples:
        | problem                                 | reason                            |
        | an address that is not an email address | the address is not valid          |
        | her current address                     | it is already her address         |
        | the address of another shopper          | the address is already registered |

    @CHG-06 @hardening
    Scenario: After a refused request the form still sends one for her new address
      Given she has opened the form for a new address from the letter
      And she has sent a request for her current address
      When she enters her new address and presses "Send request"
      Then a letter with a confirmation code arrives at her new address

  Rule: A code works only while it is fresh and only for a few tries

    @CHG-07 @hardening
    Scenario Outline: Confirming <problem> is refused
      Given she has asked to change her address to a new one
      When she confirms <problem>
      Then the code is refused because "<reason>"

      Examples:
        | problem                                  | reason                   |
        | a wrong code                             | the code is wrong        |
        | the right code after too many wrong ones | the code no longer works |

      @needs.account_aging
      Examples: Late
        | problem                                      | reason               |
        | the right code after its lifetime has passed | the code has expired |

    @CHG-07 @hardening
    Scenario: The code typed in a fresh browser binds the new address
      Given she has asked to change her address to a new one
      When she types the code from the letter in a fresh browser, signing in if asked
      Then a page says her email address has been changed

    @CHG-07 @hardening
    Scenario: After one mistyped code the right one still binds the new address
      Given she has asked to change her address to a new one
      And she has typed a wrong code
      When she types the code from the letter and confirms
      Then a page says her email address has been changed

    @CHG-06 @CHG-07 @hardening
    Scenario: A newer request replaces the older one, and its code binds the newer address
      Given she has asked to change her address to a new one
      And she has then asked to change it to another new address
      When she types the code from the letter and confirms
      Then a page says her email address has been changed
      And her personal data shows her new address, not marked "Unconfirmed email"

  Rule: The link to the old address works once, and not forever

    @CHG-05 @hardening
    Scenario Outline: Following the link <moment> is refused
      Given she has asked to verify through her current address
      When she follows the link in the letter <moment>
      Then a page says the link cannot be used because <reason>

      Examples:
        | moment                                   | reason               |
        | a second time, after sending her request | it was already used  |

      @needs.account_aging
      Examples: Late
        | moment                        | reason          |
        | after its lifetime has passed | it has expired  |
