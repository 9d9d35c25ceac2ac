from allauth.account.forms import LoginForm
from django.shortcuts import render


def home(request):
    """The home page: its own sign-in form (allauth's), and a "Sign up" link under it."""
    form = None if request.user.is_authenticated else LoginForm(request=request)
    return render(request, "home.html", {"attrs_form": {"form": form}})
