"""The five seed documents (shared/seeds) as movements of the demo province.

`load_movements` runs after the organisations, people and history exist (tdkt.core.demo.loader)
and writes everything through the services, so the demo is audited like real work:

- 000 Khối các cơ quan tham mưu, tổng hợp, Quảng Trị 2022: the block's plan issued by its head
  (Văn phòng UBND tỉnh), two phases, the six-month and year-end reports (30/6 and 20/12/2022),
  registration of titles by 15/3/2022, the quarterly work program as the Chương trình công tác
  lists it, the ten contents of the Giao ước; most members registered and signed, the sơ kết
  reports in every state (on time, late, returned, accepted, not sent).
- 001 Kế hoạch 3741/KH-UBND of UBND tỉnh Quảng Trị: "CBCCVC thi đua thực hiện văn hóa công sở"
  2019–2025, contents and criteria for collectives and individuals, sơ kết 2022, tổng kết 2025,
  a report every year; the province's departments take part (their reports of 2019–2021, before the
  system, recorded as sent on time and accepted).
- 002 Kế hoạch 05/KH-SNV of Sở Nội vụ Hà Tĩnh, 2022 (the seed came through OCR without tone
  marks; the text here is written with them): numeric targets, two phases and their deadlines.
- 003 Kế hoạch 11/KH-KTĐNC of Khối thi đua Nội chính Tuyên Quang, 2022: headed by Bộ CHQS tỉnh,
  two phases, reports with their data windows.
- 004 Sở Nội vụ Quảng Trị's special campaign for 80 years of the state organisation sector
  (7/2024–7/2025): targets, criteria, award forms, the final report by 04/8/2025; Sở Nội vụ's
  own units take part.

Historical dates. The services stamp registrations, signatures and submissions with the current
time, and judge lateness against today, so through them alone every 2022 registration would be
"late" and dated today. The demo shows the 2022 story as it happened: after each service call
the row's own timestamps and the lateness they imply are set to their 2022 values with a
queryset update, the notices that a late registration waits for the head are removed for those
that were on time, and one audit event on the movement records the correction (historical demo
data, never done outside the demo).
"""

import datetime
import unicodedata
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.demo import data as demo_data
from tdkt.notifications.models import Notification
from tdkt.organizations.models import EmulationBlock, Organization, Person

from .models import (
    ContentItem,
    CovenantSignature,
    MilestoneKind,
    Movement,
    MovementKind,
    MovementStatus,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
    TaskStatus,
)
from .services import participation, plans

