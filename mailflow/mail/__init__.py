"""Letters: the Mailpit mailbox and what a shopper does with a letter."""
