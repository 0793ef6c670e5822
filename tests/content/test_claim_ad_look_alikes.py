"""Claims as clinic pages, flyers and posts write them, each family with its honest look-alikes: testimonials
signed with an age or a relation, rates and shares of patients as bare figures, results tied to a holiday or an
exam, pain or harm said to be absent, functions restored, uses nobody has shown (autism, ADHD, school refusal),
being like a university hospital, approval or endorsement implied, and pushes to act (the last places, waiting makes
it worse, start now)."""

from __future__ import annotations

import pytest

from tests.content.test_claims_and_phone import shipped_lint

CASES = [
    # a testimonial signed with an age, a sex or a relation
    (True, '息子が半年ぶりに学校へ行けるようになりました。（中学生の母）'),
    (True, '朝起きるのが楽になりました（40代女性）'),
    (True, 'My son is back at school and smiling. Thank you! — a grateful mom'),
    (True, 'I sleep through the night again. — former patient'),
    (False, 'お子さんの治療には保護者の同意が必要です（15歳未満の方）'),
    (False, '対象はうつ病と診断された方です（18歳以上）'),
    (False, 'For the application form — ask a parent to help if you are under 15.'),
    # rates and shares of patients as bare figures
    (True, '再発率はわずか5%です。'),
    (True, '当院の改善率は8割です。'),
    (True, '87% of our patients report significant improvement.'),
    (True, 'Response rates of up to 80%.'),
    (True, 'Relapse rate below 5%.'),
    (False, '当院では改善率を公表していません。'),
    (False, '海外の研究では、再発率は約3割と報告されています（出典：米国の多施設試験）。'),
    (False, 'Relapse rates differ between studies, and we do not publish our own.'),
    (False, 'About 1% of patients have a seizure during a course.'),
    (False, 'In a large US trial, remission rates were about 30% (O\'Reardon et al., 2007).'),
    # results promised within a short time
    (True, 'Remission in as few as 10 sessions.'),
    (True, 'Results typically appear within two weeks.'),
    (False, 'Side effects usually fade within a day.'),
    (False, 'Results within four weeks are not guaranteed; for some there is no change at all.'),
    # a result tied to a holiday or an exam
    (True, '夏休み中に治してしまいましょう。'),
    (True, '受験までに良くなりましょう。'),
    (False, '夏休み中に治療を受けることもできます。'),
    (False, '受験までに良くなるとお約束することはできません。'),
    # pain said to be absent
    (True, '痛みもなく、安心して受けられる治療です。'),
    (True, '痛みは一切ありません。'),
    (False, '痛みがないわけではありません。頭皮の痛みが出ることがあります。'),
    (False, '痛みがないとは限りません。'),
    # a function restored
    (True, '脳の機能を正常に戻します。'),
    (False, '脳の機能が正常に戻るかどうかは分かっていません。'),
    # the medication given up by most
    (True, '治療後は、ほとんどの方が薬を減らせています。'),
    (True, 'Most patients are able to reduce or stop their medication.'),
    (False, 'ほとんどの方は、治療中もお薬を続けています。'),
    (False, '薬を減らせるかどうかは、経過を見ながら主治医と相談します。'),
    # uses nobody has shown
    (True, '自閉症の子どもにも効果があります。'),
    (True, 'ゲーム依存も改善します。'),
    (True, 'Helps children with autism communicate better.'),
    (True, 'Improves ADHD symptoms naturally.'),
    (False, '発達障害への効果は確認されていません。'),
    (False, 'ADHDのお薬で良くならなかった方もご相談ください。'),
    (False, 'There is no good evidence that TMS helps autism.'),
    (False, 'Whether TMS helps ADHD is not known.'),
    (False, 'Children with ADHD or autism can still apply; the doctor decides whether TMS is suitable.'),
    # like a university hospital
    (True, '大学病院と同じ治療が受けられます。'),
    (False, '大学病院と同じ治療ではありません。'),
    (False, '大学病院からの紹介状があれば、お持ちください。'),
    # approval or endorsement implied
    (True, 'FDA-cleared exosome therapy.'),
    (True, 'Endorsed by psychiatrists across Japan.'),
    (True, 'Recognised by the Ministry of Health.'),
    (True, 'Backed by leading universities.'),
    (True, 'Exosome therapy is now standard care in the US.'),
    (False, 'No exosome product has been approved by the FDA.'),
    (False, 'Exosome infusion is not recognised by the Ministry of Health.'),
    (False, 'TMS is not yet standard care for teenagers.'),
    (False, 'Ask your doctor whether TMS is recommended for you.'),
    # a solution, a boost, a slogan, focus given back
    (True, 'Finally, a real solution for anxiety.'),
    (True, 'Boost your immune system and your mood at the same time.'),
    (True, 'Stop suffering. Start living.'),
    (True, 'Clear the brain fog and get your focus back.'),
    (False, 'There is no perfect solution for depression, and TMS is not one.'),
    (False, 'We cannot say that exosomes boost your immune system.'),
    (False, 'Brain fog can be a side effect of some medicines.'),
    # pushes to act
    (True, '迷っている間にも症状は進行します。今すぐご相談を。'),
    (True, '受験に間に合わせたい方は今がラストチャンスです。'),
    (True, 'Only 3 appointments left this month.'),
    (True, 'Get your child ready for the new school year — start now.'),
    (False, 'ご予約を急がせることはありません。ご家族と相談してからお決めください。'),
    (False, '「ラストチャンス」といった言葉で申し込みを急がせることはしません。'),
    (False, 'Only 2 appointments a week are possible during the course.'),
    (False, 'You can start now or later; there is no deadline.'),
    (False, 'There is no deadline; take the time you need to decide with your family.'),
]
"""(a claim, the text): claims first in each family, then their honest look-alikes."""


@pytest.mark.parametrize(("claim", "text"), CASES)
def test_a_claim_is_flagged_and_its_honest_look_alike_is_not(claim: bool, text: str) -> None:
    assert bool(shipped_lint().findings(text)) == claim, [f.word for f in shipped_lint().findings(text)]
