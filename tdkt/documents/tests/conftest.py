"""A block plan like seed 000 (Khối các cơ quan tham mưu, tổng hợp, Quảng Trị, 2022): 15 member
organisations, two phases, two reviews, a work program over four quarters, covenant contents,
two signatures and one registration — built with the movements services."""

import datetime
import unicodedata

import pytest

from conftest import make_org
from tdkt.movements.models import ContentItem
from tdkt.movements.services import participation, plans
from tdkt.organizations.models import BlockMembership

# Every tone mark on the vowels that fonts most often miss, and đ.
PANGRAM = "ạ ặ ậ ẹ ệ ỉ ị ọ ộ ợ ụ ự ỵ Ỹ ữ ẵ Đ đ"
NUMBER = "01/KH-KTĐ"
TITLE = "Tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022"
THEME = "Trách nhiệm, kỷ cương - Thích ứng an toàn - Thu hút đầu tư – Thúc đẩy tăng trưởng"
# Entered decomposed (NFD), as some keyboards and copy-pastes produce it: the document must be NFC.
NFD_TASK = unicodedata.normalize("NFD", "Tổ chức giao lưu văn nghệ, thể thao chào mừng ngày Quốc khánh")

EXTRA_MEMBERS = [
    "Văn phòng HĐND tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở Xây dựng",
    "Sở Nông nghiệp và PTNT",
    "Sở Kế hoạch và Đầu tư",
    "Sở Ngoại vụ",
    "Sở Tài nguyên & Môi trường <TN&MT>",
    "Sở Giao thông Vận tải",
    "Sở Công Thương",
    "Ban Quản lý Khu Kinh tế tỉnh",
    "Ban QLDA ĐTXD các công trình dân dụng và công nghiệp tỉnh",
    "Ban QLDA ĐTXD các công trình nông nghiệp và PTNT",
    "Ban QLDA ĐTXD các công trình giao thông",
]

PLAN_ITEMS = [
    "Chỉ đạo thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi "
    "đua, khen thưởng; Chỉ thị số 05-CT/TW ngày 15/5/2016 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
    "phong cách Hồ Chí Minh.",
    "Thực hiện tốt Kế hoạch số 204/KH-UBND về cải cách hành chính nhà nước tỉnh Quảng Trị năm 2022; nâng cao "
    "các chỉ số PAR INDEX, PCI, PAPI, SIPAS.",
    f"Đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong quản lý, điều hành (kiểm tra dấu: {PANGRAM}).",
]
COVENANT_ITEMS = [
    "Thực hiện hiệu quả các chủ trương của Đảng, chính sách của Nhà nước về quốc phòng, an ninh và đối ngoại.",
    "Tiếp tục tuyên truyền, triển khai thực hiện nghiêm túc Luật Phòng, chống tham nhũng; Luật Thực hành tiết "
    "kiệm, chống lãng phí.",
    f"Thường xuyên đôn đốc, kiểm tra, sơ kết, tổng kết các phong trào thi đua yêu nước ({PANGRAM}).",
]
TASKS = [
    (1, "Xây dựng Kế hoạch, chương trình tổ chức thực hiện phong trào thi đua của Khối năm 2022", "Trưởng Khối"),
    (1, "Xây dựng bản giao ước thi đua của Khối", "Trưởng Khối"),
    (1, "Đăng ký Danh hiệu thi đua năm 2022", "Các Thành viên Khối"),
    (1, "Tổ chức phát động phong trào thi đua và ký kết Giao ước thi đua trong Khối", "Trưởng Khối"),
    (2, "Tổ chức triển khai thực hiện các nội dung Chương trình công tác và Giao ước thi đua", "Các Thành viên Khối"),
    (2, "Báo cáo sơ kết 6 tháng đầu năm của các cơ quan, đơn vị trong Khối thi đua", "Các Thành viên Khối"),
    (3, NFD_TASK, "Trưởng Khối"),
    (4, "Tự chấm điểm phong trào thi đua theo từng đơn vị; kiểm tra chéo (" + PANGRAM + ")", "Trưởng Khối"),
    (4, "Tổ chức Tổng kết phong trào thi đua, bình xét danh hiệu thi đua của Khối năm 2022", "Trưởng Khối"),
]


