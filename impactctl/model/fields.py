"""Which keys a model accepts at a point in a document, for did-you-mean hints."""

from __future__ import annotations

import typing
from typing import Any, Sequence

from pydantic import BaseModel


def keys_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names of the model reached by following `loc` from `model`."""
    current: Any = model
    for segment in loc:
        current = _step(current, segment)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _step(annotation: Any, segment: str | int) -> Any:
    if _is_model(annotation):
        if not isinstance(segment, str) or segment not in annotation.model_fields:
            return None
        return _unwrap(annotation.model_fields[segment].annotation)
    if isinstance(segment, int):
        origin = typing.get_origin(annotation)
        if origin in (list, tuple):
            return _unwrap(typing.get_args(annotation)[0])
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the model or list inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
