"""Two names joined by 'and Mr' or a pronoun are never one entity."""

from __future__ import annotations

from index.entities import EntityExtractor


def test_and_mr_and_i_split(extractor: EntityExtractor) -> None:
    text = (
        "Jonathan Baume spoke of agendas between Mr Brown and Mr Blair. "
        '"Mr Blair and I are making the same decisions," Mr Brown said.'
    )
    names = {m.text for m in extractor.extract(text, "en")}
    assert not any(" and " in n for n in names), names
    assert {"Brown", "Blair"} <= names
