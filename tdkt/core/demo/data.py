"""The demo province, built from the seed documents (shared/seeds).

Quảng Trị: the 15 members of Khối các cơ quan tham mưu, tổng hợp 2022 in the order of seed 000's
covenant table (Văn phòng UBND tỉnh heads it, Ban Quản lý Khu Kinh tế tỉnh is deputy), and Sở Nội
vụ's own units (seed 004). Tuyên Quang: Khối Nội chính 2022 headed by Bộ CHQS tỉnh (seed 003).
Hà Tĩnh: Sở Nội vụ with its phòng, ban, trung tâm (seed 002). The organisations, their people
(names drawn at random once) and seven years of their history are the files in data/, written by
build_data.py; what stays here is what no importer takes: the blocks and the demo accounts.
"""

# The blocks' members, in the order of seed 000's covenant table and of seed 003's plan; the
# organisations themselves are in data/to_chuc_QT.xlsx and data/to_chuc_TQ.xlsx.
QT_BLOCK_MEMBERS = [
    "QT-VPHDND",
    "QT-VPUBND",
    "QT-SXD",
    "QT-SNNPTNT",
    "QT-SKHDT",
    "QT-STC",
    "QT-SNGV",
    "QT-SNV",
    "QT-STNMT",
    "QT-SGTVT",
    "QT-SCT",
    "QT-BQLKKT",
    "QT-BQLDDCN",
    "QT-BQLNN",
    "QT-BQLGT",
]
QT_BLOCK_HEAD = "QT-VPUBND"
QT_BLOCK_DEPUTY = "QT-BQLKKT"

TQ_BLOCK_MEMBERS = ["TQ-BCHQS", "TQ-CA", "TQ-TAND", "TQ-VKSND", "TQ-STP", "TQ-TTR", "TQ-THADS"]
TQ_BLOCK_HEAD = "TQ-BCHQS"

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
