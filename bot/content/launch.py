"""The launch gate: the clinic facts and decisions the law or a patient needs before the bot may go live.

Medical advertising of self-paid and unapproved treatment is allowed only with a contact point, the standard cost,
the course, the risks and, for an unapproved product, how it is obtained (医療広告ガイドライン, 限定解除). Until
those facts are given the bot still runs (lines with a missing fact are left out, see ``render``), the checker
lists them as notices, and ``python -m bot check --launch`` fails naming each file and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.content.messages import say
from bot.content.problems import Problems
from bot.content.schema import Clinic, Settings, SharedClinic
from bot.content.yamldoc import YamlDoc


@dataclass(frozen=True)
class Required:
    """A fact needed before launch: where it lives and why (the reason is shown to staff)."""

    field: str
    why_ja: str
    why_en: str
    what_ja: str
    what_en: str


SHARED_REQUIRED = (
    Required("phone", "広告には問い合わせ先が必要です", "the advertising rules require a contact point",
             "電話番号（例 052-000-0000）", "a phone number, e.g. 052-000-0000"),
    Required("address", "患者さんが受診先を確かめるために必要です", "patients need to know where to go",
             "住所", "the postal address"),
    *(Required(f"prices.{name}", "自由診療の広告には標準的な費用が必要です",
               "advertising self-paid care requires the standard cost", f"{label_ja}の料金（税込）",
               f"the price of {label_en}, tax included")
      for name, label_ja, label_en in (
          ("consultation", "初診", "the first consultation"),
          ("tms_session", "TMS 1回", "one TMS session"),
          ("tms_course", "TMS 1コース", "one TMS course"),
          ("exosome_infusion", "エクソソーム点滴 1回", "one exosome infusion"),
          ("combined_course", "併用プロトコル", "the combined protocol"),
      )),
)
LANGUAGE_REQUIRED = (
    Required("hours", "患者さんが連絡・受診できる時間が必要です", "patients need to know when to call or come",
             "診療時間", "the opening hours"),
    Required("product_source", "未承認医薬品等の広告には入手経路の記載が必要です",
             "advertising an unapproved product requires how it is obtained",
             "製造元・国・輸入の方法（例：医師の個人輸入）", "maker, country and how it is imported"),
    Required("after_applying", "応募した人が、いつ誰から連絡が来るかを知るために必要です",
             "applicants need to know who contacts them and when",
             "応募後の流れと日数（例：3営業日以内にお電話します）", "what happens and when, e.g. a call within 3 days"),
    Required("monitor.what_monitors_do", "モニターが何をするのかを応募の前に示す必要があります",
             "applicants must know what monitors do before applying", "モニターにお願いすること",
             "what monitors are asked to do"),
    Required("monitor.how_to_withdraw", "いつでもやめられることと、その方法を示す必要があります",
             "applicants must know how to withdraw", "やめ方と、やめても不利益がないこと",
             "how to withdraw, and that withdrawing has no disadvantage"),
)
FEE_TERMS = Required("monitor.fee_terms", "費用の軽減がある場合、その内容を事実として示す必要があります",
                     "a fee reduction must be stated as a fact", "軽減の内容（金額・対象）",
                     "what is reduced, by how much")
DECISIONS = (
    ("policy.tms_for_under_18", "no"),
    ("policy.exosome_for_under_18", "no"),
    ("policy.combined_for_under_18", "no"),
    ("monitor.fee_reduction", "no"),
    ("monitor.results_published", "no"),
    ("monitor.research", "no"),
)


def value_at(data: Mapping[str, Any], field: str) -> Any:
    value: Any = data
    for part in field.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class Located:
    """A model with the file it came from, for messages."""

    file: str
    doc: YamlDoc | None
    data: Mapping[str, Any]

    def line(self, field: str) -> int | None:
        return self.doc.line(field.split(".")) if self.doc is not None else None


def required_for(settings: Settings) -> tuple[Required, ...]:
    extra = (FEE_TERMS,) if settings.monitor.fee_reduction == "yes" else ()
    return (*LANGUAGE_REQUIRED, *extra)


def check_facts(settings: Settings, settings_file: Located, shared: Located, languages: Mapping[str, Located],
                problems: Problems, *, launch: bool) -> None:
    """Empty required facts: notices normally, errors with ``launch``; also facts filled in one language only."""
    report = problems.error if launch else problems.notice

    def missing(located: Located, need: Required) -> None:
        ja = "/en/" not in f"/{located.file}"
        if launch:
            said = say(located.file, "launch_missing", why=need.why_ja if ja else need.why_en,
                       what=need.what_ja if ja else need.what_en, file=located.file, field=need.field)
        else:
            said = say(located.file, "fact_missing")
        report(located.file, located.line(need.field), need.field, said.message,
               **(said.parts('""') if launch else {}))

    for need in SHARED_REQUIRED:
        if is_empty(value_at(shared.data, need.field)):
            missing(shared, need)
    needs = required_for(settings)
    for located in languages.values():
        for need in needs:
            if is_empty(value_at(located.data, need.field)):
                missing(located, need)
    if launch:
        for field, default in DECISIONS:
            if value_at(settings_file.data, field) in (None, "undecided"):
                said = say(settings_file.file, "launch_undecided", default=default, file=settings_file.file,
                           field=field)
                problems.error(settings_file.file, settings_file.line(field), field, said.message,
                               **said.parts("undecided"), code="CONTENT-E016")
    _check_one_language_only(needs, languages, problems, launch=launch)


def _check_one_language_only(needs: tuple[Required, ...], languages: Mapping[str, Located], problems: Problems, *,
                             launch: bool) -> None:
    located = list(languages.values())
    fields = [n.field for n in needs]
    for loc in located:
        fields.extend(f for f in _leaf_fields(loc.data) if f not in fields)
    for field in fields:
        filled = [loc for loc in located if not is_empty(value_at(loc.data, field))]
        if not filled or len(filled) == len(located):
            continue
        for loc in located:
            if loc in filled:
                continue
            said = say(loc.file, "launch_differs", other=filled[0].file, field=field)
            add = problems.error if launch else problems.warning
            add(loc.file, loc.line(field), field, said.message, **said.parts('""'))


def _leaf_fields(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        out.extend(_leaf_fields(value, f"{name}.") if isinstance(value, Mapping) else [name])
    return out


def missing_facts(settings: Settings, shared: SharedClinic, clinics: Mapping[str, Clinic]) -> list[str]:
    """``file: field`` of every fact or decision still missing (what the staff chat is told at start-up)."""
    out: list[str] = []
    shared_data = shared.model_dump()
    out.extend(f"clinic.yaml: {n.field}" for n in SHARED_REQUIRED if is_empty(value_at(shared_data, n.field)))
    for lang, clinic in clinics.items():
        data = clinic.model_dump()
        out.extend(f"{lang}/clinic.yaml: {n.field}" for n in required_for(settings)
                   if is_empty(value_at(data, n.field)))
    settings_data = settings.model_dump()
    out.extend(f"settings.yaml: {field} (undecided)" for field, _ in DECISIONS
               if value_at(settings_data, field) == "undecided")
    return out


def startup_notice(missing: list[str], limit: int = 40) -> str | None:
    """What the staff chat reads at start-up while facts are missing (plain text; None when nothing is)."""
    if not missing:
        return None
    shown = missing[:limit]
    more = [f"…ほか{len(missing) - limit}件"] if len(missing) > limit else []
    return "\n".join([
        f"⚠️ 公開前に必要なクリニックの情報・方針が{len(missing)}件まだありません。"
        "記入されるまで、ボットはその行を出さずに「ご応募の方にはクリニックからお伝えします」と案内します。",
        *(f"・{item}" for item in shown), *more,
        "記入したら `python -m bot check --launch` で確かめてください（content/README.md）。",
    ])
