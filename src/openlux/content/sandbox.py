"""The Jinja2 sandbox the merge engine runs in: Jinja's immutable sandbox, made stricter.

Jinja's sandbox already refuses `_`-prefixed attributes, function internals and mutation of
lists/dicts. Template authors are users of the service, not the operator, so we also bound what
a template can make the process allocate: repetition (`*`), powers (`**`), `range()`, width
arguments (`center`, `ljust`, `%999999d`, `{:999999}`) and `replace` growth. Every refusal is a
SecurityError, which the engine reports as a 400 naming the template and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from jinja2 import ChainableUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_RANGE = 1000  # range() in templates; Jinja's own sandbox allows 100,000
MAX_REPEAT = 100_000  # longest string/list a template may build in one operation
MAX_EXPONENT = 100
# printf-style specs with a `*` or a 4+ digit width/precision (`%9999d`, `%.*f`).
_WIDE_PRINTF = re.compile(r"%[-+ #0]*(\*|\d{4,}|\d*\.(\*|\d{4,}))")
# str.format specs with a nested field or a 4+ digit width (`{:99999}`, `{0:{1}}`).
_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*(\d{4,}|\{)")


def _check_int(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
        raise SecurityError(f"{what}: numbers above {MAX_REPEAT} are not allowed here")


def check_printf(fmt: Any) -> None:
    """Refuse printf formats whose widths could allocate without bound."""
    if isinstance(fmt, str) and _WIDE_PRINTF.search(fmt):
        raise SecurityError("format widths above 999 are not allowed")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox; unsafe attributes fail at once and allocations are bounded."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Raise at once for an unsafe attribute."""
        # The stock sandbox returns an Undefined that only fails when used; refuse outright instead.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} value is not allowed")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**` and `%` with their results bounded."""
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponents above {MAX_EXPONENT} are not allowed")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"repetition longer than {MAX_REPEAT} is not allowed")
        if operator == "%":
            check_printf(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        """Calls from templates; str methods get bounded size arguments."""
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            for value in (*args, *kwargs.values()):
                _check_int(value, f"str.{getattr(__obj, '__name__', 'method')}()")
            if getattr(__obj, "__name__", "") == "replace" and len(args) >= 2:
                growth = len(str(args[1])) - len(str(args[0]))
                if growth > 0 and len(owner) * (growth + 1) > MAX_REPEAT:
                    raise SecurityError(f"replace() could build a string longer than {MAX_REPEAT}")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed str.format, refusing unbounded widths."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            if _WIDE_FORMAT.search(template):
                raise SecurityError("format widths above 999 are not allowed")
            return wrapped(*args, **kwargs)

        return update_wrapper(checked, wrapped)


# Filters whose numeric parameters are sizes or widths (`{{ x | center(10**9) }}` would allocate).
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format"})


def _bounded_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric parameters (not its value) are bounded; printf formats are checked."""
    skip = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1  # context/eval_ctx comes first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[skip:], *kwargs.values()):
            _check_int(value, f"filter {name!r}")
        if name == "format" and len(args) >= skip:
            check_printf(args[skip - 1])
        return fn(*args, **kwargs)

    return update_wrapper(bounded, fn)


def _limited_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise SecurityError(f"range() longer than {MAX_RANGE} is not allowed")
    return result


def environment(*, autoescape: bool) -> Sandbox:
    """A sandbox for HTML (autoescaping) or text parts; missing fields render empty."""
    env = Sandbox(autoescape=autoescape, undefined=ChainableUndefined, keep_trailing_newline=True)
    env.globals.pop("lipsum", None)  # CPU-heavy and useless in mail
    env.globals["range"] = _limited_range
    env.filters.update({name: _bounded_filter(name, env.filters[name]) for name in _SIZED_FILTERS})
    return env
