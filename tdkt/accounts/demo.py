"""The demo's second factor: the approver `pheduyet` signs in with a TOTP app whose secret is
public on purpose (README, "Xác thực hai lớp và phiên làm việc"), so a visitor can try the second
step with `oathtool --totp -b DEMO_TOTP_SECRET` or any authenticator app. The other demo accounts
stay password-only: the demo settings require no second factor (TDKT_TWO_FACTOR_REQUIRED_ROLES is
empty outside prod.py). Loaded only into the demo database (tdkt/core/demo/loader.py refuses others).
"""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .two_factor import DEVICE_NAME

DEMO_TOTP_USER = "pheduyet"
DEMO_TOTP_SECRET = "TDKTDEMOPHEDUYETQUANGTRIQTDKTDKT"  # noqa: S105 - base32, public demo secret


def load_second_factor_demo() -> None:
    user = User.objects.get(username=DEMO_TOTP_USER)
    TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=True, key=base64.b32decode(DEMO_TOTP_SECRET).hex()
    )
