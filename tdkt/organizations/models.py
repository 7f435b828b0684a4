from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.domain.text import fold_vi


class OrganizationKind(models.TextChoices):
    PROVINCE = "province", _("Province (UBND tỉnh)")
    DEPARTMENT = "department", _("Department (sở)")
    AGENCY = "agency", _("Agency (ban, ngành, cơ quan)")
    DIVISION = "division", _("Division (phòng, ban, trung tâm, chi cục)")
    DISTRICT = "district", _("District (huyện, thị xã, thành phố)")
    COMMUNE = "commune", _("Commune (xã, phường, đặc khu)")
    ENTERPRISE = "enterprise", _("Enterprise or association")


class OrganizationLevel(models.TextChoices):
    """The administrative level, which decides who may award what (Luật TĐKT 2022, Điều 80)."""

    PROVINCE = "province", _("Provincial level")
    DEPARTMENT = "department", _("Department level")
    DISTRICT = "district", _("District level")
    UNIT = "unit", _("Unit level")
    COMMUNE = "commune", _("Commune level")


class TdktUnitKind(models.TextChoices):
    """What kind of TĐKT organisational unit an organisation is, as Biểu 0604.N/BNV-TĐKT
    (Thông tư 02/2023/TT-BNV) counts them; blank: not a unit working on emulation and commendation."""

    MINISTRY_DEPARTMENT = "vu", _("Department (vụ) of a ministry or central body")
    MINISTRY_SECTION = "phong_vu", _("Section of such a department")
    HOME_AFFAIRS_BOARD = "ban_snv", _("Board (ban) of the provincial Department of Home Affairs")
    HOME_AFFAIRS_SECTION = "phong_snv", _("Section (phòng) of the provincial Department of Home Affairs")


class Organization(models.Model):
    """A node of a province's organisation tree.

    `path` is the materialised path of ids ("/1/5/9/") so that "this organisation and all below
    it", which every permission check needs, is one indexed prefix match on either database.
    An organisation is never deleted: it is closed on a date and may name its successor
    (mergers, the 2025 two-tier reorganisation), and its history stays.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=OrganizationLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("closed on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    closing_note = models.CharField(_("closing note"), max_length=500, blank=True)
    # Biểu 0604 (Thông tư 02/2023/TT-BNV) counts the units that work on emulation and commendation.
    tdkt_unit_kind = models.CharField(
        _("TĐKT unit kind"), max_length=12, choices=TdktUnitKind.choices, blank=True, default=""
    )
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)
    # The unit's head signs off what its officers prepare (dossiers, score sheets, reports,
    # registrations) before it is sent; an organisation may switch the step off for itself.
    leader_signoff = models.BooleanField(
        _("the unit's leader signs off what is sent"),
        default=True,
        help_text=_("When on, the unit officer submits to the unit leader, who signs off and sends or sends back."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="organization_active_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    def refresh_search_text(self):
        self.search_text = fold_vi(f"{self.name} {self.short_name} {self.code}")

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class PersonCategory(models.TextChoices):
    CAN_BO = "can_bo", _("Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    NGUOI_LAO_DONG = "nguoi_lao_dong", _("Người lao động")
    LUC_LUONG_VU_TRANG = "luc_luong_vu_trang", _("Armed forces")


class Sex(models.TextChoices):
    MALE = "nam", _("Male")
    FEMALE = "nu", _("Female")


class EducationLevel(models.TextChoices):
    """Trình độ đào tạo, as the columns of Biểu 0605.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV) list them."""

    SO_CAP = "so_cap", _("Elementary (sơ cấp)")
    TRUNG_CAP = "trung_cap", _("Intermediate (trung cấp)")
    CAO_DANG = "cao_dang", _("College (cao đẳng)")
    DAI_HOC = "dai_hoc", _("University (đại học)")
    TREN_DAI_HOC = "tren_dai_hoc", _("Postgraduate (trên đại học)")


class Person(models.Model):
    """A cán bộ, công chức, viên chức or người lao động, in the organisation they work in now.

    `organization` is the current one (denormalised for fast scoped lists); every move is kept in
    `PersonAssignment`. `is_manager` and `service_start` are facts the commendation rules read
    (preference for people who work directly; length of service).
    """

    code = models.CharField(_("staff code"), max_length=40, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=5, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=PersonCategory.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_manager = models.BooleanField(_("holds a leadership post"), default=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    service_start = models.DateField(_("in service since"), null=True, blank=True)
    left_on = models.DateField(_("left service on"), null=True, blank=True)
    # What Biểu 0605 (Thông tư 02/2023/TT-BNV) counts of the civil servants working on TĐKT.
    education_level = models.CharField(
        _("education level"), max_length=15, choices=EducationLevel.choices, blank=True, default=""
    )
    is_tdkt_officer = models.BooleanField(_("works on emulation and commendation (TĐKT)"), default=False)
    in_tdkt_work_since = models.DateField(_("in TĐKT work since"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Searched by substring: on PostgreSQL through a trigram index (migration 0005), which is not
    # in Meta.indexes because SQLite cannot build it.
    search_text = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_text", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="person_code_unique"),
        ]
        indexes = [
            models.Index(fields=["organization", "search_text"]),
            # The list's order with its tie-breaker: a page is read off the index from the nearer
            # end (tdkt.core.paging), never a sort of the whole table.
            models.Index(fields=["search_text", "id"], name="person_list_order"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_active(self) -> bool:
        return self.left_on is None

    def refresh_search_text(self):
        self.search_text = fold_vi(f"{self.full_name} {self.code}")


class PersonAssignment(models.Model):
    """Where a person worked and as what, from when to when (the history of moves)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self):
        return f"{self.person} @ {self.organization}"


