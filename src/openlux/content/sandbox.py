"""The Jinja2 sandbox the merge engine runs in: Jinja's immutable sandbox, made stricter.

Jinja's sandbox already refuses `_`-prefixed attributes, function internals and mutation of
lists/dicts. Template authors are users of the service, not the operator, so we also bound what
a template can make the process allocate: repetition (`*`), powers (`**`), `range()`, width
arguments (`center`, `ljust`, `%999999d`, `{:999999}`) and `replace` growth; and the work it
can do: every call, loop iteration and range() item is charged to a per-message Budget (steps
and wall-clock time), so nested loops or recursive macros without output cannot spin forever.
Every refusal is a SecurityError, which the engine reports as a 400 naming the template and line.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import update_wrapper
from typing import Any

from jinja2 import ChainableUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_RANGE = 1000  # range() in templates; Jinja's own sandbox allows 100,000
MAX_REPEAT = 100_000  # longest string/list a template may build in one operation
MAX_EXPONENT = 100
MAX_STEPS = 500_000  # calls, loop iterations and range() items per rendered message (~0.5 s of work)
RENDER_SECONDS = 2.0  # wall-clock budget per rendered message
LOOP_GUARD = "_openlux_loop_guard"  # wrapped around every `for` iterable at compile time
# printf-style specs with a `*` or a 4+ digit width/precision (`%9999d`, `%.*f`).
_WIDE_PRINTF = re.compile(r"%[-+ #0]*(\*|\d{4,}|\d*\.(\*|\d{4,}))")
# str.format specs with a nested field or a 4+ digit width (`{:99999}`, `{0:{1}}`).
_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*(\d{4,}|\{)")


class Budget:
    """The work one message may still do; charged by calls, loop iterations and range()."""

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.deadline = time.monotonic() + RENDER_SECONDS

    def charge(self, steps: int = 1) -> None:
        """Count work; SecurityError once the step or time budget is spent."""
        self.steps -= steps
        if self.steps < 0:
            raise SecurityError(f"the template does too much work (more than {MAX_STEPS} steps)")
        if not self.steps & 1023 and time.monotonic() > self.deadline:
            raise SecurityError(f"rendering took longer than {RENDER_SECONDS} seconds")

    def check_time(self) -> None:
        """SecurityError once the time budget is spent."""
        if time.monotonic() > self.deadline:
            raise SecurityError(f"rendering took longer than {RENDER_SECONDS} seconds")


# Set by CompiledMessage.render for the message being rendered (a thread or task has its own).
BUDGET: ContextVar[Budget | None] = ContextVar("openlux_merge_budget", default=None)


def _charge(steps: int = 1) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.charge(steps)


def _loop_guard(iterable: Iterable[Any]) -> Iterator[Any]:
    """Charge one step per loop iteration (loops with no output are still bounded)."""
    for item in iterable:
        _charge()
        yield item


def guard_loops(tree: nodes.Template, env: Sandbox) -> None:
    """Route every `for` iterable through the loop guard (the tree was checked not to name it)."""
    for loop in tree.find_all(nodes.For):
        call = nodes.Call(nodes.Name(LOOP_GUARD, "load"), [loop.iter], [], None, None)
        loop.iter = call.set_lineno(loop.lineno).set_environment(env)


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

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # `__self`: Jinja's own signature
        """Calls from templates: each one is charged; str methods get bounded size arguments."""
        _charge()
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
    _charge(len(result))
    return result


def environment(*, autoescape: bool) -> Sandbox:
    """A sandbox for HTML (autoescaping) or text parts; missing fields render empty."""
    env = Sandbox(autoescape=autoescape, undefined=ChainableUndefined, keep_trailing_newline=True)
    env.globals.pop("lipsum", None)  # CPU-heavy and useless in mail
    env.globals["range"] = _limited_range
    env.globals[LOOP_GUARD] = _loop_guard
    env.filters.update({name: _bounded_filter(name, env.filters[name]) for name in _SIZED_FILTERS})
    return env
