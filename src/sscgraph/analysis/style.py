"""How node types look in every drawing of the network (Gephi files and HTML pages alike)."""

from __future__ import annotations

#: Colour of each entity class (colour-blind-safe Okabe–Ito palette), hex RGB.
TYPE_COLOURS: dict[str, str] = {
    "Organisation": "#0072B2",
    "Country": "#D55E00",
    "Project": "#009E73",
    "Place": "#E69F00",
    "Person": "#CC79A7",
    "Event": "#56B4E9",
}
OTHER_COLOUR = "#999999"
MIN_SIZE = 5.0
MAX_SIZE = 40.0


def colour(node_type: str) -> str:
    return TYPE_COLOURS.get(node_type, OTHER_COLOUR)


def rgb(node_type: str) -> tuple[int, int, int]:
    h = colour(node_type).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def size(value: float, largest: float) -> float:
    """A node size between MIN_SIZE and MAX_SIZE, growing with the square root of its share of the largest value."""
    if largest <= 0 or value <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (value / largest) ** 0.5, 3)
