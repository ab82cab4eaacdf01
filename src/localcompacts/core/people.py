"""The person a permission predicate asks about, as a type.

The user model (`accounts.User`) sits above most apps in the layers, so their predicates cannot
import it; they read only what this protocol names. An anonymous visitor has just
`is_authenticated` (False), which every predicate checks first.
"""

from typing import Any, Protocol


class Person(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_focal_point(self) -> bool: ...

    @property
    def is_reviewer(self) -> bool: ...

    @property
    def is_secretariat(self) -> bool: ...
