"""Force figures grouped by what is counted, in the order a chart shows them, and their scale."""

from __future__ import annotations

import math
from collections.abc import Iterable

from briefing.model import Briefing, ForceFigure, Qualifier


def is_unknown(figure: ForceFigure) -> bool:
    """No number given: drawn as a "?" at zero, never as a bar."""
    return figure.qualifier is Qualifier.UNKNOWN or figure.value is None


def by_category(briefing: Briefing, figures: Iterable[ForceFigure]) -> dict[str, list[ForceFigure]]:
    """Figures per category, categories in the order the briefing first names them; within
    one, sides in briefing order, then known figures largest first, then unknown ones."""
    order = {side.id: i for i, side in enumerate(briefing.sides)}
    groups: dict[str, list[ForceFigure]] = {}
    for figure in figures:
        groups.setdefault(figure.category, []).append(figure)
    for category, members in groups.items():
        groups[category] = sorted(
            members,
            key=lambda f: (order.get(f.side, len(order)), is_unknown(f), -(f.value or 0)),
        )
    return groups


def nice_ticks(maximum: float, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least `maximum`, about five of them; whole numbers only
    when `whole` (a count of units has no half ticks)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(math.ceil(step), 1)
    count = math.ceil(maximum / step - 1e-9)
    return [step * i for i in range(count + 1)]


def scale_ticks(figures: Iterable[ForceFigure]) -> list[float]:
    """Ticks of a group's scale from its known figures; none when no figure is known."""
    known = [f.value for f in figures if not is_unknown(f) and f.value is not None]
    if not known:
        return []
    return nice_ticks(max(known), all(float(v).is_integer() for v in known))


def scale_label(value: float) -> str:
    """A tick of a figure scale: "1,500", "0.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2g}"
