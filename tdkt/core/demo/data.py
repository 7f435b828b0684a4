"""The demo province, built from the seed documents (shared/seeds).

Quảng Trị: the 15 members of Khối các cơ quan tham mưu, tổng hợp 2022 in the order of seed 000's
covenant table (Văn phòng UBND tỉnh heads it, Ban Quản lý Khu Kinh tế tỉnh is deputy), and Sở Nội
vụ's own units (seed 004). Tuyên Quang: Khối Nội chính 2022 headed by Bộ CHQS tỉnh (seed 003).
Hà Tĩnh: Sở Nội vụ with its phòng, ban, trung tâm (seed 002).
"""

# (code, name, short name, kind, level)
QT_BLOCK_MEMBERS = [
    ("QT-VPHDND", "Văn phòng HĐND tỉnh", "VP HĐND", "agency", "department"),
    ("QT-VPUBND", "Văn phòng UBND tỉnh", "VP UBND", "agency", "department"),
    ("QT-SXD", "Sở Xây dựng", "SXD", "department", "department"),
    ("QT-SNNPTNT", "Sở Nông nghiệp và PTNT", "SNN&PTNT", "department", "department"),
    ("QT-SKHDT", "Sở Kế hoạch và Đầu tư", "SKH&ĐT", "department", "department"),
    ("QT-STC", "Sở Tài chính", "STC", "department", "department"),
    ("QT-SNGV", "Sở Ngoại vụ", "SNgV", "department", "department"),
    ("QT-SNV", "Sở Nội vụ", "SNV", "department", "department"),
    ("QT-STNMT", "Sở Tài nguyên và Môi trường", "STN&MT", "department", "department"),
    ("QT-SGTVT", "Sở Giao thông Vận tải", "SGTVT", "department", "department"),
    ("QT-SCT", "Sở Công Thương", "SCT", "department", "department"),
    ("QT-BQLKKT", "Ban Quản lý Khu Kinh tế tỉnh", "BQL KKT", "agency", "department"),
    (
        "QT-BQLDDCN",
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
        "BQLDA DD&CN",
        "agency",
        "department",
    ),
    (
        "QT-BQLNN",
        "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn",
        "BQLDA NN&PTNT",
        "agency",
        "department",
    ),
    ("QT-BQLGT", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "BQLDA GT", "agency", "department"),
]
QT_BLOCK_HEAD = "QT-VPUBND"
QT_BLOCK_DEPUTY = "QT-BQLKKT"

# Units below a department: (parent code, code, name, short name)
QT_DIVISIONS = [
    ("QT-SNV", "QT-SNV-VP", "Văn phòng Sở Nội vụ", "Văn phòng"),
    ("QT-SNV", "QT-SNV-TTR", "Thanh tra Sở Nội vụ", "Thanh tra"),
    ("QT-SNV", "QT-SNV-TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", "Phòng TCBC"),
    ("QT-SNV", "QT-SNV-CCVC", "Phòng Công chức, viên chức", "Phòng CCVC"),
    ("QT-SNV", "QT-SNV-CCHC", "Phòng Cải cách hành chính", "Phòng CCHC"),
    ("QT-SNV", "QT-SNV-TDKT", "Ban Thi đua - Khen thưởng", "Ban TĐKT"),
    ("QT-SNV", "QT-SNV-TG", "Ban Tôn giáo", "Ban Tôn giáo"),
    ("QT-SNV", "QT-SNV-VTLT", "Chi cục Văn thư - Lưu trữ", "CC VTLT"),
    ("QT-STC", "QT-STC-VP", "Văn phòng Sở Tài chính", "Văn phòng"),
    ("QT-STC", "QT-STC-NS", "Phòng Quản lý ngân sách", "Phòng NS"),
    ("QT-STC", "QT-STC-TCDN", "Phòng Tài chính doanh nghiệp", "Phòng TCDN"),
    ("QT-STC", "QT-STC-GCS", "Phòng Quản lý giá và công sản", "Phòng GCS"),
    ("QT-VPUBND", "QT-VPUBND-TH", "Phòng Tổng hợp", "Phòng TH"),
    ("QT-VPUBND", "QT-VPUBND-HCTC", "Phòng Hành chính - Tổ chức", "Phòng HCTC"),
    ("QT-VPUBND", "QT-VPUBND-TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "TT PVHCC"),
]

TQ_BLOCK_MEMBERS = [
    ("TQ-BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh", "agency", "department"),
    ("TQ-CA", "Công an tỉnh", "CA tỉnh", "agency", "department"),
    ("TQ-TAND", "Tòa án nhân dân tỉnh", "TAND tỉnh", "agency", "department"),
    ("TQ-VKSND", "Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", "agency", "department"),
    ("TQ-STP", "Sở Tư pháp", "STP", "department", "department"),
    ("TQ-TTR", "Thanh tra tỉnh", "Thanh tra tỉnh", "agency", "department"),
    ("TQ-THADS", "Cục Thi hành án dân sự tỉnh", "Cục THADS", "agency", "department"),
]
TQ_BLOCK_HEAD = "TQ-BCHQS"

HT_SNV_DIVISIONS = [
    ("HT-SNV-VP", "Văn phòng Sở", "Văn phòng"),
    ("HT-SNV-TTR", "Thanh tra Sở", "Thanh tra"),
    ("HT-SNV-TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", "Phòng TCBC"),
    ("HT-SNV-CCVC", "Phòng Công chức, viên chức", "Phòng CCVC"),
    ("HT-SNV-CCHC", "Phòng Cải cách hành chính", "Phòng CCHC"),
    ("HT-SNV-XDCQ", "Phòng Xây dựng chính quyền và công tác thanh niên", "Phòng XDCQ&CTTN"),
    ("HT-SNV-TDKT", "Ban Thi đua - Khen thưởng", "Ban TĐKT"),
    ("HT-SNV-TG", "Ban Tôn giáo", "Ban Tôn giáo"),
    ("HT-SNV-TTLT", "Trung tâm Lưu trữ lịch sử", "TT Lưu trữ"),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Đoàn",
    "Lương",
    "Hà",
]
MIDDLE_MALE = ["Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Xuân", "Thanh", "Ngọc", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Mỹ", "Phương"]
GIVEN_MALE = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Thành",
    "Tuấn",
    "Việt",
    "Vinh",
    "Đạt",
    "Lộc",
    "Tài",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
]
POSITIONS_LEAD = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng"]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Chuyên viên",
    "Kế toán viên",
    "Thanh tra viên",
    "Văn thư",
    "Chuyên viên",
    "Cán sự",
    "Lưu trữ viên",
    "Nhân viên",
]
ETHNICITIES = ["Kinh"] * 12 + ["Tày", "Dao", "Vân Kiều", "Pa Kô"]

