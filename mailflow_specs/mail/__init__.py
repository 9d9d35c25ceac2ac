"""The mail catcher behind one door: letters, mailboxes, and the catchers that hold them.

Outside this package, code knows ``Letter``, ``Mailbox``, ``open_catcher`` and ``server``
(by a name from the profile), never which catcher runs.
"""
