"""``check_intake`` fed small broken questionnaires, with the exact messages staff will read."""

from __future__ import annotations

from pathlib import Path

from bot.content.models import validate_doc
from bot.content.problems import Problems
from bot.content.schema import Intake
from bot.content.yamldoc import load_yaml
from bot.intake.check import check_intake
from tests.shipped import shipped_content

HEAD = """\
version: "1"
intro: About the programme.
start: Start
consent: {version: c1, text: We collect your answers., agree: Agree, decline: Decline, declined: Understood.}
review: Please check.
submit: Submit
thanks: Thank you, {{ lead_id }}.
errors: {choice: c, text_too_long: t, empty: e, phone: p, email: m, date: d, number: n, not_text: x}
questions:
"""

QUESTIONS = """\
  - id: applicant
    kind: choice
    text: Who is applying?
    label: Applicant
    choices:
      - {id: self, label: Myself}
      - {id: guardian, label: Parent, flag: guardian}
  - id: seizure
    kind: choice
    text: Any seizures?
    label: Seizures
    health: true
    choices:
      - {id: "yes", label: "Yes", flag: screening}
      - {id: "no", label: "No"}
  - id: child_name
    kind: text
    text: Your child's name?
    label: Child
    when: {applicant: guardian}
"""


def check(tmp_path: Path, ja: str = QUESTIONS, en: str = QUESTIONS, ja_head: str = HEAD,
          en_head: str = HEAD) -> list[str]:
    problems = Problems()
    intakes, docs = {}, {}
    for lang, head, questions in (("ja", ja_head, ja), ("en", en_head, en)):
        path = tmp_path / lang / "intake.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(head + questions, encoding="utf-8")
        doc = load_yaml(path, f"content/{lang}/intake.yaml", problems)
        assert doc is not None
        intake = validate_doc(Intake, doc, problems)
        assert intake is not None, problems.report()
        intakes[lang], docs[lang] = intake, doc
    check_intake(intakes, docs, problems)
    return [str(p) for p in problems]


def test_small_valid_intake_is_clean(tmp_path: Path) -> None:
    assert check(tmp_path) == []


def test_shipped_questionnaire_is_clean() -> None:
    _content, problems = shipped_content()
    assert [str(p) for p in problems if "intake.yaml" in p.file] == []


