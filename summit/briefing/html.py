"""The words of a slide as HTML on the 1920×1080 canvas, every data string escaped (the page adds style and chart)."""

from __future__ import annotations

import html

from summit.briefing.layout import Box, Slide, slide_layout, subtitle_px, title_px
from summit.briefing.text import number_px


def _text(value: object) -> str:
    """Data text for HTML: escaped, so it is shown as typed and never read as markup."""
    return html.escape(str(value), quote=True)


def _place(box: Box) -> str:
    return f"left:{box.x}px;top:{box.y}px;width:{box.w}px;height:{box.h}px;"


def slide_html(slide: Slide) -> str:
    """The words of a slide (title, subtitle, bullets, table or tiles, footer) on the canvas."""
    layout = slide_layout(slide)
    parts = [
        f'<h1 class="box title" style="{_place(layout.title)}font-size:{title_px(slide)}px">{_text(slide.title)}</h1>'
    ]
    if layout.subtitle and slide.subtitle:
        parts.append(
            f'<p class="box subtitle" style="{_place(layout.subtitle)}font-size:{subtitle_px(slide)}px">'
            f"{_text(slide.subtitle)}</p>"
        )
    if layout.numbers and slide.table is not None:
        for box, (label, value) in zip(layout.numbers, slide.table.itertuples(index=False), strict=True):
            parts.append(
                f'<div class="box tile" style="{_place(box)}">'
                f'<span class="value" style="font-size:{number_px(str(value), box.w)}px">{_text(value)}</span>'
                f'<span class="label">{_text(label)}</span></div>'
            )
    if layout.bullets and slide.bullets:
        items = "".join(f"<li>{_text(b)}</li>" for b in slide.bullets)
        parts.append(f'<ul class="box bullets" style="{_place(layout.bullets)}">{items}</ul>')
    if layout.table and slide.table is not None and slide.kind != "numbers":
        columns = "".join(f'<col style="width:{share * 100:.2f}%">' for share in slide.table_widths)
        head = "".join(f"<th>{_text(c)}</th>" for c in slide.table.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_text(v)}</td>" for v in row) + "</tr>"
            for row in slide.table.itertuples(index=False)
        )
        parts.append(
            f'<div class="box table" style="{_place(layout.table)}"><table><colgroup>{columns}</colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    parts.append(f'<p class="box footer" style="{_place(layout.footer)}">{_text(slide.footer)}</p>')
    return f'<div class="briefing-slide" data-slide="{_text(slide.key)}">{"".join(parts)}</div>'
