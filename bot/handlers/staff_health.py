"""The staff chat's health loop: say what is wrong, tell staff directly, and retry as soon as it works again.

* ``/health`` (staff chat, or a ``STAFF_USER_IDS`` member's private chat, which still works when the staff chat
  does not) names the error and how to fix it, the next retry, and whether delivery is paused.
* ``StaffAlerts`` sends each ``STAFF_USER_IDS`` member a direct message on the first permanent failure of the staff
  chat (the bot removed, the chat not found) and again when delivery works.
* Any command in the staff chat, and the bot being added back to it, proves the chat works: every waiting row is
  retried at once instead of at the end of its back-off (up to 15 minutes).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ChatMemberHandler, MessageHandler, filters

from bot.handlers.common import AnyHandler, Context
from bot.leads.card import format_time
from bot.services import Services

log = logging.getLogger(__name__)

PROBE_GROUP = -3
"""Runs before flood control and the crisis screen and never stops other handlers."""
STAFF_LANG = "ja"

PROBLEMS: dict[str, tuple[str, str]] = {
    "forbidden": ("ボットがスタッフチャットから外されたか、発言を許可されていません",
                  "ボットをスタッフチャットに追加し直し、メッセージを送れるようにしてください。"),
    "chat_not_found": ("スタッフチャットが見つかりません（STAFF_CHAT_ID が違うか、ボットがまだ参加していません）",
                       "STAFF_CHAT_ID を確認し、ボットをそのチャットに追加してください。"),
    "chat_migrated": ("スタッフチャットがスーパーグループに変わり、チャットIDが変わりました",
                      "サーバーのログにある新しいIDを STAFF_CHAT_ID に設定し、ボットを再起動してください。"),
    "bad_request": ("Telegram がカードを受け付けませんでした",
                    "サーバーのログを確認してください（申込番号とエラーの種類が書かれています）。"),
    "rate_limited": ("Telegram の送信制限で待っています", "自動で再送します。"),
    "timed_out": ("Telegram の応答が時間内にありませんでした", "自動で再送します。"),
    "network": ("Telegram に接続できません", "サーバーのネットワークを確認してください。自動で再送します。"),
}
RETRY_HINT = "直ったら、スタッフチャットで何かコマンド（例: /health）を送ってください。すぐに再送します。"


def describe(kind: str) -> tuple[str, str]:
    """What went wrong and what to do, in the staff's words."""
    return PROBLEMS.get(kind, (f"配信エラー（{kind}）", "サーバーのログを確認してください。"))


def health_text(svc: Services) -> str:
    """The text of /health: pending, failing, the last error with its fix, the next retry, pauses."""
    now = svc.now()
    health = svc.delivery_health(now)
    age = health.oldest_pending_age
    lines = [f"配信待ち: {health.pending} 件" + (f"（最も古いもの: {int(age.total_seconds())} 秒前）" if age else "")]
    if svc.settings.staff_chat_id is None:
        lines.append("STAFF_CHAT_ID が設定されていないため、申込は保存だけされています。")
    if health.failing:
        problem, fix = describe(health.last_error_kind or "")
        lines.append(f"失敗が続いている配信: {health.failing} 件")
        lines.append(f"原因: {problem}")
        lines.append(f"対処: {fix}")
        upcoming = health.next_attempt_at
        if upcoming is not None and upcoming > now:
            lines.append(f"次の再送: {format_time(upcoming, STAFF_LANG, short=True)}（{RETRY_HINT}）")
    if health.unrecorded:
        lines.append("⚠️ データベースに書き込めないため配信を止めています（ディスクの空きを確認してください）。"
                     "書き込めるようになると自動で再開します。")
    lines.append(f"コンテンツ: {svc.live.current.fingerprint}")
    return "\n".join(lines)


class StaffAlerts:
    """``DeliveryAlerts`` as direct messages to the staff user ids (who may not be in a working staff chat)."""

    def __init__(self, bot: Bot, user_ids: Iterable[int]) -> None:
        self.bot = bot
        self.user_ids = sorted(user_ids)

    async def outage(self, kind: str) -> None:
        problem, fix = describe(kind)
        await self._tell(f"⚠️ 申込をスタッフチャットに届けられません。\n原因: {problem}\n対処: {fix}\n"
                         f"申込は保存されていて、失われることはありません。{RETRY_HINT}")

    async def recovered(self, kind: str) -> None:
        await self._tell("✅ スタッフチャットへの配信が再開しました。届いていなかった申込は順に送られます。")

    async def _tell(self, text: str) -> None:
        if not self.user_ids:
            log.warning("lead delivery alert not sent: STAFF_USER_IDS is empty, so no one can be told directly")
        for user_id in self.user_ids:
            try:
                await self.bot.send_message(user_id, text)
            except Exception as exc:  # a staff member who never opened the bot, or blocked it
                log.warning("could not send a delivery alert to a staff member: %s", type(exc).__name__)


async def on_staff_chat_sign(update: Update, context: Context) -> None:
    """A command in the staff chat (or the bot added back to it): the chat works, so retry everything now."""
    svc = context.services
    chat = update.effective_chat
    if chat is None or svc.settings.staff_chat_id is None or chat.id != svc.settings.staff_chat_id:
        return
    member = update.my_chat_member
    if member is not None and member.new_chat_member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        return
    health = svc.delivery_health(svc.now())
    if not (health.failing or health.paused_until or health.outage):
        return
    count = svc.worker().retry_now(svc.now())
    log.info("staff chat answered: retrying %d waiting delivery row(s) now", count)
    context.application.create_task(svc.deliver_due(), update=update)


def handlers() -> list[tuple[int, AnyHandler]]:
    return [
        (PROBE_GROUP, MessageHandler(filters.COMMAND & ~filters.ChatType.PRIVATE, on_staff_chat_sign)),
        (PROBE_GROUP, ChatMemberHandler(on_staff_chat_sign, ChatMemberHandler.MY_CHAT_MEMBER)),
    ]