def test_condition_on_a_misspelt_question(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("when: {applicant: guardian}", "when: {aplicant: guardian}")
    assert check(tmp_path, ja=broken, en=broken) == [
        "content/ja/intake.yaml:29: questions[2].when: no question 'aplicant' (did you mean 'applicant'?)",
        "content/en/intake.yaml:29: questions[2].when: no question 'aplicant' (did you mean 'applicant'?)",
    ]


def test_condition_on_a_misspelt_choice(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("when: {applicant: guardian}", "when: {applicant: [self, gardian]}")
    assert check(tmp_path, ja=broken, en=broken)[0] == (
        "content/ja/intake.yaml:29: questions[2].when: question 'applicant' has no choice 'gardian' "
        "(did you mean 'guardian'?)")


def test_a_list_of_conditions_is_checked_one_by_one(tmp_path: Path) -> None:
    listed = QUESTIONS.replace("when: {applicant: guardian}", "when: [{applicant: guardian}, {seizure: 'yes'}]")
    assert check(tmp_path, ja=listed, en=listed) == []
    broken = QUESTIONS.replace("when: {applicant: guardian}", "when: [{applicant: guardian}, {seizur: 'yes'}]")
    assert check(tmp_path, ja=broken, en=broken)[0] == (
        "content/ja/intake.yaml:29: questions[2].when[1]: no question 'seizur' (did you mean 'seizure'?)")


def test_condition_on_a_later_question(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("    label: Applicant\n", "    label: Applicant\n    when: {seizure: 'yes'}\n")
    assert check(tmp_path, ja=broken, en=broken)[0] == (
        "content/ja/intake.yaml:14: questions[0].when: question 'seizure' comes later (questions[1]): a condition "
        "can only use the answer to an earlier question")


def test_condition_on_itself_and_on_a_text_question(tmp_path: Path) -> None:
    broken = QUESTIONS + "  - {id: notes, kind: text, text: Notes, label: Notes, when: {notes: x, child_name: y}}\n"
    assert check(tmp_path, ja=broken, en=broken)[:2] == [
        "content/ja/intake.yaml:30: questions[3].when: question 'notes' cannot depend on its own answer",
        "content/ja/intake.yaml:30: questions[3].when: question 'child_name' is a text question: a condition can "
        "only use a choice or multi question",
    ]


def test_duplicate_question_and_choice_ids(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("id: child_name", "id: seizure").replace("{id: \"no\", label: \"No\"}",
                                                                         "{id: \"yes\", label: \"No\"}")
    assert check(tmp_path, ja=broken, en=broken)[:2] == [
        "content/ja/intake.yaml:25: questions[2].id: duplicate id 'seizure' (already used by questions[1])",
        "content/ja/intake.yaml:24: questions[1].choices[1].id: duplicate choice id 'yes' in question 'seizure'",
    ]


def test_no_health_question_and_screening_on_a_non_health_question(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("    health: true\n", "")
    assert check(tmp_path, ja=broken, en=broken)[:2] == [
        "content/ja/intake.yaml:22: questions[1].choices[0].flag: a screening answer is health information: add "
        "'health: true' to the question",
        "content/ja/intake.yaml:9: questions: no question is marked 'health: true': mark the health questions so "
        "they are asked only after consent",
    ]


def test_settings_that_do_not_fit_the_kind(tmp_path: Path) -> None:
    broken = QUESTIONS.replace("{id: self, label: Myself}", "{id: self, label: Myself, exclusive: true}") \
        .replace("    label: Seizures\n", "    label: Seizures\n    min: 1\n    max_length: 20\n")
    assert check(tmp_path, ja=broken, en=broken)[:3] == [
        "content/ja/intake.yaml:15: questions[0].choices[0].exclusive: 'exclusive' only matters in a multi "
        "question; this is a choice question",
        "content/ja/intake.yaml:21: questions[1].min: 'min' is used only by number and date questions; this is a "
        "choice question",
        "content/ja/intake.yaml:22: questions[1].max_length: 'max_length' is used only by text questions; this is "
        "a choice question",
    ]


def test_min_larger_than_max_and_thanks_without_number(tmp_path: Path) -> None:
    broken = QUESTIONS + "  - {id: age, kind: number, text: Age, label: Age, min: 120, max: 18}\n"
    head = HEAD.replace("Thank you, {{ lead_id }}.", "Thank you.")
    assert check(tmp_path, ja=broken, en=broken, ja_head=head, en_head=head)[:2] == [
        "content/ja/intake.yaml:30: questions[3].min: min (120) is larger than max (18)",
        "content/ja/intake.yaml:7: thanks: the thanks should show the application number: add {{ lead_id }}",
    ]


def test_ids_too_long_for_a_button(tmp_path: Path) -> None:
    long_q = "q" * 32
    broken = QUESTIONS.replace("id: applicant", f"id: {long_q}").replace("{applicant: guardian}",
                                                                       f"{{{long_q}: guardian}}") \
        .replace("{id: guardian, label: Parent, flag: guardian}", "{id: guardian_of_a_child_applying, label: P}") \
        .replace(f"{{{long_q}: guardian}}", f"{{{long_q}: guardian_of_a_child_applying}}")
    assert check(tmp_path, ja=broken, en=broken)[0] == (
        f"content/ja/intake.yaml:16: questions[0].choices[1].id: question id '{long_q}' and choice id "
        "'guardian_of_a_child_applying' are too long together for a Telegram button (64 bytes): shorten one of them")


# --- parity -----------------------------------------------------------------------------------------------------

def test_parity_kind_health_optional_when_and_flags(tmp_path: Path) -> None:
    en = QUESTIONS.replace("    kind: text\n", "    kind: email\n    optional: true\n") \
        .replace("    health: true\n", "") \
        .replace("{id: guardian, label: Parent, flag: guardian}", "{id: guardian, label: Parent}") \
        .replace("when: {applicant: guardian}", "when: {applicant: self}")
    assert check(tmp_path, en=en) == [
        "content/en/intake.yaml:22: questions[1].choices[0].flag: a screening answer is health information: add "
        "'health: true' to the question",
        "content/en/intake.yaml:9: questions: no question is marked 'health: true': mark the health questions so "
        "they are asked only after consent",
        "content/en/intake.yaml:16: questions[0].choices[1].flag: differs from content/ja/intake.yaml: None here, "
        "'guardian' there (both languages must match)",
        "content/en/intake.yaml:17: questions[1].health: differs from content/ja/intake.yaml: False here, True "
        "there (both languages must match)",
        "content/en/intake.yaml:25: questions[2].kind: differs from content/ja/intake.yaml: 'email' here, 'text' "
        "there (both languages must match)",
        "content/en/intake.yaml:26: questions[2].optional: differs from content/ja/intake.yaml: True here, False "
        "there (both languages must match)",
        "content/en/intake.yaml:29: questions[2].when: differs from content/ja/intake.yaml: {'applicant': 'self'} "
        "here, {'applicant': 'guardian'} there (both languages must match)",
    ]


def test_parity_missing_extra_and_reordered_questions(tmp_path: Path) -> None:
    blocks = QUESTIONS.split("  - id: ")
    head, applicant, seizure, _child = blocks[0], *("  - id: " + b for b in blocks[1:])
    extra = "  - {id: notes, kind: text, text: Notes, label: Notes, optional: true}\n"
    en = head + seizure + applicant + extra
    assert check(tmp_path, en=en) == [
        "content/en/intake.yaml:9: questions: no question 'child_name' (it exists in content/ja/intake.yaml)",
        "content/ja/intake.yaml:9: questions: no question 'notes' (it exists in content/en/intake.yaml)",
        "content/en/intake.yaml:9: questions: questions are in a different order from content/ja/intake.yaml: "
        "[seizure, applicant] here, [applicant, seizure] there (both languages must match)",
    ]


def test_parity_choices_and_versions(tmp_path: Path) -> None:
    en = QUESTIONS.replace('{id: "no", label: "No"}', '{id: "no", label: "No"}\n      - {id: unsure, label: "?"}')
    en_head = HEAD.replace('version: "1"', 'version: "2"').replace("version: c1", "version: c2")
    assert check(tmp_path, en=en, en_head=en_head) == [
        "content/en/intake.yaml:1: version: differs from content/ja/intake.yaml: '2' here, '1' there (both "
        "languages must match)",
        "content/en/intake.yaml:4: consent.version: differs from content/ja/intake.yaml: 'c2' here, 'c1' there "
        "(both languages must match)",
        "content/en/intake.yaml:22: questions[1].choices: choice ids differ from content/ja/intake.yaml: [yes, no, "
        "unsure] here, [yes, no] there (both languages must match)",
    ]


def test_typed_words_under_two_choices_empty_or_another_label(tmp_path: Path) -> None:
    broken = QUESTIONS.replace('{id: self, label: Myself}', '{id: self, label: Myself, typed: [me, "!!", Parent]}') \
        .replace('{id: guardian, label: Parent, flag: guardian}', '{id: guardian, label: Parent, flag: guardian, '
                 'typed: [mum, ME]}')
    assert check(tmp_path, ja=broken, en=QUESTIONS) == [
        "content/ja/intake.yaml:15: questions[0].choices[0].typed[1]: '!!' has no letters or digits to compare: "
        "remove it",
        "content/ja/intake.yaml:15: questions[0].choices[0].typed[2]: 'Parent' is the button label of choice "
        "'guardian': typed exactly it is read as that choice, so remove it here",
        "content/ja/intake.yaml:16: questions[0].choices[1].typed[1]: 'ME' is also listed under choice 'self' of "
        "question 'applicant': keep it under one choice, or the bot cannot tell which one a patient means",
    ]


POLICY = QUESTIONS.replace("      - {id: guardian, label: Parent, flag: guardian}\n",
                           "      - {id: guardian, label: Parent, flag: guardian}\n"
                           "      - {id: child, label: A child, flag: minor}\n") + """\
  - id: interest
    kind: choice
    text: Which treatment?
    label: Interest
    minors_note: "Not offered to patients under 18: {{ withheld }}."
    choices:
      - {id: tms, label: TMS}
      - {id: exosome, label: Exosome infusion, minors_policy: exosome_for_under_18}
"""


def test_a_choice_may_wait_for_a_clinic_policy(tmp_path: Path) -> None:
    assert check(tmp_path, ja=POLICY, en=POLICY) == []


def test_an_unknown_policy_name_is_located_with_the_close_one_and_the_list(tmp_path: Path) -> None:
    broken = POLICY.replace("minors_policy: exosome_for_under_18", "minors_policy: exosome_for_minors")
    assert check(tmp_path, ja=broken, en=POLICY) == [
        "content/ja/intake.yaml:38: questions[3].choices[1].minors_policy: no policy 'exosome_for_minors' in "
        "settings.yaml (did you mean 'exosome_for_under_18'?); the policies are tms_for_under_18, "
        "exosome_for_under_18, combined_for_under_18",
        "content/en/intake.yaml:38: questions[3].choices[1].minors_policy: differs from content/ja/intake.yaml: "
        "'exosome_for_under_18' here, 'exosome_for_minors' there (both languages must match)",
    ]
    numeric = POLICY.replace("minors_policy: exosome_for_under_18", "minors_policy: guardian_path_under_age")
    assert check(tmp_path, ja=numeric, en=numeric)[0].endswith(
        "no policy 'guardian_path_under_age' in settings.yaml; the policies are tms_for_under_18, "
        "exosome_for_under_18, combined_for_under_18")


def test_a_policy_needs_a_note_and_an_earlier_age(tmp_path: Path) -> None:
    no_note = POLICY.replace('    minors_note: "Not offered to patients under 18: {{ withheld }}."\n', "")
    assert check(tmp_path, ja=no_note, en=no_note)[0] == (
        "content/ja/intake.yaml:37: questions[3].minors_note: question 'interest' has choices with 'minors_policy' "
        "but no 'minors_note' to say why they are not offered to applicants under 18")
    no_minor = POLICY.replace(", flag: minor}", "}")
    assert check(tmp_path, ja=no_minor, en=no_minor)[0] == (
        "content/ja/intake.yaml:38: questions[3].choices[1].minors_policy: no earlier question has a choice with "
        "'flag: minor', so the age is not known when this question is asked")
    idle = POLICY.replace(", minors_policy: exosome_for_under_18", "")
    assert check(tmp_path, ja=idle, en=idle)[0] == (
        "content/ja/intake.yaml:35: questions[3].minors_note: 'minors_note' is shown only when a choice has "
        "'minors_policy'; question 'interest' has none")


def test_may_count_words_neither_answer_nor_sit_on_a_text_question(tmp_path: Path) -> None:
    fine = QUESTIONS.replace("    health: true\n", "    health: true\n    may_count: [nearly fainted]\n")
    assert check(tmp_path, ja=fine, en=fine) == []
    broken = QUESTIONS.replace("    health: true\n", "    health: true\n    may_count: ['No', '!!']\n").replace(
        "    when: {applicant: guardian}\n", "    when: {applicant: guardian}\n    may_count: [x]\n")
    assert check(tmp_path, ja=broken, en=broken)[:3] == [
        "content/ja/intake.yaml:22: questions[1].may_count[0]: 'No' is also a word of choice 'no' of question "
        "'seizure': a thing that may or may not count cannot also answer yes or no, so keep it in one place "
        "(under the \"not sure\" choice it may stay)",
        "content/ja/intake.yaml:22: questions[1].may_count[1]: '!!' has no letters or digits to compare: remove it",
        "content/ja/intake.yaml:31: questions[2].may_count: only a choice or multi question can have 'may_count', "
        "found a text question",
    ]
