"""The Jinja2 sandbox the merge engine runs in: Jinja's immutable sandbox, made stricter.

Jinja's sandbox already refuses `_`-prefixed attributes, function internals and mutation of
lists/dicts. Template authors are users of the service, not the operator, so we also bound what
a template can make the process allocate: repetition (`*`), powers (`**`), `range()`, width
arguments (`center`, `ljust`, `%999999d`, `{:999999}`); and the work it can do: every call, loop
iteration and range() item is charged to a per-message Budget (steps and wall-clock time), so
nested loops or recursive macros without output cannot spin forever.

One output budget (Budget.chars, MAX_BUILT_CHARS per message) is charged by every operation that
builds text or a container: `*`, `+`, `~`, `%`, str methods (`replace`, `join`, `format`,
`center` …), filters (`replace`, `join`, `format`, `center`, `indent`, `wordwrap`, `string`,
`list` …), block captures and macro output (Jinja's `concat`), `dict()` and list growth, and
non-text values printed with `{{ }}`. Growth operations are charged *before* they run, with an
upper bound of their result computed from their inputs, so a chain such as
`('a'*20000)|replace('a', 'b'*25000)` is refused without allocating anything.

The output of the part being rendered is counted the same way, where it is produced: each printed
value in `finalize`, the literal text of a loop body once per iteration in the loop guard. So the
generated chunks are joined in C, and a part longer than its limit stops before it is built.
The guards are filters that take the context (called directly by generated code, never folded at
compile time); the engine's own `tag()` and Jinja's `loop` attributes skip the sandbox's slow
checks, which are for values from outside.
Every refusal is a SecurityError, which the engine reports as a 400 naming the template and line.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from functools import update_wrapper
from typing import Any

from jinja2 import ChainableUndefined, nodes, pass_context
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace
from markupsafe import Markup

MAX_RANGE = 1000  # range() in templates; Jinja's own sandbox allows 100,000
MAX_REPEAT = 100_000  # longest string/list a template may build in one operation
MAX_EXPONENT = 100
MAX_STEPS = 500_000  # calls, loop iterations and range() items per rendered message (~0.5 s of work)
RENDER_SECONDS = 2.0  # wall-clock budget per rendered message
# Characters (or container items) all operations of one message may build, intermediate results
# included: twice the largest part the engine accepts (merge.MAX_OUTPUT_CHARS), ~40 MB worst case.
MAX_BUILT_CHARS = 10_000_000
LOOP_GUARD = "_openlux_loop_guard"  # wrapped around every `for` iterable at compile time
CONCAT_GUARD = "_openlux_concat"  # replaces every `~` at compile time
# repr()/JSON of a string inside a container: quotes plus escapes (`\u003c` is 6 characters for 1).
_REPR_FACTOR = 6
# printf-style specs with a `*` or a 4+ digit width/precision (`%9999d`, `%.*f`).
_WIDE_PRINTF = re.compile(r"%[-+ #0]*(\*|\d{4,}|\d*\.(\*|\d{4,}))")
# str.format specs with a nested field or a 4+ digit width (`{:99999}`, `{0:{1}}`).
_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*(\d{4,}|\{)")


class Budget:
    """The work one message may still do; charged by calls, loop iterations and range().

    Besides the steps, the time and the characters built (one budget per message), it counts the
    output of the part being rendered, at the operations that produce it: every printed value
    (`finalize`) and, per loop iteration, the literal text of the loop body (an upper bound). So the
    generated chunks are joined in C with no per-chunk check, and a loop that would print more than
    the part may hold stops before it has allocated it.
    """

    __slots__ = ("chars", "deadline", "output", "output_limit", "steps")

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.chars = MAX_BUILT_CHARS
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.output = self.output_limit = 0

    def reserve(self, chars: int) -> None:
        """Count text about to be built; SecurityError (before building it) once the budget is spent."""
        if chars > self.chars:
            self.chars = -1
            raise SecurityError(f"the template builds more than {MAX_BUILT_CHARS} characters of text")
        self.chars -= chars

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

    def start_output(self, limit: int) -> int:
        """Begin counting the output of one part (at most `limit` characters); returns the count it replaces."""
        previous, self.output, self.output_limit = self.output, limit, limit
        return previous

    def emit(self, chars: int) -> None:
        """Count output about to be produced; SecurityError once the part would exceed its limit."""
        self.output -= chars
        if self.output < 0:
            raise SecurityError(f"the output is longer than {self.output_limit} characters")


# Set by CompiledMessage.render for the message being rendered (a thread or task has its own).
BUDGET: ContextVar[Budget | None] = ContextVar("openlux_merge_budget", default=None)


def _charge(steps: int = 1) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.charge(steps)


def reserve(chars: int) -> None:
    """Charge text about to be built to the current message's output budget (no-op outside rendering)."""
    budget = BUDGET.get()
    if budget is not None:
        budget.reserve(chars)


