@needs.captcha_seam @needs.account_aging
Feature: Reactivating a blocked account
  An account whose address was not confirmed within the grace period is blocked: the
  system treats it as suspicious. Signing in shows why, and the appeal for reactivation
  leads step by step to an activation letter; its link reactivates the account and
  confirms the address.
  (Guide: "jeśli Twoje konto zostało zablokowane ... Odwołanie do reaktywacji")

  Rule: Signing in to a blocked account shows that it is blocked, why, and the way out

    @CONF-09 @CONF-10
    Scenario: The notice says the account is blocked and why, and offers the appeal
      Given Ola's unconfirmed account has been blocked
      When she signs in with her password
      Then she sees a notice that her account is blocked because her address was not confirmed
      And the notice offers "Appeal for reactivation"

  Rule: Wrong credentials of a blocked account open nothing

    @CONF-09 @hardening
    Scenario: A wrong password for a blocked account is refused without the notice
      Given Ola's unconfirmed account has been blocked
      When she signs in with a wrong password
      Then the sign-in is refused as for any wrong password
      And she does not see the notice that her account is blocked

    @CONF-10 @hardening
    Scenario: An appeal with another shopper's password is refused
      Given Marek has registered and confirmed his address
      And Ola has seen the notice that her account is blocked
      When she appeals for reactivation with Marek's password
      Then the appeal refuses the password, saying it is not right

  Rule: The appeal guides the shopper to an activation letter

    @CONF-10 @hardening
    Scenario: The appeal first asks the shopper to prove it is her
      Given Ola has seen the notice that her account is blocked
      When she appeals for reactivation with her password
      Then she is offered to send the activation letter to her registered address

    @CONF-10 @hardening
    Scenario: An appeal with a wrong password is refused
      Given Ola has seen the notice that her account is blocked
      When she appeals for reactivation but gives a wrong password
      Then the appeal refuses the password, saying it is not right

    @CONF-10 @hardening
    Scenario: An appeal without the password goes no further
      Given Ola has seen the notice that her account is blocked
      When she appeals for reactivation without giving her password
      Then the appeal does not go on to the activation letter

    @CONF-10 @CONF-11
    Scenario: Choosing the registered address sends the activation letter
      Given Ola has proved in the appeal that it is her
      When she chooses to send the activation letter to her registered address
      Then an activation letter with a link arrives in her mailbox

    @CONF-10 @CONF-11 @hardening
    Scenario: The activation letter goes to the registered address, even with a change of address left open
      Given Ola has signed in without confirming her address
      And she has asked to change her address to a new one
      And the grace period has passed since she registered
      And she has opened "My account" and seen that her account is blocked
      And she appeals for reactivation with her password
      When she chooses to send the activation letter to her registered address
      Then an activation letter with a link arrives in her mailbox

  Rule: The activation link reactivates the account and confirms the address

    @CONF-11
    Scenario: Following the activation link reactivates the account
      Given Ola has received the activation letter
      When she follows the link in the activation letter
      Then a page says her account is active again
      And she can sign in to her account again
      And her address is no longer marked "Unconfirmed email"

    @CONF-11 @hardening
    Scenario: The plain-text part of the activation letter says the same, with the same link
      Given Ola has received the activation letter
      When she reads the plain-text part of the activation letter
      Then it holds the same link as the letter's HTML part
      And it tells nothing that the HTML part does not

    @CONF-11 @hardening
    Scenario: The activation link opened in a fresh browser reactivates the account
      Given Ola has received the activation letter
      When she follows the link in the activation letter in a fresh browser
      Then a page says her account is active again
      And she can sign in to her account again

    @CONF-11 @hardening
    Scenario: The activation link followed while another shopper is signed in reactivates only its own account
      Given Marek has received the activation letter, in a browser of his own
      And Ola has signed in without confirming her address
      When Ola follows the link in Marek's activation letter
      Then Marek's address is confirmed, seen from a fresh browser
      And Ola's address is still marked "Unconfirmed email"

    @CONF-11 @hardening
    Scenario: A reactivated account stays usable when the grace period has passed again
      Given Ola has reactivated her account from the activation letter
      And the grace period has passed since she registered
      When she signs in with her password
      Then she can use her account

    @CONF-11 @hardening
    Scenario: An activation link used twice is refused
      Given Ola has reactivated her account from the activation letter
      When she follows the link in the activation letter again
      Then a page says the link cannot be used because it was already used

    @CONF-11 @hardening
    Scenario: An activation link followed after it expired is refused
      Given Ola has received the activation letter
      And the activation link's lifetime has passed
      When she follows the link in the activation letter
      Then a page says the link cannot be used because it has expired
