"""Claims of round 20, each family with its honest look-alikes: a regulator's clearance claimed for exosome or
combined treatment, safe enough for children, medication given up for a natural alternative, an unapproved
treatment's effect told as shown in trials, an illness wiped out, a price sold as low, limited monitor places said
as a plain fact; in Japanese a price sold as 安心, harm said never to happen (拒絶反応は絶対に起こりません), the
cause of an illness removed, many patients quoted, and 「承認された製品はない」 read as the denial it is; then the
author's probes of the same round: brain chemistry rebalanced, relief one session away, recovery without
medication, back to one's old self, praise as proof, and in Japanese 効果を実感できます, damage undone, balance
restored, how many recovered, harm not to worry about, care to trust, loved across Japan, widely used abroad, and
pushes to act before it is too late."""

from __future__ import annotations

import pytest

from tests.content.test_claims_and_phone import shipped_lint

CASES = [
    # a regulator's clearance claimed for exosome or combined treatment
    (True, 'Our exosome therapy is FDA approved for anxiety.'),
    (True, 'The combined protocol is government-certified in Korea.'),
    (False, 'TMS devices are FDA cleared for depression in the United States.'),
    (False, 'Exosome products are not FDA approved for any psychiatric use.'),
    (False, 'No exosome product is MHLW approved as a medicine.'),
    # safe enough for children said as fact
    (True, 'TMS is gentle enough for kids.'),
    (True, 'The infusion is mild enough even for teenagers.'),
    (False, 'We cannot say the infusion is safe enough for children: it is not offered under 18.'),
    (False, 'Whether TMS is suitable for your child is decided by the doctor after an assessment.'),
    # medication given up for a natural treatment
    (True, 'Time to ditch your meds for good.'),
    (True, 'Exosome infusion is the natural alternative to antidepressants.'),
    (False, 'Do not stop your meds on your own; talk to your doctor first.'),
    (False, 'TMS is not a natural alternative to medication; many patients keep taking theirs.'),
    (False, 'Some parents ask about a natural alternative; the doctor explains what is known.'),
    # an unapproved treatment's effect told as shown in trials
    (True, 'The benefits of exosome infusion have been proven in clinical studies.'),
    (True, 'The combined protocol: its efficacy has been confirmed.'),
    (False, 'The effectiveness of exosome infusion has not been demonstrated in clinical trials.'),
    (False, 'No benefit of the combined protocol has been shown in controlled trials.'),
    (False, 'The effectiveness of TMS for adult depression has been shown in clinical trials.'),
    # an illness or symptom wiped out
    (True, 'Wipes out anxiety in a few sessions.'),
    (True, 'Our drip wipes out fatigue completely.'),
    (False, 'No treatment wipes out depression completely.'),
    (False, 'TMS does not wipe out memories.'),
    # a price sold as low or all-inclusive
    (True, 'One affordable price, no surprises.'),
    (True, 'A low flat fee for the whole course.'),
    (False, 'The fee for the whole course is listed on the fees page.'),
    (False, 'The price is the same for every patient and is not discounted.'),
    # limited monitor places stated as a fact
    (False, 'Monitor places are limited; the doctor decides whether a treatment is suitable.'),
    (True, 'Monitor places are limited — apply today before they are gone!'),
    (True, 'Spaces are limited.'),
    # ja: 料金を「安心」と売り文句にする
    (True, '安心の明朗会計で、追加料金は一切かかりません。'),
    (True, '料金は安心できる定額プランです。'),
    (False, '料金は定額です。詳しくは料金のページをご覧ください。'),
    (False, '費用についてご不安な点は、受付でご相談ください。'),
    # ja: 副作用や拒絶反応が決して起こらないと言い切る
    (True, 'アレルギーは決して起こりません。'),
    (True, '他人由来の細胞ですが、免疫反応は一切起こりません。'),
    (False, '副作用が絶対に起こらないとは言えません。'),
    (False, '拒絶反応が起こらないと保証することはできません。'),
    (False, '頭痛などの副作用が起こることがあります。'),
    # ja: 病気や症状の原因を取り除くと言い切る
    (True, 'TMSがうつの原因を根こそぎ取り除きます。'),
    (True, 'エクソソームが炎症の元凶を除去します。'),
    (False, 'うつの原因を取り除く治療だとは証明されていません。'),
    (False, 'うつ病の原因はひとつではなく、まだ分かっていないことも多くあります。'),
    # ja: 多くの患者が語る、という形の体験談
    (True, '「人生が変わった」と多くの患者さんが語っています。'),
    (True, 'もう大丈夫、と皆さん口を揃えておっしゃいます。'),
    (False, '多くの患者さんが、治療中の頭痛について質問されます。'),
    (False, '治療の感想は患者さんによってさまざまです。'),
    # ja: 承認された製品はない、は承認の主張ではない
    (False, '医薬品として承認されたエクソソーム製品は、国内にはまだありません。'),
    (False, '承認されたエクソソーム製剤は存在しないと、厚生労働省が注意を呼びかけています。'),
    (True, 'エクソソーム点滴は承認された治療法です。'),
    # brain chemistry rebalanced or reset
    (True, 'TMS rebalances your brain chemistry.'),
    (False, 'TMS stimulates one area of the brain with magnetic pulses.'),
    # recovery said to be one session away
    (True, 'Relief is just one session away.'),
    (False, 'The clinic is just one station away from Nagoya.'),
    # an illness stopped in its tracks
    (True, 'Stop anxiety in its tracks.'),
    (False, 'If a headache starts, tell the staff and the session can be stopped.'),
    # recovery without medication promised
    (True, 'A drug-free recovery for your teen.'),
    (True, 'Recover naturally with your own body\'s power.'),
    (False, 'TMS is a treatment without medication, but it is not free of side effects.'),
    # back to normal in no time
    (True, 'Your teen will be back to their old self.'),
    (True, 'Back at school in no time.'),
    (False, 'We cannot promise your child will be back to their old self.'),
    (False, 'Booking takes no time at all online.'),
    # a treatment said to be only here
    (True, 'A protocol unique to our clinic.'),
    (False, 'The consent form is explained at our clinic before any treatment.'),
    # praise from patients as proof
    (True, 'Nothing but positive reviews.'),
    (True, 'Loved by parents across Japan.'),
    (False, 'We do not publish reviews or ratings from patients.'),
    # ja: 効果や違いを実感できると言い切る
    (True, '初回から効果を実感できます。'),
    (True, '実感できる効果。'),
    (False, '効果を実感できない方もいます。'),
    (False, '効果を実感できるかどうかには個人差があります。'),
    # ja: 傷やダメージを元に戻す / バランスを整える
    (True, '慢性ストレスのダメージを元に戻します。'),
    (True, '脳のバランスを整えます。'),
    (False, '治療の予定は、ご家族の都合に合わせて整えます。'),
    # ja: 回復まであと一回 / 何人が回復したか
    (True, '回復まであと一回の点滴。'),
    (True, 'すでに数百人が回復しています。'),
    (False, '1回の治療は約20分です。'),
    # ja: 薬に頼らない回復 / 元の明るさを取り戻す
    (True, '薬に頼らない回復を。'),
    (True, 'お子さまが元の明るさを取り戻します。'),
    (False, '薬に頼らない治療を希望される方もいますが、薬をやめるかどうかは主治医と相談してください。'),
    (False, '元の生活に戻れるかどうかは、お約束できません。'),
    # ja: 脳や炎症を鎮める
    (True, '炎症を起こした脳を鎮めます。'),
    (False, '炎症を抑える働きが提唱されていますが、研究段階です。'),
    # ja: 製造の認定を安全の理由にする / 副作用の心配がない / 安心して任せられる
    (True, 'GMP認定の施設で製造しているので安全です。'),
    (True, '副作用の心配なく受けられます。'),
    (True, '安心して任せられるクリニックです。'),
    (False, 'GMP認定の施設で製造されていても、安全性が確立したわけではありません。'),
    (False, '副作用が心配な方は、医師にご相談ください。'),
    # ja: 愛されている / 海外で広く使われている / 実績に裏打ち
    (True, '全国の親御さんに愛されています。'),
    (True, '韓国やアメリカでは広く使われている治療法です。'),
    (True, '実績に裏打ちされた効果。'),
    (False, 'TMSはアメリカでは広く行われている治療です。'),
    (False, 'エクソソーム点滴は、国内では承認されていない研究段階の治療です。'),
    # ja: 待つと手遅れになると急かす
    (True, 'うつにこれ以上人生を奪わせないで。'),
    (True, '待っている間にもお子さまは遅れていきます。'),
    (False, '待っている間に不安なことがあれば、いつでもお電話ください。'),
]
"""(a claim, the text): claims first in each family, then their honest look-alikes."""


@pytest.mark.parametrize(("claim", "text"), CASES)
def test_a_claim_is_flagged_and_its_honest_look_alike_is_not(claim: bool, text: str) -> None:
    assert bool(shipped_lint().findings(text)) == claim, [f.word for f in shipped_lint().findings(text)]


def test_new_patterns_are_named_for_the_staff() -> None:
    """A finding of a new pattern shows its name in the staff's language, never its regex."""
    labels = {f.label for f in shipped_lint().findings("安心の明朗会計です。")}
    assert labels == {"料金を「安心」と売り文句にする"}
    labels = {f.label for f in shipped_lint().findings("Our exosome therapy is FDA approved for anxiety.")}
    assert "a regulator's clearance claimed for exosome or combined treatment" in labels