def remaining_chars() -> int:
    """What the current message may still build."""
    budget = BUDGET.get()
    return budget.chars if budget is not None else MAX_BUILT_CHARS


def text_size(value: Any) -> int:
    """Upper bound of len(str(value)); walks containers and stops counting above the remaining budget."""
    if value.__class__ is str:  # the common case (filters on a field), without the walk
        return len(value) + 2
    limit, total, stack = remaining_chars(), 0, [(value, 1)]
    while stack and total <= limit:
        item, factor = stack.pop()
        if isinstance(item, str):
            total += len(item) * factor + 2
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            stack.extend((part, _REPR_FACTOR) for pair in item.items() for part in pair)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend((part, _REPR_FACTOR) for part in item)
        elif isinstance(item, Namespace):
            stack.append((dict(object.__getattribute__(item, "_Namespace__attrs")), 1))
        else:
            total += 64  # numbers (at most 4300 digits, Python's own limit), None, Undefined, small objects
    return total


def _item_count(value: Any) -> int:
    """Length of a sized value (0 for anything else)."""
    return len(value) if isinstance(value, (str, list, tuple, dict, set, frozenset)) else 0


def budgeted_concat(chunks: Iterable[str]) -> str:
    """Jinja's `concat` (block captures, macro and caller output), charged before joining."""
    parts = list(chunks)
    reserve(sum(map(len, parts)))
    return "".join(parts)


def concat_guard(join: Callable[[Iterable[Any]], str]) -> Callable[..., str]:
    """The `~` operator (Jinja's markup_join or str_join), charged before joining; a filter on the
    list of operands that takes the context, so Jinja never folds it at compile time."""

    @pass_context
    def concat(context: Any, values: list[Any]) -> str:
        reserve(sum(map(text_size, values)))
        return join(values)

    return concat


def guard_concats(tree: nodes.Template, env: Sandbox) -> None:
    """Route every `~` through the concat guard (the tree was checked not to name it)."""
    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field_name, value in parent.iter_fields():
            if isinstance(value, nodes.Concat):
                setattr(parent, field_name, _concat_filter(value, env))
            elif isinstance(value, list):
                value[:] = [_concat_filter(v, env) if isinstance(v, nodes.Concat) else v for v in value]


def _concat_filter(node: nodes.Concat, env: Sandbox) -> nodes.Filter:
    # A filter, not a call: generated code calls it directly, without the sandbox's call checks.
    operands = nodes.List(node.nodes)  # same list: nested `~` are rewritten in place
    operands.set_lineno(node.lineno).set_environment(env)
    guard = nodes.Filter(operands, CONCAT_GUARD, [], [], None, None)
    guard.set_lineno(node.lineno).set_environment(env)
    return guard


@pass_context
def _loop_guard(context: Any, iterable: Iterable[Any], literal_chars: int = 0) -> Iterator[Any]:
    """Charge one step per loop iteration (loops with no output are still bounded), and the literal
    text of the loop body as output (every other output is counted where it is printed)."""
    budget = BUDGET.get()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.steps -= 1
        budget.output -= literal_chars
        if budget.steps < 0 or not budget.steps & 1023 or budget.output < 0:  # charge() and emit() inlined
            budget.charge(0)
            budget.emit(0)
        yield item


def guard_loops(tree: nodes.Template, env: Sandbox) -> None:
    """Route every `for` iterable through the loop guard (the tree was checked not to name it)."""
    for loop in tree.find_all(nodes.For):
        # Literal text anywhere in the body, nested loops included: an over-count by at most the
        # body's size per iteration, never a miss.
        literal_chars = sum(
            len(data.data) for statement in loop.body for data in statement.find_all(nodes.TemplateData)
        )
        size = nodes.Const(literal_chars).set_lineno(loop.lineno).set_environment(env)
        guard = nodes.Filter(loop.iter, LOOP_GUARD, [size], [], None, None)
        loop.iter = guard.set_lineno(loop.lineno).set_environment(env)


