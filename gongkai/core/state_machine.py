"""A finite state machine as a transition table: (state, event) -> next state.

The three workflows of the platform use it: a catalog item version (core/catalog/workflow.py),
an application (core/application_states.py) and a rectification notice (core/oversight.py).
Each keeps its own states, events, labels and refusal message; the lookup, the refusal and
the list of allowed events are here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Generic, TypeVar

from gongkai.core.refusal import Refused

S = TypeVar("S", bound=Enum)
E = TypeVar("E", bound=Enum)


class InvalidTransition(Refused):
    """The event is impossible in the current state; the message is Chinese, for the user."""

    code = "invalid_transition"

    def __init__(self, state, event, message: str):
        self.state, self.event = state, event
        super().__init__(message)


class StateMachine(Generic[S, E]):
    def __init__(
        self, states: type[S], events: type[E], transitions: Mapping[tuple[S, E], S], refusal: Callable[[S, E], str]
    ):
        self.states, self.events = states, events
        self.transitions = dict(transitions)
        self.refusal = refusal

    def next(self, state: S | str, event: E | str) -> S:
        """The state after `event`; InvalidTransition if `event` is not allowed in `state`."""
        state, event = self.states(state), self.events(event)
        try:
            return self.transitions[(state, event)]
        except KeyError:
            raise InvalidTransition(state, event, self.refusal(state, event)) from None

    def allowed(self, state: S | str) -> list[E]:
        state = self.states(state)
        return [event for (s, event) in self.transitions if s == state]
