"""What the CI checks share: a check that fails with a message, and GitHub's ${{ … }} expressions.

GitHub Actions replaces every ${{ expression }} in a step before the step runs. The checks do the
same with the values the engine would give (a matrix entry, a variable, a secret); an expression
they were not told about is an error, so a workflow cannot depend on something nobody checked.
"""
import re


class Failure(Exception):
    """A check that did not hold, with what was expected and what happened."""


def check(condition, message):
    if not condition:
        raise Failure(message)


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def substitute(text, values: dict) -> str:
    """Replaces ${{ … }} the way GitHub does before a step runs."""
    def one(m):
        if m.group(1) not in values:
            raise Failure(f"the workflow uses ${{{{ {m.group(1)} }}}}, which this check does not know")
        return str(values[m.group(1)])
    return EXPRESSION.sub(one, str(text))


def shell(text) -> str:
    """A word quoted for bash."""
    return "'" + str(text).replace("'", "'\\''") + "'"