# The demo accounts; every password is "demo". (username, full name, role, grant on, works at)
# One per role in Quảng Trị, then the actors each seed's own workflow needs.
DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "admin", None, "QT-SNV"),
    ("thuongtruc", "Lê Thị Thu Hà", "standing_office", "QT", "QT-SNV-TDKT"),
    ("hoidong", "Trần Quang Vinh", "council_member", "QT", "QT-SNV"),
    ("pheduyet", "Hoàng Nam Tiến", "approver", "QT", "QT-VPUBND"),
    ("truongkhoi", "Nguyễn Văn Hùng", "block_head", "QT-VPUBND", "QT-VPUBND"),
    ("canbo", "Phạm Thị Lan", "unit_officer", "QT-STC", "QT-STC"),
    ("lanhdao", "Võ Đức Thắng", "unit_leader", "QT-STC", "QT-STC"),
    ("xem", "Đặng Minh Khánh", "viewer", "QT-SNV", "QT-SNV"),
    # Seed 004: "gửi hồ sơ về Hội đồng Thi đua - Khen thưởng Sở Nội vụ (qua Văn phòng Sở)": the Văn phòng
    # Sở is the standing office of the Sở's council, so its officer holds the role on the Sở.
    ("vanphong_snv", "Hồ Thị Kim Oanh", "standing_office", "QT-SNV", "QT-SNV-VP"),
    # Seed 002 (Sở Nội vụ Hà Tĩnh): the Văn phòng Sở follows the plan and gathers the reports; the
    # Phòng Công chức, viên chức is one of the phòng, ban, trung tâm that report (officer and head).
    ("vanphong_ht", "Nguyễn Thị Thu Hương", "standing_office", "HT-SNV", "HT-SNV-VP"),
    ("canbo_ht", "Trần Văn Hiếu", "unit_officer", "HT-SNV-CCVC", "HT-SNV-CCVC"),
    ("lanhdao_ht", "Lê Thị Mỹ Hạnh", "unit_leader", "HT-SNV-CCVC", "HT-SNV-CCVC"),
    # Seed 003 (Khối thi đua Nội chính Tuyên Quang): Bộ CHQS tỉnh heads the block; Sở Tư pháp (which
    # received the plan) is a member that reports and scores itself (officer and head).
    ("truongkhoi_tq", "Ma Văn Tuấn", "block_head", "TQ-BCHQS", "TQ-BCHQS"),
    ("canbo_tq", "Hoàng Thị Thu Trang", "unit_officer", "TQ-STP", "TQ-STP"),
    ("lanhdao_tq", "Nông Đức Thành", "unit_leader", "TQ-STP", "TQ-STP"),
]