D = datetime.date


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A moment of the demo's past in the province's time zone."""
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


# Seed 000 ----------------------------------------------------------------------------------------

S000_PURPOSES = (
    "1. Mục đích\n"
    "- Đẩy mạnh việc thực hiện các phong trào thi đua yêu nước do UBND tỉnh đã phát động, gắn với việc "
    "đẩy mạnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”, tạo không khí thi đua sôi "
    "nổi, rộng khắp lập thành tích chào mừng kỷ niệm 92 năm ngày thành lập Đảng Cộng sản Việt Nam, tiếp "
    "tục thi đua thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII và Nghị quyết Đại hội Đảng bộ "
    "tỉnh lần thứ XVII, tạo tiền đề vững chắc thực hiện thắng lợi Kế hoạch phát triển kinh tế - xã hội 05 "
    "năm (2021 - 2025) của tỉnh. Đây cũng là năm tỉnh Quảng Trị tổ chức các Lễ kỷ niệm 115 năm ngày sinh "
    "Tổng Bí thư Lê Duẩn (07/4/1907 - 07/4/2022), 50 năm giải phóng tỉnh Quảng Trị (01/5/1972 - "
    "01/5/2022) và 50 năm sự kiện 81 ngày đêm Thành Cổ Quảng Trị, 75 năm ngày Thương binh Liệt sĩ "
    "(27/7/1947 - 27/7/2022), nhằm tạo bước đột phá trong việc tuyên truyền, giáo dục, nâng cao nhận "
    "thức, trách nhiệm, tinh thần yêu nước, lòng tự hào, tự tôn dân tộc, tinh thần phụng sự Tổ quốc, phục "
    "vụ nhân dân của mỗi cán bộ, đảng viên, công chức, viên chức, người lao động trong năm 2022, góp phần "
    "hoàn thành tốt nhiệm vụ chính trị, nhiệm vụ chuyên môn của các cơ quan, đơn vị.\n"
    "- Thông qua các phong trào thi đua, góp phần giữ vững truyền thống lịch sử, cách mạng, văn hóa của "
    "quê hương và con người Quảng Trị để khơi dậy niềm tin tưởng, lòng tự hào trong cán bộ, đảng viên và "
    "các tầng lớp nhân dân về sự lãnh đạo của Đảng, thành tựu đổi mới của đất nước nói chung và của tỉnh "
    "Quảng Trị nói riêng.\n"
    "2. Yêu cầu\n"
    "- Các cơ quan, đơn vị trong Khối bám sát nhiệm vụ chính trị, tiếp tục thực hiện Chỉ thị số 34-CT/TW "
    "ngày 07/4/2014 của Bộ Chính trị “về tiếp tục đổi mới công tác thi đua, khen thưởng”; Chỉ thị số "
    "05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh “Học tập và làm theo tư tưởng, đạo đức, phong "
    "cách Hồ Chí Minh”; Chỉ thị số 09/CT-UBND ngày 26/8/2022 của UBND tỉnh về việc phát động thi đua thực "
    "hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và kế hoạch 5 năm (2021-2025) theo Nghị "
    "quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ "
    "XVII để tổ chức các phong trào thi đua trong cơ quan, đơn vị.\n"
    "- Các cơ quan, đơn vị trong khối tổ chức thực hiện tốt các nội dung giao ước thi đua đã được ký kết, "
    "qua đó tạo khí thế thi đua sôi nổi, hiệu quả, thiết thực trong toàn thể cán bộ, công chức, viên chức "
    "và người lao động.\n"
    "- Tăng cường công tác phối hợp giữa các đơn vị trong Khối Thi đua các cơ quan tham mưu tổng hợp, tạo "
    "điều kiện giúp đỡ nhau để hoàn thành xuất sắc nhiệm vụ và công tác thi đua, khen thưởng năm 2022.\n"
    "- Các phong trào thi đua phải được tổ chức sơ kết, tổng kết kịp thời nhằm đánh giá những thành tích "
    "đã đạt được, rút ra những hạn chế, tồn tại, bài học kinh nghiệm; kịp thời biểu dương, khen thưởng "
    "các tập thể, cá nhân tiêu biểu xuất sắc, các gương điển hình tiên tiến, người tốt - việc tốt để nêu "
    "gương nhân rộng trong cơ quan, đơn vị."
)

S000_CONTENTS = [
    (
        "Chỉ đạo thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác "
        "thi đua, khen thưởng; Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm "
        "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; triển khai thực hiện Nghị quyết Đại hội lần thứ XIII "
        "của Đảng, Nghị quyết Đại hội Đảng bộ tỉnh Quảng Trị lần thứ XVII và Kế hoạch phát triển kinh tế - xã "
        "hội giai đoạn 2021- 2025, thực hiện chủ đề thi đua tại Đại hội Thi đua yêu nước toàn quốc lần thứ X "
        "giai đoạn 2021-2025 là “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc” thực sự là động lực, "
        "biện pháp góp phần tăng cường xây dựng Đảng và hệ thống chính trị thực sự trong sạch, vững mạnh, tạo "
        "sự chuyển biến mạnh mẽ hơn nữa trong nhận thức, tư tưởng của các cấp uỷ Đảng, chính quyền, các tổ "
        "chức chính trị, chính trị - xã hội, nhất là nâng cao trách nhiệm nêu gương của người đứng đầu các cơ "
        "quan, đơn vị trong triển khai công tác thi đua, khen thưởng."
    ),
    (
        "Thực hiện hiệu quả các chủ trương của Đảng, chính sách của Nhà nước về quốc phòng, an ninh và đối "
        "ngoại. Xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân vững mạnh; kết hợp "
        "chặt chẽ giữa củng cố quốc phòng - an ninh với phát triển kinh tế - xã hội và hợp tác quốc tế. Thực "
        "hiện đồng bộ các giải pháp bảo đảm an ninh chính trị, trật tự an toàn xã hội, an toàn giao thông và "
        "phòng chống cháy, nổ, phòng chống dịch bệnh. Tăng cường công tác quản lý tài nguyên, bảo vệ môi "
        "trường, xử lý triệt để cơ sở gây ô nhiễm; chủ động phòng chống thiên tai, ứng phó biến đổi khí hậu. "
        "Đẩy mạnh phong trào quần chúng bảo vệ an ninh Tổ quốc, nâng cao cảnh giác phòng, chống tội phạm và "
        "các tệ nạn xã hội; không để xảy ra các trường hợp hỏa hoạn, mất cắp tài sản tại cơ quan, công sở; "
        "Tăng cường công tác thanh tra, kiểm tra, giải quyết dứt điểm đơn thư khiếu nại, tố cáo (nếu có) của "
        "các tổ chức, công dân theo đúng thẩm quyền, không để tình trạng khiếu nại vượt cấp hoặc kéo dài. "
        "Thực hiện và hưởng ứng tốt phong trào Văn hóa, văn nghệ; thể dục Thể thao, tạo khí thế thi đua sôi "
        "nổi trong từng cơ quan, đơn vị; Tham gia đầy đủ các hoạt động xã hội, công tác từ thiện, tích cực "
        "ủng hộ các quỹ “Quỹ tình thương”, “Đền ơn đáp nghĩa”, “Uống nước nhớ nguồn”, “Ngày vì người nghèo”, "
        "“Tiếp sức đến trường”..."
    ),
    (
        "Thực hiện tốt Kế hoạch số 204/KH-UBND ngày 24/12/2022 về Kế hoạch cải cách hành chính nhà nước tỉnh "
        "Quảng Trị năm 2022, qua đó góp phần tổ chức triển khai có hiệu quả Chương trình tổng thể CCHC nhà "
        "nước giai đoạn 2021-2030 theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ và Nghị quyết số "
        "01-NQ/TU ngày 04/11/2021 của Tỉnh uỷ Quảng Trị về việc đẩy mạnh cải cách hành chính tỉnh Quảng Trị "
        "giai đoạn 2021 – 2025. Trọng tâm là đẩy mạnh xây dựng nền hành chính hiện đại, chuyên nghiệp, tinh "
        "gọn, năng động, hiệu lực, hiệu quả, phục vụ tốt tổ chức, doanh nghiệp và người dân. Nâng cao chất "
        "lượng thực thi các nhiệm vụ quản lý nhà nước và phát triển kinh tế - xã hội địa phương, góp phần cải "
        "thiện mạnh mẽ môi trường đầu tư, sản xuất kinh doanh, nâng cao năng lực cạnh tranh cấp tỉnh. Đến năm "
        "2025, phấn đấu xây dựng tỉnh Quảng Trị thành tỉnh năng động về môi trường kinh doanh và đầu tư; Tăng "
        "cường công tác sắp xếp, tổ chức bộ máy theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả; đẩy mạnh "
        "cung cấp dịch vụ công mức độ 3, mức độ 4 trên Cổng dịch vụ công và hệ thống một cửa điện tử của "
        "tỉnh, tăng cường kết nối, liên thông giữa các cơ quan trong hệ thống chính trị; chú trọng nâng cao "
        "kỷ cương, kỷ luật, đạo đức thi hành công vụ tại các cơ quan, đơn vị. Tăng cường kỷ luật, kỷ cương "
        "hành chính, trách nhiệm của cán bộ, công chức, viên chức và người đứng đầu cơ quan, tổ chức, đơn vị "
        "trong thực thi công vụ. Thực hiện các giải pháp cải thiện môi trường đầu tư, kinh doanh theo hướng "
        "thân thiện, thông thoáng, minh bạch, hấp dẫn, nâng cao năng lực cạnh tranh cấp tỉnh, tạo động lực, "
        "sự đột phá về thu hút nguồn lực đầu tư; phân bổ, sử dụng hiệu quả các nguồn lực; tập trung phát "
        "triển các ngành công nghiệp có lợi thế so sánh và có đóng góp lớn vào phát triển kinh tế - xã hội "
        "của tỉnh. Tiếp tục duy trì và nâng cao thứ hạng về Chỉ số CCHC (PAR INDEX), Chỉ số cạnh tranh (PCI), "
        "Chỉ số hiệu quả quản trị hành chính công (PAPI), Chỉ số hài lòng của người dân, tổ chức đối với sự "
        "phục vụ của cơ quan hành chính nhà nước (SIPAS)... Tập trung tháo gỡ khó khăn, vướng mắc trong sản "
        "xuất, kinh doanh của doanh nghiệp. Tích cực, chủ động trong công tác phòng, chống dịch Covid-19, hỗ "
        "trợ người dân và doanh nghiệp bị ảnh hưởng bởi dịch Covid-19."
    ),
    (
        "Đẩy mạnh thực hiện chuyển đổi số, ứng dụng công nghệ thông tin trong tất cả các lĩnh vực kinh tế, xã "
        "hội của tỉnh góp phần nâng cao tốc độ tăng trưởng, năng suất lao động và khả năng cạnh tranh của nền "
        "kinh tế. Thực hiện tốt Nghị quyết số 02-NQ/TU, ngày 04/11/2021 của Tỉnh ủy về chuyển đổi số tỉnh "
        "Quảng Trị đến năm 2025, định hướng đến năm 2030. Tiếp tục thực hiện chính sách hỗ trợ ứng dụng, nhân "
        "rộng các kết quả khoa học và công nghệ trên địa bàn tỉnh. Phát huy phong trào nghiên cứu khoa học, "
        "ứng dụng các sáng kiến, đề tài nghiên cứu khoa học, công nghệ thông tin vào lĩnh vực công tác; đẩy "
        "mạnh ứng dụng công nghệ thông tin trong quản lý, điều hành. Phát động phong trào học tập nâng cao "
        "trình độ chuyên môn nghiệp vụ, quản lý nhà nước, Lý luận chính trị trong đội ngũ cán bộ, công chức, "
        "viên chức. Thúc đẩy đổi mới sáng tạo, chuyển đổi số, tăng cường ứng dụng khoa học công nghệ hướng "
        "tới kinh tế số, kinh tế xanh. Tích cực đẩy nhanh việc hỗ trợ chuyển đổi số cho doanh nghiệp. Đẩy "
        "mạnh thực hiện chuyển đổi số, ứng dụng công nghệ thông tin trong tất cả các lĩnh vực kinh tế, xã hội "
        "của tỉnh góp phần nâng cao tốc độ tăng trưởng, năng suất lao động và khả năng cạnh tranh của nền "
        "kinh tế. Phát triển văn hóa, xã hội toàn diện, hài hòa với phát triển kinh tế làm nền tảng cho phát "
        "triển bền vững, nâng cao đời sống vật chất, tinh thần của Nhân dân."
    ),
    (
        "Thực hiện có hiệu quả Nghị quyết số 03-NQ/TU ngày 04/11/2021 của Tỉnh ủy về thực hiện Chương trình "
        "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025, định hướng đến năm 2030 trên địa bàn "
        "tỉnh Quảng Trị; Tiếp tục thực hiện tốt Chương trình mục tiêu quốc gia về giảm nghèo bền vững và "
        "Chương trình phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi; tập trung phát "
        "triển kinh tế nông thôn đi vào chiều sâu, hiệu quả, bền vững; thực hiện xây dựng nông thôn mới nâng "
        "cao, nông thôn mới kiểu mẫu và nông thôn mới cấp thôn, bản. Nâng cao đời sống vật chất và tinh thần "
        "của người dân, thúc đẩy bình đẳng giới. Xây dựng hạ tầng kinh tế - xã hội nông thôn đồng bộ và từng "
        "bước hiện đại; thích ứng với biến đổi khí hậu và phát triển bền vững; đảm bảo môi trường, cảnh quan "
        "nông thôn sáng, xanh, sạch, đẹp, an toàn, giàu bản sắc văn hóa truyền thống; xây dựng nông thôn trở "
        "thành nơi đáng sống của Nhân dân."
    ),
    (
        "Tiếp tục tuyên truyền, phổ biến, quán triệt, triển khai thực hiện nghiêm túc và có hiệu quả Luật "
        "phòng chống tham nhũng, Luật Thực hành tiết kiệm chống lãng phí; Nghị quyết Đại hội XIII của Đảng, "
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, các văn bản chỉ đạo của Trung ương, của tỉnh có liên "
        "quan về công tác phòng chống tham nhũng, tiêu cực đến toàn thể cán bộ, đảng viên. Thực hiện tốt công "
        "tác xây dựng Đảng, nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng, xây dựng chi, đảng bộ và "
        "các tổ chức đoàn thể hoàn thành xuất sắc nhiệm vụ; 100% Đảng viên, công chức, viên chức và người lao "
        "động hoàn thành tốt nhiệm vụ trở lên; nội bộ đoàn kết, phát huy sức mạnh tập thể, thực hiện tốt Quy "
        "chế dân chủ cơ sở, phát huy tốt vai trò của các đoàn thể trong công tác thực hiện nhiệm vụ chính trị "
        "của cơ quan. Đổi mới, nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến, giáo dục pháp "
        "luật; bồi dưỡng kiến thức PCTN cho cán bộ, đảng viên, công chức, viên chức; giáo dục, rèn luyện về "
        "đức tính liêm khiết, xây dựng văn hóa tiết kiệm, không tham nhũng, lãng phí trong cán bộ, đảng viên, "
        "công chức, viên chức, trước hết là người đứng đầu, cán bộ lãnh đạo, quản lý các cấp."
    ),
    (
        "Đặc biệt là đẩy mạnh các hoạt động thi đua thiết thực để triển khai có hiệu quả Lời kêu gọi của Tổng "
        "Bí thư, Chủ tịch nước về thực hiện quyết liệt, hiệu quả các biện pháp phòng, chống và giảm thiểu "
        "thiệt hại do đại dịch COVID-19 gây ra nhằm tập trung thực hiện “mục tiêu kép” vừa phòng chống dịch "
        "bệnh hiệu quả, bảo vệ sức khỏe nhân dân, vừa tận dụng tốt các cơ hội, nỗ lực phục hồi và phát triển "
        "kinh tế - xã hội trong trạng thái bình thường mới. Tổ chức hiệu quả phong trào thi đua yêu nước gắn "
        "với thực hiện mục tiêu, nhiệm vụ chính trị của tỉnh, của các cơ quan, đơn vị trong tỉnh phù hợp với "
        "diễn biến của dịch Covid-19 đảm bảo thích ứng an toàn, linh hoạt “Vừa chống dịch, vừa phát triển "
        "kinh tế”; tổ chức hội nghị sơ kết, tổng kết phong trào thi đua phải đảm bảo thực hiện nghiêm túc các "
        "biện pháp phòng, chống dịch bệnh."
    ),
    (
        "Tiếp tục tổ chức thực hiện có hiệu quả, thiết thực các phong trào thi đua yêu nước: “Quảng Trị chung "
        "sức xây dựng nông thôn mới”; “Đẩy mạnh chương trình chuyển đổi số”; “Đoàn kết, chung sức, đồng lòng "
        "cùng cả nước thi đua phòng, chống và chiến thắng đại dịch Covid-19”; “Doanh nghiệp Quảng Trị hội "
        "nhập và phát triển”; “Quảng Trị chung tay vì người nghèo - không để ai bị bỏ lại phía sau”; “Cán bộ, "
        "công chức, viên chức thi đua thực hiện văn hóa công sở”; “Chương trình tổng thể về cải cách hành "
        "chính”; “Thu nộp và quản lý ngân sách”; “Doanh nghiệp xuất sắc, Doanh nhân tiêu biểu”; “Bảo đảm trật "
        "tự an toàn giao thông”; “Toàn dân phòng cháy, chữa cháy”; “Toàn dân đoàn kết xây dựng đời sống văn "
        "hóa”; “Toàn dân bảo vệ an ninh Tổ quốc”; “Xây dựng và phát triển hạ tầng giao thông”...."
    ),
    (
        "Xây dựng kế hoạch bồi dưỡng và nhân rộng các tập thể, cá nhân điển hình tiên tiến trên các lĩnh vực "
        "có sức lan tỏa trong cộng đồng xã hội trên tất cả các lĩnh vực, đảm bảo thực hiện đồng bộ ở cả 4 "
        "khâu: “Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến” với nhiều nội dung, hình "
        "thức tuyên truyền phong phú, đa dạng. Các cơ quan, đơn vị trong Khối tổ chức phát động phong trào "
        "thi đua tăng năng suất, chất lượng và hiệu quả công tác, thực hiện các chỉ tiêu, kế hoạch, nhiệm vụ "
        "chính trị của cơ quan, đơn vị; Phân đấu mỗi tập thể, mỗi cá nhân đều tham gia phong trào thi đua yêu "
        "nước và ngày càng xuất hiện những tập thể, cá nhân điển hình tiên tiến. Mục tiêu thi đua của Khối là "
        "“Tập thể hoàn thành đạt và vượt mức các chỉ tiêu, kế hoạch, dẫn đầu phong trào thi đua yêu nước của "
        "tỉnh, cá nhân hoàn thành tốt nhiệm vụ trở lên”. Đổi mới phương thức hoạt động thi đua, khen thưởng, "
        "đảm bảo cho phong trào thi đua đi vào chiều sâu; thực hiện việc xét khen thưởng đảm bảo khách quan, "
        "công bằng, đúng quy định pháp luật, ưu tiên những tập thể, cá nhân trực tiếp lao động, sản xuất."
    ),
    (
        "Thường xuyên đôn đốc, kiểm tra, sơ kết, tổng kết, đánh giá hiệu quả các phong trào thi đua yêu nước "
        "trên cơ sở đánh giá kết quả thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị. Thực hiện đúng "
        "quy trình bình xét, đề xuất khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, dẫn đầu phong "
        "trào thi đua để biểu dương, tôn vinh, khen thưởng kịp thời, đúng người, đúng thành tích, có tác dụng "
        "động viên cán bộ, công chức, viên chức, người lao động nâng cao năng suất, hiệu quả công tác, tạo "
        "niềm tin trong cán bộ, công chức, viên chức. Hưởng ứng tốt các đợt phát động thi đua do Bộ, Ngành "
        "Trung ương và UBND tỉnh phát động."
    ),
]

S000_COVENANT = [
    (
        "Chỉ đạo thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác "
        "thi đua, khen thưởng; Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm "
        "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; triển khai thực hiện Nghị quyết Đại hội lần thứ XIII "
        "của Đảng, Nghị quyết Đại hội Đảng bộ tỉnh Quảng Trị lần thứ XVII và Kế hoạch phát triển kinh tế - xã "
        "hội giai đoạn 2021- 2025, thực hiện chủ đề thi đua tại Đại hội Thi đua yêu nước toàn quốc lần thứ X "
        "giai đoạn 2021-2025 là “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc” thực sự là động lực, "
        "biện pháp góp phần tăng cường xây dựng Đảng và hệ thống chính trị thực sự trong sạch, vững mạnh, tạo "
        "sự chuyển biến mạnh mẽ hơn nữa trong nhận thức, tư tưởng của các cấp ủy Đảng, chính quyền, các tổ "
        "chức chính trị, chính trị - xã hội, nhất là nâng cao trách nhiệm nêu gương của người đứng đầu các cơ "
        "quan, đơn vị trong triển khai công tác thi đua, khen thưởng."
    ),
    (
        "Thực hiện hiệu quả các chủ trương của Đảng, chính sách của Nhà nước về quốc phòng, an ninh và đối "
        "ngoại. Xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân vững mạnh; kết hợp "
        "chặt chẽ giữa củng cố quốc phòng - an ninh với phát triển kinh tế - xã hội và hợp tác quốc tế. Thực "
        "hiện đồng bộ các giải pháp bảo đảm an ninh chính trị, trật tự an toàn xã hội, an toàn giao thông và "
        "phòng chống cháy, nổ, phòng chống dịch bệnh. Tăng cường công tác quản lý tài nguyên, bảo vệ môi "
        "trường, xử lý triệt để cơ sở gây ô nhiễm; chủ động phòng chống thiên tai, ứng phó biến đổi khí hậu. "
        "Đẩy mạnh phong trào quần chúng bảo vệ an ninh Tổ quốc, nâng cao cảnh giác phòng, chống tội phạm và "
        "các tệ nạn xã hội; không để xảy ra các trường hợp hỏa hoạn, mất cắp tài sản tại cơ quan, công sở; "
        "Tăng cường công tác thanh tra, kiểm tra, giải quyết dứt điểm đơn thư khiếu nại, tố cáo (nếu có) của "
        "các tổ chức, công dân theo đúng thẩm quyền, không để tình trạng khiếu nại vượt cấp hoặc kéo dài. "
        "Thực hiện và hưởng ứng tốt phong trào Văn hóa, văn nghệ; thể dục Thể thao, tạo khí thế thi đua sôi "
        "nổi trong từng cơ quan, đơn vị; Tham gia đầy đủ các hoạt động xã hội, công tác từ thiện, tích cực "
        "ủng hộ các quỹ “Quỹ tình thương”, “Đền ơn đáp nghĩa”, “Uống nước nhớ nguồn”, “Ngày vì người nghèo”, "
        "“Tiếp sức đến trường”..."
    ),
    (
        "Thực hiện tốt Kế hoạch số 204/KH-UBND ngày 24/12/2022 về Kế hoạch cải cách hành chính nhà nước tỉnh "
        "Quảng Trị năm 2022, qua đó góp phần tổ chức triển khai có hiệu quả Chương trình tổng thể CCHC nhà "
        "nước giai đoạn 2021-2030 theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ và Nghị quyết số "
        "01-NQ/TU ngày 04/11/2021 của Tỉnh ủy Quảng Trị về việc đẩy mạnh cải cách hành chính tỉnh Quảng Trị "
        "giai đoạn 2021 – 2025. Trọng tâm là đẩy mạnh xây dựng nền hành chính hiện đại, chuyên nghiệp, tinh "
        "gọn, năng động, hiệu lực, hiệu quả, phục vụ tốt tổ chức, doanh nghiệp và người dân. Nâng cao chất "
        "lượng thực thi các nhiệm vụ quản lý nhà nước và phát triển kinh tế - xã hội địa phương, góp phần cải "
        "thiện mạnh mẽ môi trường đầu tư, sản xuất kinh doanh, nâng cao năng lực cạnh tranh cấp tỉnh. Đến năm "
        "2025, phấn đấu xây dựng tỉnh Quảng Trị thành tỉnh năng động về môi trường kinh doanh và đầu tư; Tăng "
        "cường công tác sắp xếp, tổ chức bộ máy theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả; đẩy mạnh "
        "cung cấp dịch vụ công mức độ 3, mức độ 4 trên Cổng dịch vụ công và hệ thống một cửa điện tử của "
        "tỉnh, tăng cường kết nối, liên thông giữa các cơ quan trong hệ thống chính trị; chú trọng nâng cao "
        "kỷ cương, kỷ luật, đạo đức thi hành công vụ tại các cơ quan, đơn vị. Tăng cường kỷ luật, kỷ cương "
        "hành chính, trách nhiệm của cán bộ, công chức, viên chức và người đứng đầu cơ quan, tổ chức, đơn vị "
        "trong thực thi công vụ. Thực hiện các giải pháp cải thiện môi trường đầu tư, kinh doanh theo hướng "
        "thân thiện, thông thoáng, minh bạch, hấp dẫn, nâng cao năng lực cạnh tranh cấp tỉnh, tạo động lực, "
        "sự đột phá về thu hút nguồn lực đầu tư; phân bổ, sử dụng hiệu quả các nguồn lực; tập trung phát "
        "triển các ngành công nghiệp có lợi thế so sánh và có đóng góp lớn vào phát triển kinh tế - xã hội "
        "của tỉnh. Tiếp tục duy trì và nâng cao thứ hạng về Chỉ số CCHC (PAR INDEX), Chỉ số cạnh tranh (PCI), "
        "Chỉ số hiệu quả quản trị hành chính công (PAPI), Chỉ số hài lòng của người dân, tổ chức đối với sự "
        "phục vụ của cơ quan hành chính nhà nước (SIPAS)... Tập trung tháo gỡ khó khăn, vướng mắc trong sản "
        "xuất, kinh doanh của doanh nghiệp. Tích cực, chủ động trong công tác phòng, chống dịch Covid-19, hỗ "
        "trợ người dân và doanh nghiệp bị ảnh hưởng bởi dịch Covid-19."
    ),
    (
        "Đẩy mạnh thực hiện chuyển đổi số, ứng dụng công nghệ thông tin trong tất cả các lĩnh vực kinh tế, xã "
        "hội của tỉnh góp phần nâng cao tốc độ tăng trưởng, năng suất lao động và khả năng cạnh tranh của nền "
        "kinh tế. Thực hiện tốt Nghị quyết số 02-NQ/TU, ngày 04/11/2021 của Tỉnh ủy về chuyển đổi số tỉnh "
        "Quảng Trị đến năm 2025, định hướng đến năm 2030. Tiếp tục thực hiện chính sách hỗ trợ ứng dụng, nhân "
        "rộng các kết quả khoa học và công nghệ trên địa bàn tỉnh. Phát huy phong trào nghiên cứu khoa học, "
        "ứng dụng các sáng kiến, đề tài nghiên cứu khoa học, công nghệ thông tin vào lĩnh vực công tác; đẩy "
        "mạnh ứng dụng công nghệ thông tin trong quản lý, điều hành. Phát động phong trào học tập nâng cao "
        "trình độ chuyên môn nghiệp vụ, quản lý nhà nước, lý luận chính trị trong đội ngũ cán bộ, công chức, "
        "viên chức. Thúc đẩy đổi mới sáng tạo, chuyển đổi số, tăng cường ứng dụng khoa học công nghệ hướng "
        "tới kinh tế số, kinh tế xanh. Tích cực đẩy nhanh việc hỗ trợ chuyển đổi số cho doanh nghiệp. Đẩy "
        "mạnh thực hiện chuyển đổi số, ứng dụng công nghệ thông tin trong tất cả các lĩnh vực kinh tế, xã hội "
        "của tỉnh góp phần nâng cao tốc độ tăng trưởng, năng suất lao động và khả năng cạnh tranh của nền "
        "kinh tế. Phát triển văn hóa, xã hội toàn diện, hài hòa với phát triển kinh tế làm nền tảng cho phát "
        "triển bền vững, nâng cao đời sống vật chất, tinh thần của Nhân dân."
    ),
    (
        "Thực hiện có hiệu quả Nghị quyết số 03-NQ/TU ngày 04/11/2021 của Tỉnh ủy về thực hiện Chương trình "
        "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025, định hướng đến năm 2030 trên địa bàn "
        "tỉnh Quảng Trị; Tiếp tục thực hiện tốt Chương trình mục tiêu quốc gia về giảm nghèo bền vững và "
        "Chương trình phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi; tập trung phát "
        "triển kinh tế nông thôn đi vào chiều sâu, hiệu quả, bền vững; thực hiện xây dựng nông thôn mới nâng "
        "cao, nông thôn mới kiểu mẫu và nông thôn mới cấp thôn, bản. Nâng cao đời sống vật chất và tinh thần "
        "của người dân, thúc đẩy bình đẳng giới. Xây dựng hạ tầng kinh tế - xã hội nông thôn đồng bộ và từng "
        "bước hiện đại; thích ứng với biến đổi khí hậu và phát triển bền vững; đảm bảo môi trường, cảnh quan "
        "nông thôn sáng, xanh, sạch, đẹp, an toàn, giàu bản sắc văn hóa truyền thống; xây dựng nông thôn trở "
        "thành nơi đáng sống của Nhân dân."
    ),
    (
        "Tiếp tục tuyên truyền, phổ biến, quán triệt, triển khai thực hiện nghiêm túc và có hiệu quả Luật "
        "phòng chống tham nhũng, Luật Thực hành tiết kiệm chống lãng phí; Nghị quyết Đại hội XIII của Đảng, "
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, các văn bản chỉ đạo của Trung ương, của tỉnh có liên "
        "quan về công tác phòng chống tham nhũng, tiêu cực đến toàn thể cán bộ, đảng viên. Thực hiện tốt công "
        "tác xây dựng Đảng, nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng, xây dựng chi, đảng bộ và "
        "các tổ chức đoàn thể hoàn thành xuất sắc nhiệm vụ; 100% Đảng viên, công chức, viên chức và người lao "
        "động hoàn thành tốt nhiệm vụ trở lên; nội bộ đoàn kết, phát huy sức mạnh tập thể, thực hiện tốt Quy "
        "chế dân chủ cơ sở, phát huy tốt vai trò của các đoàn thể trong công tác thực hiện nhiệm vụ chính trị "
        "của cơ quan. Đổi mới, nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến, giáo dục pháp "
        "luật; bồi dưỡng kiến thức PCTN cho cán bộ, đảng viên, công chức, viên chức; giáo dục, rèn luyện về "
        "đức tính liêm khiết, xây dựng văn hóa tiết kiệm, không tham nhũng, lãng phí trong cán bộ, đảng viên, "
        "công chức, viên chức, trước hết là người đứng đầu, cán bộ lãnh đạo, quản lý các cấp."
    ),
    (
        "Đặc biệt là đẩy mạnh các hoạt động thi đua thiết thực để triển khai có hiệu quả Lời kêu gọi của Tổng "
        "Bí thư, Chủ tịch nước về thực hiện quyết liệt, hiệu quả các biện pháp phòng, chống và giảm thiểu "
        "thiệt hại do đại dịch COVID-19 gây ra nhằm tập trung thực hiện “mục tiêu kép” vừa phòng chống dịch "
        "bệnh hiệu quả, bảo vệ sức khỏe nhân dân, vừa tận dụng tốt các cơ hội, nỗ lực phục hồi và phát triển "
        "kinh tế - xã hội trong trạng thái bình thường mới. Tổ chức hiệu quả phong trào thi đua yêu nước gắn "
        "với thực hiện mục tiêu, nhiệm vụ chính trị của tỉnh, của các cơ quan, đơn vị trong tỉnh phù hợp với "
        "diễn biến của dịch Covid-19 đảm bảo thích ứng an toàn, linh hoạt “Vừa chống dịch, vừa phát triển "
        "kinh tế”; tổ chức hội nghị sơ kết, tổng kết phong trào thi đua phải đảm bảo thực hiện nghiêm túc các "
        "biện pháp phòng, chống dịch bệnh."
    ),
    (
        "Tiếp tục tổ chức thực hiện có hiệu quả, thiết thực các phong trào thi đua yêu nước: “Quảng Trị chung "
        "sức xây dựng nông thôn mới”; “Đẩy mạnh chương trình chuyển đổi số”; “Đoàn kết, chung sức, đồng lòng "
        "cùng cả nước thi đua phòng, chống và chiến thắng đại dịch Covid-19”; “Doanh nghiệp Quảng Trị hội "
        "nhập và phát triển”; “Quảng Trị chung tay vì người nghèo - không để ai bị bỏ lại phía sau”; “Cán bộ, "
        "công chức, viên chức thi đua thực hiện văn hóa công sở”; “Chương trình tổng thể về cải cách hành "
        "chính”; “Thu nộp và quản lý ngân sách”; “Doanh nghiệp xuất sắc, Doanh nhân tiêu biểu”; “Bảo đảm trật "
        "tự an toàn giao thông”; “Toàn dân phòng cháy, chữa cháy”; “Toàn dân đoàn kết xây dựng đời sống văn "
        "hóa”; “Toàn dân bảo vệ an ninh Tổ quốc”; “Xây dựng và phát triển hạ tầng giao thông”...."
    ),
    (
        "Xây dựng kế hoạch bồi dưỡng và nhân rộng các tập thể, cá nhân điển hình tiên tiến trên các lĩnh vực "
        "có sức lan tỏa trong cộng đồng xã hội trên tất cả các lĩnh vực, đảm bảo thực hiện đồng bộ ở cả 4 "
        "khâu: “Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến” với nhiều nội dung, hình "
        "thức tuyên truyền phong phú, đa dạng. Các cơ quan, đơn vị trong Khối tổ chức phát động phong trào "
        "thi đua tăng năng suất, chất lượng và hiệu quả công tác, thực hiện các chỉ tiêu, kế hoạch, nhiệm vụ "
        "chính trị của cơ quan, đơn vị; Phân đấu mỗi tập thể, mỗi cá nhân đều tham gia phong trào thi đua yêu "
        "nước và ngày càng xuất hiện những tập thể, cá nhân điển hình tiên tiến. Mục tiêu thi đua của Khối là "
        "“Tập thể hoàn thành đạt và vượt mức các chỉ tiêu, kế hoạch, dẫn đầu phong trào thi đua yêu nước của "
        "tỉnh, cá nhân hoàn thành tốt nhiệm vụ trở lên”. Đổi mới phương thức hoạt động thi đua, khen thưởng, "
        "đảm bảo cho phong trào thi đua đi vào chiều sâu; thực hiện việc xét khen thưởng đảm bảo khách quan, "
        "công bằng, đúng quy định pháp luật, ưu tiên những tập thể, cá nhân trực tiếp lao động, sản xuất."
    ),
    (
        "Thường xuyên đôn đốc, kiểm tra, sơ kết, tổng kết, đánh giá hiệu quả các phong trào thi đua yêu nước "
        "trên cơ sở đánh giá kết quả thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị. Thực hiện đúng "
        "quy trình bình xét, đề xuất khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, dẫn đầu phong "
        "trào thi đua để biểu dương, tôn vinh, khen thưởng kịp thời, đúng người, đúng thành tích, có tác dụng "
        "động viên cán bộ, công chức, viên chức, người lao động nâng cao năng suất, hiệu quả công tác, tạo "
        "niềm tin trong cán bộ, công chức, viên chức. Hưởng ứng tốt các đợt phát động thi đua do Bộ, Ngành "
        "Trung ương và UBND tỉnh phát động."
    ),
]

S000_PHASES = [
    (
        "Đợt 1",
        D(2022, 1, 1),
        D(2022, 6, 30),
        (
            "Tuyên truyền, học tập, quán triệt và xây dựng chương trình hành động của các cơ quan, đơn vị thực "
            "hiện nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Đại hội Đảng bộ tỉnh lần thứ XVII; "
            "Tuyên truyền, quán triệt kết quả, phương hướng, nhiệm vụ Đại hội Thi đua yêu nước toàn quốc lần thứ "
            "X. Lập thành tích chào mừng kỷ niệm 92 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
            "03/02/2022); Kỷ niệm 47 năm Ngày giải phóng hoàn toàn miền Nam thống nhất đất nước (30/4/1975 - "
            "30/4/2022); Kỷ niệm 132 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022); và các ngày Lễ "
            "lớn của tỉnh: kỷ niệm 115 năm ngày sinh Tổng Bí thư Lê Duẩn (07/4/1907 - 07/4/2022), 50 năm giải "
            "phóng tỉnh Quảng Trị (01/5/1972 - 01/5/2022) và 50 năm sự kiện 81 ngày đêm Thành Cổ Quảng Trị ... "
            "(Các đơn vị báo cáo kết quả thực hiện lồng ghép vào báo cáo sơ kết 6 tháng và gửi về đơn vị Trưởng "
            "khối trước 30/6/2022)."
        ),
    ),
    (
        "Đợt 2",
        D(2022, 7, 1),
        D(2022, 12, 31),
        (
            "Thi đua phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ năm 2022. Lập thành tích chào mừng kỷ "
            "niệm 77 năm Cách mạng tháng Tám (19/8/1945 - 19/8/2022), Quốc khánh nước Cộng hòa Xã hội chủ nghĩa "
            "Việt Nam (02/9/1945 - 02/9/2022), kỷ niệm 78 năm Ngày thành lập Quân đội nhân dân Việt Nam "
            "(22/12/1944 - 22/12/2022) và 75 năm ngày Thương binh Liệt sĩ (27/7/1947 - 27/7/2022) ... (Các đơn vị "
            "báo cáo kết quả thực hiện lồng ghép vào báo cáo năm và gửi về đơn vị Trưởng khối trước ngày "
            "20/12/2022)"
        ),
    ),
]

HEAD, MEMBERS = "Trưởng Khối", "Các Thành viên Khối"
# The Chương trình công tác as the seed lists it: (quarter, content, lead, executing, due date).
# The seed's second section is "QUÝ II, III/2022": its rows are filed under quarter 2.
S000_TASKS = [
    (1, "Xây dựng Kế hoạch, chương trình tổ chức thực hiện phong trào thi đua của Khối năm 2022", HEAD, MEMBERS, None),
    (1, "Xây dựng bản giao ước thi đua của Khối", HEAD, MEMBERS, None),
    (1, "Xây dựng Bản tiêu chí chấm điểm và bình xét thi đua của Khối năm 2022", HEAD, MEMBERS, None),
    (1, "Đăng ký Danh hiệu thi đua, năm 2022", MEMBERS, "", D(2022, 3, 15)),
    (1, "Tổ chức phát động phong trào thi đua và ký kết Giao ước thi đua trong Khối", HEAD, MEMBERS, None),
    (
        2,
        "Tổ chức triển khai thực hiện các nội dung Chương trình công tác và Giao ước thi đua của Khối.",
        MEMBERS,
        "",
        None,
    ),
    (
        2,
        "Tổ chức giao lưu văn nghệ, thể thao (Trưởng, Phó Khối căn cứ tình hình thực tiễn sẽ xây dựng kế hoạch và "
        "thông báo cụ thể cho các cơ quan, đơn vị đảm bảo an toàn trong phòng chống dịch bệnh COVID-19)",
        HEAD,
        MEMBERS,
        None,
    ),
    (2, "Báo cáo sơ kết 6 tháng đầu năm của các cơ quan, đơn vị trong Khối thi đua", MEMBERS, "", D(2022, 6, 30)),
    (
        4,
        "Báo cáo kết quả thực hiện phong trào thi đua của Khối; Tự chấm điểm phong trào thi đua theo từng đơn vị.",
        HEAD,
        MEMBERS,
        D(2022, 12, 20),
    ),
    (4, "Xây dựng bản Báo cáo Tổng kết hoạt động thi đua của Khối năm 2022", HEAD, MEMBERS, None),
    (4, "Tổ chức Tổng kết phong trào thi đua, bình xét danh hiệu thi đua của Khối năm 2022", HEAD, MEMBERS, None),
    (
        4,
        "Tổng hợp Báo cáo kết quả thi đua của Khối năm 2022 cho Hội đồng Thi đua, Khen thưởng tỉnh",
        HEAD,
        MEMBERS,
        None,
    ),
]
# Mid-2022, when the sơ kết reports are being received: the first quarter's work is done.
S000_TASK_STATUS = {1: TaskStatus.DONE, 2: TaskStatus.IN_PROGRESS}

S000_RECIPIENTS = "- UBND tỉnh (b/c);\n- Ban TĐKT tỉnh (b/c);\n- Các đơn vị trong Khối thi đua;\n- Lưu: VT, HC-TC_(Ph)."

# The registration table (Giao ước, part III): who registered what, and when.
CO_TINH_TARGET = "Dẫn đầu Khối các cơ quan tham mưu, tổng hợp năm 2022"
CO_CP_TARGET = "Dẫn đầu phong trào thi đua của tỉnh, đủ điều kiện đề nghị Chính phủ tặng Cờ thi đua"
REGISTERED_ON_TIME = {
    "QT-VPHDND": D(2022, 3, 10),
    "QT-VPUBND": D(2022, 3, 2),
    "QT-SXD": D(2022, 3, 11),
    "QT-SNNPTNT": D(2022, 3, 14),
    "QT-SKHDT": D(2022, 3, 9),
    "QT-STC": D(2022, 3, 8),
    "QT-SNV": D(2022, 3, 4),
    "QT-STNMT": D(2022, 3, 15),
    "QT-SGTVT": D(2022, 3, 14),
    "QT-BQLKKT": D(2022, 3, 7),
}
ALSO_CO_CP = {"QT-VPUBND", "QT-SNV", "QT-STC"}
LATE_ACCEPTED = ("QT-BQLDDCN", D(2022, 3, 18))
LATE_PENDING = ("QT-SCT", D(2022, 3, 21))
# Not registered: QT-SNGV, QT-BQLNN, QT-BQLGT.
REGISTRATION_NOTE = "Đơn vị cam kết thực hiện đầy đủ 10 nội dung Giao ước thi đua năm 2022 của Khối."

# The covenant was signed at the conference in Văn phòng UBND tỉnh; three members had not signed.
COVENANT_SIGNED_ON = D(2022, 3, 25)
COVENANT_UNSIGNED = {"QT-SGTVT", "QT-BQLNN", "QT-BQLGT"}
SIGNER_TITLES = {
    "QT-VPHDND": "Chánh Văn phòng HĐND tỉnh",
    "QT-VPUBND": "Chánh Văn phòng UBND tỉnh",
    "QT-BQLKKT": "Trưởng ban Ban Quản lý Khu Kinh tế tỉnh",
}
SEED_SIGNERS = {"QT-VPUBND": "Nguyễn Cảnh Hưng"}  # named in seed 000

# The six-month reports (deadline 30/6/2022).
SUBMITTED_ON_TIME = {
    "QT-VPHDND": D(2022, 6, 27),
    "QT-VPUBND": D(2022, 6, 23),
    "QT-SXD": D(2022, 6, 29),
    "QT-SNNPTNT": D(2022, 6, 30),
    "QT-SKHDT": D(2022, 6, 28),
    "QT-STNMT": D(2022, 6, 29),
    "QT-BQLKKT": D(2022, 6, 24),
    "QT-BQLDDCN": D(2022, 6, 30),
    "QT-BQLNN": D(2022, 6, 30),
}
ACCEPTED = ("QT-SNV", D(2022, 6, 24), D(2022, 7, 1))
RETURNED = (
    "QT-STC",
    D(2022, 6, 28),
    D(2022, 7, 4),
    "Báo cáo chưa có số liệu kết quả thực hiện 10 nội dung Giao ước thi đua và chưa có chữ ký của Thủ trưởng "
    "đơn vị; đề nghị bổ sung và gửi lại",
)
SUBMITTED_LATE = ("QT-SCT", D(2022, 7, 5))
# Not submitted: QT-SNGV, QT-SGTVT, QT-BQLGT.

# Plan 3741's yearly reports before the demo's year (2019–2021) were sent on paper before the system
# came into use, and received: the demo records them as sent on time and accepted, so that no unit's
# inbox asks in 2022 and later for a 2019 report (the open work starts with the 2022 sơ kết).
S001_REPORTED_YEARS = (2019, 2020, 2021)
S001_SENT_BEFORE = 5  # days before the deadline (30/11)
S001_ACCEPTED_AFTER = 10  # days after the deadline


# Seed 001 ----------------------------------------------------------------------------------------

S001_PURPOSES = (
    "1. Mục đích\n"
    "Tạo sự chuyển biến mạnh mẽ về ý thức và hành động; tự tu dưỡng, rèn luyện, nâng cao ý thức, đạo đức công "
    "vụ, đạo đức nghề nghiệp của cán bộ, công chức, viên chức; tăng cường kỷ cương, kỷ luật hành chính; phòng, "
    "chống tham nhũng, thực hành tiết kiệm, chống lãng phí qua đó tiếp tục xây dựng hình ảnh đội ngũ cán bộ, "
    "công chức, viên chức tỉnh Quảng Trị gương mẫu, tận tụy, chuẩn mực, chuyên nghiệp, trách nhiệm, kỷ cương, "
    "tận tình, thân thiện; đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh thông qua "
    "những việc làm cụ thể hàng ngày, trên mọi lĩnh vực công tác góp phần xây dựng hệ thống chính trị trong "
    "sạch, vững mạnh, xây dựng Nhà nước của dân, do dân, vì Nhân dân phục vụ.\n"
    "2. Yêu cầu\n"
    "a) Việc thực hiện Phong trào thi đua phải trở thành nhiệm vụ trọng tâm trong các phong trào thi đua của tỉnh "
    "và các khối thi đua;\n"
    "b) Phong trào thi đua phải được triển khai sâu rộng trong các cơ quan Đảng, chính quyền, Mặt trận Tổ quốc và "
    "các đoàn thể nhân dân với nội dung, hình thức phong phú, thiết thực, có tiêu chí rõ ràng, liên tục, thường "
    "xuyên, có đôn đốc, kiểm tra, đánh giá, sơ kết, tổng kết kịp thời phát hiện nhân tố mới, bồi dưỡng, nhân "
    "rộng các điển hình tiên tiến cụ thể phù hợp các quy định của Đảng, Nhà nước và tình hình thực tiễn của từng "
    "cơ quan, đơn vị;\n"
    "c) Đề cao trách nhiệm, vai trò của người đứng đầu cơ quan, tổ chức, đơn vị trong việc chỉ đạo và tổ chức "
    "thực hiện Phong trào thi đua."
)
# The plan's contents and criteria per audience; the audience leads each text.
S001_CONTENTS = [
    "Tập thể: Thi đua xây dựng cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp.",
    "Tập thể: Triển khai thực hiện tốt Quy định về Quy tắc ứng xử của cán bộ, công chức, viên chức và người lao "
    "động làm việc trong các cơ quan hành chính, đơn vị sự nghiệp công lập trên địa bàn tỉnh.",
    "Tập thể: Thực hiện nghiêm các quy định về văn hóa công sở gắn với thực hiện cải cách hành chính, đẩy mạnh việc "
    "cung cấp các dịch vụ công trực tuyến, coi đây là khâu quan trọng, then chốt trong nhiệm vụ cải cách hành chính "
    "hàng năm và cả giai đoạn. Xây dựng môi trường văn hóa công sở văn minh, thân thiện, liêm chính, kiến tạo, "
    "phục vụ người dân và doanh nghiệp.",
    "Cá nhân (“Thi đua thực hiện kỷ cương, trách nhiệm, tận tụy, chuyên nghiệp”): Có tinh thần, thái độ làm việc "
    "tận tụy, gương mẫu, trách nhiệm, chấp hành nghiêm túc kỷ cương, kỷ luật hành chính.",
    "Cá nhân: Chuẩn mực trong giao tiếp, ứng xử.",
    "Cá nhân: Chuẩn mực về đạo đức, lối sống.",
    "Cá nhân: Trang phục gọn gàng, lịch sự, phù hợp với tính chất công việc.",
    "Cá nhân: Tích cực tham gia các phong trào thi đua do cơ quan, đơn vị và địa phương phát động, tổ chức.",
    "Tiêu chuẩn tập thể: Làm tốt công tác tuyên truyền, quán triệt đến 100% cán bộ, công chức, viên chức, người lao "
    "động thực hiện nghiêm những quy định của Quy tắc ứng xử, văn hóa công sở.",
    "Tiêu chuẩn tập thể: Thực hiện đẩy mạnh công tác cải cách hành chính với phương châm “Đơn giản - thân thiện - "
    "đúng hẹn”; Đơn giản hóa các thủ tục hành chính, rút ngắn thời gian giải quyết công việc tại các đơn vị, địa "
    "phương, được đánh giá loại tốt.",
    "Tiêu chuẩn tập thể: Thực hiện ứng dụng rộng rãi công nghệ thông tin trong hoạt động nội bộ của cơ quan, đơn vị.",
    "Tiêu chuẩn tập thể: Xây dựng và giữ gìn cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp.",
    "Tiêu chuẩn tập thể: Tổ chức các phong trào thi đua thiết thực, hiệu quả với nội dung, hình thức phong phú, đa "
    "dạng thu hút tập hợp sự tham gia của đội ngũ cán bộ, công chức, viên chức góp phần hoàn thành tốt nhiệm vụ "
    "được giao.",
    "Tiêu chuẩn cá nhân: Thực hiện chấp hành nghiêm túc kỷ cương, kỷ luật hành chính.",
    "Tiêu chuẩn cá nhân: Không ngừng học tập để nâng cao trình độ chuyên môn, nghiệp vụ.",
    "Tiêu chuẩn cá nhân: Có tinh thần, thái độ làm việc tận tụy, nghiêm túc, trách nhiệm.",
    "Tiêu chuẩn cá nhân: Thực hiện chuẩn mực trong giao tiếp, ứng xử.",
    "Tiêu chuẩn cá nhân: Thường xuyên tu dưỡng, rèn luyện chuẩn mực về đạo đức, lối sống.",
    "Tiêu chuẩn cá nhân: Trang phục gọn gàng, lịch sự, phù hợp với tính chất công việc.",
    "Tiêu chuẩn cá nhân: Tích cực tham gia các phong trào thi đua yêu nước do cơ quan, đơn vị và địa phương phát "
    "động, tổ chức.",
    "Khi xét, đánh giá thành tích của các đơn vị, địa phương hoặc cá nhân là người đứng đầu đơn vị, địa phương, lấy "
    "kết quả đánh giá, xếp loại công tác cải cách hành chính của các đơn vị, địa phương làm cơ sở để khen thưởng và "
    "đề nghị cấp trên khen thưởng.",
]
S001_RECIPIENTS = (
    "- Ban TĐKT TW;\n- Các thành viên Ban Thường vụ Tỉnh ủy;\n- Thường trực HĐND tỉnh;\n- Chủ tịch, các PCT UBND "
    "tỉnh;\n- Các thành viên HĐTĐKT tỉnh;\n- UBND các huyện, thị xã, TP;\n- Các sở, ban, ngành, đoàn thể cấp tỉnh;"
    "\n- Các cơ quan TW đóng trên địa bàn;\n- Các Doanh nghiệp tham gia Khối thi đua;\n- Lưu: VT, NC."
)


# Seed 002 (OCR without tone marks; written here with them) ---------------------------------------

S002_PURPOSES = (
    "1. Mục đích\n"
    "- Nhằm phát huy sức mạnh đoàn kết, dân chủ, tích cực, chủ động, trách nhiệm, sáng tạo, nâng cao chất lượng và "
    "hiệu quả công tác, quyết tâm thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022 và giai đoạn "
    "2021 – 2025 theo Nghị quyết, Chương trình hành động của Đảng bộ tỉnh khóa XIX, nhiệm kỳ 2020-2025 và kế "
    "hoạch, Chương trình công tác năm 2022 của UBND tỉnh, khung kế hoạch nhiệm vụ trọng tâm năm 2022 của Sở Nội vụ.\n"
    "- Thông qua việc tổ chức các hoạt động thi đua nhằm nâng cao nhận thức cho cán bộ, công chức, viên chức và "
    "người lao động trong cơ quan về vai trò, tác dụng của phong trào thi đua trong giai đoạn hiện nay.\n"
    "- Phát hiện kịp thời các tập thể, cá nhân điển hình tiên tiến, những cách làm mới, làm hay có hiệu quả để "
    "nhân rộng trong cơ quan, đơn vị.\n"
    "2. Yêu cầu\n"
    "- Phong trào thi đua phải thiết thực, hiệu quả, tránh hình thức; công tác khen thưởng phải kịp thời, chính "
    "xác, đảm bảo công khai, dân chủ, minh bạch.\n"
    "- Việc tổ chức phong trào thi đua gắn với hoạt động kỷ niệm các ngày lễ lớn của đất nước, của tỉnh, của ngành "
    "trong năm 2022; kết thúc các đợt thi đua tổ chức sơ kết, tổng kết, kịp thời biểu dương khen thưởng các tập "
    "thể, cá nhân có thành tích xuất sắc trong phong trào thi đua.\n"
    "- Đảm bảo sự lãnh đạo, chỉ đạo thống nhất, sâu sát và sự phối hợp chặt chẽ, hiệu quả của cơ quan Văn phòng "
    "Sở, các đơn vị trực thuộc Sở trong tổ chức thực hiện nhiệm vụ được giao."
)
S002_CONTENTS = [
    "Tiếp tục thực hiện có hiệu quả Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công "
    "tác thi đua, khen thưởng”; các văn bản pháp luật về Thi đua, khen thưởng; Chỉ thị số 19/CT-TTg ngày 16/7/2021 "
    "của Thủ tướng Chính phủ về việc phát động thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội hằng năm và "
    "Kế hoạch 05 năm (2021 - 2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; Chỉ thị số "
    "08-CT/TU ngày 24/5/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh phong trào thi đua yêu nước thực hiện thắng lợi "
    "Nghị quyết Đại hội Đảng các cấp nhiệm kỳ 2020 - 2025; Nghị quyết số 10-NQ/TU ngày 13/12/2021 của Ban Chấp hành "
    "Đảng bộ tỉnh về tình hình kinh tế - xã hội, quốc phòng, an ninh năm 2021, mục tiêu, nhiệm vụ, giải pháp năm "
    "2022; Kế hoạch số 177/KH-UBND ngày 25/5/2021 về tổ chức phong trào thi đua thực hiện Kế hoạch phát triển kinh "
    "tế - xã hội 05 năm (2021 - 2025) theo Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX.",
    "Bám sát nhiệm vụ chính trị, tổ chức phát động phong trào thi đua triển khai thực hiện hiệu quả, cụ thể hóa các "
    "chủ trương, nghị quyết, chỉ thị, quy định, quy chế, kết luận của Trung ương, của Ban Chấp hành Đảng bộ tỉnh và "
    "Ban Thường vụ Tỉnh ủy. Thực hiện linh hoạt, hiệu quả mục tiêu vừa phòng, chống dịch COVID-19, vừa phục hồi, "
    "phát triển kinh tế - xã hội. Tiếp tục hưởng ứng và thực hiện có hiệu quả các phong trào thi đua: “Cả tỉnh "
    "chung sức xây dựng tỉnh Hà Tĩnh đạt chuẩn nông thôn mới” giai đoạn 2021 - 2025; “Cả tỉnh chung sức, đồng lòng "
    "thi đua phòng, chống hiệu quả dịch bệnh COVID-19”, “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn "
    "hóa công sở”; “Cải cách hành chính”; “Xây dựng đời sống văn hóa”; “Toàn dân bảo vệ an ninh Tổ quốc”; “Đảm bảo "
    "trật tự an toàn giao thông”; “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”; phong trào thi "
    "đua trong lĩnh vực xây dựng Đảng, hệ thống chính trị, bộ máy nhà nước trong sạch, vững mạnh; đẩy mạnh phòng "
    "chống tham nhũng, lãng phí; thực hiện cải cách hành chính nhằm phục vụ tốt nhất cho người dân và doanh nghiệp, "
    "thi đua đảm bảo an ninh, trật tự, chống buôn lậu, gian lận thương mại và hàng giả trước, trong và sau Tết "
    "Nguyên đán Nhâm Dần năm 2022,...",
    "Xây dựng tổ chức Đảng, chính quyền, đoàn thể trong sạch vững mạnh, hoạt động có hiệu quả. Tăng cường công tác "
    "giáo dục pháp luật, giáo dục truyền thống cho cán bộ, công chức, viên chức và người lao động trong cơ quan, "
    "đơn vị; đẩy mạnh thực hành tiết kiệm, chống lãng phí; quản lý nguồn kinh phí được giao đảm bảo đúng quy định; "
    "sử dụng tài sản công đúng mục đích, có hiệu quả.",
    "Nâng cao tinh thần, trách nhiệm thực hiện nhiệm vụ được giao, đổi mới phương thức lãnh đạo, quản lý, điều "
    "hành; thể chế hóa và xây dựng kế hoạch triển khai thực hiện các lĩnh vực quản lý nhà nước của ngành Nội vụ.",
    "Tiếp tục thực hiện có hiệu quả phong trào thi đua “Hà Tĩnh chung sức xây dựng nông thôn mới”, “Cả tỉnh chung "
    "tay vì người nghèo - Không để ai bị bỏ lại phía sau”, “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa "
    "công sở”, “Toàn dân bảo vệ an ninh Tổ quốc”,...",
    "Nâng cao vai trò, trách nhiệm trong hoạt động của Hội đồng Thi đua - Khen thưởng và vai trò tham mưu của bộ "
    "phận giúp việc để tham mưu cho Giám đốc Sở trong tổ chức triển khai phong trào thi đua đạt hiệu quả; nâng cao "
    "chất lượng công tác khen thưởng, thực hiện công khai, dân chủ trong bình xét khen thưởng, việc khen thưởng "
    "phải đạt mục đích “động viên, giáo dục, nêu gương”.",
    "Nâng cao chất lượng tham mưu, đề xuất đối với các lĩnh vực công tác được giao; phấn đấu hoàn thành và hoàn "
    "thành vượt mức các chỉ tiêu nhiệm vụ công tác năm 2022 đề ra.",
    "Đẩy mạnh việc triển khai thực hiện công tác cải cách hành chính; tăng cường ứng dụng công nghệ thông tin; áp "
    "dụng có hiệu quả hệ thống tiêu chuẩn ISO 9001:2015 trong hoạt động quản lý hành chính tại Cơ quan Văn phòng Sở "
    "và các đơn vị trực thuộc; chấp hành tốt quy chế làm việc, quy chế dân chủ cơ sở,... tổ chức thực hiện tốt "
    "việc kiểm soát thủ tục hành chính tạo điều kiện thuận lợi cho tổ chức, cá nhân đến giao dịch; thực hiện tốt "
    "quy chế dân chủ cơ sở đảm bảo công khai, minh bạch trong cơ quan, đơn vị.",
    "Tích cực vận động công chức, viên chức, người lao động trong cơ quan hưởng ứng tham gia đầy đủ có hiệu quả các "
    "hoạt động xã hội do Trung ương và tỉnh phát động.",
    "Khen thưởng và trình khen thưởng kịp thời cho các tập thể, cá nhân có thành tích xuất sắc trong các phong trào "
    "thi đua, trong lao động và công tác. Chú trọng khen thưởng thành tích chuyên đề, đột xuất, khen thưởng cho "
    "công chức, viên chức và người lao động không giữ chức vụ lãnh đạo, quản lý.",
    "Tổ chức đánh giá sơ kết, tổng kết rút kinh nghiệm trong chỉ đạo, tổ chức các phong trào thi đua, kịp thời phát "
    "hiện và tuyên dương, khen thưởng những cá nhân, tập thể tiên tiến, tạo động lực thúc đẩy phong trào thi đua "
    "ngày càng phát triển.",
    # The objectives that are not numbers (Mục tiêu thi đua) stay words.
    "Mục tiêu (tập thể): Tập thể cơ quan Sở hoàn thành xuất sắc nhiệm vụ, được UBND tỉnh tặng Cờ thi đua hoặc Bằng "
    "khen.",
    "Mục tiêu (tập thể): Thực hiện tiết kiệm chi, nâng cao đời sống vật chất, tinh thần, phấn đấu thu nhập tăng thêm "
    "của CBCC năm 2022 cao hơn năm 2021.",
    "Mục tiêu (tập thể): Tổ chức Công đoàn, Đoàn Thanh niên hoàn thành xuất sắc nhiệm vụ.",
]
# (label, kind, who, award code, rating at least, value) — Mục tiêu thi đua, year 2022.
S002_TARGETS = [
    (
        "100% phòng, ban, trung tâm đạt danh hiệu Tập thể lao động tiên tiến",
        "award_share",
        "collective",
        "TTLDTT",
        "",
        100,
    ),
    ("20% tập thể đạt danh hiệu Tập thể lao động xuất sắc", "award_share", "collective", "TTLDXS", "", 20),
    (
        "2 - 3 phòng, ban, trung tâm được Bộ Nội vụ, UBND tỉnh tặng Bằng khen",
        "award_count",
        "collective",
        "BK_TINH",
        "",
        2,
    ),
    (
        "1 đơn vị trực thuộc được tặng Cờ thi đua của Ủy ban nhân dân tỉnh",
        "award_count",
        "collective",
        "CO_TINH",
        "",
        1,
    ),
    (
        "100% cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên",
        "rating_share",
        "individual",
        "",
        "HTTNV",
        100,
    ),
    (
        "100% cán bộ, công chức, viên chức đạt danh hiệu Lao động tiên tiến",
        "award_share",
        "individual",
        "LDTT",
        "",
        100,
    ),
    ("15% đạt danh hiệu Chiến sĩ thi đua cơ sở", "award_share", "individual", "CSTDCS", "", 15),
    ("15% cá nhân được Bộ Nội vụ, UBND tỉnh tặng Bằng khen", "award_share", "individual", "BK_TINH", "", 15),
    ("Có cá nhân được Thủ tướng Chính phủ tặng Bằng khen", "award_count", "individual", "BK_TTG", "", 1),
]
S002_PHASE1 = (
    "Thi đua lập thành tích chào mừng kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
    "03/02/2022), gắn với hoạt động mừng Xuân Nhâm Dần; 47 năm Ngày giải phóng miền Nam, thống nhất đất nước "
    "(30/4/1975 - 30/4/2022); 68 năm Ngày Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2022); 132 năm Ngày sinh "
    "Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022); 115 năm Ngày sinh Tổng Bí thư Lê Duẩn (07/4/1907 - 07/4/2022); "
    "65 năm Ngày Bác Hồ về thăm Hà Tĩnh (15/6/1957 - 15/6/2022) và 15 năm thành lập thành phố Hà Tĩnh (28/5/2007 - "
    "28/5/2022). Phấn đấu hoàn thành các nhiệm vụ, chỉ tiêu kế hoạch 06 tháng đầu năm 2022."
)
S002_PHASE2 = (
    "Thi đua lập thành tích chào mừng kỷ niệm 77 năm Ngày Cách mạng tháng Tám thành công (19/8/1945 - 19/8/2022) "
    "và Ngày Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2022); kỷ niệm 75 năm Ngày "
    "Thương binh Liệt sỹ (27/7/1947 - 27/7/2022); kỷ niệm 175 năm ngày sinh Đình nguyên Tiến sỹ Phan Đình Phùng "
    "(06/6/1847 - 06/6/2022), lãnh tụ của Phong trào Cần Vương; 92 năm Xô Viết Nghệ Tĩnh (12/9/1930 - 12/9/2022); "
    "92 năm Ngày thành lập Mặt trận Dân tộc thống nhất Việt Nam (18/11/1930 - 18/11/2022);... với mục tiêu thi đua "
    "hoàn thành toàn diện các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2022."
)
S002_RECIPIENTS = (
    "- UBND tỉnh (để b/c);\n- Giám đốc, các PGĐ Sở;\n- Các phòng, ban, trung tâm thuộc Sở;\n- Lưu: VT, VP."
)


# Seed 003 ----------------------------------------------------------------------------------------

S003_PURPOSES = (
    "1. Mục đích\n"
    "- Tiếp tục phát huy tinh thần đoàn kết, chủ động, sáng tạo của mỗi cá nhân, tập thể, tạo khí thế thi "
    "đua sôi nổi trong toàn thể cán bộ, chiến sĩ, công chức, viên chức, người lao động trong các cơ quan, "
    "đơn vị, nỗ lực phấn đấu hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ được giao, góp phần phát triển "
    "kinh tế - xã hội, đảm bảo quốc phòng - an ninh trên địa bàn tỉnh.\n"
    "- Thông qua phong trào thi đua để tiếp tục rèn luyện, nâng cao nhận thức về chính trị tư tưởng, phẩm "
    "chất đạo đức, lối sống, ý thức trách nhiệm, kỷ luật, kỷ cương, trình độ, năng lực chuyên môn của đội "
    "ngũ cán bộ, chiến sĩ, công chức, viên chức, người lao động; kịp thời phát hiện những tập thể, cá "
    "nhân điển hình, những cách làm mới, cách làm hay có hiệu quả để từ đó nhân rộng trong cơ quan, đơn "
    "vị; củng cố, tăng cường sự đoàn kết, hợp tác, phối hợp, trao đổi, học tập, chia sẻ kinh nghiệm giữa "
    "các cơ quan, đơn vị trong Khối thi đua.\n"
    "2. Yêu cầu\n"
    "- Phong trào thi đua năm 2022 phải được phát động và triển khai thực hiện sâu rộng, phù hợp với yêu "
    "cầu nhiệm vụ của từng cơ quan, đơn vị, thu hút đông đảo cán bộ, chiến sĩ, công chức, viên chức, "
    "người lao động trong đơn vị tích cực hưởng ứng, tham gia thường xuyên, liên tục, tạo động lực mới, "
    "sự đồng thuận và ý chí quyết tâm cao trong thực hiện những nhiệm vụ trọng tâm, nhiệm vụ khó khăn, "
    "phức tạp; gắn kết công tác của các cơ quan, đơn vị trong Khối thi đua với việc phát triển kinh tế - "
    "xã hội của địa phương.\n"
    "- Nội dung, hình thức, phương thức, biện pháp phát động, tổ chức thực hiện phong trào thi đua phải "
    "thiết thực, hiệu quả, phù hợp với tình hình, điều kiện của mỗi cơ quan, đơn vị gắn với chức trách, "
    "nhiệm vụ chuyên môn của cán bộ, chiến sĩ, công chức, viên chức, người lao động. Kết hợp chặt chẽ "
    "giữa phong trào thi đua do Ủy ban nhân dân tỉnh phát động với các phong trào thi đua do Bộ, ngành "
    "cấp trên của mỗi cơ quan, đơn vị phát động.\n"
    "- Kịp thời đánh giá sơ kết, tổng kết các phong trào thi đua gắn với khen thưởng trên cơ sở kết quả "
    "thành tích thi đua; bảo đảm khen thưởng chính xác, công khai, công bằng và kịp thời, tạo động lực để "
    "tập thể và cá nhân phấn đấu hoàn thành xuất sắc nhiệm vụ được giao."
)
S003_CONTENTS = [
    (
        "Triển khai thực hiện hiệu quả công tác tổ chức cán bộ, xây dựng ngành bảo đảm tinh gọn, hiệu lực, "
        "hiệu quả; thường xuyên làm tốt công tác giáo dục chính trị, tư tưởng, rèn luyện phẩm chất đạo đức, ý "
        "thức trách nhiệm, kỷ luật, kỷ cương của đội ngũ cán bộ, chiến sĩ, công chức, viên chức, người lao "
        "động trong các cơ quan, đơn vị theo Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ về "
        "tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp; tăng cường công tác kiểm "
        "tra, kiểm soát nội bộ nhằm hạn chế thấp nhất số cán bộ, chiến sĩ, công chức, viên chức, người lao "
        "động vi phạm kỷ luật, pháp luật."
    ),
    ("Các cơ quan, đơn vị trong Khối thi đua hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ trọng tâm được giao năm 2022."),
    (
        "Thực hiện đồng bộ các biện pháp phòng, chống tham nhũng, lãng phí, không để xảy ra hiện tượng tiêu "
        "cực trong thi hành công vụ."
    ),
    (
        "Có nhiều giải pháp thực hiện thắng lợi Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng, "
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII gắn với thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 "
        'của Bộ Chính trị "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"; Nghị '
        "quyết Trung ương 4 (khoá XI, khoá XII); Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành "
        "Trung ương khoá XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn "
        "chặn đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, "
        'biểu hiện "tự diễn biến", "tự chuyển hoá". Tiếp tục triển khai thực hiện việc học tập và làm theo tư '
        "tưởng, đạo đức, phong cách Hồ Chí Minh theo chỉ đạo của cấp trên. Tiếp tục đẩy mạnh, nâng cao chất "
        "lượng và đổi mới nội dung, biện pháp tổ chức các phong trào thi đua để cán bộ, đảng viên, chiến sĩ, "
        "công chức, viên chức, người lao động tích cực tham gia gắn với thực hiện nhiệm vụ của từng cá nhân; "
        "phát huy vai trò, tác dụng của phong trào thi đua trong tổ chức thực hiện nhiệm vụ chính trị của "
        "từng cơ quan, đơn vị."
    ),
    (
        "Nâng cao chất lượng cải cách hành chính, ứng dụng công nghệ thông tin trong công tác chỉ đạo điều "
        "hành và hoạt động nghiệp vụ. Chỉ đạo thực hiện tốt các nhiệm vụ cải cách tư pháp theo Kết luận số "
        "84-KL/TW ngày 29/7/2020 của Bộ Chính trị về tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW của Bộ "
        "Chính trị khoá IX về Chiến lược cải cách tư pháp đến năm 2020."
    ),
    (
        "100% các tổ chức Đảng, đoàn thể các cơ quan, đơn vị trong Khối thi đua đạt từ hoàn thành tốt nhiệm "
        "vụ trở lên; 100% các cơ quan, đơn vị hoàn thành xuất sắc các nhiệm vụ chính trị trọng tâm; không có "
        "cán bộ, chiến sĩ, công chức, viên chức, người lao động vi phạm kỷ luật vượt quá tỷ lệ quy định của "
        "ngành."
    ),
    (
        'Phong trào thi đua "Tuyên Quang chung sức xây dựng nông thôn mới", "Cả nước chung tay vì người nghèo '
        '- Không để ai bị bỏ lại phía sau" và phong trào "Doanh nghiệp Việt Nam hội nhập và phát triển". Các '
        'cơ quan, đơn vị tiếp tục quán triệt, triển khai thực hiện phong trào thi đua "Tuyên Quang chung sức '
        'xây dựng nông thôn mới", phong trào "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía '
        'sau" gắn phong trào thi đua với nhiệm vụ chính trị, nhiệm vụ chuyên môn để đa dạng nội dung tổ chức, '
        "hình thức thiết thực phù hợp với điều kiện của từng cơ quan, đơn vị để giúp đỡ về vật chất và tinh "
        "thần xây dựng nông thôn mới và giúp đỡ người nghèo vươn lên trong cuộc sống. Tiếp tục quán triệt, "
        "triển khai Kế hoạch số 98/KH-UBND ngày 22/11/2017 của Ủy ban nhân dân tỉnh Tuyên Quang về tổ chức "
        'thực hiện phong trào thi đua "Doanh nghiệp Việt Nam hội nhập và phát triển", Quyết định số '
        "354/QĐ-UBND ngày 8/10/2019 của Ủy ban nhân dân tỉnh phê duyệt Đề án phát triển doanh nghiệp tỉnh "
        "Tuyên Quang đến năm 2020, định hướng đến năm 2030; các đơn vị thành viên trong Khối thi đua thực "
        "hiện việc gắn các nội dung thực hiện phong trào thi đua với nhiệm vụ của từng cơ quan, đơn vị; "
        "thường xuyên tuyên truyền các văn bản pháp luật của Đảng, nhà nước, các quy định của tỉnh để hỗ trợ "
        "về mặt pháp lý giúp doanh nghiệp phát triển và hội nhập; đẩy mạnh ứng dụng công nghệ thông tin, đơn "
        "giản hoá thủ tục hành chính nhằm tạo điều kiện thuận lợi cho người dân và doanh nghiệp."
    ),
    (
        'Phong trào thi đua "Cán bộ, công chức, viên chức tỉnh Tuyên Quang thi đua thực hiện văn hoá công '
        'sở". Các cơ quan, đơn vị tiếp tục triển khai thực hiện phong trào thi đua "Cán bộ, công chức, viên '
        'chức tỉnh Tuyên Quang thi đua thực hiện văn hoá công sở", thực hiện các quy định, nội quy, quy chế '
        "của cơ quan, đơn vị về văn hoá công sở; đẩy mạnh công tác cải cách hành chính, ứng dụng công nghệ "
        "thông tin trong hoạt động gắn với thực hiện tốt nhiệm vụ chính trị của từng cơ quan đơn vị."
    ),
    (
        "Phong trào thi đua đặc biệt “Tuyên Quang đoàn kết, chung sức, đồng lòng thi đua phòng, chống và "
        "chiến thắng đại dịch Covid-19”. Các cơ quan, đơn vị tiếp tục triển khai thực hiện phong trào thi đua "
        "đặc biệt “Tuyên Quang đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch "
        "Covid-19” với nội dung, hình thức phong phú, phù hợp, thiết thực nhằm khơi dậy mạnh mẽ tinh thần yêu "
        "nước, ý chí tự lực tự cường, tinh thần đoàn kết, tương thân tương ái, đồng viên, lời cuốn cán bộ, "
        "chiến sĩ, công chức, viên chức, người lao động và toàn thể nhân dân tích cực chủ động tham gia "
        "phòng, chống, chiến thắng đại dịch Covid-19, phấn đấu hoàn thành vượt mức các chỉ tiêu nhiệm vụ với "
        "năng suất, chất lượng hiệu quả nhất."
    ),
    (
        "Bên cạnh các phong trào thi đua thường xuyên, căn cứ vào tình hình thực tế, yêu cầu nhiệm vụ công "
        "tác, các cơ quan, đơn vị chủ động hướng ứng các phong trào thi đua theo chuyên đề, theo đợt do ngành "
        "và địa phương phát động, thực hiện các nhiệm vụ đột xuất, đột phá nhằm hoàn thành các chỉ tiêu, "
        "nhiệm vụ chính trị - xã hội, đảm bảo an ninh - quốc phòng của địa phương."
    ),
    (
        "Thi đua xây dựng củng cố tổ chức đảng trong sạch vững mạnh; xây dựng các tổ chức đoàn thể vững mạnh "
        "toàn diện; tăng cường sự phối hợp giữa tổ chức đảng và tổ chức đoàn thể với thủ trưởng cơ quan, đơn "
        "vị trong chỉ đạo thực hiện các chỉ tiêu, nhiệm vụ được giao."
    ),
    (
        "Phối hợp với các tổ chức chính trị trong cơ quan, đơn vị tổ chức các hoạt động sinh hoạt chuyên đề, "
        "văn nghệ, thể thao trong các cơ quan, đơn vị hoặc giữa các cơ quan, đơn vị trong Khối thi đua tạo "
        "không khí vui tươi, đoàn kết, từng bước nâng cao đời sống vật chất và tinh thần cho cán bộ, chiến "
        "sĩ, công chức, người lao động."
    ),
    (
        "Tích cực tham gia các hoạt động xã hội, nhân đạo, từ thiện, đền ơn đáp nghĩa, xoá đói giảm nghèo, "
        "ủng hộ đồng bào bị thiên tai và thường xuyên chăm lo, giúp đỡ công chức, viên chức, chiến sĩ, người "
        "lao động trong cơ quan, đơn vị có hoàn cảnh đặc biệt khó khăn."
    ),
]
S003_RECIPIENTS = (
    "- Ban TĐKT tỉnh (Báo cáo);\n- Các cơ quan trong Khối thi đua (T/hiện);\n- Thủ trưởng Bộ CHQS tỉnh;\n"
    "- Lưu: VT, TH. H15."
)


# Seed 004 ----------------------------------------------------------------------------------------

S004_PURPOSES = (
    "1. Mục đích\n"
    "- Phát huy tinh thần đoàn kết, sức mạnh tập thể, tinh thần trách nhiệm, chủ động, sáng tạo, nâng cao "
    "chất lượng, hiệu quả công tác; qua đó, tạo động lực, không khí thi đua sôi nổi, quyết tâm hoàn thành "
    "xuất sắc mọi nhiệm vụ được cấp có thẩm quyền giao trong năm 2024 và năm 2025 của ngành Nội vụ tỉnh "
    "Quảng Trị.\n"
    "- Biểu dương, khen thưởng các tập thể, cá nhân có thành tích nổi trội, thực sự là tấm gương tiêu "
    "biểu, có sức lan tỏa, góp phần động viên, khích lệ các tập thể, cá nhân toàn ngành Nội vụ tỉnh Quảng "
    "Trị thi đua phấn đấu hoàn thành xuất sắc mọi nhiệm vụ được giao.\n"
    "2. Yêu cầu\n"
    "- Đợt thi đua đặc biệt phải được triển khai cụ thể, đồng bộ tới từng cơ quan, đơn vị của ngành Nội "
    "vụ tỉnh Quảng Trị; được thực hiện liên tục, có sức lan tỏa, thực sự tạo động lực mạnh mẽ, thu hút "
    "đông đảo công chức, viên chức và người lao động toàn ngành hưởng ứng và tham gia.\n"
    "- Công tác tổng kết, đánh giá đợt thi đua phải có tiêu chí đảm bảo khoa học, lượng hóa được kết quả, "
    "sản phẩm cụ thể của từng tập thể, cá nhân.\n"
    "- Việc bình xét khen thưởng phải đảm bảo nguyên tắc khách quan, công khai, minh bạch và chỉ đề nghị "
    "khen thưởng đối với tập thể, cá nhân có thành tích nổi trội, thực sự tiêu biểu, có sức lan tỏa, tạo "
    "động lực khích lệ công chức, viên chức và người lao động trong toàn ngành Nội vụ tỉnh Quảng Trị phấn "
    "đấu hoàn thành xuất sắc mọi nhiệm vụ được giao."
)
S004_CONTENTS = [
    (
        "Chỉ tiêu: Ngành Nội vụ tỉnh Quảng Trị phấn đấu hoàn thành thắng lợi các nhiệm vụ trong năm 2024 và 7 "
        "tháng đầu năm 2025 theo Chương trình công tác hàng năm và Kế hoạch thực hiện đợt thi đua đặc biệt "
        "của Bộ Nội vụ; tích cực hưởng ứng các hoạt động ý nghĩa, thiết thực chào mừng Kỷ niệm 80 năm Ngày "
        "truyền thống ngành Tổ chức nhà nước từ ngày 10/7/2024 đến hết ngày 31/7/2025."
    ),
    (
        "Chỉ tiêu: Phấn đấu ít nhất 100% cơ quan, đơn vị thuộc ngành Nội vụ tỉnh Quảng Trị hoàn thành tốt "
        "nhiệm vụ trở lên; có 100% công chức, viên chức và người lao động ngành Nội vụ hoàn thành tốt nhiệm "
        "vụ trở lên, trong đó có 20% công chức, viên chức và người lao động hoàn thành xuất sắc nhiệm vụ. "
        "Phấn đấu 100% công chức, viên chức và người lao động ngành Nội vụ tỉnh Quảng Trị không vi phạm các "
        "quy định của Đảng, pháp luật của Nhà nước và quy chế làm việc của cơ quan, đơn vị; không có công "
        "chức, viên chức của ngành Nội vụ bị xử lý kỷ luật do có vi phạm trong thi hành công vụ."
    ),
    (
        "Nhiệm vụ, giải pháp: Đề xuất các giải pháp thực hiện hiệu quả công tác CCHC; khắc phục tồn tại, hạn "
        "chế để nâng cao các chỉ số PAR Index, SIPAS, PAPI, PCI của tỉnh Quảng Trị. Thực hiện đánh giá, chấm "
        "điểm chỉ số CCHC và mức độ hoàn thành nhiệm vụ của các cơ quan, đơn vị, địa phương đảm bảo thực "
        "chất, hiệu quả, làm cơ sở để đánh giá xếp loại mức độ hoàn thành nhiệm vụ của người đứng đầu các cơ "
        "quan, đơn vị, địa phương. Triển khai việc đo lường sự hài lòng của người dân, tổ chức đối với sự "
        "phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh (SIPAS); xây dựng Đề án thực hiện triển "
        "khai điều tra xã hội học xác định Chỉ số PAR Index."
    ),
    (
        "Nhiệm vụ, giải pháp: Tiếp tục thực hiện sắp xếp tổ chức bộ máy đảm bảo tinh gọn, hoạt động hiệu lực, "
        "hiệu quả, gắn với tinh giản biên chế và giảm viên chức hưởng lương từ ngân sách nhà nước; thực hiện "
        "tổ chức lại thanh tra các Sở đảm bảo theo quy định tại Nghị định số 03/2024/NĐ-CP ngày 11/01/2024 "
        "của Chính phủ. Tiếp tục rà soát quy định chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức; điều chỉnh "
        "VTVL của các cơ quan, tổ chức hành chính, đơn vị sự nghiệp công lập trên địa bàn tỉnh đảm bảo phù "
        "hợp và đúng quy định hiện hành. Tham mưu xây dựng Kế hoạch biên chế, số người làm việc năm 2025 "
        "trình Bộ Nội vụ, BTV Tỉnh ủy, HĐND tỉnh."
    ),
    (
        "Nhiệm vụ, giải pháp: Tiếp tục đổi mới hoạt động công vụ, công chức, gắn tinh giản biên chế với cơ "
        "cấu lại và nâng cao chất lượng đội ngũ CBCCV. Thực hiện kiểm tra, giám sát việc thực hiện nhiệm vụ "
        "của CBCCV nhằm đẩy lùi tình trạng CBCCV né tránh, đùn đẩy, sợ trách nhiệm trong thực thi công vụ; "
        "tăng cường kỷ luật, kỷ cương công vụ. Thực hiện công tác đánh giá, quy hoạch, bổ nhiệm, bổ nhiệm lại "
        "cán bộ, chính sách, tiền lương, đào tạo, bồi dưỡng tiếp tục được triển khai thực hiện kịp thời, theo "
        "đúng quy định. Nâng cao chất lượng tuyển dụng công chức, viên chức; rà soát, tham mưu tổ chức kỳ thi "
        "tuyển công chức để bổ sung vào đội ngũ những công chức trẻ, có năng lực, trình độ, năng động, sáng "
        "tạo. Rà soát, tổ chức thực hiện việc xét thăng hạng chức danh nghề nghiệp viên chức ngành y tế, giáo "
        "dục và đào tạo và các ngành, lĩnh vực khác nhằm đảm bảo quyền lợi, chế độ chính sách cho đội ngũ "
        "viên chức trên địa bàn tỉnh."
    ),
    (
        "Nhiệm vụ, giải pháp: Tập trung cao độ hoàn thành việc sắp xếp ĐVHC cấp huyện, cấp xã giai đoạn "
        "2023-2025 trong tháng 9/2024 đảm bảo thận trọng, chắc chắn, kỹ lưỡng, đồng thuận, hiệu quả. Giải "
        "quyết dôi dư CBCCV cấp xã do sắp xếp ĐVHC giai đoạn 2019-2021 đảm bảo hoàn thành trước ngày "
        "31/12/2024. Kịp thời tham mưu UBND tỉnh trình HĐND tỉnh thông qua Nghị quyết quy định chính sách hỗ "
        "trợ đối với CBCCV cấp xã và người hoạt động không chuyên trách ở cấp xã nghỉ hưu trước tuổi, thôi "
        "việc vì dôi dư do sắp xếp ĐVHC cấp xã trên địa bàn tỉnh giai đoạn 2023-2030; Nghị quyết quyết định "
        "các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh. Trình UBND tỉnh ban hành Quyết "
        "định quy định về quản lý, sử dụng người hoạt động không chuyên trách cấp xã. Tổ chức bàn giao, hướng "
        "dẫn UBND các huyện, thị xã, thành phố quản lý hồ sơ, bản đồ địa giới hành chính sau khi được Trung "
        "ương quyết định cho phép đưa vào sử dụng."
    ),
    (
        "Nhiệm vụ, giải pháp: Thực hiện công tác khen thưởng theo công trạng và thành tích đạt được theo "
        "chuyên đề và khen thưởng đột xuất đảm bảo kịp thời, đúng quy định. Tham mưu tổ chức Đại hội Thi đua "
        "yêu nước của tỉnh Quảng Trị lần thứ VI năm 2025; phát động phong trào thi đua yêu nước chào mừng Đại "
        "hội Đảng các cấp tiến tới Đại hội Đảng lần thứ XIV."
    ),
    (
        "Nhiệm vụ, giải pháp: Triển khai thực hiện có hiệu quả công tác QLNN về tín ngưỡng, tôn giáo. Kịp "
        "thời ngăn chặn các hiện tượng tôn giáo mới, “tà đạo”, “đạo lạ” mượn danh tôn giáo hoạt động tôn giáo "
        "trái pháp luật; chủ động nắm chắc diễn biến tình hình các tôn giáo trên địa bàn tỉnh, kịp thời báo "
        "cáo, tham mưu Tỉnh ủy, UBND tỉnh chỉ đạo, giải quyết."
    ),
    (
        "Nhiệm vụ, giải pháp: Triển khai Luật Lưu trữ (sửa đổi) vừa được Quốc hội thông qua. Hướng dẫn việc "
        "bàn giao tài liệu lưu trữ đối với các xã, thị trấn sáp nhập kết thúc hoặc lập mới phòng lưu trữ."
    ),
    (
        "Nhiệm vụ, giải pháp: Nâng cao hiệu quả công tác quản lý hội, quỹ; công tác dân vận, dân chủ ở cơ sở; "
        "công tác thanh niên; tăng cường thanh tra công vụ nhằm xiết chặt kỷ luật, kỷ cương hành chính..."
    ),
    (
        "Nhiệm vụ, giải pháp: Đẩy mạnh thực hiện chuyển đổi số của ngành Nội vụ nhằm nâng cao hiệu quả thực "
        "hiện nhiệm vụ, trong đó tập trung hoàn thiện và đưa vào sử dụng các phần mềm quản lý công tác thi "
        "đua khen thưởng; hệ thống cơ sở dữ liệu về cải cách hành chính; nâng cấp hệ thống cơ sở dữ liệu về "
        "CBCCVC toàn tỉnh."
    ),
    (
        "Nhiệm vụ, giải pháp: Tăng cường công tác nghiên cứu khoa học; hoàn thành có chất lượng 02 Đề tài "
        "nghiên cứu khoa học cấp tỉnh gồm: Đề tài “Nghiên cứu phương pháp đánh giá chất lượng chuyên môn "
        "nghiệp vụ công chức, viên chức khối nhà nước thông qua sát hạch định kỳ” và Đề tài “Đánh giá thực "
        "trạng và đề xuất các giải pháp nhằm nâng cao hiệu quả trong hoạt động quản lý nhà nước về thi đua, "
        "khen thưởng các cấp trên địa bàn tỉnh Quảng Trị giai đoạn 2022 – 2027”, từ đó áp dụng vào thực tiễn."
    ),
    (
        "Nhiệm vụ, giải pháp: Thực hiện tốt công tác cán bộ, đào tạo, bồi dưỡng, đánh giá, xếp loại, thi đua, "
        "khen thưởng, chế độ, chính sách, trọng dụng nguồn nhân lực chất lượng cao, đảm bảo các điều kiện làm "
        "việc, phát huy năng lực, phẩm chất, năng động, sáng tạo của đội ngũ công chức, viên chức và người "
        "lao động ngành Nội vụ, góp phần xây dựng ngành Nội vụ tỉnh Quảng Trị ngày càng phát triển vững mạnh. "
        "Thực hiện tốt kỷ luật, kỷ cương hành chính, nội quy làm việc, thực hành tiết kiệm, chống lãng phí, "
        "phòng chống tham nhũng, tiêu cực; công tác văn thư, lưu trữ, bảo vệ bí mật nhà nước... Thực hiện đầy "
        "đủ chế độ báo cáo thống kê đảm bảo đúng thời gian và nội dung theo quy định."
    ),
    (
        "Tiêu chuẩn khen thưởng tập thể: Nội bộ đoàn kết, gương mẫu chấp hành tốt chủ trương của Đảng, chính "
        "sách, pháp luật của Nhà nước."
    ),
    (
        "Tiêu chuẩn khen thưởng tập thể: Tích cực tham gia đợt thi đua đặc biệt (Ban hành Kế hoạch chỉ đạo, "
        "triển khai thực hiện đợt thi đua; tuyên truyền, phổ biến đến công chức, viên chức và người lao động "
        "thuộc cơ quan, đơn vị bằng nhiều hình thức phù hợp, thiết thực...)."
    ),
    (
        "Tiêu chuẩn khen thưởng tập thể: Có nhiều thành tích trong thực hiện lĩnh vực chuyên môn được giao, "
        "thực hiện kịp thời và mang lại hiệu quả cao."
    ),
    (
        "Tiêu chuẩn khen thưởng tập thể: Năm 2024 được xếp loại tập thể hoàn thành tốt nhiệm vụ trở lên; "
        "không có cá nhân bị xử lý kỷ luật do vi phạm trong thi hành công vụ."
    ),
    (
        "Tiêu chuẩn khen thưởng tập thể: Tích cực tổ chức, hưởng ứng các hoạt động, phong trào có ý nghĩa Kỷ "
        "niệm 80 năm Ngày truyền thống ngành Tổ chức nhà nước do cơ quan, đơn vị tự phát động và do Sở Nội vụ "
        "tổ chức."
    ),
    (
        "Tiêu chuẩn khen thưởng cá nhân: Gương mẫu chấp hành tốt chủ trương của Đảng, chính sách, pháp luật "
        "của Nhà nước."
    ),
    (
        "Tiêu chuẩn khen thưởng cá nhân: Tích cực tham gia phong trào thi đua lập nhiều thành tích trong công "
        "tác chuyên môn đợt thi đua đặc biệt. Đồng thời, tích cực hưởng ứng các hoạt động, phong trào ý nghĩa "
        "do cơ quan, đơn vị tự phát động và do Sở Nội vụ tổ chức."
    ),
    (
        "Tiêu chuẩn khen thưởng cá nhân: Có nhiều thành tích trong thực hiện lĩnh vực chuyên môn được giao, "
        "thực hiện kịp thời và mang lại hiệu quả cao."
    ),
    (
        "Tiêu chuẩn khen thưởng cá nhân: Năm 2024 được xếp loại hoàn thành tốt nhiệm vụ trở lên; không trong "
        "thời gian thi hành kỷ luật."
    ),
    (
        "Tiêu chuẩn khen thưởng cá nhân: Ưu tiên khen thưởng đối với các cá nhân có nhiều sáng kiến, giải "
        "pháp được áp dụng mang lại hiệu quả trong thực hiện nhiệm vụ; các công chức, viên chức và người lao "
        "động trực tiếp thực hiện nhiệm vụ, đạt được thành tích cao trong công tác."
    ),
    (
        "Hồ sơ đề nghị khen thưởng: Bằng khen của Thủ tướng Chính phủ, Bộ trưởng Bộ Nội vụ: 04 bộ; Bằng khen "
        "của Chủ tịch UBND tỉnh: 03 bộ; Giấy khen của Giám đốc Sở Nội vụ: 02 bộ. Thành phần: tờ trình hoặc "
        "văn bản đề nghị khen thưởng của cơ quan, đơn vị; biên bản họp bình xét khen thưởng của cơ quan, đơn "
        "vị; báo cáo thành tích của tập thể, cá nhân (Mẫu số 08, Phụ lục I kèm theo Nghị định số "
        "98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ)."
    ),
]
S004_ANNIVERSARIES = (
    "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930-03/02/2025); 80 năm Quốc khánh nước Cộng "
    "hòa Xã hội Chủ nghĩa Việt Nam (02/9/1945-02/9/2025); 135 năm Ngày sinh Chủ tịch Hồ Chí Minh "
    "(19/5/1890-19/5/2025); 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975-30/4/2025) và 80 năm "
    "Ngày truyền thống ngành Tổ chức nhà nước (28/8/1945-28/8/2025)."
)
# Sở Nội vụ's own units. The plan also addresses the Văn phòng or Phòng Tổ chức – Hành chính of
# the other departments, but a plan's participants are organisations below its issuer (or its
# block's members: services.plans.participant_candidates), so those cannot take part yet.
S004_TARGETS = [
    (
        "100% cơ quan, đơn vị thuộc ngành Nội vụ tỉnh Quảng Trị hoàn thành tốt nhiệm vụ trở lên",
        "rating_share",
        "collective",
        "",
        "HTTNV",
        100,
    ),
    (
        "100% công chức, viên chức và người lao động ngành Nội vụ hoàn thành tốt nhiệm vụ trở lên",
        "rating_share",
        "individual",
        "",
        "HTTNV",
        100,
    ),
    (
        "20% công chức, viên chức và người lao động hoàn thành xuất sắc nhiệm vụ",
        "rating_share",
        "individual",
        "",
        "HTXSNV",
        20,
    ),
]
S004_RECIPIENTS = (
    "- Bộ Nội vụ;\n- UBND tỉnh;\n- Các cơ quan chuyên môn thuộc UBND tỉnh;\n- BQL Khu kinh tế tỉnh;\n- Các ĐVSN "
    "thuộc UBND tỉnh;\n- UBND các huyện, thành phố, thị xã;\n- PNV các huyện, thành phố, thị xã;\n- Lãnh đạo Sở;\n"
    "- Các Phòng, Ban, Trung tâm thuộc Sở;\n- Trang Thông tin điện tử Sở Nội vụ;\n- Lưu: VT, VP."
)


# Loading -----------------------------------------------------------------------------------------


class _Loader:
    def __init__(self, actor):
        self.actor = actor
        self.orgs = {o.code: o for o in Organization.objects.all()}
        self.counts = dict.fromkeys(
            [
                "movements",
                "participants",
                "content_items",
                "covenant_items",
                "phases",
                "milestones",
                "targets",
                "tasks",
                "registrations",
                "signatures",
                "submissions",
            ],
            0,
        )

    # Plans -----------------------------------------------------------------------------------------

    def movement(self, *, organization, block=None, participants=(), contents=(), covenant=(), **fields) -> Movement:
        movement = plans.movement_create(actor=self.actor, organization=self.orgs[organization], block=block, **fields)
        if block is None:
            plans.participants_set(
                actor=self.actor, movement=movement, organizations=[self.orgs[c] for c in participants]
            )
        for text in contents:
            plans.content_add(actor=self.actor, movement=movement, text=text)
        for text in covenant:
            plans.content_add(actor=self.actor, movement=movement, text=text, part=ContentItem.COVENANT)
        self.counts["movements"] += 1
        self.counts["content_items"] += len(contents)
        self.counts["covenant_items"] += len(covenant)
        return movement

    def phase(self, movement, name, start, end, celebrates=""):
        self.counts["phases"] += 1
        return plans.phase_add(
            actor=self.actor, movement=movement, name=name, start_date=start, end_date=end, celebrates=celebrates
        )

    def milestone(self, movement, kind, name, deadline, *, data=(None, None), phase=None, meeting=""):
        self.counts["milestones"] += 1
        return plans.milestone_add(
            actor=self.actor,
            movement=movement,
            kind=kind,
            name=name,
            report_deadline=deadline,
            data_from=data[0],
            data_to=data[1],
            phase=phase,
            meeting=meeting,
        )

    def targets(self, movement, rows, *, year):
        for label, kind, subject, award_code, min_rating, value in rows:
            plans.target_add(
                actor=self.actor,
                movement=movement,
                label=label,
                kind=kind,
                subject=subject,
                award_code=award_code,
                min_rating=min_rating,
                value=Decimal(value),
                year=year,
            )
        self.counts["targets"] += len(rows)

    def issue(self, movement) -> Movement:
        movement = plans.movement_set_status(actor=self.actor, movement=movement, status=MovementStatus.ISSUED)
        self.counts["participants"] += movement.participants.count()
        return movement

    def history_note(self, movement, **corrected):
        """The one audit event that records the 2022 dates set after the services ran."""
        audit_record(
            event_type=AuditEventType.MOVEMENT_CHANGED,
            actor=self.actor,
            target=movement,
            organization=movement.organization,
            extra={"demo": True, "historical_dates": corrected},
            target_label=f"Dữ liệu demo: ngày lịch sử của {movement.title}"[:300],
        )

    # The seeds -------------------------------------------------------------------------------------

    def seed_000(self) -> Movement:
        block = EmulationBlock.objects.get(name="Khối các cơ quan tham mưu, tổng hợp", year=2022)
        movement = self.movement(
            organization="QT-VPUBND",
            block=block,
            contents=S000_CONTENTS,
            covenant=S000_COVENANT,
            title="Kế hoạch tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022",
            kind=MovementKind.REGULAR,
            place="Quảng Trị",
            signer_title="TM. Khối thi đua, Trưởng Khối — Chánh Văn phòng UBND tỉnh",
            signer_name="Nguyễn Cảnh Hưng",
            start_date=D(2022, 1, 1),
            end_date=D(2022, 12, 31),
            theme="Trách nhiệm, kỷ cương - Thích ứng an toàn - Thu hút đầu tư – Thúc đẩy tăng trưởng",
            purposes=S000_PURPOSES,
            award_codes=["CO_TINH", "CO_CP"],
            registration_deadline=D(2022, 3, 15),
            recipients=S000_RECIPIENTS,
        )
        phases = [self.phase(movement, *row) for row in S000_PHASES]
        mid_year = self.milestone(
            movement,
            MilestoneKind.MID_YEAR,
            "Sơ kết phong trào thi đua 6 tháng đầu năm 2022",
            D(2022, 6, 30),
            data=(D(2022, 1, 1), D(2022, 6, 30)),
            phase=phases[0],
            meeting="Trưởng, Phó Trưởng Khối tổng hợp báo cáo Hội đồng Thi đua - Khen thưởng tỉnh",
        )
        self.milestone(
            movement,
            MilestoneKind.YEAR_END,
            "Tổng kết phong trào thi đua năm 2022 (báo cáo tổng kết và Bản tự chấm điểm thi đua)",
            D(2022, 12, 20),
            data=(D(2022, 1, 1), D(2022, 12, 31)),
            phase=phases[1],
            meeting="Hội nghị tổng kết phong trào thi đua của Khối, tháng 12/2022 tại Văn phòng UBND tỉnh",
        )
        head = self.orgs["QT-VPUBND"]
        for quarter, content, lead, executing, due in S000_TASKS:
            task = plans.task_add(
                actor=self.actor,
                movement=movement,
                quarter=quarter,
                content=content,
                lead=lead,
                executing=executing,
                due_date=due,
                lead_organization=head if lead == HEAD else None,
            )
            if quarter in S000_TASK_STATUS:
                plans.task_set_status(actor=self.actor, task=task, status=S000_TASK_STATUS[quarter])
        self.counts["tasks"] += len(S000_TASKS)
        movement = self.issue(movement)
        self._registrations_000(movement)
        self._covenant_000(movement, block)
        self._reports_000(mid_year)
        self.history_note(
            movement,
            registered_at="03–21/3/2022",
            signed_at=f"{COVENANT_SIGNED_ON:%d/%m/%Y}",
            submitted_at="23/6–05/7/2022",
            reviewed_at="01–04/7/2022",
        )
        return movement

    def _registrations_000(self, movement):
        def register(code, day, hour, *, late):
            items = [("CO_TINH", CO_TINH_TARGET)]
            if code in ALSO_CO_CP:
                items.append(("CO_CP", CO_CP_TARGET))
            last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
            registration = participation.registration_submit(
                actor=self.actor, movement=movement, organization=self.orgs[code], items=items, note=REGISTRATION_NOTE
            )
            # The service judged lateness against today; the 2022 date decides it. A registration
            # that was on time never asked the head for approval: that notice goes.
            fields = {"registered_at": _at(day, hour, 30)}
            if not late:
                fields["status"] = RegistrationStatus.REGISTERED
                Notification.objects.filter(pk__gt=last_notice).delete()
            Registration.objects.filter(pk=registration.pk).update(**fields)
            self.counts["registrations"] += 1
            return registration

        for code, day in REGISTERED_ON_TIME.items():
            register(code, day, 9, late=False)
        code, day = LATE_ACCEPTED
        last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        registration = register(code, day, 14, late=True)
        Notification.objects.filter(pk__gt=last_notice).delete()  # decided: the head's notice is stale
        participation.registration_decide(
            actor=self.actor,
            registration=registration,
            accept=True,
            note="Chấp nhận đăng ký muộn: đơn vị có văn bản giải trình ngày 18/3/2022.",
        )
        code, day = LATE_PENDING
        register(code, day, 15, late=True)  # awaits the head, who is told

    def _covenant_000(self, movement, block):
        heads = {
            p.organization.code: p.full_name
            for p in Person.objects.filter(organization__in=self.orgs.values(), is_manager=True)
            .select_related("organization")
            .order_by("-pk")
        }
        signed = []
        for minute, membership in enumerate(block.memberships.select_related("organization").order_by("position")):
            org = membership.organization
            if org.code in COVENANT_UNSIGNED:
                continue
            title = SIGNER_TITLES.get(org.code) or f"Giám đốc {org.name}"
            name = SEED_SIGNERS.get(org.code) or heads.get(org.code, "Thủ trưởng đơn vị")
            signature = participation.covenant_sign(
                actor=self.actor, movement=movement, organization=org, signer_name=name, signer_title=title
            )
            signed.append((signature.pk, _at(COVENANT_SIGNED_ON, 9, 15 + minute)))
        for pk, moment in signed:
            CovenantSignature.objects.filter(pk=pk).update(signed_at=moment)
        self.counts["signatures"] += len(signed)

    def _reports_000(self, milestone):
        def submit(code, day, *, late=False):
            org = self.orgs[code]
            upload = SimpleUploadedFile(
                f"Bao cao so ket 6 thang 2022 - {org.short_name or org.code}.pdf",
                report_pdf(f"{org.name} - Bao cao so ket phong trao thi dua 6 thang dau nam 2022"),
                content_type="application/pdf",
            )
            figures = {
                "Phong trào thi đua đã phát động": 3 + len(code) % 4,
                "Tập thể được khen thưởng": 1 + len(org.name) % 3,
                "Cá nhân được khen thưởng": 4 + len(org.name) % 7,
                "Sáng kiến được công nhận": len(code) % 3,
            }
            # Sent today for 2022: past the deadline, so confirmed as a late sending (then dated below).
            submission = participation.report_submit(
                actor=self.actor, milestone=milestone, organization=org, upload=upload, figures=figures,
                confirmed=True, reason="Dữ liệu mẫu: báo cáo năm 2022 nhập lại vào hệ thống",
            )
            # The service judged lateness against today; the 2022 date decides it.
            ReportSubmission.objects.filter(pk=submission.pk).update(
                submitted_at=_at(day, 16),
                was_late=late,
                status=SubmissionStatus.LATE if late else SubmissionStatus.SUBMITTED,
            )
            submission.refresh_from_db()
            self.counts["submissions"] += 1
            return submission

        for code, day in SUBMITTED_ON_TIME.items():
            submit(code, day)
        code, day, reviewed = ACCEPTED
        accepted = participation.report_review(actor=self.actor, submission=submit(code, day), accept=True)
        ReportSubmission.objects.filter(pk=accepted.pk).update(reviewed_at=_at(reviewed, 10))
        code, day, reviewed, reason = RETURNED
        returned = participation.report_review(
            actor=self.actor, submission=submit(code, day), accept=False, reason=reason
        )
        ReportSubmission.objects.filter(pk=returned.pk).update(reviewed_at=_at(reviewed, 10))
        code, day = SUBMITTED_LATE
        submit(code, day, late=True)

    def seed_001(self) -> Movement:
        movement = self.movement(
            organization="QT",
            # The departments still open (Sở Kế hoạch và Đầu tư was merged into Sở Tài chính in 2025).
            participants=[c for c, *_ in demo_data.QT_BLOCK_MEMBERS if self.orgs[c].active_to is None],
            contents=S001_CONTENTS,
            title="Kế hoạch tổ chức thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn "
            "hóa công sở” giai đoạn 2019 - 2025",
            kind=MovementKind.THEMATIC,
            document_number="3741/KH-UBND",
            document_date=D(2019, 8, 16),
            place="Quảng Trị",
            signer_title="TM. Ủy ban nhân dân, Chủ tịch",
            signer_name="Nguyễn Đức Chính",
            start_date=D(2019, 8, 16),
            end_date=D(2025, 12, 31),
            theme="Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở; cá nhân “Thi đua thực hiện kỷ "
            "cương, trách nhiệm, tận tụy, chuyên nghiệp”",
            purposes=S001_PURPOSES,
            award_codes=["GK", "BK_TINH", "BK_TTG"],
            recipients=S001_RECIPIENTS,
        )
        yearly = {
            year: self.milestone(
                movement,
                MilestoneKind.YEARLY,
                f"Báo cáo tình hình tổ chức thực hiện Phong trào thi đua năm {year}",
                D(year, 11, 30),
                data=(max(D(year, 1, 1), D(2019, 8, 16)), D(year, 11, 15)),
                meeting="Gửi Ban Thi đua - Khen thưởng tỉnh tổng hợp",
            )
            for year in range(2019, 2026)
        }
        self.milestone(
            movement,
            MilestoneKind.MID_TERM,
            "Sơ kết Phong trào thi đua giai đoạn 2019 - 2022",
            D(2022, 9, 30),
            data=(D(2019, 8, 16), D(2022, 8, 31)),
            meeting="Hội đồng Thi đua - Khen thưởng tỉnh sơ kết, đánh giá kết quả, làm cơ sở tiếp tục triển khai "
            "phong trào đến năm 2025",
        )
        self.milestone(
            movement,
            MilestoneKind.FINAL,
            "Tổng kết Phong trào thi đua giai đoạn 2019 - 2025",
            D(2025, 9, 30),
            data=(D(2019, 8, 16), D(2025, 8, 31)),
            meeting="Hội đồng Thi đua - Khen thưởng tỉnh tổng kết Phong trào thi đua giai đoạn 2019 - 2025",
        )
        movement = self.issue(movement)
        self._reports_001(movement, [yearly[year] for year in S001_REPORTED_YEARS])
        return movement

    def _reports_001(self, movement, milestones):
        """The yearly reports sent (on paper, before the system) and received before 2022: through
        the services, then dated; the notices of that past are removed like the registrations'."""
        last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        participants = [p.organization for p in movement.participants.select_related("organization").order_by("pk")]
        for milestone in milestones:
            sent = _at(milestone.report_deadline - datetime.timedelta(days=S001_SENT_BEFORE), 15)
            received = _at(milestone.report_deadline + datetime.timedelta(days=S001_ACCEPTED_AFTER), 10)
            for org in participants:
                upload = SimpleUploadedFile(
                    f"Bao cao van hoa cong so {milestone.report_deadline.year} - {org.short_name or org.code}.pdf",
                    report_pdf(f"{org.name} - Bao cao thuc hien van hoa cong so nam {milestone.report_deadline.year}"),
                    content_type="application/pdf",
                )
                submission = participation.report_submit(
                    actor=self.actor, milestone=milestone, organization=org, upload=upload, confirmed=True,
                    reason="Dữ liệu mẫu: báo cáo đã gửi bằng văn bản giấy, nhập lại vào hệ thống",
                )
                ReportSubmission.objects.filter(pk=submission.pk).update(
                    submitted_at=sent, was_late=False, status=SubmissionStatus.SUBMITTED)
                submission.refresh_from_db()
                participation.report_review(actor=self.actor, submission=submission, accept=True)
                ReportSubmission.objects.filter(pk=submission.pk).update(reviewed_at=received)
                self.counts["submissions"] += 1
        Notification.objects.filter(pk__gt=last_notice).delete()  # that past is no news to anyone
        self.history_note(
            movement,
            submitted_at=", ".join(f"{m.report_deadline - datetime.timedelta(days=S001_SENT_BEFORE):%d/%m/%Y}"
                                   for m in milestones),
            reviewed_at=", ".join(f"{m.report_deadline + datetime.timedelta(days=S001_ACCEPTED_AFTER):%d/%m/%Y}"
                                  for m in milestones),
        )

    def seed_002(self) -> Movement:
        movement = self.movement(
            organization="HT-SNV",
            participants=[c for c in self.orgs if c.startswith("HT-SNV-")],
            contents=S002_CONTENTS,
            title="Kế hoạch phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội "
            "năm 2022",
            kind=MovementKind.REGULAR,
            document_number="05/KH-SNV",
            document_date=D(2022, 1, 28),
            place="Hà Tĩnh",
            signer_title="Giám đốc",
            signer_name="Phan Thị Tố Hoa",
            start_date=D(2022, 1, 1),
            end_date=D(2022, 12, 31),
            theme="Đoàn kết, đổi mới, thi đua hoàn thành vượt mức các chỉ tiêu, nhiệm vụ năm 2022",
            purposes=S002_PURPOSES,
            award_codes=["TTLDTT", "TTLDXS", "CO_TINH", "LDTT", "CSTDCS", "BK_TINH", "BK_TTG"],
            recipients=S002_RECIPIENTS,
        )
        first = self.phase(movement, "Đợt thi đua thứ nhất", D(2022, 1, 1), D(2022, 6, 30), S002_PHASE1)
        second = self.phase(movement, "Đợt thi đua thứ hai", D(2022, 7, 1), D(2022, 12, 31), S002_PHASE2)
        self.milestone(
            movement,
            MilestoneKind.MID_YEAR,
            "Tổng kết đợt thi đua thứ nhất, gắn với sơ kết việc thực hiện nhiệm vụ 06 tháng đầu năm 2022",
            D(2022, 7, 15),
            data=(D(2022, 1, 1), D(2022, 6, 30)),
            phase=first,
        )
        self.milestone(
            movement,
            MilestoneKind.YEAR_END,
            "Tổng kết phong trào thi đua năm 2022",
            D(2022, 12, 31),
            data=(D(2022, 1, 1), D(2022, 12, 31)),
            phase=second,
            meeting="Hội nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023",
        )
        self.targets(movement, S002_TARGETS, year=2022)
        return self.issue(movement)

    def seed_003(self) -> Movement:
        block = EmulationBlock.objects.get(name="Khối thi đua Nội chính", year=2022)
        movement = self.movement(
            organization="TQ-BCHQS",
            block=block,
            contents=S003_CONTENTS,
            title="Kế hoạch phát động phong trào thi đua Khối Nội chính tỉnh Tuyên Quang năm 2022",
            kind=MovementKind.REGULAR,
            document_number="11/KH-KTĐNC",
            document_date=D(2022, 1, 24),
            place="Tuyên Quang",
            signer_title="Trưởng Khối thi đua — Chính ủy Bộ CHQS tỉnh Tuyên Quang",
            signer_name="Đại tá Hà Đình Khiêm",
            start_date=D(2022, 1, 1),
            end_date=D(2022, 12, 31),
            theme="Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Tuyên Quang quyết tâm thi đua thực hiện thắng "
            "lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022",
            purposes=S003_PURPOSES,
            recipients=S003_RECIPIENTS,
        )
        first = self.phase(
            movement,
            "Đợt 1",
            D(2022, 1, 1),
            D(2022, 5, 31),
            "Thi đua lập thành tích xuất sắc chào mừng kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam "
            "(03/02/1930 - 03/02/2022); Ngày giải phóng hoàn toàn miền Nam thống nhất đất nước (30/4), Ngày Quốc tế "
            "Lao động (01/5); kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022) và chào mừng "
            "Ngày truyền thống của các cơ quan, đơn vị trong Khối thi đua.",
        )
        second = self.phase(
            movement,
            "Đợt 2",
            D(2022, 6, 1),
            D(2022, 11, 30),
            "Thi đua lập thành tích chào mừng kỷ niệm 77 năm Ngày thành lập nước Cộng hòa Xã hội Chủ nghĩa Việt Nam "
            "(02/9/1945 - 02/9/2022) và chào mừng Ngày truyền thống của các cơ quan, đơn vị trong Khối thi đua.",
        )
        self.milestone(
            movement,
            MilestoneKind.MID_YEAR,
            "Sơ kết thi đua 6 tháng đầu năm 2022",
            D(2022, 6, 15),
            data=(D(2021, 12, 1), D(2022, 5, 31)),
            phase=first,
            meeting="Hội nghị sơ kết thi đua 6 tháng đầu năm 2022, dự kiến tháng 7/2022",
        )
        self.milestone(
            movement,
            MilestoneKind.YEAR_END,
            "Tổng kết phong trào thi đua năm 2022 (báo cáo tổng kết và Bảng chấm điểm thi đua)",
            D(2022, 12, 15),
            data=(D(2021, 12, 1), D(2022, 11, 30)),
            phase=second,
            meeting="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022, dự kiến tháng 01/2023",
        )
        return self.issue(movement)

    def seed_004(self) -> Movement:
        movement = self.movement(
            organization="QT-SNV",
            participants=[c for c in self.orgs if c.startswith("QT-SNV-")],
            contents=S004_CONTENTS,
            title="Kế hoạch thực hiện đợt thi đua đặc biệt lập thành tích chào mừng Kỷ niệm 80 năm Ngày truyền thống "
            "ngành Tổ chức nhà nước (28/8/1945-28/8/2025) của ngành Nội vụ tỉnh Quảng Trị",
            kind=MovementKind.SPECIAL,
            place="Quảng Trị",
            signer_title="Giám đốc",
            signer_name="Ngô Quang Chiền",
            start_date=D(2024, 7, 1),
            end_date=D(2025, 7, 31),
            theme="Ngành Nội vụ tỉnh Quảng Trị chung sức, đồng lòng thi đua lập nhiều thành tích chào mừng Kỷ niệm 80 "
            "năm Ngày truyền thống ngành Tổ chức nhà nước (28/8/1945-28/8/2025)",
            purposes=S004_PURPOSES,
            award_codes=["GK", "BK_TINH", "BK_TTG"],
            recipients=S004_RECIPIENTS,
        )
        campaign = self.phase(movement, "Đợt thi đua đặc biệt", D(2024, 7, 1), D(2025, 7, 31), S004_ANNIVERSARIES)
        self.milestone(
            movement,
            MilestoneKind.FINAL,
            "Tổng kết đợt thi đua đặc biệt; gửi danh sách tập thể, cá nhân đề nghị khen thưởng về Sở Nội vụ",
            D(2025, 8, 4),
            data=(D(2024, 7, 1), D(2025, 7, 31)),
            phase=campaign,
            meeting="Biểu dương, trao khen thưởng tại Lễ kỷ niệm 80 năm Ngày truyền thống ngành Tổ chức nhà nước "
            "(thời gian thông báo sau)",
        )
        self.targets(movement, S004_TARGETS, year=2024)
        return self.issue(movement)


def report_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (catalog, pages, page, font, content and a correct xref table)."""
    ascii_title = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_title = "".join(c for c in ascii_title if ord(c) < 128)
    text = ascii_title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 56 780 Td ({text}) Tj 0 -18 Td (TDKT - du lieu demo) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_movements(*, actor) -> dict:
    """Load the five seed movements once; answer how many of each thing were created (an empty
    dict when they are already there)."""
    if Movement.objects.filter(document_number="3741/KH-UBND").exists():
        return {}
    loader = _Loader(actor)
    loader.seed_000()
    loader.seed_001()
    loader.seed_002()
    loader.seed_003()
    loader.seed_004()
    return loader.counts
