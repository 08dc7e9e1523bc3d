"""Account actions: the second factor."""

from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_is_valid(*, user, token: str) -> bool:
    """Does ``token`` match one of the user's confirmed TOTP devices?"""
    token = (token or "").strip().replace(" ", "")
    if not token.isdigit():
        return False
    return any(device.verify_token(token) for device in TOTPDevice.objects.filter(user=user, confirmed=True))
