"""The five forms of Thông tư 02/2023/TT-BNV (Chương VI, lĩnh vực thi đua, khen thưởng), by code."""

from . import tt02_0601, tt02_0602, tt02_0603, tt02_0604, tt02_0605
from .layout import Form

FORMS: dict[str, Form] = {f.code: f for f in (tt02_0601.FORM, tt02_0602.FORM, tt02_0603.FORM, tt02_0604.FORM,
                                              tt02_0605.FORM)}
CIRCULAR = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIVER = "Bộ Nội vụ"
DUE = "Ngày 15 tháng 12 năm báo cáo"
