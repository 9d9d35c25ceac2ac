"""The run machinery: the command line, set-up, the stack, the browser, behave fixtures."""
