"""What every inline-SVG chart needs (pure; no Django): coordinates written without locale and labels
shortened to the room they have."""


def coordinate(value: float) -> str:
    """A coordinate without locale ("123.4", never "123,4" — a localised template would garble it): at
    most one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis; the page keeps the whole in a title."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
