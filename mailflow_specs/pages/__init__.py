"""Page objects: one class per screen, built from (page, profile).

They locate elements the way a person does, by role and accessible name, with the
names taken from the target profile's label set. Methods act; properties return
locators; verdicts stay in the Then steps.
"""
