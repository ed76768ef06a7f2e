"""Writing without HTML: the editor's input is sanitised; plain text keeps its line breaks; the
public change note is separate from the internal note."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalog import actions
from gongkai.catalog.richtext import for_textarea, from_input, text_to_html
from gongkai.catalog.widgets import RichTextarea
from gongkai.core.refusal import Refused


def test_plain_text_keeps_paragraphs_and_line_breaks():
    text = "各村：\n现将有关事项通知如下。\n\n一、时间安排\n二、工作要求 <注意>"
    assert text_to_html(text) == (
        "<p>各村：<br>现将有关事项通知如下。</p><p>一、时间安排<br>二、工作要求 &lt;注意&gt;</p>"
    )
    assert from_input(text) == text_to_html(text)
    assert for_textarea(text_to_html(text)) == text.replace(" <注意>", " <注意>")


def test_pasted_word_html_is_kept_structured_and_sanitised():
    pasted = (
        '<h2 style="mso-x:1">一、总体要求</h2><p class="MsoNormal"><b>重点</b>任务</p>'
        '<ul><li>甲</li></ul><table><tr><td colspan="2" onclick="x()">数据</td></tr></table>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    html = from_input(pasted, "html")
    assert "<h2>一、总体要求</h2>" in html and "<b>重点</b>" in html and "<li>甲</li>" in html
    assert '<td colspan="2">数据</td>' in html
    for bad in ("script", "onerror", "onclick", "style=", "class=", "<img"):
        assert bad not in html
    assert for_textarea(html) == html  # rich content stays HTML in the plain textarea: nothing lost


def test_widget_degrades_to_a_labelled_textarea_with_the_editor_assets():
    widget = RichTextarea()
    html = widget.render("body_html", "<p>一</p><p>二</p>", attrs={"id": "id_body_html"})
    assert html.startswith("<textarea") and 'data-richtext="1"' in html and ">\n一\n\n二</textarea>" in html
    assert 'data-html="&lt;p&gt;一&lt;/p&gt;&lt;p&gt;二&lt;/p&gt;"' in html
    assert "vendor/jodit/jodit.min.js" in str(widget.media) and "gongkai/editor.js" in str(widget.media)
    assert widget.value_from_datadict({"body_html": "甲\n乙"}, {}, "body_html") == "<p>甲<br>乙</p>"
    assert (
        widget.value_from_datadict({"body_html": "<p>甲</p>", "body_html__format": "html"}, {}, "body_html")
        == "<p>甲</p>"
    )


def test_item_form_saves_plain_text_as_paragraphs(client_of, handler, township, news):
    response = client_of(handler).post(
        reverse("catalog:staff_item_create", args=[township.pk]),
        {
            "column": news.pk,
            "doc_kind": "other",
            "title": "通知",
            "summary": "概述",
            "publisher": township.name,
            "written_on": "2024-05-28",
            "body_html": "第一段第一行\n第一段第二行\n\n第二段",
        },
    )
    assert response.status_code == 302
    from gongkai.catalog.models import ItemVersion

    assert ItemVersion.objects.get().body_html == "<p>第一段第一行<br>第一段第二行</p><p>第二段</p>"


def test_amendment_needs_a_public_note_and_keeps_the_internal_note_apart(make_item, publish, handler):
    item = publish(make_item())
    draft = actions.start_amendment(item=item, actor=handler)
    base = {
        "title": "更正后的通知",
        "summary": "s",
        "publisher": "p",
        "written_on": date(2024, 5, 28),
        "changed_on": date(2024, 6, 5),
        "change_note": "按审核意见删除身份证号码和手机号码",
    }
    with pytest.raises(Refused, match="公开更正说明"):
        actions.update_draft(version=draft, actor=handler, fields={**base, "public_note": ""})
    actions.update_draft(version=draft, actor=handler, fields={**base, "public_note": "更正了发放时间"})
    draft.refresh_from_db()
    assert draft.public_note == "更正了发放时间"
    assert draft.change_note == "按审核意见删除身份证号码和手机号码"  # internal, never the public note


def test_editor_page_loads_the_editor_and_labels_both_notes(client_of, make_item, publish, handler):
    item = publish(make_item())
    actions.start_amendment(item=item, actor=handler)
    html = client_of(handler).get(reverse("catalog:staff_item_edit", args=[item.pk])).content.decode()
    assert "vendor/jodit/jodit.min.js" in html and "vendor/jodit/jodit.min.css" in html
    assert "公开更正说明" in html and "内部修改说明（不公开）" in html


def test_the_public_page_never_shows_the_internal_note(client, make_item, publish, handler, township):
    item = publish(make_item())
    draft = actions.start_amendment(item=item, actor=handler)
    actions.update_draft(
        version=draft,
        actor=handler,
        fields={
            "title": "更正后的通知",
            "summary": "s",
            "publisher": "p",
            "written_on": date(2024, 5, 28),
            "changed_on": date(2024, 6, 5),
            "change_note": "按审核意见删除身份证号码和手机号码",
            "public_note": "更正了发放时间",
        },
    )
    publish(item)
    html = client.get(reverse("catalog:item", args=[township.slug, item.pk])).content.decode()
    assert "更正了发放时间" in html and "按审核意见" not in html
