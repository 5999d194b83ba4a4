"""The shape rule of the golden contract files (tests/contract/README.md), written once.

Two JSON values have the same shape when they have the same JSON type (null, boolean, integer,
non-integer number, string, array, object); objects have exactly the same keys, each with the same
shape; every element of an array has the shape of one of the golden array's elements (a golden
array lists one element of each shape the array holds: most hold one; an empty golden array
matches only an empty one).
"""


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: JSON true is not a number
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "non-integer number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not a JSON value: {value!r}")


def shape_mismatch(golden, actual, where="$"):
    """None when `actual` has the shape of `golden`; else where and how they first differ."""
    kind, got = json_type(golden), json_type(actual)
    if kind != got:
        return f"{where}: the golden file has {kind}, the answer {got}"
    if kind == "object":
        missing, extra = sorted(golden.keys() - actual.keys()), sorted(actual.keys() - golden.keys())
        if missing or extra:
            return f"{where}: keys missing {missing}, keys not in the golden file {extra}"
        for key in golden:
            problem = shape_mismatch(golden[key], actual[key], f"{where}.{key}")
            if problem:
                return problem
    elif kind == "array":
        if not golden:
            return None if not actual else f"{where}: the golden array is empty, the answer has {len(actual)} elements"
        for index, element in enumerate(actual):
            problems = [shape_mismatch(g, element, f"{where}[{index}]") for g in golden]
            if all(problems):
                return problems[0] if len(golden) == 1 else \
                    f"{where}[{index}] matches none of the golden array's {len(golden)} shapes: " + "; ".join(problems)
    return None