class BlockKind(models.TextChoices):
    KHOI = "khoi", _("Khối thi đua")
    CUM = "cum", _("Cụm thi đua")


class BlockRole(models.TextChoices):
    HEAD = "head", _("Trưởng khối")
    DEPUTY = "deputy", _("Phó khối")
    MEMBER = "member", _("Thành viên")


class EmulationBlock(models.Model):
    """A khối or cụm thi đua for one year, as the province assigns it that year."""

    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="organized_blocks",
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=BlockKind.choices, default=BlockKind.KHOI)
    year = models.PositiveSmallIntegerField(_("year"))
    basis = models.CharField(_("assigned by"), max_length=300, blank=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("emulation block")
        verbose_name_plural = _("emulation blocks")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organizer", "name", "year"], name="block_unique_per_year"),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def refresh_search_text(self):
        self.search_text = fold_vi(self.name)


class BlockMembership(models.Model):
    block = models.ForeignKey(EmulationBlock, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="block_memberships",
    )
    role = models.CharField(_("role in the block"), max_length=10, choices=BlockRole.choices, default=BlockRole.MEMBER)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["block", "organization"], name="block_member_once"),
            models.UniqueConstraint(fields=["block"], condition=Q(role="head"), name="block_one_head"),
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_role_display()}"


# Imports (issue 2, point 7): kept apart at the end of the module.
import uuid  # noqa: E402

from django.conf import settings  # noqa: E402


class ImportKind(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Organisations")
    PEOPLE = "people", _("People")
    RECORDS = "records", _("Ratings and titles of a year")
    DECISIONS = "decisions", _("Past decisions and their awardees")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")  # file stored and checked for format, waiting for a worker or the request
    VALIDATING = "validating", _("Checking")  # every row is being checked; nothing is written yet
    # Past decisions: the file was clean and waits for the clerk to review it (and settle the rows whose
    # person or collective could be several) before anything is written.
    CHECKED = "checked", _("Checked, waiting for confirmation")
    WRITING = "writing", _("Writing")  # the file was clean; its rows are being written in one transaction
    DONE = "done", _("Done")  # every row was written (final)
    FAILED = "failed", _("Failed")  # the file had errors, or the import broke; nothing was written (final)


def _import_upload_to(instance, filename):
    # The stored name never comes from the user; the original name is kept in `original_name`.
    return f"imports/{uuid.uuid4().hex}.xlsx"


class ImportJob(models.Model):
    """One uploaded Excel file of organisations, people or one organisation's year of ratings and
    titles, checked whole and then written whole.

    The file lives in the file storage under imports/ (never served by a URL; the web node that
    took it and the worker that runs it may be different machines) while the job runs and is
    removed when it finishes; the job keeps the counts and the row errors. A job is visible only
    to the user who uploaded it and to administrators.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImportStatus.choices,
        default=ImportStatus.QUEUED,
    )
    file = models.FileField(_("file"), upload_to=_import_upload_to, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    total_rows = models.PositiveIntegerField(_("data rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("error count"), default=0)
    created_count = models.PositiveIntegerField(_("rows created"), default=0)
    # Ratings and titles: a rating already recorded for the subject and year is corrected, not added.
    updated_count = models.PositiveIntegerField(_("records corrected"), default=0)
    # Past decisions: what a checked file would write, the rows to settle with their candidates, and
    # the clerk's choices once confirmed (tdkt/organizations/importers/decisions.py).
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self):
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def progress_percent(self) -> int:
        if self.status in (ImportStatus.WRITING, ImportStatus.DONE):
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)
