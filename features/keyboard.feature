@needs.captcha_seam @accessibility @hardening
Feature: Using the success window and the support chat with the keyboard alone
  Not every shopper uses a mouse. The window that announces a successful registration
  takes the keyboard focus and closes with Escape, and the chat with customer support
  is reached, written in and sent with the keyboard alone. The guide does not say so;
  a careful marketplace does it for every shopper.

  Rule: The success window of the registration works with the keyboard

    @REG-11
    Scenario: The success window takes the keyboard focus when it opens
      Given Ola has filled in the registration form correctly
      When she presses "Create your profile"
      Then the keyboard focus is in the success window

    @REG-11
    Scenario: Escape closes the success window
      Given Ola has just created her profile
      When she presses the Escape key
      Then the success window is closed
      And the keyboard focus is on a control of the page, not lost

  Rule: The chat with customer support works with the keyboard alone

    @CHG-09 @needs.support_console @needs.staff_seam
    Scenario: A shopper writes to customer support with the keyboard alone
      Given Ola has registered and confirmed her address
      And she is signed in
      And she is chatting with an agent of customer support
      When she writes with the keyboard alone that she can no longer open her old mailbox
      Then the agent sees her message in the chat without reloading
      And the keyboard focus is back in the message box, ready for the next message
