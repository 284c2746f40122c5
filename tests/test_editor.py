"""The editor command: argv items built from a template or $VISUAL/$EDITOR, never a shell line."""

from __future__ import annotations

import pytest

from briefing.editor import EditorError, editor_argv

NASTY = "/tmp/my briefs/a;rm -rf ~ $(x) {line}.yaml"


def test_template_placeholders_are_substituted_inside_words():
    argv = editor_argv("/b/k.yaml", 12, 5, "code -g {file}:{line}:{col}", environ={})
    assert argv == ["code", "-g", "/b/k.yaml:12:5"]


def test_a_file_name_with_spaces_and_shell_characters_stays_one_item():
    argv = editor_argv(NASTY, 3, 7, "subl {file}:{line}:{col}", environ={})
    assert argv == ["subl", f"{NASTY}:3:7"]  # "{line}" in the name is not substituted again


def test_template_without_file_gets_the_file_last():
    assert editor_argv("/b/k.yaml", 2, 1, "'my editor' --wait", environ={}) == [
        "my editor",
        "--wait",
        "/b/k.yaml",
    ]


def test_visual_wins_over_editor_and_keeps_its_options():
    env = {"VISUAL": "emacs -nw", "EDITOR": "nano"}
    assert editor_argv(NASTY, 40, 2, environ=env) == ["emacs", "-nw", "+40", NASTY]
    assert editor_argv("/b/k.yaml", 9, 1, environ={"EDITOR": "vim"}) == ["vim", "+9", "/b/k.yaml"]


def test_the_template_wins_over_the_environment():
    argv = editor_argv("/b/k.yaml", 1, 1, "kate -l {line} -c {col} {file}", {"EDITOR": "vi"})
    assert argv == ["kate", "-l", "1", "-c", "1", "/b/k.yaml"]


def test_a_file_name_starting_with_a_dash_is_not_an_option():
    assert editor_argv("-x.yaml", 1, 1, environ={"EDITOR": "vi"}) == ["vi", "+1", "./-x.yaml"]


@pytest.mark.parametrize(
    ("template", "env", "words"),
    [
        ("", {}, "no editor is set"),
        ("", {"EDITOR": "   "}, "no editor is set"),
        ("code '{file}", {}, "cannot read the editor command"),
        ("", {"EDITOR": 'vi "'}, "$EDITOR"),
    ],
)
def test_no_usable_editor_is_one_line(template, env, words):
    with pytest.raises(EditorError, match=words.replace("$", r"\$")) as caught:
        editor_argv("/b/k.yaml", 1, 1, template, environ=env)
    assert "\n" not in str(caught.value)
