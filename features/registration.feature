@needs.captcha_seam
Feature: Registration with an email address
  To buy on the marketplace a shopper needs an account: it tracks an order's status
  and whereabouts, opens disputes, and unlocks bonuses and discounts. A shopper
  registers with an email address and confirms it from the letter the marketplace
  sends. (Guide: "Rejestracja ... za pośrednictwem poczty elektronicznej".)

  Rule: The registration form is reached from the right of the header

    @REG-01 @REG-02 @REG-03
    Scenario: The "Register" button opens a form whose every field is labelled
      Given Ola is on the home page
      When she presses "Register" in the header
      Then she sees the registration form
      And its fields are labelled, in this order:
        | field                            |
        | first and last name              |
        | email address                    |
        | password                         |
        | repeated password                |
        | letters from the CAPTCHA picture |
        | club membership                  |
      And the "Register" button she pressed was on the right of the header

  Rule: Names are written in Latin letters, with help for other alphabets

    @REG-05
    Scenario Outline: The transliteration aid spells a name written in <alphabet> in Latin letters at once
      Given <shopper> has opened the transliteration aid from the registration form
      When she transliterates her name as she writes it at home
      Then the Latin spelling of her name appears at once, ready to copy

      Examples:
        | alphabet          | shopper |
        | Cyrillic letters  | Ola     |
        | Greek letters     | Eleni   |
        | Chinese characters | Mei    |

    @REG-04 @hardening
    Scenario Outline: A name written in <alphabet> is refused and its Latin spelling is offered
      Given <shopper> is on the registration form
      And she has written her name as she writes it at home
      When she accepts the spelling the form offers
      Then the name field holds the Latin spelling of her name

      Examples:
        | alphabet           | shopper |
        | Cyrillic letters   | Ola     |
        | Greek letters      | Eleni   |
        | Chinese characters | Mei     |

    @REG-04
    Scenario Outline: A pseudonym is accepted as the name: <kind>
      Given Ola has filled in the registration form with the pseudonym "<pseudonym>"
      When she presses "Create your profile"
      Then she sees that the registration succeeded

      Examples:
        | kind                                   | pseudonym           |
        | a single word                          | Olenka              |
        | an obvious nickname                    | Bargain Hunter      |
        | a name with a hyphen and an apostrophe | Ola Kowalska-O'Neil |
        | a pseudonym with digits                | Kitty99             |

    @REG-04 @REG-05
    Scenario: The spelling copied from the transliteration aid is pasted into the name field
      Given Ola has transliterated her name in the aid opened from the registration form
      When she copies the Latin spelling and pastes it into the name field of the form
      Then the name field holds the Latin spelling of her name

  Rule: A new shopper confirms the address from the letter

    @REG-06 @REG-10 @REG-11
    Scenario: Creating the profile announces the confirmation letter
      Given Ola has filled in the registration form correctly
      When she presses "Create your profile"
      Then she sees that the registration succeeded
      And the small print says a confirmation letter was sent to her

    @REG-06 @REG-11 @hardening
    Scenario: The small print names the address she gave
      Given Ola has filled in the registration form correctly
      When she presses "Create your profile"
      Then the small print names the address she gave

    @REG-11 @hardening
    Scenario: The small print names her address, not one registered before in the same browser
      Given Marek has just created his profile
      And Ola has filled in the registration form correctly
      When she presses "Create your profile"
      Then the small print names the address she gave

    @REG-12
    Scenario: The success window leads to the shopper's mailbox
      Given Ola has just created her profile
      When she presses "View" in the success window
      Then her mailbox opens with the letter from the marketplace in it

    @REG-13
    Scenario: The letter from the marketplace holds one big confirmation link
      Given Ola has just created her profile
      When she opens the letter from the marketplace in her mailbox
      Then the letter holds one big link to confirm her address

    @REG-14
    Scenario: Following the big link confirms the address
      Given Ola has opened the confirmation letter in her mailbox
      When she follows the big link in the letter
      Then a new page says her email address is confirmed

  Rule: The big link confirms the account it was sent for, wherever it is opened

    @REG-13 @hardening
    Scenario: The plain-text part of the letter says the same, with the same big link
      Given Ola has just created her profile
      When she reads the plain-text part of the confirmation letter
      Then it holds the same link as the letter's HTML part
      And it tells nothing that the HTML part does not

    @REG-14 @hardening
    Scenario: The big link opened in a fresh browser confirms the address
      Given Ola has signed in without confirming her address
      When she follows the big link in the letter in a fresh browser
      Then a new page says her email address is confirmed

    @REG-14 @hardening
    Scenario: The confirmation shows in a browser where she was signed in all along
      Given Ola has signed in without confirming her address
      And she is signed in in a second browser too
      When she follows the big link in the letter
      Then Ola's address is confirmed, seen from her second browser

    @REG-14 @hardening
    Scenario: The big link followed while another shopper is signed in confirms only its own account
      Given Ola has registered but not confirmed her address
      And Marek has signed in without confirming his address
      When Marek follows the big link in Ola's letter
      Then Ola's address is confirmed, seen from a fresh browser
      And Marek's address is still marked "Unconfirmed email"

  Rule: A confirmation link works once, and not forever

    @REG-14 @hardening
    Scenario: A confirmation link used a second time is refused
      Given Ola has confirmed her address from the letter
      When she follows the big link in the letter again
      Then a page says the link cannot be used because it was already used

    @REG-14 @hardening @needs.account_aging
    Scenario: A confirmation link followed after it expired is refused
      Given Ola has opened the confirmation letter in her mailbox
      And the link's lifetime has passed
      When she follows the big link in the letter
      Then a page says the link cannot be used because it has expired

  Rule: A refused registration says why beside the field and keeps what was typed

    Scenario Outline: Registering with <problem> is refused
      Given Ola is on the registration form
      When she tries to create her profile with <problem>
      Then the <field> is refused because "<reason>"
      And everything she typed is still there, except the passwords

      @REG-03 @REG-04
      Examples: Names in other alphabets
        | problem                              | field               | reason                         |
        | her name written in Cyrillic letters | first and last name | the name is not in Latin letters |
        | a name written in Greek letters      | first and last name | the name is not in Latin letters |
        | a name written in Arabic letters     | first and last name | the name is not in Latin letters |
        | a name written in Chinese characters | first and last name | the name is not in Latin letters |

      @REG-04 @hardening
      Examples: No name
        | problem        | field               | reason               |
        | no name at all | first and last name | the name is required |

      @REG-06
      Examples: Email addresses
        | problem                                                 | field         | reason                            |
        | an address that is not an email address                 | email address | the address is not valid          |
        | an address with no domain ending                        | email address | the address is not valid          |
        | an address that is already registered                   | email address | the address is already registered |
        | an address already registered, written in capitals      | email address | the address is already registered |

      @REG-07
      Examples: Passwords
        | problem                                    | field             | reason                     |
        | a password that is too simple              | password          | the password is too simple |
        | a common word and a year as the password   | password          | the password is too simple |
        | her own surname and a year as the password | password          | the password is too simple |
        | a repeated password that does not match    | repeated password | the passwords do not match |
        | the password not repeated                  | repeated password | the passwords do not match |

      @REG-08
      Examples: CAPTCHA
        | problem                                   | field                            | reason                           |
        | the letters of the picture typed wrong    | letters from the CAPTCHA picture | the letters do not match the picture |

      @REG-09
      Examples: Club membership
        | problem                            | field           | reason                             |
        | the club membership not ticked     | club membership | membership is required to register |
        | the club membership left untouched | club membership | membership is required to register |

    @REG-03 @REG-06
    Scenario Outline: An address written in other letters than English ones is refused: <kind>
      Given Ola is on the registration form
      When she tries to create her profile with <kind>
      Then the form says beside the email address that it must be written in English letters
      And the address she typed is still in its field

      Examples:
        | kind                                                   |
        | an address written in Cyrillic letters                 |
        | an address with one Cyrillic letter among Latin ones   |
        | an address whose domain is written in Cyrillic letters |

    @REG-08
    Scenario: A wrong CAPTCHA answer brings a new picture
      Given Ola is on the registration form
      When she tries to create her profile with the letters of the picture typed wrong
      Then a new CAPTCHA picture is shown