def _check_int(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
        raise SecurityError(f"{what}: numbers above {MAX_REPEAT} are not allowed here")


def check_printf(fmt: Any) -> None:
    """Refuse printf formats whose widths could allocate without bound."""
    if isinstance(fmt, str) and _WIDE_PRINTF.search(fmt):
        raise SecurityError("format widths above 999 are not allowed")


# The public attributes of Jinja's `loop` variable (the stock sandbox allows them all).
_LOOP_ATTRIBUTES = frozenset(
    {
        "changed",
        "cycle",
        "depth",
        "depth0",
        "first",
        "index",
        "index0",
        "last",
        "length",
        "nextitem",
        "previtem",
        "revindex",
        "revindex0",
    }
)


class EngineFunction:
    """Base of the callables the merge engine itself puts into a template's context (`tag`).

    Sandbox.call runs them directly, one step charged: the checks it makes on other callables
    (format strings, unsafe callables, context passing) are for values that come from outside.
    """

    __slots__ = ()

    def __call__(self, *args: Any) -> Any:
        raise NotImplementedError


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox; unsafe attributes fail at once and allocations are bounded."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Raise at once for an unsafe attribute."""
        # The stock sandbox returns an Undefined that only fails when used; refuse outright instead.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} value is not allowed")

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed attribute access, with a direct path for `loop.index` and friends."""
        if obj.__class__ is LoopContext and attribute in _LOOP_ATTRIBUTES:
            return getattr(obj, attribute)  # Jinja's own loop object: its public attributes are safe
        return super().getattr(obj, attribute)

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
        reserve(_binop_size(operator, left, right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # `__self`: Jinja's own signature
        """Calls from templates: each one is charged; str methods get bounded size arguments."""
        _charge()
        if isinstance(__obj, EngineFunction):
            return __obj(*args, **kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            for value in (*args, *kwargs.values()):
                _check_int(value, f"str.{getattr(__obj, '__name__', 'method')}()")
            if getattr(__obj, "__name__", "") == "join" and args:
                args = (list(args[0]), *args[1:])  # counted below, then joined from the same list
            reserve(_str_method_size(owner, getattr(__obj, "__name__", ""), args, kwargs))
        result = super().call(__context, __obj, *args, **kwargs)
        if not isinstance(owner, str) and isinstance(result, (list, tuple, dict)):
            reserve(len(result))  # dict(), list growth through calls
        return result

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


def _binop_size(operator: str, left: Any, right: Any) -> int:
    """Upper bound of the size of `left <operator> right` (0 for arithmetic)."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                return len(seq) * max(count, 0)
    if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        return len(left) + len(right)
    if operator == "%" and isinstance(left, str):
        fields = left.count("%")
        return len(left) + text_size(right) + 999 * fields
    return 0


def _str_method_size(owner: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Upper bound of the result of `owner.<name>(*args)` for methods that can grow a string."""
    if name == "replace" and len(args) >= 2:
        return replaced_size(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))
    if name == "join" and args:
        return joined_size(owner, args[0])
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        return max(len(owner), args[0]) * (len(str(args[1])) if len(args) > 1 else 1)
    if name in ("format", "format_map"):
        return len(owner) + sum(map(text_size, (*args, *kwargs.values()))) + 999 * owner.count("{")
    if name == "expandtabs":
        width = args[0] if args and isinstance(args[0], int) else 8
        return len(owner) + owner.count("\t") * max(width, 0)
    return 0  # other methods return at most a few times their input, which was already counted


def replaced_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    """Exact upper bound of len(text.replace(old, new, count))."""
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def joined_size(separator: Any, items: list[Any]) -> int:
    """Upper bound of len(separator.join(map(str, items)))."""
    return sum(map(text_size, items)) + len(str(separator)) * max(len(items) - 1, 0)


def _filter_size(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Upper bound of a growing filter's result; args start with the filtered value."""
    value, rest = args[0], args[1:]

    def arg(index: int, key: str, default: Any) -> Any:
        return rest[index] if len(rest) > index else kwargs.get(key, default)

    if name == "replace":
        return replaced_size(value, arg(0, "old", ""), arg(1, "new", ""), arg(2, "count", -1) or -1)
    if name == "join" and isinstance(value, list):
        return joined_size(arg(0, "d", ""), value)
    if name == "center":
        width = arg(0, "width", 80)
        return max(text_size(value), width if isinstance(width, int) else 0)
    if name == "indent":
        width, text = arg(0, "width", 4), str(value)
        per_line = width if isinstance(width, int) else len(str(width))
        return len(text) + (text.count("\n") + 1) * max(per_line, 0)
    if name == "wordwrap":
        width, text = arg(0, "width", 79), str(value)
        wrap = arg(2, "wrapstring", None) or "\n"
        lines = 2 * len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 2
        return len(text) + lines * len(str(wrap))
    if name == "format":
        text = str(value)
        return len(text) + sum(map(text_size, (*rest, *kwargs.values()))) + 999 * text.count("%")
    if name in _SERIALISING_FILTERS:
        return text_size(value)
    if name == "sum" and isinstance(arg(1, "start", 0), (list, tuple, str)):
        return sum(map(_item_count, value)) if isinstance(value, (list, tuple)) else 0
    return 0


# Filters that turn a value (maybe a large container) into text.
_SERIALISING_FILTERS = frozenset(
    {
        "string",
        "pprint",
        "tojson",
        "urlencode",
        "xmlattr",
        "escape",
        "e",
        "forceescape",
        "urlize",
        "trim",
        "title",
        "upper",
        "lower",
        "capitalize",
        "striptags",
        "truncate",
    }
)


# Filters whose numeric parameters are sizes or widths (`{{ x | center(10**9) }}` would allocate).
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format"})


# Filters that return one of their arguments, a part of it or a number: nothing to count.
_PASS_THROUGH_FILTERS = frozenset({"default", "d", "length", "count", "first", "last", "int", "float", "abs", "round"})


def _bounded_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter charged to the output budget; numeric size parameters bounded, printf formats checked."""
    if name in _PASS_THROUGH_FILTERS:
        return fn
    skip = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1  # context/eval_ctx comes first
    sized = name in _SIZED_FILTERS

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if sized:
            for value in (*args[skip:], *kwargs.values()):
                _check_int(value, f"filter {name!r}")
        if name == "format" and len(args) >= skip:
            check_printf(args[skip - 1])
        if name == "join" and len(args) >= skip:
            args = (*args[: skip - 1], list(args[skip - 1]), *args[skip:])  # counted, then joined
        if len(args) >= skip:
            reserve(_filter_size(name, args[skip - 1 :], kwargs))
        result = fn(*args, **kwargs)
        if isinstance(result, (list, tuple, dict)):
            reserve(len(result))  # list, sort, unique, dictsort … (items, not characters)
        return result

    return update_wrapper(bounded, fn)


def _finalize(value: Any) -> Any:
    """`{{ value }}` output: counted as the part's output; a container printed as text is also
    charged to the build budget before it is converted."""
    budget = BUDGET.get()
    if budget is None:
        return value
    kind = value.__class__
    if kind is str or kind is Markup:  # nearly every value: inline, this runs for every `{{ }}`
        budget.output -= len(value)
        if budget.output < 0:
            budget.emit(0)  # raises
    elif kind is int:
        budget.emit(value.bit_length() // 3 + 2)  # decimal digits and sign, rounded up
    elif kind is float or kind is bool or value is None:
        budget.emit(32)
    elif isinstance(value, str):
        budget.emit(len(value))
    else:
        size = text_size(value)
        budget.reserve(size)
        budget.emit(size)
    return value


def _limited_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise SecurityError(f"range() longer than {MAX_RANGE} is not allowed")
    _charge(len(result))
    return result


def environment(*, autoescape: bool) -> Sandbox:
    """A sandbox for HTML (autoescaping) or text parts; missing fields render empty."""
    env = Sandbox(autoescape=autoescape, undefined=ChainableUndefined, keep_trailing_newline=True, finalize=_finalize)
    env.concat = budgeted_concat  # type: ignore[method-assign]  # generated code reads environment.concat
    env.globals.pop("lipsum", None)  # CPU-heavy and useless in mail
    env.globals["range"] = _limited_range
    env.filters.update({name: _bounded_filter(name, fn) for name, fn in env.filters.items()})
    env.filters[LOOP_GUARD] = _loop_guard
    env.filters[CONCAT_GUARD] = concat_guard(markup_join if autoescape else str_join)
    return env