@pytest.fixture
def seed_movement(world):
    """The block plan of seed 000, issued, with two covenant signatures and one registration."""
    province = world.orgs["P"]
    for position, name in enumerate(EXTRA_MEMBERS, start=3):
        org = make_org(f"K{position:02d}", name, parent=province)
        BlockMembership.objects.create(block=world.block, organization=org, role="member", position=position)
    actor = world.users["admin"]
    movement = plans.movement_create(
        actor=actor,
        organization=world.orgs["HOME"],
        block=world.block,
        title=TITLE,
        document_number=NUMBER,
        document_date=datetime.date(2022, 1, 24),
        place="Quảng Trị",
        signer_title="TM. Khối thi đua\nTrưởng khối",
        signer_name="Nguyễn Cảnh Hưng",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 12, 31),
        theme=THEME,
        purposes=(
            "- Đẩy mạnh việc thực hiện các phong trào thi đua yêu nước do UBND tỉnh phát động, tạo không khí thi "
            "đua sôi nổi, rộng khắp.\n"
            "- Các cơ quan, đơn vị trong Khối tổ chức thực hiện tốt các nội dung giao ước thi đua đã được ký kết."
        ),
        registration_deadline=datetime.date(2022, 3, 15),
        recipients="- UBND tỉnh (b/c);\n- Ban TĐKT tỉnh (b/c);\n- Các đơn vị trong Khối thi đua;\n- Lưu: VT, HC-TC.",
    )
    for text in PLAN_ITEMS:
        plans.content_add(actor=actor, movement=movement, text=text, part=ContentItem.PLAN)
    for text in COVENANT_ITEMS:
        plans.content_add(actor=actor, movement=movement, text=text, part=ContentItem.COVENANT)
    plans.phase_add(
        actor=actor,
        movement=movement,
        name="Đợt 1",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 6, 30),
        celebrates="Lập thành tích chào mừng kỷ niệm 92 năm ngày thành lập Đảng Cộng sản Việt Nam",
    )
    plans.phase_add(
        actor=actor,
        movement=movement,
        name="Đợt 2",
        start_date=datetime.date(2022, 7, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    plans.milestone_add(
        actor=actor,
        movement=movement,
        kind="mid_year",
        name="Sơ kết 6 tháng đầu năm",
        report_deadline=datetime.date(2022, 6, 30),
    )
    plans.milestone_add(
        actor=actor,
        movement=movement,
        kind="year_end",
        name="Tổng kết năm 2022",
        report_deadline=datetime.date(2022, 12, 20),
        meeting="Hội nghị tổng kết tổ chức tháng 12/2022 tại Văn phòng UBND tỉnh",
    )
    plans.target_add(
        actor=actor,
        movement=movement,
        label="100% cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên",
        kind="rating_share",
        subject="individual",
        min_rating="HTTNV",
        value=100,
        year=2022,
    )
    for quarter, content, lead in TASKS:
        plans.task_add(
            actor=actor,
            movement=movement,
            quarter=quarter,
            content=content,
            lead=lead,
            executing="Các Thành viên Khối" if lead == "Trưởng Khối" else "",
            due_date=datetime.date(2022, 3, 15) if quarter == 1 else None,
        )
    plans.movement_set_status(actor=actor, movement=movement, status="issued")
    participation.covenant_sign(
        actor=actor,
        movement=movement,
        organization=world.orgs["HOME"],
        signer_name="Lê Minh Đạt",
        signer_title="Giám đốc Sở Nội vụ",
    )
    participation.covenant_sign(
        actor=actor,
        movement=movement,
        organization=world.orgs["FIN"],
        signer_name="Nguyễn Văn Đức",
        signer_title="Phó Giám đốc Sở Tài chính",
    )
    participation.registration_submit(
        actor=actor,
        movement=movement,
        organization=world.orgs["FIN"],
        items=[("CO_TINH", ""), ("TTLDXS", "")],
    )
    movement.refresh_from_db()
    return movement
