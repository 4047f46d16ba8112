"""Vale's `metric` formulas and conditions, evaluated without running any code.

A formula is arithmetic over named counts, e.g.
`(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59`;
a condition compares the result with a number, e.g. `> 8.0`.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterable

_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Pow: operator.pow,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_COMPARE = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
    "==": operator.eq, "!=": operator.ne,
}
_CONDITION = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


class FormulaError(ValueError):
    """A formula or condition that cannot be used; the message says why."""


Formula = Callable[[dict[str, float]], float]


def formula_names(source: str) -> frozenset[str]:
    """The counts a formula uses, e.g. {"words", "sentences"}; empty if it cannot be read."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return frozenset()
    return frozenset(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))


def compile_formula(source: str, variables: Iterable[str]) -> Formula:
    """Check `source` once and return a function that evaluates it for given counts."""
    allowed = set(variables)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"this formula is not arithmetic Bedside can read ({error.msg})") \
            from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in allowed:
            raise FormulaError(f"unknown count '{node.id}'; use {', '.join(sorted(allowed))}")
        if not isinstance(node, ast.Expression | ast.BinOp | ast.UnaryOp | ast.Constant
                          | ast.Name | ast.Load | ast.operator | ast.unaryop):
            raise FormulaError("a formula may use numbers, counts, + - * / ** and brackets only")
        if (isinstance(node, ast.BinOp) and type(node.op) not in _BINARY) or (
                isinstance(node, ast.UnaryOp) and type(node.op) not in _UNARY):
            raise FormulaError("a formula may use numbers, counts, + - * / ** and brackets only")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise FormulaError("a formula may use numbers, counts, + - * / ** and brackets only")

    def evaluate(values: dict[str, float]) -> float:
        return float(_evaluate(tree.body, values))

    return evaluate


def _evaluate(node: ast.AST, values: dict[str, float]) -> float:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_evaluate(node.operand, values))
    assert isinstance(node, ast.BinOp)
    return _BINARY[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))


def compile_condition(source: str) -> Callable[[float], bool]:
    """`> 8.0` becomes a test that is true for values above 8."""
    match = _CONDITION.match(str(source))
    if not match:
        raise FormulaError("write the condition as a comparison with a number, e.g. '> 8.0'")
    compare, limit = _COMPARE[match.group(1)], float(match.group(2))
    return lambda value: compare(value, limit)
