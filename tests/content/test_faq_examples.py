"""One-tap "add as an example": faq.yaml edited as text, comments kept, refused with a located message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.faq_examples import ExampleNotAdded, add_example

FAQ = """# staff comment that must stay
synonyms:
  - [保険, insurance]
entries:
  - id: insurance
    questions:
      - 保険は使えますか
      # a comment between examples
      - 保険適用？
    answer: |-
      自由診療です。
  - id: compact
    questions: [one, two]
    answer: x
"""


def test_the_question_is_added_after_the_last_example(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text(FAQ, encoding="utf-8")
    add_example(path, "insurance", '保険"きく"？')
    text = path.read_text(encoding="utf-8")
    assert "# staff comment that must stay" in text and "# a comment between examples" in text
    assert '      - 保険適用？\n      - "保険\\"きく\\"？"\n    answer:' in text
    entry = yaml.safe_load(text)["entries"][0]
    assert entry["questions"] == ["保険は使えますか", "保険適用？", '保険"きく"？']


def test_an_entry_that_cannot_be_edited_safely_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text(FAQ, encoding="utf-8")
    with pytest.raises(ExampleNotAdded) as error:
        add_example(path, "compact", "three", "content/ja/faq.yaml")
    assert str(error.value) == ("content/ja/faq.yaml:12: entry 'compact' has no 'questions:' list written one per "
                                "line ('questions: [..]' on one line is not edited automatically); add the example "
                                "by hand.")
    with pytest.raises(ExampleNotAdded) as error:
        add_example(path, "costs", "x", "content/ja/faq.yaml")
    assert str(error.value) == ("content/ja/faq.yaml: no entry with 'id: costs' found; was it renamed? Add the "
                                "example by hand.")
    assert path.read_text(encoding="utf-8") == FAQ
