"""HTML fragments and wrapped text into the one-paragraph-a-line text drafts hold."""

from __future__ import annotations

from index.importers.htmltext import (
    any_text_to_paragraphs,
    html_to_paragraphs,
    is_hard_wrapped,
    title_from_text,
)


def test_blocks_become_paragraphs_and_scripts_vanish() -> None:
    fragment = (
        "<p>Bonjour <b>le</b> monde&nbsp;!</p><p>Deux<br>trois</p>"
        "<script>alert(1)</script><style>p{}</style><ul><li>a</li><li>b</li></ul>"
        "<table><tr><td>x</td><td>y</td></tr></table>"
    )
    assert html_to_paragraphs(fragment).split("\n") == [
        "Bonjour le monde !", "Deux", "trois", "a", "b", "x y",
    ]


def test_plain_text_with_an_ampersand_is_not_mangled() -> None:
    assert any_text_to_paragraphs("Marks & Spencer\n\n  ouvre  à Lille ") == (
        "Marks & Spencer\nouvre à Lille"
    )


def test_wrapped_and_paragraph_per_line_texts_are_told_apart() -> None:
    wrapped = (
        "The council said on Tuesday that the new\nferry route would open in June, with\n"
        "four crossings a day between the old pier\nand Gull Island, weather permitting.\n"
    )
    one_per_line = "\n".join(
        ["Le maire a inauguré le pont ce matin devant la foule."] * 4
        + ["Les travaux ont duré trois ans et coûté 12 millions."]
    )
    assert is_hard_wrapped(wrapped)
    assert not is_hard_wrapped(one_per_line)
    assert any_text_to_paragraphs(wrapped).count("\n") == 0


def test_title_from_text_takes_the_first_sentence_and_shortens() -> None:
    assert title_from_text("Le président a parlé hier. Puis il est parti.") == (
        "Le président a parlé hier."
    )
    long = title_from_text("mot " * 100)
    assert len(long) <= 121 and long.endswith("…")
