"""One generic state machine: a table of allowed transitions, applied in one place.

A workflow is a list of `Transition(source, target, action, allowed, ...)` for one model. Every
change of state goes through `apply_transition()`, which locks the row, checks the current state and
the person's right to act, changes the state, records a `StateTransition` and an audit entry, then
runs the workflow's `after` hook (timestamps, notifications…) in the same transaction.

    PLEDGE_WORKFLOW = Workflow(
        name="pledge",
        transitions=[Transition({"draft"}, "submitted", "submit", allowed=can_edit_pledge), ...],
        final_states={"published", "declined", "withdrawn"},
        after=pledge_after_transition,
    )
    register(Pledge, PLEDGE_WORKFLOW)
    apply_transition(pledge, "submit", by=user, comment="")   # -> StateTransition or TransitionError

Views, admin and the API all call `apply_transition` (usually through a thin service); the API maps
`TransitionError` to HTTP 409. Six status models use it: pledges, progress reports, endorsements,
focal-point requests, publications and newsletter issues, so `StateTransition` is the one log of
every status change. Steps the application takes itself (a worker finishing a publication, a
periodic task sending an issue) pass `by=None` and are allowed by `by_system` (or `or_system(...)`).
Admin actions come from `core.admin_workflow.transition_action`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit
from .audit import AuditAction
from .caching import note_public_change
from .errors import ConflictError
from .models import StateTransition  # noqa: F401 — re-exported for callers
from .registry import ExtensionPoint

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from .people import Person

# (user, obj) -> may this person act? `user` is a person or None (the application itself), `obj`
# an instance of the workflow's model; each workflow's predicates name their own model.
Predicate = Callable[[Any, Any], bool]
# check(obj) -> a translated reason the object is not ready (e.g. incomplete), or None.
Check = Callable[[Any], "StrOrPromise | None"]
# after(obj, transition, record, by) runs inside the transaction, after the state changed.
After = Callable[[Any, "Transition", StateTransition, Any], None]


def by_system(user: Person | None, obj: models.Model) -> bool:
    """The predicate of a step only the application takes (a worker, a periodic task): `by=None`."""
    return user is None


by_system.accepts_system = True  # type: ignore[attr-defined]  # a marker `_allowed` reads


def or_system(predicate: Predicate) -> Predicate:
    """A person `predicate` allows, or the application itself (`by=None`, e.g. a command)."""

    def allowed(user: Person | None, obj: models.Model) -> bool:
        return user is None or predicate(user, obj)

    allowed.accepts_system = True  # type: ignore[attr-defined]  # a marker `_allowed` reads
    return allowed


class TransitionError(ConflictError):
    """An illegal transition: wrong state or not ready (409), no right to act (403), or a
    missing comment (422, with the error on the "comment" field).

    `message` is translated and meant for the person; `code` is "state", "permission", "comment"
    or "invalid" (the transition's `check` found the object not ready).
    """

    code = "state"


@dataclass(frozen=True)
class Transition:
    source: frozenset[str]
    target: str
    action: str
    allowed: Predicate
    label: StrOrPromise = ""  # a lazy translated verb for buttons ("Publish")
    comment_required: bool = False
    check: Check | None = None
    # The audit action recorded when the transition is taken (an `AuditAction` member, past
    # tense: "pledge.published"); required, checked when the workflow is declared.
    recorded_as: AuditAction | None = None

    def __init__(
        self,
        source: Iterable[str] | str,
        target: str,
        action: str,
        allowed: Predicate,
        *,
        label: StrOrPromise = "",
        comment_required: bool = False,
        check: Check | None = None,
        recorded_as: AuditAction | None = None,
    ) -> None:
        object.__setattr__(
            self, "source", frozenset([source] if isinstance(source, str) else source)
        )
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "allowed", allowed)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "comment_required", comment_required)
        object.__setattr__(self, "check", check)
        object.__setattr__(self, "recorded_as", recorded_as)


@dataclass
class Workflow:
    name: str
    transitions: list[Transition]
    state_field: str = "status"
    final_states: frozenset[str] = field(default_factory=frozenset)
    after: After | None = None
    # Named sets of states other code asks about instead of naming states: "public" (what
    # visitors may see), "open_for_review", "final"… `final` is always defined from final_states.
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    # The workflow's own wording of a refusal, by TransitionError code ("state", "comment"…),
    # instead of the generic one: "This request has already been decided."
    messages: dict[str, StrOrPromise] = field(default_factory=dict)

    def __init__(
        self,
        name: str,
        transitions: list[Transition],
        state_field: str = "status",
        final_states: Iterable[str] = frozenset(),
        after: After | None = None,
        groups: Mapping[str, Iterable[str]] | None = None,
        messages: Mapping[str, StrOrPromise] | None = None,
    ) -> None:
        # Declarations give plain sets and dicts; the workflow keeps frozen copies.
        self.name = name
        self.transitions = transitions
        self.state_field = state_field
        self.final_states = frozenset(final_states)
        self.after = after
        self.groups = {name: frozenset(states) for name, states in (groups or {}).items()}
        self.messages = dict(messages or {})
        self.__post_init__()

    def __post_init__(self) -> None:
        actions = [(t.action, source) for t in self.transitions for source in t.source]
        if len(actions) != len(set(actions)):
            raise ValueError(f"Workflow {self.name}: one action leaves a state in two ways.")
        unrecorded = [
            t.action for t in self.transitions if not isinstance(t.recorded_as, AuditAction)
        ]
        if unrecorded:
            raise ValueError(
                f"Workflow {self.name}: transitions {unrecorded} name no audit action (recorded_as)."
            )
        self.groups.setdefault("final", self.final_states)
        known = self.states()
        for name, states in self.groups.items():
            if not states <= known:
                raise ValueError(f"Workflow {self.name}: group {name!r} names unknown states.")

    def states(self) -> frozenset[str]:
        """Every state a transition leaves or reaches."""
        return frozenset(
            {t.target for t in self.transitions}
            | {state for t in self.transitions for state in t.source}
        )

    def group(self, name: str) -> frozenset[str]:
        """The states of a named group; an unknown name is a programming error (KeyError)."""
        try:
            return self.groups[name]
        except KeyError:
            raise KeyError(f"Workflow {self.name} has no status group {name!r}.") from None

    def condition(self, group: str, relation: str = "") -> models.Q:
        """A queryset filter: in the status group (through `relation`, e.g. "pledges", if given)."""
        field_name = f"{relation}__{self.state_field}" if relation else self.state_field
        states = sorted(self.group(group))
        if len(states) == 1:
            return models.Q(**{field_name: states[0]})
        return models.Q(**{f"{field_name}__in": states})

    def state_of(self, obj: models.Model) -> str:
        state: str = getattr(obj, self.state_field)
        return state

    def find(self, state: str, action: str) -> Transition | None:
        for transition in self.transitions:
            if transition.action == action and state in transition.source:
                return transition
        return None

    def actions(self) -> set[str]:
        return {t.action for t in self.transitions}

    def available(self, obj: models.Model, user: Person | AnonymousUser | None) -> list[Transition]:
        """The transitions this person may take now (for buttons; the check is repeated on apply)."""
        state = self.state_of(obj)
        return [t for t in self.transitions if state in t.source and _allowed(t, user, obj)]

    def can(self, obj: models.Model, action: str, user: Person | AnonymousUser | None) -> bool:
        transition = self.find(self.state_of(obj), action)
        return transition is not None and _allowed(transition, user, obj)


def _allowed(
    transition: Transition, user: Person | AnonymousUser | None, obj: models.Model
) -> bool:
    if user is None:  # the application itself: only where the predicate says so
        return bool(
            getattr(transition.allowed, "accepts_system", False) and transition.allowed(None, obj)
        )
    return bool(user.is_authenticated and transition.allowed(user, obj))


# Each status model's workflow, keyed by model label ("pledges.pledge"); apps register from the
# module that declares the table, which their AppConfig.ready() imports.
WORKFLOWS: ExtensionPoint[Workflow] = ExtensionPoint(
    "core.workflows", "The state machine of each status model, by model label"
)


def register(model: type[models.Model], workflow: Workflow) -> None:
    WORKFLOWS.register(model._meta.label_lower, workflow)


def workflow_for(obj_or_model: models.Model | type[models.Model]) -> Workflow:
    return WORKFLOWS[obj_or_model._meta.label_lower]


def apply_transition(
    obj: models.Model,
    action: str,
    *,
    by: Person | AnonymousUser | None,
    comment: str = "",
    workflow: Workflow | None = None,
    data: dict[str, object] | None = None,
) -> StateTransition:
    """Take `action` on `obj` as `by` (None: the application itself; an anonymous visitor is
    refused), or raise TransitionError and change nothing.

    The row is re-read with SELECT … FOR UPDATE, so two clicks or two tabs cannot both succeed: the
    second sees the new state and is refused. `obj` is updated in place. `data` is added to the
    audit entry (what the step needed besides the comment: a date, a file size…).
    """
    workflow = workflow or workflow_for(obj)
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        state = workflow.state_of(locked)
        transition = workflow.find(state, action)
        if transition is None:
            if action not in workflow.actions():
                raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action})
            raise TransitionError(
                workflow.messages.get("state")
                or _("This cannot be done now: the item is “%(state)s”.")
                % {"state": _state_label(locked, workflow)}
            )
        if not _allowed(transition, by, locked):
            raise TransitionError(
                workflow.messages.get("permission") or _("You are not allowed to do this."),
                code="permission",
                status=403,
            )
        if transition.comment_required and not comment:
            reason = workflow.messages.get("comment") or _("Please give a reason.")
            raise TransitionError(reason, code="comment", status=422, errors={"comment": [reason]})
        problem = transition.check(locked) if transition.check is not None else None
        if problem:
            raise TransitionError(str(problem), code="invalid")
        setattr(locked, workflow.state_field, transition.target)
        locked.save(update_fields=[workflow.state_field])
        setattr(obj, workflow.state_field, transition.target)
        public = workflow.groups.get("public", frozenset())
        if (state in public) != (transition.target in public):
            # What visitors see changed; leaving the group moves no timestamp the fingerprint reads.
            note_public_change()
        record = StateTransition.objects.create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            from_state=state,
            to_state=transition.target,
            action=action,
            actor_id=by.pk if by is not None and by.is_authenticated else None,
            comment=comment,
        )
        assert transition.recorded_as is not None  # the Workflow refused transitions without one
        audit.record(
            actor=by,
            action=transition.recorded_as,
            target=obj,
            from_state=state,
            to_state=transition.target,
            comment=comment,
            **(data or {}),
        )
        if workflow.after is not None:
            workflow.after(obj, transition, record, by)
    return record


def _state_label(obj: models.Model, workflow: Workflow) -> str:
    display = getattr(obj, f"get_{workflow.state_field}_display", None)
    return str(display()) if display else workflow.state_of(obj)


def transitions_of(obj: models.Model) -> models.QuerySet[StateTransition]:
    """The recorded timeline of one object, oldest first, with the acting people."""
    return StateTransition.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("actor")
