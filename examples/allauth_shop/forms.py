"""The one field the shop adds to allauth's sign-up form: the shopper's name."""

from django import forms


class NameForm(forms.Form):
    """allauth's ``ACCOUNT_SIGNUP_FORM_CLASS``; ``field_order`` puts the name first, as allauth documents."""

    field_order = ("name", "email", "password1", "password2")
    name = forms.CharField(label="Full name", max_length=150)

    def signup(self, request, user) -> None:
        first, _, last = self.cleaned_data["name"].partition(" ")
        user.first_name, user.last_name = first, last
        user.save()
