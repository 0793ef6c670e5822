"""More claim families, each with claims in both languages and honest look-alikes that must not be flagged:
freedom from medication, shares of patients told as success, revolutions and new eras, plain safety, comparisons
with other clinics or treatments, rejuvenation, the reader's future, pushes to act now, crowds as proof and the
combination's synergy told as doubled or proven."""

from __future__ import annotations

import pytest

from tests.content.test_claims_and_phone import shipped_lint

CASES = [
    # freedom from medication
    (True, 'もう薬に縛られることはありません。'),
    (True, '抗うつ薬とは今日でお別れです。'),
    (True, '薬を飲まずに済む生活へ。'),
    (True, '薬漬けの日々から抜け出せます。'),
    (True, 'Break your dependence on pills.'),
    (True, 'Break free from a life on pills.'),
    (False, '薬に縛られなくなるとはお約束できません。'),
    (False, 'お薬とお別れできるかどうかは、主治医と相談して決めます。'),
    (False, '薬を飲まずに済むとは限りません。'),
    (False, 'Freedom from medication is not something we can promise.'),
    (False, 'We cannot promise you will break free from pills.'),
    # shares of patients told as success
    (True, 'ほぼすべての患者さんが改善を実感しています。'),
    (True, '受診された方の8割が満足しています。'),
    (True, '8 in 10 of our patients are satisfied.'),
    (False, '当院では患者さんの満足度を公表していません。'),
    (False, '海外の臨床試験では、TMSで約3〜5割の方に症状の改善が見られたと報告されています'
            '（出典：米国の多施設試験）。'),
    (False, 'In published trials, roughly 30-50% of patients responded to TMS (source - large multicentre studies).'),
    # a revolution, a new era
    (True, 'うつ病治療は新たなステージへ。'),
    (True, 'これまでにない新しいアプローチで、うつ病に挑みます。'),
    (True, 'This is the biggest step forward in depression care in decades.'),
    (True, 'The next frontier of psychiatry is here.'),
    (False, '精神医療の新たな時代、といった宣伝文句は使いません。'),
    (False, 'これまでにない治療ではなく、海外では長く使われています。'),
    (False, 'TMS is not a breakthrough; it has been used for decades.'),
    (False, 'Calling exosomes the next frontier of medicine would be misleading.'),
    # plain safety
    (True, 'TMSは安全性に優れた治療です。'),
    (True, '安全が何より自慢の点滴です。'),
    (True, 'A safe and gentle procedure.'),
    (True, 'Exosomes are a safe option for everyone.'),
    (True, "It's safe, it's simple, and it works."),
    (False, '安全性に優れているとは言えません。'),
    (False, 'エクソソーム点滴は国内で未承認の治療で、安全性は確立されていません。'),
    (False, 'Is TMS a safe treatment for teenagers?'),
    (False, 'No treatment is a safe option for everyone.'),
    (False, 'Whether exosome infusion is a safe treatment has not been established.'),
    # comparisons with other clinics or treatments
    (True, 'どのクリニックよりも丁寧な治療をお約束します。'),
    (True, '一般的なクリニックとは効果がまったく違います。'),
    (True, 'Our results beat those of ordinary psychiatric clinics.'),
    (False, '他のクリニックよりも効果が高いという根拠はありません。'),
    (False, 'どの病院よりも丁寧だと言うつもりはありません。'),
    (False, '一般的な治療とは違い、保険は使えません。'),
    (False, 'We do not claim that our results beat those of other clinics.'),
    # rejuvenation
    (True, '10歳若い脳を取り戻しましょう。'),
    (True, '年齢を感じさせない体へ。'),
    (True, '脳のアンチエイジングに。'),
    (False, 'アンチエイジングの効果は確かめられていません。'),
    (False, '「若返り」や「アンチエイジング」といった言葉は使いません。'),
    (False, 'There is no evidence that exosomes reverse ageing.'),
    # the reader's future
    (True, '明日から新しいあなたに出会えます。'),
    (True, 'もう一度、仕事を楽しめる日がきます。'),
    (True, '家族と笑い合える毎日が戻ってきます。'),
    (True, "Soon you'll wake up looking forward to the day."),
    (False, '新しい自分に出会える、といった広告には注意してください。'),
    (False, '楽しめる日が来るかどうかは、人によって異なります。'),
    (False, '笑顔が戻ってくるかどうかは個人差があります。'),
    (False, 'Some people say they look forward to the day again, but not everyone does.'),
    # pushes to act now
    (True, '先延ばしにせず、今日お申し込みください。'),
    (True, '一日でも早く始めることが大切です。今すぐお電話を。'),
    (True, 'Call today, places fill fast.'),
    (True, 'Start now and thank yourself later.'),
    (False, '今すぐ予約する必要はありません。'),
    (False, '先延ばしにせず、つらいときは主治医に相談してください。'),
    (False, 'どうか今すぐ、誰かに話してください。'),
    (False, '一日でも早く良くなりたいお気持ちは分かります。'),
    (False, 'ご予約は今日から受け付けています。'),
    (False, 'There is no need to book now; take your time.'),
    (False, 'If you are in danger, call 119 now.'),
    # crowds as proof
    (True, '累計1万人以上が受診しています。'),
    (True, '全国から患者さんが集まっています。'),
    (True, '予約が殺到している人気の治療です。'),
    (True, 'Our waiting list proves it works.'),
    (True, 'Patients travel from all over Japan to see us.'),
    (False, '累計の受診者数は公表していません。'),
    (False, '全国から患者さんが集まっているわけではありません。'),
    (False, '受診した人の数は、治療の効果を示すものではありません。'),
    (False, 'Popularity does not prove that a treatment works.'),
    (False, 'Our waiting list does not show that TMS works.'),
    (False, 'Some patients come from other prefectures because few clinics offer TMS.'),
    # the combination's synergy told as doubled or proven
    (True, '組み合わせることで効果を最大限に引き出します。'),
    (True, '併用すれば回復が一気に早まります。'),
    (True, 'Together they work twice as well.'),
    (False, '併用で効果が高まるかどうかは、まだ分かっていません。'),
    (False, '併用で効果が高まるという仮説がありますが、確かめられていません。'),
    (False, '併用すれば回復が早まるという根拠はありません。'),
    (False, 'Whether the combination works twice as well is not known.'),
    # an honest negation stays honest; an effect claim without a source after it stays a claim: 「多くの方が改善
    # しています」 tells the reader it works for most, and the negation before it does not take that back
    (False, '完治を約束するものではありません。'),
    (False, '完治を約束するものではありません。効果には個人差があります。'),
    (True, '完治を約束するものではありませんが、多くの方が改善しています。'),
    (False, '完治を約束するものではありませんが、改善する方もいれば、変化を感じない方もいます。'),
    (False, 'TMS is not a cure.'),
    (False, 'Results differ from person to person, and some people notice no change.'),
    (False, 'Exosome infusion is unapproved in Japan and is at the research stage.'),
]
"""(a claim, the text): claims first in each family, then their honest look-alikes."""


@pytest.mark.parametrize(("claim", "text"), CASES)
def test_a_claim_is_flagged_and_its_honest_look_alike_is_not(claim: bool, text: str) -> None:
    assert bool(shipped_lint().findings(text)) == claim, [f.word for f in shipped_lint().findings(text)]
