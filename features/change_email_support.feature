@needs.captcha_seam @needs.support_console @needs.staff_seam
Feature: Changing the email address with customer support
  A shopper who can no longer open her old mailbox chats with customer support. The agent,
  at the support console, checks who she is against what the account holds and starts the
  change; the new address is bound only once she confirms the code sent there.
  (Guide: "dostęp do starego e-maila zostanie utracona, wybierz drugą opcję")

  Background:
    Given Ola has registered and confirmed her address
    And she is signed in

  Rule: "Contact support" opens a live chat with customer support

    @CHG-09
    Scenario: "Contact support" opens a chat with customer support
      Given she has chosen to change her email address
      When she presses "Contact support"
      Then a chat with customer support opens

    @CHG-09
    Scenario: The agent sees the shopper's message without reloading
      Given she is chatting with an agent of customer support
      When she writes that she can no longer open her old mailbox
      Then the agent sees her message in the chat without reloading

    @CHG-09 @hardening
    Scenario: The console shows the agent her account, never her password
      Given she is chatting with an agent of customer support
      When she writes that she can no longer open her old mailbox
      Then the console shows the agent her name and address, never her password

    @CHG-09
    Scenario: The shopper sees the agent's instructions without reloading
      Given she is chatting with an agent of customer support
      When the agent asks her to prove who she is
      Then she sees the agent's message in the chat without reloading

  Rule: Support starts the change, the shopper's code binds it

    @CHG-09 @hardening
    Scenario: The agent's change sends a code to the new address and binds nothing yet
      Given she is chatting with an agent of customer support
      When the agent sends a confirmation code to the new address she gave
      Then a letter with a confirmation code arrives at her new address
      And the console still shows her old address, the new one waiting for its code

    @CHG-09 @hardening
    Scenario: Confirming the code from support binds the new address and the old one is told
      Given she is chatting with an agent of customer support
      And the agent has sent a confirmation code to the new address she gave
      When she enters the code from the letter at her new address
      Then a page says her email address has been changed
      And her old address receives a notice of the change, saying how to get help

    @CHG-09 @hardening
    Scenario: After the change through support the console shows the new address
      Given she is chatting with an agent of customer support
      And the agent has sent a confirmation code to the new address she gave
      When she enters the code from the letter at her new address
      Then the console shows the agent her new address, nothing waiting for a code
