"""For tests: a signed-in test client whose session already passed the second factor.

`client.force_login(user)` signs in as the password does, so for a user with a TOTP device (the
demo's pheduyet) every page then asks for the code (tdkt/accounts/middleware.py). A test about
something else signs in with `force_login_verified(client, user)` instead.
"""

from django_otp import DEVICE_ID_SESSION_KEY

from .two_factor import totp_device_of


def force_login_verified(client, user) -> None:
    client.force_login(user)
    device = totp_device_of(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
